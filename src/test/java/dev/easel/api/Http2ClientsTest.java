package dev.easel.api;

import static dev.easel.OpenAiErrors.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.FakeProvider;
import dev.easel.TestEasel;
import dev.easel.catalog.ImageRequest;
import dev.easel.provider.ImageProvider;
import dev.easel.provider.ImageSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Clients on cleartext HTTP/2 by prior knowledge (h2c) get what HTTP/1.1 clients get, with many generations
 * in flight on one connection; HTTP/1.1 clients stay on HTTP/1.1.
 */
class Http2ClientsTest {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final int AT_ONCE = 40;
    private static final GatheringProvider backend = new GatheringProvider(AT_ONCE);
    private static TestEasel easel;

    private final OkHttpClient h2 = new OkHttpClient.Builder()
            .protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE))
            .readTimeout(60, TimeUnit.SECONDS)
            .build();

    @BeforeAll
    static void start() {
        easel = TestEasel.start("", backend);
    }

    @AfterAll
    static void stop() {
        easel.close();
    }

    @AfterEach
    void closeClient() {
        h2.dispatcher().executorService().shutdownNow();
        h2.connectionPool().evictAll();
    }

    @Test
    void aGenerationByPriorKnowledgeIsAnsweredOnHttp2InOpenAisShape() throws IOException {
        try (Response response = h2.newCall(generation("a boat")).execute()) {
            String body = response.body().string();

            assertThat(response.protocol()).isEqualTo(Protocol.H2_PRIOR_KNOWLEDGE);
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header("x-request-id")).startsWith("req_");
            assertThat(json(body).get("data").get(0).get("b64_json").asString()).isNotEmpty();
        }
    }

    @Test
    void anHttp11ClientOfferingAnUpgradeStaysOnHttp11() throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
            HttpResponse<String> generated = client.send(easel.request("/v1/images/generations", TestEasel.API_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString(body("a boat"))).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(generated.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(generated.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anHttp11RequestWhoseFirstByteCouldStartHttp2sPrefaceIsServedAsHttp11() throws Exception {
        String json = body("a boat");
        try (Socket socket = new Socket("127.0.0.1", easel.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write('P'); // alone, it could be HTTP/2's preface; POST is not
            out.flush();
            Thread.sleep(100);
            out.write(("OST /v1/images/generations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TestEasel.API_KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length() + "\r\n\r\n" + json)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();

            assertThat(new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine()).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @Test
    void oneConnectionCarriesManyGenerationsAtOnce() throws Exception {
        List<Future<Integer>> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < AT_ONCE; i++) {
                statuses.add(pool.submit(() -> {
                    try (Response response = h2.newCall(generation("gather")).execute()) {
                        return response.code();
                    }
                }));
            }
        }

        for (Future<Integer> status : statuses) {
            assertThat(status.get()).isEqualTo(200);
        }
        // The backend answered only once all of them were inside it at the same time.
        assertThat(backend.gathered()).isTrue();
        assertThat(h2.connectionPool().connectionCount()).isEqualTo(1);
    }

    @Test
    void badRequestsOnHttp2GetOpenAiErrors() throws IOException {
        assertError(h2.newCall(new Request.Builder().url(easel.baseUrl() + "/v1/images/generations")
                .header("Authorization", "Bearer " + TestEasel.API_KEY)
                .post(RequestBody.create("{\"model\":", JSON)).build()), 400, "invalid_json");
        assertError(h2.newCall(new Request.Builder().url(easel.baseUrl() + "/v1/images/generations")
                .header("Authorization", "Bearer sk-not-a-key-of-this-server")
                .post(RequestBody.create(body("a boat"), JSON)).build()), 401, "invalid_api_key");
        assertError(h2.newCall(new Request.Builder().url(easel.baseUrl() + "/v1/images/generations")
                .header("Authorization", "Bearer " + TestEasel.API_KEY)
                .post(RequestBody.create("{\"prompt\":\"" + "a".repeat(2 << 20) + "\"}", JSON)).build()), 413,
                "request_too_large");
        // Past four times the limit Helidon stops reading the body itself.
        assertError(h2.newCall(new Request.Builder().url(easel.baseUrl() + "/v1/images/generations")
                .header("Authorization", "Bearer " + TestEasel.API_KEY)
                .post(RequestBody.create("{\"prompt\":\"" + "a".repeat(6 << 20) + "\"}", JSON)).build()), 413,
                "request_too_large");
    }

    @Test
    void imageEventsStreamOnHttp2() throws IOException {
        Request request = new Request.Builder().url(easel.baseUrl() + "/v1/images/generations")
                .header("Authorization", "Bearer " + TestEasel.API_KEY)
                .post(RequestBody.create("{\"model\":\"gpt-image-1\",\"prompt\":\"a boat\",\"stream\":true}", JSON))
                .build();

        try (Response response = h2.newCall(request).execute()) {
            String events = response.body().string();

            assertThat(response.protocol()).isEqualTo(Protocol.H2_PRIOR_KNOWLEDGE);
            assertThat(response.header("content-type")).startsWith("text/event-stream");
            assertThat(events).contains("event: " + ImageEvents.COMPLETED);
        }
    }

    @Test
    void aRequestItsClientCancelsLeavesTheOthersOnTheConnectionServed() throws Exception {
        Call cancelled = h2.newCall(generation("hold until cancelled"));
        Thread caller = Thread.ofVirtual().start(() -> {
            try (Response ignored = cancelled.execute()) {
                // not reached: the call is cancelled while the backend holds it
            } catch (IOException expected) {
                // the cancellation
            }
        });
        backend.awaitHeld();

        cancelled.cancel();
        caller.join(10_000);
        backend.release();

        try (Response after = h2.newCall(generation("a boat")).execute()) {
            assertThat(after.code()).isEqualTo(200);
            assertThat(after.protocol()).isEqualTo(Protocol.H2_PRIOR_KNOWLEDGE);
        }
        assertThat(h2.connectionPool().connectionCount()).isEqualTo(1);
    }

    private static void assertError(Call call, int status, String code) throws IOException {
        try (Response response = call.execute()) {
            JsonNode error = json(response.body().string()).get("error");

            assertThat(response.code()).isEqualTo(status);
            assertThat(error.get("code").asString()).isEqualTo(code);
            assertThat(error.has("message") && error.has("type") && error.has("param")).isTrue();
        }
    }

    private static Request generation(String prompt) {
        return new Request.Builder().url(easel.baseUrl() + "/v1/images/generations")
                .header("Authorization", "Bearer " + TestEasel.API_KEY)
                .post(RequestBody.create(body(prompt), JSON)).build();
    }

    private static String body(String prompt) {
        return "{\"model\":\"dall-e-2\",\"size\":\"256x256\",\"response_format\":\"b64_json\",\"prompt\":\"" + prompt + "\"}";
    }

    /**
     * A backend that holds {@code gather} prompts until {@code count} of them are inside it at once (so
     * they can only all succeed if they ran concurrently), and {@code hold} prompts until released.
     */
    private static final class GatheringProvider implements ImageProvider {
        private final FakeProvider images = new FakeProvider(0);
        private final CountDownLatch inside;
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        GatheringProvider(int count) {
            inside = new CountDownLatch(count);
        }

        boolean gathered() {
            return inside.getCount() == 0;
        }

        void release() {
            released.countDown();
        }

        void awaitHeld() throws InterruptedException {
            assertThat(held.await(30, TimeUnit.SECONDS)).as("a held request reached the backend").isTrue();
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public void generate(ImageRequest request, ImageSink sink) {
            try {
                if (request.prompt().startsWith("gather")) {
                    inside.countDown();
                    if (!inside.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the requests did not run at the same time");
                    }
                } else if (request.prompt().startsWith("hold")) {
                    held.countDown();
                    released.await(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            images.generate(request, sink);
        }
    }
}
