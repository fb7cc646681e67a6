package dev.easel.provider.openai;

import dev.easel.catalog.ImageRequest;
import dev.easel.catalog.ImageUsage;
import dev.easel.provider.EncodedImage;
import dev.easel.provider.ImageBytes;
import dev.easel.provider.ImageSink;
import dev.easel.provider.UpstreamException;
import dev.easel.provider.http.Deadline;
import dev.easel.provider.http.ImageFormats;
import dev.easel.provider.http.UpstreamHttp;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Relays an upstream's image event stream as it arrives: each {@code partial_image} and
 * {@code completed} event goes to the sink the moment its line ends, never buffered to the end of the
 * stream. Each {@code data:} line is parsed straight from the socket, its {@code b64_json} decoded
 * into image bytes without ever becoming a String. Events are told apart by their JSON {@code type},
 * as the SDKs do; an upstream's images arrive one after another, so completed events count them.
 */
final class OpenAiStreamReader {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_FIELD_NAME = 64;

    private final UpstreamHttp http;

    OpenAiStreamReader(UpstreamHttp http) {
        this.http = http;
    }

    void read(InputStream socket, ImageRequest request, ImageSink sink, Deadline deadline) {
        Lines in = new Lines(socket);
        int completed = 0;
        long inText = 0;
        long inImage = 0;
        long outImage = 0;
        long outText = 0;
        boolean sawUsage = false;
        try {
            for (String field; (field = fieldName(in)) != null; ) {
                if (!field.equals("data")) {
                    skipLine(in); // event names, ids and comments: the JSON says everything we need
                    continue;
                }
                Event event = parse(in.restOfLine());
                skipLine(in);
                switch (event.type()) {
                    case "image_generation.partial_image" -> sink.partial(Math.min(completed, request.n() - 1),
                            event.partialIndex(), image(event, request));
                    case "image_generation.completed" -> {
                        if (completed < request.n()) {
                            sink.completed(completed, image(event, request));
                        }
                        completed++;
                        if (event.usage().isPresent()) {
                            ImageUsage u = event.usage().get();
                            inText += u.inputTextTokens();
                            inImage += u.inputImageTokens();
                            outImage += u.outputImageTokens();
                            outText += u.outputTextTokens();
                            sawUsage = true;
                        }
                    }
                    case "error" -> throw UpstreamException.mayHaveGenerated(false, "The upstream of channel `"
                            + http.channel() + "` failed mid-stream: " + event.errorMessage().orElse("no reason given"));
                    default -> { } // unknown event types are the upstream's own business
                }
            }
        } catch (IOException e) {
            throw http.brokenBody(deadline, e);
        } catch (JacksonException e) {
            throw deadline.passed() ? http.timedOut(deadline) : UpstreamException.mayHaveGenerated(false,
                    "The event stream of the upstream of channel `" + http.channel() + "` is not valid.");
        }
        if (completed < request.n()) {
            throw UpstreamException.mayHaveGenerated(false, "The upstream of channel `" + http.channel()
                    + "` ended its stream after " + completed + " of the " + request.n() + " images asked for.");
        }
        if (sawUsage) {
            sink.usage(ImageUsage.of(inText, inImage, outImage, outText));
        }
    }

    private EncodedImage image(Event event, ImageRequest request) {
        ImageBytes bytes = event.image().orElseThrow(() -> UpstreamException.mayHaveGenerated(false,
                "The upstream of channel `" + http.channel() + "` sent an image event without an image."));
        return new EncodedImage(bytes, ImageFormats.sniff(bytes, request.outputFormat()), request.size(), Optional.empty());
    }

    private record Event(String type, Optional<ImageBytes> image, int partialIndex, Optional<ImageUsage> usage,
                         Optional<String> errorMessage) {
    }

    private static Event parse(InputStream line) throws IOException {
        String type = "";
        Optional<ImageBytes> image = Optional.empty();
        int partialIndex = 0;
        Optional<ImageUsage> usage = Optional.empty();
        Optional<String> error = Optional.empty();
        B64JsonExtractor in = new B64JsonExtractor(line, 0);
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("event data is not a JSON object");
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "type" -> type = p.getString();
                    case "b64_json" -> {
                        if (value == JsonToken.VALUE_STRING) {
                            image = Optional.of(in.decoded(p).image());
                        }
                    }
                    case "partial_image_index" -> partialIndex = p.getIntValue();
                    case "usage" -> usage = OpenAiResponseReader.usage(p.readValueAsTree());
                    case "error" -> {
                        JsonNode e = p.readValueAsTree();
                        type = "error";
                        error = Optional.of(e.path("message").asString("upstream error"));
                    }
                    default -> p.skipChildren();
                }
            }
        }
        return new Event(type, image, partialIndex, usage, error);
    }

    /** Reads an SSE field name up to ':'; null at the end of the stream. Blank lines are skipped. */
    private static String fieldName(Lines in) throws IOException {
        StringBuilder name = new StringBuilder();
        for (int c; (c = in.read()) != -1; ) {
            if (c == ':') {
                if (in.peek() == ' ') {
                    in.read(); // the space after the colon is optional
                }
                return name.toString();
            }
            if (c == '\n') {
                if (name.isEmpty()) {
                    continue; // the blank line that ends an event
                }
                return ""; // a field without a value: nothing to do
            }
            if (c != '\r' && name.length() < MAX_FIELD_NAME) {
                name.append((char) c);
            }
        }
        return null;
    }

    private static void skipLine(Lines in) throws IOException {
        for (int c; (c = in.read()) != -1 && c != '\n'; ) {
            // discard
        }
    }

    /**
     * A buffered view of the socket that can hand out the rest of the current line as a stream (for
     * the JSON parser) without copying it or reading past its end. Lines may be megabytes long.
     */
    private static final class Lines {
        private final InputStream in;
        private final byte[] buf = new byte[64 * 1024];
        private int pos;
        private int limit;

        Lines(InputStream in) {
            this.in = in;
        }

        private boolean fill() throws IOException {
            if (pos < limit) {
                return true;
            }
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        }

        int read() throws IOException {
            return fill() ? buf[pos++] & 0xff : -1;
        }

        int peek() throws IOException {
            return fill() ? buf[pos] & 0xff : -1;
        }

        /** The bytes up to (not including) the next '\n'. */
        InputStream restOfLine() {
            return new InputStream() {
                private boolean ended;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (ended || len == 0 || !fill()) {
                        ended = true;
                        return -1;
                    }
                    int n = 0;
                    while (n < len && pos < limit) {
                        byte c = buf[pos];
                        if (c == '\n') {
                            ended = true;
                            break;
                        }
                        b[off + n++] = c;
                        pos++;
                    }
                    return n == 0 ? -1 : n;
                }

                @Override
                public void close() {
                    // the event stream goes on after this line
                }
            };
        }
    }
}
