package dev.easel.upstream;

import dev.easel.upstream.FakeHttpServer.Recorded;
import dev.easel.upstream.FakeHttpServer.Reply;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible Images API at the HTTP level: by default every generation answers with one
 * base64 PNG and a usage object, like gpt-image models; tests queue other answers (url bodies,
 * errors, faults). Image links it hands out are served under {@code /files/}.
 */
public final class FakeOpenAiUpstream implements AutoCloseable {
    public static final byte[] IMAGE = TestImages.png(8, 8, 0x3366cc);
    public static final String USAGE = "{\"total_tokens\":4300,\"input_tokens\":100,\"output_tokens\":4200,"
            + "\"input_tokens_details\":{\"text_tokens\":90,\"image_tokens\":10},"
            + "\"output_tokens_details\":{\"image_tokens\":4160,\"text_tokens\":40}}";

    private final FakeHttpServer server = new FakeHttpServer();
    private final AtomicInteger files = new AtomicInteger();

    public FakeOpenAiUpstream() {
        server.always("/", r -> Reply.json(200, b64Body(IMAGE)));
    }

    /** Base URL in the OpenAI style, ending in {@code /v1}. */
    public String baseUrl() {
        return server.origin() + "/v1";
    }

    /** Base URL of an Azure OpenAI resource. */
    public String origin() {
        return server.origin();
    }

    /** Answers the next generation with {@code reply}. */
    public FakeOpenAiUpstream enqueue(Reply reply) {
        server.enqueue("/", reply);
        return this;
    }

    /** Serves an image at a fresh link and returns the link. */
    public String host(byte[] image) {
        String path = "/files/img-" + files.incrementAndGet() + ".png";
        server.enqueue(path, Reply.bytes(200, "image/png", image));
        return server.origin() + path;
    }

    /** A link that answers 404, as an expired upstream link does. */
    public String expiredLink() {
        String path = "/files/expired-" + files.incrementAndGet() + ".png";
        server.enqueue(path, Reply.json(404, "{\"error\":\"gone\"}"));
        return server.origin() + path;
    }

    /** Generation requests received (image downloads excluded). */
    public List<Recorded> generations() {
        return server.requests().stream().filter(r -> !r.path().startsWith("/files/")).toList();
    }

    public List<Recorded> downloads() {
        return server.requests("/files/");
    }

    /** A gpt-image style answer: base64 images plus usage. */
    public static String b64Body(byte[]... images) {
        StringBuilder data = new StringBuilder();
        for (byte[] image : images) {
            data.append(data.isEmpty() ? "" : ",").append("{\"b64_json\":\"")
                    .append(Base64.getEncoder().encodeToString(image)).append("\"}");
        }
        return "{\"created\":1763700000,\"data\":[" + data + "],\"background\":\"opaque\",\"output_format\":\"png\","
                + "\"size\":\"1024x1024\",\"quality\":\"high\",\"usage\":" + USAGE + "}";
    }

    /** A DALL-E style answer with a link and a revised prompt. */
    public static String urlBody(String url, String revisedPrompt) {
        return "{\"created\":1763700000,\"data\":[{\"url\":\"" + url + "\",\"revised_prompt\":\"" + revisedPrompt + "\"}]}";
    }

    public static String error(String type, String code, String message) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":"
                + (code.isEmpty() ? "null" : "\"" + code + "\"") + "}}";
    }

    @Override
    public void close() {
        server.close();
    }
}
