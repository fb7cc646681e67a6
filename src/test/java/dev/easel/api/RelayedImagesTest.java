package dev.easel.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;
import dev.easel.RecordedLogs;
import dev.easel.TestEasel;
import dev.easel.upstream.FakeHttpServer.Reply;
import dev.easel.upstream.FakeOpenAiUpstream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Inline images from an OpenAI upstream go to the client while the upstream still sends them. */
class RelayedImagesTest {
    static final String GENERATE = "/v1/images/generations";
    static FakeOpenAiUpstream upstream;
    static TestEasel easel;

    @BeforeAll
    static void start() {
        upstream = new FakeOpenAiUpstream();
        easel = TestEasel.start("""
                channels:
                  - name: relaying
                    type: openai
                    base_url: %s
                    api_key_env: UPSTREAM_KEY
                    models: [gpt-image-1, dall-e-3]
                    cooldown: 1ms  # some tests here break the channel on purpose
                """.formatted(upstream.baseUrl()), Map.of("UPSTREAM_KEY", "sk-upstream-relay"));
    }

    @AfterAll
    static void stop() {
        easel.close();
        upstream.close();
    }

    /** An image large enough to span many relayed blocks (and the response's buffer). */
    static byte[] largeImage(int seed) {
        byte[] image = new byte[300_001];
        new Random(seed).nextBytes(image);
        return image;
    }

    static JsonNode usage() {
        return Json.MAPPER.readTree(easel.get("/v1/usage", TestEasel.API_KEY).body());
    }

    @Test
    void aLargeImageIsRelayedWithADeclaredLengthAndTheSdkReadsItWithItsUsage() {
        byte[] image = largeImage(1);
        upstream.enqueue(Reply.json(200, FakeOpenAiUpstream.b64Body(image)));
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(easel.baseUrl() + "/v1")
                .apiKey(TestEasel.API_KEY).maxRetries(0).build();
        try {
            HttpResponseFor<ImagesResponse> raw = client.images().withRawResponse().generate(
                    ImageGenerateParams.builder().model("gpt-image-1").prompt("a paper boat").build());

            assertThat(raw.headers().values("content-length")).hasSize(1);
            assertThat(raw.headers().values("x-easel-channel")).containsExactly("relaying");
            ImagesResponse response = raw.parse();
            String b64 = response.data().orElseThrow().get(0).b64Json().orElseThrow();
            assertThat(Base64.getDecoder().decode(b64)).isEqualTo(image);
            assertThat(response.usage().orElseThrow().totalTokens()).isEqualTo(4300);
            assertThat(response.outputFormat().orElseThrow().asString()).isEqualTo("png");
        } finally {
            client.close();
        }
    }

