package dev.easel.provider.openai;

import dev.easel.catalog.ImageRequest;
import dev.easel.catalog.ImageUsage;
import dev.easel.provider.EncodedImage;
import dev.easel.provider.ImageBytes;
import dev.easel.provider.ImageSink;
import dev.easel.provider.UpstreamException;
import dev.easel.provider.http.AnswerBudget;
import dev.easel.provider.http.Deadline;
import dev.easel.provider.http.ImageBuffer;
import dev.easel.provider.http.ImageFormats;
import dev.easel.provider.http.UpstreamHttp;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an OpenAI {@code ImagesResponse} as a stream of tokens. A {@code b64_json} value is decoded
 * straight from the socket into the image's bytes by {@link B64JsonExtractor} (it never exists as a
 * String, which would cost twice the body in chars); a {@code url} is downloaded at once, since
 * upstream links expire. With one image, the body's length sizes its buffer: base64 is 4 characters
 * per 3 bytes, so 3/4 of the body bounds the image from above and the buffer is allocated once.
 * Each image goes to the sink as soon as its entry ends, a linked one once the answer is read. Reading
 * takes its share of the {@link AnswerBudget} once the body begins and hands it to the sink with the
 * images; an answer with links gives its share back before they are downloaded, each with a share of its
 * own (holding one share while waiting for another could leave every reader waiting on the others).
 */
final class OpenAiResponseReader {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * How far a larger body whose images are decoded here is read ahead of the parser, which asks for 8 kB
     * at a time: a socket read per 8 kB was about a third of the time a 1.5 MB answer took to arrive. A
     * small body keeps to the parser's own buffer: ten thousand of them may finish at once.
     */
    private static final int READ_AHEAD = 64 * 1024;
    /** A billion tokens: far beyond any image request, far below where prices overflow. */
    static final long MAX_REPORTED_TOKENS = 1_000_000_000L;

    private final UpstreamHttp http;

    OpenAiResponseReader(UpstreamHttp http) {
        this.http = http;
    }

    /**
     * @param contentLength the body's length when the upstream said it (0 otherwise), to size the image buffer
     */
    void read(InputStream body, long contentLength, ImageRequest request, ImageSink sink, Deadline deadline) {
        Answer answer;
        try {
            // An upstream may send its headers long before its image: the budget is taken once the body begins.
            PushbackInputStream arriving = new PushbackInputStream(body, 1);
            int first = arriving.read();
            if (first >= 0) {
                arriving.unread(first);
            }
            AnswerBudget.Share share = http.budget().take(holds(contentLength, sink.relays()), deadline);
            try {
                answer = parse(arriving, contentLength, request, sink);
            } catch (Throwable e) {
                share.close();
                throw e;
            }
            // The sink keeps the share while it keeps the images; links are fetched with shares of their own,
            // never while this one is held.
            if (answer.links().isEmpty()) {
                sink.holding(share);
            } else {
                share.close();
            }
        } catch (JacksonIOException e) {
            throw bodyFailure(e.getCause() instanceof Exception cause ? cause : e, deadline);
        } catch (IOException e) {
            throw bodyFailure(e, deadline);
        } catch (JacksonException e) {
            throw deadline.passed() ? http.timedOut(deadline) : malformed("is not valid JSON");
        }
        for (Link link : answer.links()) {
            ImageBytes image = http.download(link.url(), deadline, sink::holding);
            sink.completed(link.index(), new EncodedImage(image, ImageFormats.sniff(image, request.outputFormat()),
                    request.size(), link.revisedPrompt()));
        }
        if (answer.images() == 0) {
            // Never a 200 without an image: an empty `data` is an upstream failure.
            throw UpstreamException.mayHaveGenerated(false, "The upstream of channel `" + http.channel()
                    + "` answered without any image.");
        }
        if (answer.images() < request.n()) {
            throw UpstreamException.mayHaveGenerated(false, "The upstream of channel `" + http.channel()
                    + "` returned " + answer.images() + " of the " + request.n() + " images asked for.");
        }
        answer.usage().ifPresent(sink::usage);
    }

    /**
     * What reading an answer of this length (0: unknown) holds: the parser's buffers and the answer's
     * own JSON (32 kB, rounded up), the read-ahead of a large answer decoded here, and its images:
     * relayed, the block of text on its way to the client twice (an HTTP/2 connection copies it into
     * frames); decoded, the images whole, three quarters of the answer. An estimate after the heap
     * histograms of PERFORMANCE.md's capacity rounds; an answer of unknown length counts as one block.
     */
    static long holds(long contentLength, boolean relayed) {
        long block = contentLength > 0 ? Math.min(contentLength, ValueText.MAX_BLOCK) : ValueText.MAX_BLOCK;
        long readAhead = readsAhead(contentLength, relayed) ? READ_AHEAD : 0;
        long images = relayed ? 2 * block : Math.max(block, contentLength * 3 / 4);
        return 32 * 1024 + readAhead + images;
    }

    /**
     * Whether an answer is read ahead: one that is large or of unknown length, unless its images are
     * relayed, as their text is read straight into the blocks it is checked and written from (see
     * {@link ValueText}) and the JSON around it is small.
     */
    private static boolean readsAhead(long contentLength, boolean relayed) {
        return !relayed && (contentLength <= 0 || contentLength > READ_AHEAD);
    }

