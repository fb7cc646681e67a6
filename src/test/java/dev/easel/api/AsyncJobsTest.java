package dev.easel.api;

import static dev.easel.OpenAiErrors.assertError;
import static dev.easel.OpenAiErrors.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.Headers;
import com.openai.models.webhooks.WebhookVerificationParams;
import com.sun.net.httpserver.HttpServer;
import dev.easel.FakeProvider;
import dev.easel.HangingProvider;
import dev.easel.TestEasel;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code Prefer: respond-async}: durable jobs, polled or delivered by signed webhook. */
class AsyncJobsTest {
    private static final String GENERATIONS = "/v1/images/generations";
    private static final String WEBHOOK_SECRET = "whsec_" + java.util.Base64.getEncoder()
            .encodeToString("a-webhook-secret-of-32-bytes-xyz".getBytes());

    @TempDir
    Path dir;

    @Test
    void anAsyncRequestIsAcceptedAsAJobAndPollingGivesTheOrdinaryResponse() {
        try (TestEasel easel = TestEasel.start()) {
            HttpResponse<String> accepted = submit(easel, "{\"model\":\"gpt-image-2\",\"prompt\":\"a boat\",\"quality\":\"low\"}");

            assertThat(accepted.statusCode()).isEqualTo(202);
            JsonNode job = json(accepted.body());
            assertThat(job.get("object").asString()).isEqualTo("image.generation.job");
            assertThat(job.get("model").asString()).isEqualTo("gpt-image-2");
            assertThat(job.get("status").asString()).isIn("queued", "in_progress", "succeeded");
            assertThat(accepted.headers().firstValue("location")).hasValue(GENERATIONS + "/" + job.get("id").asString());

            JsonNode done = awaitFinished(easel, job.get("id").asString());
            assertThat(done.get("status").asString()).isEqualTo("succeeded");
            JsonNode result = done.get("result");
            assertThat(result.get("data").get(0).get("b64_json").asString()).isNotEmpty();
            assertThat(result.get("usage").get("output_tokens").asLong()).isPositive();
            assertThat(done.get("error").isNull()).isTrue();
        }
    }

    @Test
    void aUrlJobServesItsImageFromASignedLink() {
        try (TestEasel easel = TestEasel.start()) {
            String id = json(submit(easel, "{\"model\":\"dall-e-3\",\"prompt\":\"a red house by a lake\"}").body())
                    .get("id").asString();

            JsonNode done = awaitFinished(easel, id);

            String url = done.get("result").get("data").get(0).get("url").asString();
            HttpResponse<byte[]> image = easel.sendForBytes(HttpRequest.newBuilder(URI.create(url)).build());
            assertThat(image.statusCode()).isEqualTo(200);
            assertThat(image.body()).startsWith(0x89, 'P', 'N', 'G');
            assertThat(done.get("result").get("data").get(0).get("revised_prompt").asString()).isNotBlank();
        }
    }

    @Test
    void onlyTheSubmittingKeyCanReadAJob() {
        try (TestEasel easel = TestEasel.start()) {
            String id = json(submit(easel, "{\"model\":\"gpt-image-2\",\"prompt\":\"a boat\",\"quality\":\"low\"}").body())
                    .get("id").asString();
            String other = json(easel.post("/admin/keys", TestEasel.ADMIN_KEY, "{\"name\":\"other\"}").body())
                    .get("key").asString();

            assertError(easel.get(GENERATIONS + "/" + id, other), 404, "job_not_found");
            assertError(easel.get(GENERATIONS + "/imgjob_nope", TestEasel.API_KEY), 404, "job_not_found");
        }
    }

    @Test
    void invalidRequestsAreRefusedBeforeAnyJobExists() {
        try (TestEasel easel = TestEasel.start()) {
            assertError(submit(easel, "{\"model\":\"dall-e-3\",\"prompt\":\"two\",\"n\":2}"), 400, "invalid_value");
            assertError(submit(easel, "{\"model\":\"gpt-image-2\",\"prompt\":\"a\",\"stream\":true}"), 400, "invalid_value");
            assertError(submit(easel, "{\"prompt\":\"a\",\"webhook_url\":\"https://example.com/hook\"}"), 400,
                    "invalid_value");
            assertError(easel.post(GENERATIONS, TestEasel.API_KEY,
                    "{\"prompt\":\"a\",\"webhook_url\":\"https://example.com/hook\"}"), 400, "invalid_value");
        }
    }