    @Test
    void anUpstreamThatDoesNotSayItsLengthIsRelayedChunked() {
        byte[] image = largeImage(4);
        upstream.enqueue(Reply.json(200, FakeOpenAiUpstream.b64Body(image)).chunked());

        HttpResponse<String> response = easel.post(GENERATE, TestEasel.API_KEY,
                "{\"model\":\"gpt-image-1\",\"prompt\":\"a paper boat\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("transfer-encoding")).hasValue("chunked");
        JsonNode answer = Json.MAPPER.readTree(response.body());
        assertThat(Base64.getDecoder().decode(answer.get("data").get(0).get("b64_json").asString())).isEqualTo(image);
        assertThat(answer.get("usage").get("total_tokens").asInt()).isEqualTo(4300);
        assertThat(response.body()).endsWith("}");
    }

    @Test
    void unpaddedEscapedUpstreamTextReachesTheClientAsPlainPaddedBase64WithTheRevisedPrompt() {
        byte[] image = largeImage(2);
        String canonical = Base64.getEncoder().encodeToString(image);
        String sent = canonical.replace("=", "").replace("/", "\\/");
        upstream.enqueue(Reply.json(200, "{\"created\":1,\"data\":[{\"b64_json\":\"" + sent
                + "\",\"revised_prompt\":\"A \\\"paper\\\" boat\"}]}"));

        HttpResponse<String> response = easel.post(GENERATE, TestEasel.API_KEY,
                "{\"model\":\"dall-e-3\",\"prompt\":\"a paper boat\",\"response_format\":\"b64_json\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode entry = Json.MAPPER.readTree(response.body()).get("data").get(0);
        assertThat(entry.get("b64_json").asString()).isEqualTo(canonical);
        assertThat(entry.get("revised_prompt").asString()).isEqualTo("A \"paper\" boat");
    }

    @Test
    void anUpstreamThatBreaksOffMidImageBreaksTheAnswerAndChargesNothing() {
        long imagesBefore = usage().get("totals").get("images").asLong();
        String body = FakeOpenAiUpstream.b64Body(largeImage(3));
        upstream.enqueue(Reply.json(200, body).cutAfter(200_000));

        HttpRequest request = easel.request(GENERATE, TestEasel.API_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-image-1\",\"prompt\":\"a paper boat\"}"))
                .build();

        // Part of the image was already sent: the client sees a failed transfer, never a complete 200.
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        JsonNode after = usage();
        assertThat(after.get("totals").get("images").asLong()).isEqualTo(imagesBefore);
        assertThat(after.get("data").get(0).get("status").asString()).isEqualTo("refunded");
    }

    @Test
    void onHttp2AnAnswerThatBreaksOffResetsOnlyItsOwnStream() throws Exception {
        byte[] image = largeImage(5);
        upstream.enqueue(Reply.json(200, FakeOpenAiUpstream.b64Body(image)).delayed(Duration.ofSeconds(1)));
        upstream.enqueue(Reply.json(200, FakeOpenAiUpstream.b64Body(largeImage(3))).cutAfter(200_000));
        OkHttpClient h2 = new OkHttpClient.Builder().protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE)).build();
        int before = upstream.generations().size();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> waiting = pool.submit(() -> {
                try (okhttp3.Response response = h2.newCall(generation()).execute()) {
                    // Read by the declared length, not to the end of the stream: once a stream on a connection
                    // was reset, OkHttp 4.12 closes that connection as soon as its last call has its declared
                    // length, and Helidon sends the end of stream in a frame of its own, which may then be lost.
                    return response.code() + " " + response.body().source().readUtf8(response.body().contentLength());
                }
            });
            while (upstream.generations().size() == before) {
                Thread.sleep(10);
            }

