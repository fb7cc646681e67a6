package dev.easel.api;

import static dev.easel.OpenAiErrors.assertError;
import static dev.easel.OpenAiErrors.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.images.ImageGenStreamEvent;
import com.openai.models.images.ImageGenerateParams;
import dev.easel.RecordedLogs;
import dev.easel.TestEasel;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** {@code stream: true}: OpenAI's image events over SSE, from a running Easel. */
class ImageStreamingTest {
    private static final String GENERATIONS = "/v1/images/generations";
    private static TestEasel easel;

    @BeforeAll
    static void start() {
        easel = TestEasel.start("sse_keepalive: 50ms\n");
    }

    @AfterAll
    static void stop() {
        easel.close();
    }

    @Test
    void theOfficialSdkParsesPartialAndCompletedEvents() {
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(easel.baseUrl() + "/v1").apiKey(TestEasel.API_KEY)
                .maxRetries(0).build();
        try (StreamResponse<ImageGenStreamEvent> stream = client.images().generateStreaming(ImageGenerateParams.builder()
                .model("gpt-image-2").prompt("A paper boat floating on calm water at sunrise")
                .size(ImageGenerateParams.Size.of("1024x1024")).quality(ImageGenerateParams.Quality.LOW)
                .partialImages(2).build())) {
            List<ImageGenStreamEvent> events = stream.stream().toList();

            assertThat(events).hasSize(3);
            assertThat(events.get(0).asGenerationPartialImage().partialImageIndex()).isZero();
            assertThat(events.get(1).asGenerationPartialImage().partialImageIndex()).isEqualTo(1);
            var completed = events.get(2).asGenerationCompleted();
            assertThat(completed.usage().outputTokens()).isPositive();
            assertThat(completed.b64Json()).isNotEmpty();
        } finally {
            client.close();
        }
    }

    @Test
    void theStreamedImageIsByteIdenticalToTheNonStreamedOne() {
        String body = "{\"model\":\"gpt-image-1\",\"prompt\":\"a red house by a lake\",\"quality\":\"low\"";
        String plain = json(easel.post(GENERATIONS, TestEasel.API_KEY, body + "}").body())
                .get("data").get(0).get("b64_json").asString();

        List<Event> events = stream(body + ",\"stream\":true,\"partial_images\":3}");

        assertThat(events).extracting(Event::name).containsExactly(ImageEvents.PARTIAL, ImageEvents.PARTIAL,
                ImageEvents.PARTIAL, ImageEvents.COMPLETED);
        assertThat(events.get(3).data().get("b64_json").asString()).isEqualTo(plain);
    }

    @ParameterizedTest(name = "partial_images={0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void eachPartialImageCountGivesThatManyPartialsThenOneCompleted(int partials) {
        List<Event> events = stream("{\"model\":\"gpt-image-1-mini\",\"prompt\":\"a yellow circle\",\"quality\":\"low\","
                + "\"stream\":true,\"partial_images\":" + partials + "}");

        assertThat(events).hasSize(partials + 1);
        for (int i = 0; i < partials; i++) {
            JsonNode data = events.get(i).data();
            assertThat(data.get("type").asString()).isEqualTo(ImageEvents.PARTIAL);
            assertThat(data.get("partial_image_index").asInt()).isEqualTo(i);
            assertThat(data.get("size").asString()).isEqualTo("1024x1024");
            assertThat(data.get("output_format").asString()).isEqualTo("png");
        }
        JsonNode completed = events.get(partials).data();
        assertThat(completed.get("type").asString()).isEqualTo(ImageEvents.COMPLETED);
        assertThat(completed.get("usage").get("total_tokens").asLong()).isPositive();
        assertThat(completed.has("created_at")).isTrue();
    }

    @Test
    void eachImageOfNGetsItsOwnCompletedEventWithItsIndexAndUsageAddsUp() {
        String body = "{\"model\":\"gpt-image-2\",\"prompt\":\"a sailboat on a stormy sea\",\"quality\":\"low\",\"n\":2";
        JsonNode whole = json(easel.post(GENERATIONS, TestEasel.API_KEY, body + "}").body()).get("usage");

        List<Event> events = stream(body + ",\"stream\":true}");

        assertThat(events).extracting(e -> e.data().get("image_index").asInt()).containsExactly(0, 1);
        long total = events.stream().mapToLong(e -> e.data().get("usage").get("total_tokens").asLong()).sum();
        assertThat(total).isEqualTo(whole.get("total_tokens").asLong());
        assertThat(events.get(0).data().get("b64_json").asString())
                .isNotEqualTo(events.get(1).data().get("b64_json").asString());
    }

    @Test
    void theWireFormatIsEventAndDataLinesWithoutDone() throws Exception {
        HttpResponse<String> r = easel.post(GENERATIONS, TestEasel.API_KEY,
                "{\"model\":\"gpt-image-2\",\"prompt\":\"a boat\",\"quality\":\"low\",\"stream\":true}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        String events = r.body().replace(": keep-alive\n\n", ""); // keep-alives may come at any point
        assertThat(events).startsWith("event: image_generation.completed\ndata: {\"type\":\"image_generation.completed\"")
                .endsWith("}\n\n").doesNotContain("[DONE]");
        assertThat(events.split("\n\n")).hasSize(1);
    }

    @Test
    void keepAliveCommentsFlowWhileALongImageRenders() {
        HttpResponse<String> r = easel.post(GENERATIONS, TestEasel.API_KEY, "{\"model\":\"gpt-image-2\",\"prompt\":"
                + "\"snowy mountains and a pine forest at dusk\",\"size\":\"3840x2160\",\"quality\":\"high\",\"n\":3,"
                + "\"stream\":true}");

        assertThat(r.body()).contains(": keep-alive\n\n");
        assertThat(r.body().split("event: image_generation.completed", -1)).hasSize(4);
    }

    @Test
    void modelsThatDoNotStreamRejectStreamBeforeAnyEvent() {
        var error = assertError(easel.post(GENERATIONS, TestEasel.API_KEY,
                "{\"model\":\"dall-e-3\",\"prompt\":\"a boat\",\"stream\":true}"), 400, "unknown_parameter");
        assertThat(error.get("param").asString()).isEqualTo("stream");
    }

    @Test
    void aClientThatHangsUpMidStreamLeavesTheServerHealthy() throws Exception {
        HttpRequest request = easel.request(GENERATIONS, TestEasel.API_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-image-2\",\"prompt\":\"a boat\","
                        + "\"size\":\"2048x2048\",\"n\":4,\"stream\":true,\"partial_images\":3}")).build();
        try (RecordedLogs logs = RecordedLogs.start()) {
            HttpResponse<InputStream> r = java.net.http.HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                assertThat(in.read()).isIn((int) 'e', (int) ':'); // the stream started (an event or a keep-alive); hang up
            }

            assertThat(easel.get("/health", "").statusCode()).isEqualTo(200);
            assertThat(stream("{\"model\":\"gpt-image-2\",\"prompt\":\"a boat\",\"quality\":\"low\",\"stream\":true}"))
                    .hasSize(1);
            assertThat(logs.warningsAndErrors()).as("a client hanging up is no server failure").isEmpty();
        }
    }

    record Event(String name, JsonNode data) {
    }

    private static List<Event> stream(String body) {
        HttpResponse<String> r = easel.post(GENERATIONS, TestEasel.API_KEY, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<Event> events = new ArrayList<>();
        String name = "";
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new java.io.ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    events.add(new Event(name, json(line.substring(6))));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return events;
    }
}
