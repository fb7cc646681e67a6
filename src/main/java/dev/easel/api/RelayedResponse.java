package dev.easel.api;

import dev.easel.generation.GenerationResult;
import dev.easel.provider.EncodedImage;
import dev.easel.provider.ImageSink;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;

/**
 * An images answer written while the upstream still sends it: the base64 text of each image goes
 * from the upstream's socket to the client's as it arrives (checked on the way, never decoded into an
 * image and encoded again), so a large image costs neither a second transfer time nor a copy held whole.
 *
 * <p>Nothing is sent until the first block of an image's text has been checked, so every failure
 * before that is still an ordinary error answer (and may still move to another channel). A failure
 * after it cannot become an error answer any more: the connection is closed without the end of the
 * chunked body, which every HTTP client reports as a failed request (never as a complete answer with
 * a cut-off image). Images the backend hands over decoded (the local renderer, DashScope) are
 * answered the usual way.
 */
final class RelayedResponse implements ImageSink {
    private static final Logger LOG = LoggerFactory.getLogger(RelayedResponse.class);
    private final ServerResponse res;
    private final Clock clock;
    private Optional<String> channel = Optional.empty();
    private Optional<JsonGenerator> json = Optional.empty();
    private final Gate out = new Gate();

    RelayedResponse(ServerResponse res, Clock clock) {
        this.res = res;
        this.clock = clock;
    }

    /** Whether an image was relayed: then the answer is this one's to finish. */
    boolean started() {
        return json.isPresent();
    }

    /**
     * What to throw for a failure during the generation: itself while nothing was sent, else an order to
     * close the connection, as an answer that has begun cannot turn into an error.
     */
    RuntimeException failed(RuntimeException failure) {
        if (!out.open) {
            return failure;
        }
        LOG.debug("answer cut off after its images started going out: {}", failure.getMessage());
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
    public Optional<OutputStream> relay(int imageIndex) {
        JsonGenerator g = json.orElseGet(this::start);
        write(() -> {
            g.writeStartObject();
            g.writeName("b64_json");
            g.writeRawValue("\"");
            g.flush(); // into the response's buffer: the text follows it directly
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
        JsonNode whole = Json.MAPPER.valueToTree(ImagesResponses.of(result));
        write(() -> {
            g.writeEndArray();
            for (Map.Entry<String, JsonNode> field : whole.properties()) {
                if (!field.getKey().equals("created") && !field.getKey().equals("data")) {
                    g.writeName(field.getKey());
                    g.writeTree(field.getValue());
                }
            }
            g.writeEndObject();
            g.close(); // and the response: the end of the chunked body says the answer is complete
        });
    }

    private JsonGenerator start() {
        JsonGenerator g = Json.MAPPER.writer().without(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
                .createGenerator(out);
        json = Optional.of(g);
        write(() -> {
            g.writeStartObject();
            g.writeNumberProperty("created", clock.instant().getEpochSecond());
            g.writeArrayPropertyStart("data");
        });
        return g;
    }

    private interface Writing {
        void run() throws IOException;
    }

    private static void write(Writing writing) {
        try {
            writing.run();
        } catch (IOException | UncheckedIOException | JacksonException e) {
            throw new ClientGoneException();
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

    /** Holds the start of the answer until the first checked text opens the response. */
    private final class Gate extends OutputStream {
        private final ByteArrayOutputStream held = new ByteArrayOutputStream(256);
        private OutputStream target = held;
        private boolean open;

        void open() throws IOException {
            if (!open) {
                open = true;
                res.header(HeaderNames.CONTENT_TYPE, "application/json");
                channel.ifPresent(name -> res.header(Routes.CHANNEL_HEADER, name));
                target = res.outputStream();
                held.writeTo(target);
            }
        }

        @Override
        public void write(int b) throws IOException {
            target.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            open();
            target.close();
        }
    }
}
