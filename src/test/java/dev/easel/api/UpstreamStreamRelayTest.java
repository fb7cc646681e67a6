package dev.easel.api;

import static dev.easel.OpenAiErrors.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.easel.TestEasel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A streaming request through an OpenAI-compatible upstream that streams: events are relayed as they come. */
class UpstreamStreamRelayTest {
    private static final byte[] PARTIAL = {(byte) 0x89, 'P', 'N', 'G', 1};
    private static final byte[] FINAL = {(byte) 0x89, 'P', 'N', 'G', 2, 2};

    private final CountDownLatch clientSawPartial = new CountDownLatch(1);
    private final AtomicReference<String> upstreamBody = new AtomicReference<>("");
    private HttpServer upstream;

    @AfterEach
    void stop() {
        if (upstream != null) {
            upstream.stop(0);
        }
    }

    /** A slow streaming upstream: a partial event, then (once released or after a pause) the rest. */
    private String startUpstream(long delayBeforeFirstMs, List<String> eventsAfterPartial, boolean waitForClient) throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/v1/images/generations", exchange -> {
            upstreamBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                sleep(delayBeforeFirstMs);
                out.write(event("image_generation.partial_image", "{\"type\":\"image_generation.partial_image\","
                        + "\"b64_json\":\"" + b64(PARTIAL) + "\",\"partial_image_index\":0}"));
                out.flush();
                if (waitForClient) {
                    clientSawPartial.await(20, TimeUnit.SECONDS);
                }
                for (String e : eventsAfterPartial) {
                    out.write(e.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        upstream.start();
        return """
                sse_keepalive: 50ms
                channels:
                  - name: streaming-upstream
                    type: openai
                    base_url: http://127.0.0.1:%d/v1
                    api_key_env: UPSTREAM_KEY
                    models: [gpt-image-2]
                """.formatted(upstream.getAddress().getPort());
    }

    private static String completed() {
        return new String(event("image_generation.completed", "{\"type\":\"image_generation.completed\",\"b64_json\":\""
                + b64(FINAL) + "\",\"usage\":{\"total_tokens\":300,\"input_tokens\":100,\"output_tokens\":200,"
                + "\"input_tokens_details\":{\"text_tokens\":100,\"image_tokens\":0}}}"), StandardCharsets.UTF_8);
    }

    @Test
    void theFirstPartialReachesTheClientBeforeTheUpstreamFinishes() throws Exception {
        try (TestEasel easel = TestEasel.start(startUpstream(0, List.of(completed()), true),
                Map.of("UPSTREAM_KEY", "sk-up"))) {
            List<String> events = new ArrayList<>();
            try (BufferedReader reader = open(easel)) {
                for (String line; (line = reader.readLine()) != null; ) {
                    if (line.startsWith("data: ")) {
                        events.add(line);
                        if (line.contains("partial_image")) {
                            clientSawPartial.countDown(); // only now may the fake upstream finish
                        }
                    }
                }
            }

            assertThat(clientSawPartial.getCount()).isZero();
            assertThat(events).hasSize(2);
            assertThat(json(events.get(0).substring(6)).get("b64_json").asString()).isEqualTo(b64(PARTIAL));
            assertThat(json(events.get(1).substring(6)).get("b64_json").asString()).isEqualTo(b64(FINAL));
            assertThat(json(events.get(1).substring(6)).get("usage").get("total_tokens").asLong()).isPositive();
            assertThat(json(upstreamBody.get()).get("stream").asBoolean()).isTrue();
            assertThat(json(upstreamBody.get()).get("partial_images").asInt()).isEqualTo(1);
        }
    }

    @Test
    void keepAlivesFlowWhileASlowUpstreamIsSilent() throws Exception {
        try (TestEasel easel = TestEasel.start(startUpstream(400, List.of(completed()), false),
                Map.of("UPSTREAM_KEY", "sk-up"))) {
            String transcript = readAll(open(easel));

            int firstEvent = transcript.indexOf("event: ");
            assertThat(transcript.substring(0, firstEvent)).contains(": keep-alive");
            assertThat(transcript).contains("image_generation.completed");
        }
    }

    @Test
    void anUpstreamErrorAfterTheStreamStartedBecomesAnErrorEvent() throws Exception {
        String error = new String(event("error", "{\"type\":\"error\",\"error\":{\"message\":\"boom\","
                + "\"type\":\"server_error\",\"param\":null,\"code\":null}}"), StandardCharsets.UTF_8);
        try (TestEasel easel = TestEasel.start(startUpstream(0, List.of(error), false), Map.of("UPSTREAM_KEY", "sk-up"))) {
            String transcript = readAll(open(easel)).replace(": keep-alive\n\n", "");

            assertThat(transcript).startsWith("event: image_generation.partial_image");
            int errorAt = transcript.indexOf("event: error\ndata: ");
            assertThat(errorAt).isPositive();
            var body = json(transcript.substring(errorAt + "event: error\ndata: ".length()).strip());
            assertThat(body.get("error").get("message").asString()).contains("boom");
            assertThat(body.get("error").has("param")).isTrue();
            assertThat(transcript).doesNotContain("image_generation.completed");
        }
    }

    private static BufferedReader open(TestEasel easel) throws Exception {
        HttpRequest request = easel.request("/v1/images/generations", TestEasel.API_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-image-2\",\"prompt\":\"a boat\","
                        + "\"stream\":true,\"partial_images\":1}")).build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        return new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    private static String readAll(BufferedReader reader) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String line; (line = reader.readLine()) != null; ) {
            sb.append(line).append('\n');
        }
        reader.close();
        return sb.toString();
    }

    private static byte[] event(String name, String data) {
        return ("event: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