            // Its stream is reset mid-image; the connection and the other stream on it carry on.
            assertThatThrownBy(() -> {
                try (okhttp3.Response response = h2.newCall(generation()).execute()) {
                    response.body().string();
                }
            }).isInstanceOf(IOException.class);
            String answer = waiting.get(30, TimeUnit.SECONDS);
            assertThat(answer).startsWith("200 ");
            assertThat(Json.MAPPER.readTree(answer.substring(4)).get("data").get(0).get("b64_json").asString())
                    .isEqualTo(Base64.getEncoder().encodeToString(image));
        } finally {
            h2.dispatcher().executorService().shutdownNow();
            h2.connectionPool().evictAll();
        }
    }

    private static okhttp3.Request generation() {
        return new okhttp3.Request.Builder().url(easel.baseUrl() + GENERATE)
                .header("Authorization", "Bearer " + TestEasel.API_KEY)
                .post(okhttp3.RequestBody.create("{\"model\":\"gpt-image-1\",\"prompt\":\"a paper boat\"}",
                        okhttp3.MediaType.get("application/json")))
                .build();
    }

    @Test
    void textThatIsNotBase64InTheFirstBlockIsStillAnOrdinaryError() {
        upstream.enqueue(Reply.json(200, "{\"created\":1,\"data\":[{\"b64_json\":\"" + "@@@@".repeat(10_000) + "\"}]}"));

        HttpResponse<String> response = easel.post(GENERATE, TestEasel.API_KEY,
                "{\"model\":\"gpt-image-1\",\"prompt\":\"a paper boat\"}");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(Json.MAPPER.readTree(response.body()).get("error").get("message").asString())
                .contains("not valid base64");
    }

    @Test
    void answersOfEveryShapeFitTheLengthTheyDeclare() throws Exception {
        Random random = new Random(7);
        String[] prompts = {"plain", "caf\\u00e9 \\\"quoted\\\" \\\\ slash \\/", "line\\nbreak\\ttab \\u0001",
            "\\ud83d\\ude00 smile", "caf\u00e9 raw"};
        for (int round = 0; round < 24; round++) {
            boolean dalle = round % 3 == 0;
            int n = dalle ? 1 : 1 + random.nextInt(3);
            byte[][] images = new byte[n][];
            StringBuilder data = new StringBuilder();
            for (int i = 0; i < n; i++) {
                images[i] = new byte[1 + random.nextInt(20_000)];
                random.nextBytes(images[i]);
                String text = Base64.getEncoder().encodeToString(images[i]);
                if (random.nextBoolean()) {
                    text = text.replace("=", "");
                }
                if (random.nextBoolean()) {
                    text = text.replaceAll("(.{76})", "$1\\\\n");
                }
                if (random.nextBoolean()) {
                    text = text.replace("/", "\\/");
                }
                data.append(i == 0 ? "" : ",").append("{\"revised_prompt\":\"").append(prompts[random.nextInt(prompts.length)])
                        .append("\",\"b64_json\":\"").append(text).append("\"}");
            }
            long huge = random.nextBoolean() ? Long.MAX_VALUE : 1 + random.nextInt(5000);
            String sent = "{\"data\":[" + data + "],\"usage\":{\"input_tokens\":" + huge + ",\"output_tokens\":1}}";
            upstream.enqueue(Reply.json(200, sent));

            HttpResponse<String> response = easel.post(GENERATE, TestEasel.API_KEY, dalle
                    ? "{\"model\":\"dall-e-3\",\"prompt\":\"a boat\",\"response_format\":\"b64_json\"}"
                    : "{\"model\":\"gpt-image-1\",\"prompt\":\"a boat\",\"n\":" + n + "}");

            assertThat(response.statusCode()).as("round %d", round).isEqualTo(200);
            assertThat(response.headers().firstValueAsLong("content-length"))
                    .hasValue(response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            // The declared length is a bound made up with whitespace: what the upstream sent besides the
            // images' plain text (escapes, its own fields) and a few hundred bytes, no more.
            long plainText = java.util.Arrays.stream(images).mapToLong(i -> (i.length + 2) / 3 * 4).sum();
            long slack = sent.getBytes(java.nio.charset.StandardCharsets.UTF_8).length - plainText;
            assertThat((long) response.body().length() - response.body().stripTrailing().length()).isLessThan(slack + 512);
            JsonNode answer = Json.MAPPER.readTree(response.body());
            for (int i = 0; i < n; i++) {
                JsonNode entry = answer.get("data").get(i);
                assertThat(Base64.getDecoder().decode(entry.get("b64_json").asString())).isEqualTo(images[i]);
                assertThat(entry.has("revised_prompt")).isEqualTo(dalle);
            }
        }
    }

    @Test
    void aClientThatLeavesMidImageIsNotCharged() throws Exception {
        String body = FakeOpenAiUpstream.b64Body(largeImage(5));
        upstream.enqueue(Reply.json(200, body).trickled(32 * 1024, java.time.Duration.ofMillis(40)));
        String request = "{\"model\":\"gpt-image-1\",\"prompt\":\"a paper boat\"}";
        long requestsBefore = usage().get("totals").get("requests").asLong();

        try (RecordedLogs logs = RecordedLogs.start()) {
            leaveMidAnswer(request);
            JsonNode after = usage();
            for (int wait = 0; wait < 50 && after.get("totals").get("requests").asLong() == requestsBefore; wait++) {
                Thread.sleep(100); // the relay notices at its next write
                after = usage();
            }
            assertThat(after.get("data").get(0).get("status").asString()).isEqualTo("refunded");
            assertThat(logs.warningsAndErrors()).as("a client leaving is no server failure").isEmpty();
        }
    }

    private static void leaveMidAnswer(String request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", easel.port())) {
            socket.getOutputStream().write(("POST " + GENERATE + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + TestEasel.API_KEY + "\r\nContent-Type: application/json\r\nContent-Length: " + request.length()
                    + "\r\n\r\n" + request).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(new String(socket.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("HTTP/1.1 200"); // the relay has begun
        } // and the client is gone
    }
}
