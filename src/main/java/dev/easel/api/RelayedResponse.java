package dev.easel.api;

import dev.easel.catalog.ImageRequest;
import dev.easel.catalog.ImageUsage;
import dev.easel.error.EaselException;
import dev.easel.generation.GenerationResult;
import dev.easel.provider.EncodedImage;
import dev.easel.provider.ImageSink;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.ObjectWriter;

/**
 * An images answer written while the upstream still sends it: the base64 text of each image goes
 * from the upstream's socket to the client's as it arrives (checked on the way, never decoded into an
 * image and encoded again), so a large image costs neither a second transfer time nor a copy held whole.
 *
 * <p>Nothing is sent until the first block of an image's text has been checked, so every failure
 * before that is still an ordinary error answer (and may still move to another channel). A failure
 * after it cannot become an error answer any more: the connection is closed before the declared
 * length (or the end of the chunked body), which every HTTP client reports as a failed request, never
 * as a complete answer with a cut-off image. Images the backend hands over decoded (the local
 * renderer, DashScope) are answered the usual way.
 *
 * <p>When the upstream said how long its answer is, this one declares a {@code Content-Length} too:
 * it can be no longer than the upstream's (the same text, at most two padding characters more per
 * image, strings escaped no longer than any valid JSON escapes them) plus Easel's own start and end,
 * whose longest form is known before the first byte. The difference is made up with trailing
 * whitespace, which JSON allows. A chunked answer would cost two more copies of the text in the
 * server's chunk writer.
 */
final class RelayedResponse implements ImageSink {
    private static final Logger LOG = LoggerFactory.getLogger(RelayedResponse.class);
    /** Token counts of the longest usage object (19 digits each, all sums included) for the bound. */
    private static final ImageUsage LONGEST_USAGE = ImageUsage.of(2_000_000_000_000_000_000L,
            2_000_000_000_000_000_000L, 2_000_000_000_000_000_000L, 2_000_000_000_000_000_000L);