    @Test
    void aJobCutOffMidRunIsRunAgainAfterARestartAndChargedOnce() throws Exception {
        String yaml = "job_concurrency: 1\njob_lease: 1s\nreservation_ttl: 2s\n";
        String cutId;
        String queuedId;
        FakeProvider firstBackend = new FakeProvider(0);
        HangingProvider hanging = new HangingProvider(firstBackend);
        String key;
        try (TestEasel first = TestEasel.startIn(dir, yaml, hanging)) {
            key = KeysAndLimitsTest.createKey(first, "\"budget_usd\":1").get("key").asString();
            cutId = json(submit(first, key, "{\"model\":\"dall-e-2\",\"size\":\"256x256\",\"prompt\":\"hang on\"}")
                    .body()).get("id").asString();
            hanging.awaitHanging(); // holds the only job slot, so the next job must wait in the queue
            queuedId = json(submit(first, key, "{\"model\":\"dall-e-2\",\"size\":\"256x256\",\"prompt\":\"a boat\"}")
                    .body()).get("id").asString();
            first.halt(); // a crash: one job cut off mid-run, the other still queued behind it
        }

        FakeProvider backend = new FakeProvider(0);
        try (TestEasel second = TestEasel.startIn(dir, yaml, backend)) {
            JsonNode rerun = awaitFinished(second, key, cutId);
            assertThat(rerun.get("status").asString()).isEqualTo("succeeded");
            assertThat(awaitFinished(second, key, queuedId).get("status").asString()).isEqualTo("succeeded");
            // The cut job ran again here; the queued one ran once, here (a slot the halt freed starts nothing).
            assertThat(backend.calls()).isBetween(1, 2);
            assertThat(firstBackend.calls() + backend.calls()).isEqualTo(2);

            // Charged once per job; the holds the first server took came back with its allowance, expired.
            JsonNode budget = awaitNothingReserved(second, key);
            assertThat(budget.get("spent_usd").decimalValue()).isEqualByComparingTo("0.032"); // 2 x $0.016
            assertThat(budget.get("reserved_usd").decimalValue()).isEqualByComparingTo("0");
        }
    }

    @Test
    void aJobWhoseAnswerArrivesAsTheServerStopsIsKeptAndChargedNotRunAgain() throws Exception {
        String yaml = "job_lease: 1s\nreservation_ttl: 2s\n";
        String id;
        FakeProvider firstBackend = new FakeProvider(0);
        HangingProvider lingering = new HangingProvider(firstBackend);
        String key;
        try (TestEasel first = TestEasel.startIn(dir, yaml, lingering)) {
            key = KeysAndLimitsTest.createKey(first, "\"budget_usd\":1").get("key").asString();
            id = json(submit(first, key, "{\"model\":\"dall-e-2\",\"size\":\"256x256\",\"prompt\":\"linger on\"}")
                    .body()).get("id").asString();
            lingering.awaitHanging();
            first.halt(); // the answer comes in after the stop began
        }
        assertThat(firstBackend.calls()).isEqualTo(1);

        FakeProvider backend = new FakeProvider(0);
        try (TestEasel second = TestEasel.startIn(dir, yaml, backend)) {
            assertThat(awaitFinished(second, key, id).get("status").asString()).isEqualTo("succeeded");
            JsonNode budget = awaitNothingReserved(second, key);
            assertThat(budget.get("spent_usd").decimalValue()).isEqualByComparingTo("0.016");
            assertThat(backend.calls()).isZero();
        }
    }

    @Test
    void aJobCutOffOnItsLastAttemptFailsAsInterrupted() throws Exception {
        String yaml = "job_lease: 1s\njob_max_attempts: 1\nreservation_ttl: 2s\n";
        String cutId;
        HangingProvider hanging = new HangingProvider(new FakeProvider(0));
        String key;
        try (TestEasel first = TestEasel.startIn(dir, yaml, hanging)) {
            key = KeysAndLimitsTest.createKey(first, "\"budget_usd\":1").get("key").asString();
            cutId = json(submit(first, key, "{\"model\":\"dall-e-2\",\"size\":\"256x256\",\"prompt\":\"hang on\"}")
                    .body()).get("id").asString();
            hanging.awaitHanging();
            first.halt();
        }

        FakeProvider backend = new FakeProvider(0);
        try (TestEasel second = TestEasel.startIn(dir, yaml, backend)) {
            JsonNode interrupted = awaitFinished(second, key, cutId);
            assertThat(interrupted.get("status").asString()).isEqualTo("failed");
            assertThat(interrupted.get("error").get("code").asString()).isEqualTo("job_interrupted");
            assertThat(backend.calls()).isZero();
            // Its hold came back with the first server's allowance, once that expired.
            JsonNode budget = awaitNothingReserved(second, key);
            assertThat(budget.get("spent_usd").decimalValue()).isEqualByComparingTo("0");
            assertThat(budget.get("reserved_usd").decimalValue()).isEqualByComparingTo("0");
        }
    }

