package dev.easel.provider.openai;

import dev.easel.catalog.ImageRequest;
import dev.easel.provider.ImageProvider;
import dev.easel.provider.ImageSink;
import dev.easel.provider.http.Deadline;
import dev.easel.provider.http.UpstreamHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
        this.name = name;
        this.endpoint = endpoint;
        this.http = new UpstreamHttp(name, endpoint.timeouts());
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
        HttpRequest.Builder call = HttpRequest.newBuilder(endpoint.generations(upstreamModel))
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        switch (endpoint.flavor()) {
            case OPENAI -> call.header("Authorization", "Bearer " + endpoint.key().reveal());
            case AZURE -> call.header("api-key", endpoint.key().reveal());
        }
        try (Deadline deadline = http.deadline()) {
            HttpResponse<InputStream> response = http.exchange(call, deadline);
            long length = response.headers().firstValueAsLong("content-length").orElse(0);
            boolean events = response.headers().firstValue("content-type")
                    .map(t -> t.startsWith("text/event-stream")).orElse(false);
            try (InputStream in = response.body()) {
                if (events) {
                    streamReader.read(in, request, sink, deadline);
                } else {
                    reader.read(in, length, request, sink, deadline);
                }
            } catch (IOException e) {
                throw http.brokenBody(deadline, e); // only close() can throw here, after everything was read
            }
        }
    }
}