    /**
     * Writes the answer's own JSON around the relayed text into the {@link Gate}: its flushes reach only
     * the gate, and neither closing the generator nor ending its content closes the response.
     */
    private static final ObjectWriter WRITER = Json.MAPPER.writer()
            .without(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .without(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .without(StreamWriteFeature.AUTO_CLOSE_CONTENT); // the end is written whole by finish

    /** How an answer with no images, created at 0, starts: its end follows. */
    private static final byte[] START_WITHOUT_IMAGES = "{\"created\":0,\"data\":[".getBytes(StandardCharsets.US_ASCII);

    private final ServerResponse res;
    private final ImageRequest request;
    private final Clock clock;
    private Optional<String> channel = Optional.empty();
    private Optional<JsonGenerator> json = Optional.empty();
    private final Gate out = new Gate();

    RelayedResponse(ServerResponse res, ImageRequest request, Clock clock) {
        this.res = res;
        this.request = request;
        this.clock = clock;
    }

    /** Whether an image was relayed: then the answer is this one's to finish. */
    boolean started() {
        return json.isPresent();
    }

    /**
     * What to throw for a failure: itself while nothing was sent, else an order to close the
     * connection, as an answer that has begun cannot turn into an error.
     */
    RuntimeException failed(RuntimeException failure) {
        if (!out.open) {
            return failure;
        }
        if (failure instanceof EaselException) {
            // An upstream failure, already logged where it was classified.
            LOG.debug("answer cut off after its images started going out: {}", failure.getMessage());
        } else {
            LOG.error("relayed answer cut off by an unexpected failure", failure);
        }
        return new CloseConnectionException("the relayed answer broke off", failure);
    }

    @Override
    public void servedBy(String name) {
        channel = Optional.of(name);
    }

    @Override
    public void completed(int imageIndex, EncodedImage image) {
        if (started()) {
            throw new IllegalStateException("image " + imageIndex + " arrived decoded after others were relayed");
        }
    }

    @Override
    public boolean relays() {
        return true;
    }

    @Override
    public Optional<OutputStream> relay(int imageIndex, OptionalLong answerLength) {
        JsonGenerator g = json.orElseGet(() -> start(answerLength));
        write(() -> {
            g.writeStartObject();
            g.writeName("b64_json");
            g.writeRawValue("\"");
            g.flush(); // into the gate: the text follows it directly
        });
        return Optional.of(new Text());
    }

    @Override
    public void relayed(int imageIndex, Optional<String> revisedPrompt) {
        JsonGenerator g = json.orElseThrow();
        write(() -> {
            g.writeRaw('"');
            revisedPrompt.ifPresent(p -> g.writeStringProperty("revised_prompt", p));
            g.writeEndObject();
        });
    }

    /** Writes the rest of the answer (what only the end of the generation tells, as usage) and ends it. */
    void finish(GenerationResult result) {
        JsonGenerator g = json.orElseThrow();
        byte[] end = end(result);
        write(() -> {
            g.close(); // flushes what it holds into the gate; the gate stays open
            out.write(end);
            out.padAndClose();
        });
    }

    private JsonGenerator start(OptionalLong answerLength) {
        JsonGenerator g = WRITER.createGenerator(out);
        json = Optional.of(g);
        write(() -> {
            g.writeStartObject();
            g.writeNumberProperty("created", clock.instant().getEpochSecond());
            g.writeArrayPropertyStart("data");
            g.flush();
        });
        answerLength.ifPresent(upstream -> out.declare(out.count + upstream + 2L * request.n() + longestEnd()));
        return g;
    }

    /** The longest end this request's answer can have: the longest usage, and a minus sign for every count. */
    private long longestEnd() {
        return end(new GenerationResult(0, request, List.of(), Optional.of(LONGEST_USAGE), "")).length + 7;
    }

    /**
     * The end of the answer after its images: {@code ]}, the fields after {@code data}, {@code }}. It is the
     * answer with no images and created at 0, less its start, so the fields stay where the answer puts them.
     */
    private static byte[] end(GenerationResult result) {
        GenerationResult noImages = new GenerationResult(0, result.request(), List.of(), result.usage(), "");
        byte[] answer = Json.MAPPER.writeValueAsBytes(ImagesResponses.of(noImages));
        if (!Arrays.equals(answer, 0, START_WITHOUT_IMAGES.length, START_WITHOUT_IMAGES, 0,
                START_WITHOUT_IMAGES.length)) {
            throw new IllegalStateException("an images answer that does not start with created and data");
        }
        return Arrays.copyOfRange(answer, START_WITHOUT_IMAGES.length, answer.length);
    }

    private interface Writing {
        void run() throws IOException;
    }

    private static void write(Writing writing) {
        try {
            writing.run();
        } catch (IOException | UncheckedIOException | JacksonIOException | ServerConnectionException e) {
            throw new ClientGoneException(); // the server reports a failed socket write as its own exception
        }
    }

    /** One image's base64 text, written straight into the response. */
    private final class Text extends OutputStream {
        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            RelayedResponse.write(() -> {
                out.open();
                out.write(b, off, len);
            });
        }
    }

    /** Holds the start of the answer until the first checked text opens the response, and counts. */
    private final class Gate extends OutputStream {
        private final ByteArrayOutputStream held = new ByteArrayOutputStream(256);
        private OutputStream target = held;
        private boolean open;
        private long count;
        private OptionalLong declared = OptionalLong.empty();

        void declare(long length) {
            declared = OptionalLong.of(length);
        }

        void open() throws IOException {
            if (!open) {
                open = true;
                res.header(HeaderNames.CONTENT_TYPE, "application/json");
                channel.ifPresent(name -> res.header(Routes.CHANNEL_HEADER, name));
                declared.ifPresent(length -> res.header(HeaderNames.CONTENT_LENGTH, Long.toString(length)));
                target = res.outputStream();
                held.writeTo(target);
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (declared.isPresent() && count + len > declared.getAsLong()) {
                // Not the client's doing: the bound in the class comment does not hold for this answer.
                throw new IllegalStateException("the relayed answer outgrew its declared length");
            }
            target.write(b, off, len);
            count += len;
        }

        /** Fills the declared length with spaces (JSON's insignificant whitespace) and ends the response. */
        void padAndClose() throws IOException {
            open();
            if (declared.isPresent()) {
                byte[] spaces = new byte[(int) Math.min(8192, declared.getAsLong() - count)];
                Arrays.fill(spaces, (byte) ' ');
                while (count < declared.getAsLong()) {
                    write(spaces, 0, (int) Math.min(spaces.length, declared.getAsLong() - count));
                }
            }
            target.close();
        }
    }
}