    /**
     * The key's budget once nothing of it is reserved: an allowance of a halted instance is given back by
     * the reconciler once it expires ({@code reservation_ttl}), so this waits up to 10 s.
     */
    static JsonNode awaitNothingReserved(TestEasel easel, String key) throws InterruptedException {
        JsonNode budget = json(easel.get("/v1/usage", key).body()).get("budget");
        for (int wait = 0; wait < 100 && budget.get("reserved_usd").decimalValue().signum() != 0; wait++) {
            Thread.sleep(100);
            budget = json(easel.get("/v1/usage", key).body()).get("budget");
        }
        return budget;
    }

    @Test
    void aFinishedJobIsPostedToItsWebhookSignedSoTheOpenAiSdkVerifiesIt() throws Exception {
        List<Delivery> deliveries = new CopyOnWriteArrayList<>();
        HttpServer receiver = receiver(deliveries, new AtomicInteger());
        try (TestEasel easel = TestEasel.start("webhook_hosts: [127.0.0.1]\nwebhook_secret: " + WEBHOOK_SECRET + "\n")) {
            String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            String id = json(submit(easel, "{\"model\":\"gpt-image-2\",\"prompt\":\"a boat\",\"quality\":\"low\","
                    + "\"webhook_url\":\"" + hook + "\"}").body()).get("id").asString();

            awaitFinished(easel, id);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (deliveries.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }

            assertThat(deliveries).hasSize(1);
            Delivery delivery = deliveries.get(0);
            assertThat(json(delivery.body()).get("id").asString()).isEqualTo(id);
            assertThat(json(delivery.body()).get("status").asString()).isEqualTo("succeeded");
            OpenAIClient sdk = OpenAIOkHttpClient.builder().apiKey("unused").baseUrl(easel.baseUrl()).build();
            try {
                Headers.Builder headers = Headers.builder();
                delivery.headers().forEach(headers::put);
                sdk.webhooks().verifySignature(WebhookVerificationParams.builder().payload(delivery.body())
                        .headers(headers.build()).secret(WEBHOOK_SECRET).build()); // throws when the signature is wrong
            } finally {
                sdk.close();
            }
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void webhookHostsOutsideTheAllowListAreRefused() {
        try (TestEasel easel = TestEasel.start("webhook_hosts: [hooks.example.com]\nwebhook_secret: " + WEBHOOK_SECRET + "\n")) {
            var error = assertError(submit(easel, "{\"prompt\":\"a\",\"webhook_url\":\"https://evil.example.net/x\"}"),
                    400, "invalid_value");
            assertThat(error.get("param").asString()).isEqualTo("webhook_url");
        }
    }

    record Delivery(String body, Map<String, String> headers) {
    }

    /** A local webhook receiver that records deliveries and fails the first {@code failures} of them with 500. */
    static HttpServer receiver(List<Delivery> deliveries, AtomicInteger failuresLeft) throws java.io.IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (failuresLeft.getAndDecrement() > 0) {
                exchange.sendResponseHeaders(500, -1);
            } else {
                Map<String, String> headers = new java.util.HashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
                deliveries.add(new Delivery(body, headers));
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        server.start();
        return server;
    }

    static HttpResponse<String> submit(TestEasel easel, String body) {
        return submit(easel, TestEasel.API_KEY, body);
    }

    static HttpResponse<String> submit(TestEasel easel, String key, String body) {
        return easel.send(easel.request(GENERATIONS, key).header("Content-Type", "application/json")
                .header("Prefer", "respond-async").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static JsonNode awaitFinished(TestEasel easel, String id) {
        return awaitFinished(easel, TestEasel.API_KEY, id);
    }

    static JsonNode awaitFinished(TestEasel easel, String key, String id) {
        return awaitStatusOf(easel, key, id, "succeeded", "failed");
    }

    static JsonNode awaitStatus(TestEasel easel, String id, String... statuses) {
        return awaitStatusOf(easel, TestEasel.API_KEY, id, statuses);
    }

    static JsonNode awaitStatusOf(TestEasel easel, String key, String id, String... statuses) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> r = easel.get(GENERATIONS + "/" + id, key);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode job = json(r.body());
            if (List.of(statuses).contains(job.get("status").asString()) || System.nanoTime() > deadline) {
                return job;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
