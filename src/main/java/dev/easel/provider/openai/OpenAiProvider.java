package dev.easel.provider.openai;

import dev.easel.catalog.ImageRequest;
import dev.easel.provider.ImageProvider;
import dev.easel.provider.ImageSink;
import dev.easel.provider.http.AnswerBudget;
import dev.easel.provider.http.Deadline;
import dev.easel.provider.http.UpstreamHttp;
import dev.easel.provider.http.UpstreamResponse;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generates through an OpenAI-compatible upstream: one {@code POST .../images/generations} per
 * request, sent with exactly the parameters the model takes, and the answer relayed image by image.
 * A streaming request is streamed upstream too, and the upstream's events are relayed as they
 * arrive; an upstream that answers a stream with plain JSON still works (without partial images).
 */
public final class OpenAiProvider implements ImageProvider {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final OpenAiEndpoint endpoint;
    private final UpstreamHttp http;
    private final OpenAiResponseReader reader;
    private final OpenAiStreamReader streamReader;

    /** @param name the channel's name, used in errors and the {@code x-easel-channel} header */
    public OpenAiProvider(String name, OpenAiEndpoint endpoint) {
        this(name, endpoint, AnswerBudget.ofHeap());
    }

    /** @param budget what the answers being read may hold at once, shared with every other channel's */
    OpenAiProvider(String name, OpenAiEndpoint endpoint, AnswerBudget budget) {
        this.name = name;
        this.endpoint = endpoint;
        this.http = new UpstreamHttp(name, endpoint.timeouts(), budget);
        this.reader = new OpenAiResponseReader(http);
        this.streamReader = new OpenAiStreamReader(http);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void generate(ImageRequest request, ImageSink sink) {
        String upstreamModel = endpoint.upstreamModel(request.model().id());
        byte[] body = JSON.writeValueAsBytes(OpenAiRequestBody.build(request, upstreamModel, endpoint.flavor()));
        boolean stream = request.stream() && request.model().streams();
        Map.Entry<String, String> auth = switch (endpoint.flavor()) {
            case OPENAI -> Map.entry("Authorization", "Bearer " + endpoint.key().reveal());
            case AZURE -> Map.entry("api-key", endpoint.key().reveal());
        };
        Map<String, String> headers = Map.ofEntries(auth, Map.entry("Content-Type", "application/json"),
                Map.entry("Accept", stream ? "text/event-stream" : "application/json"));
        try (Deadline deadline = http.deadline();
             UpstreamResponse response = http.post(endpoint.generations(upstreamModel), headers, body, deadline)) {
            boolean events = response.header("content-type").map(t -> t.startsWith("text/event-stream")).orElse(false);
            if (events) {
                streamReader.read(response.body(), request, sink, deadline);
            } else {
                reader.read(response.body(), response.contentLength(), request, sink, deadline);
            }
            response.finish();
        }
    }
}