    /** What an answer told besides the images it passed on. */
    private record Answer(int images, List<Link> links, Optional<ImageUsage> usage) {
    }

    /** An image the answer links to instead of carrying: downloaded once the answer is read. */
    private record Link(int index, String url, Optional<String> revisedPrompt) {
    }

    private Answer parse(InputStream body, long contentLength, ImageRequest request, ImageSink sink)
            throws IOException {
        int images = 0;
        List<Link> links = new ArrayList<>();
        Optional<ImageUsage> usage = Optional.empty();
        OptionalLong answerLength = contentLength > 0 ? OptionalLong.of(contentLength) : OptionalLong.empty();
        InputStream source = readsAhead(contentLength, sink.relays()) ? new BufferedInputStream(body, READ_AHEAD) : body;
        B64JsonExtractor in = new B64JsonExtractor(source, request.n() == 1 ? contentLength * 3 / 4 : 0,
                index -> index < request.n() ? sink.relay(index, answerLength) : Optional.empty());
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw malformed("is not a JSON object");
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "data" -> images = readData(p, in, request, sink, links);
                    case "usage" -> usage = usage(p.readValueAsTree());
                    // Some aggregators answer 200 with an error object; its text may name keys or hosts.
                    case "error" -> throw malformed("carries an error instead of images");
                    default -> p.skipChildren();
                }
            }
        }
        return new Answer(images, links, usage);
    }

    private int readData(JsonParser p, B64JsonExtractor in, ImageRequest request, ImageSink sink, List<Link> links)
            throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw malformed("has a `data` that is not an array");
        }
        int index = 0;
        while (p.nextToken() == JsonToken.START_OBJECT) {
            Entry entry = readEntry(p, in);
            if (index < request.n()) { // extra images beyond n are not the client's to receive
                if (entry.value().isPresent() && entry.value().get() instanceof B64JsonExtractor.Relayed relayed) {
                    if (relayed.index() != index) { // only when images and links are mixed in one answer
                        throw malformed("mixes images and links");
                    }
                    sink.relayed(index, entry.revisedPrompt());
                } else if (entry.url().isPresent() && entry.value().isEmpty()) {
                    links.add(new Link(index, entry.url().get(), entry.revisedPrompt()));
                } else {
                    sink.completed(index, image(entry, request));
                }
            }
            index++;
        }
        return Math.min(index, request.n());
    }

    /** One entry of {@code data}, as read. */
    private record Entry(Optional<B64JsonExtractor.Value> value, Optional<String> url, Optional<String> revisedPrompt) {
    }

    private static Entry readEntry(JsonParser p, B64JsonExtractor in) throws IOException {
        Optional<B64JsonExtractor.Value> value = Optional.empty();
        Optional<String> url = Optional.empty();
        Optional<String> revised = Optional.empty();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken token = p.nextToken();
            switch (name) {
                case "b64_json" -> {
                    if (token == JsonToken.VALUE_STRING) {
                        value = Optional.of(in.value(p));
                    }
                }
                case "url" -> url = token == JsonToken.VALUE_STRING ? Optional.of(p.getString()) : url;
                case "revised_prompt" -> revised = token == JsonToken.VALUE_STRING ? Optional.of(p.getString()) : revised;
                default -> p.skipChildren();
            }
        }
        return new Entry(value, url, revised);
    }

    private EncodedImage image(Entry entry, ImageRequest request) {
        if (entry.value().isPresent() && entry.value().get() instanceof B64JsonExtractor.Decoded(ImageBuffer decoded)) {
            // The decoded image stays in the pieces it was decoded into: no copy.
            ImageBytes image = decoded.image();
            return new EncodedImage(image, ImageFormats.sniff(image, request.outputFormat()), request.size(),
                    entry.revisedPrompt());
        }
        throw malformed("has an image with neither b64_json nor url");
    }

    /**
     * OpenAI's usage object; the token details are optional, so the split falls back to the totals. Counts
     * no image request comes near (negative, or beyond {@link #MAX_REPORTED_TOKENS}) are a broken upstream,
     * not a bill: then Easel's own estimate is used.
     */
    static Optional<ImageUsage> usage(JsonNode u) {
        if (!u.path("input_tokens").isNumber() || !u.path("output_tokens").isNumber()) {
            return Optional.empty();
        }
        long input = u.path("input_tokens").asLong();
        long output = u.path("output_tokens").asLong();
        if (input < 0 || output < 0 || input > MAX_REPORTED_TOKENS || output > MAX_REPORTED_TOKENS) {
            return Optional.empty();
        }
        JsonNode in = u.path("input_tokens_details");
        JsonNode out = u.path("output_tokens_details");
        long inImage = Math.max(0, Math.min(input, in.path("image_tokens").asLong(0)));
        long outText = Math.max(0, Math.min(output, out.path("text_tokens").asLong(0)));
        return Optional.of(ImageUsage.of(Math.max(0, input - inImage), inImage, Math.max(0, output - outText), outText));
    }

    private UpstreamException bodyFailure(Exception cause, Deadline deadline) {
        return cause instanceof B64JsonExtractor.Malformed malformed && !deadline.passed()
                ? malformed(malformed.getMessage())
                : http.brokenBody(deadline, cause);
    }

    private UpstreamException malformed(String what) {
        return UpstreamException.mayHaveGenerated(false, "The answer of the upstream of channel `" + http.channel()
                + "` " + what + ".");
    }
}
