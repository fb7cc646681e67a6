package dev.easel.api;

import static dev.easel.OpenAiErrors.assertError;
import static dev.easel.OpenAiErrors.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.TestEasel;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Idempotency-Key: a repeat gets the original answer without generating again. */
class IdempotencyKeyTest {
    private static final String GENERATIONS = "/v1/images/generations";
    // Hosted links carry a fresh random id per generation, so equal links prove nothing was generated twice.
    private static final String URL_BODY = "{\"model\":\"dall-e-2\",\"prompt\":\"a yellow circle\",\"size\":\"256x256\"}";
    private static TestEasel easel;

    @BeforeAll
    static void start() {
        easel = TestEasel.start();
    }

    @AfterAll
    static void stop() {
        easel.close();
    }

    @Test
    void aRepeatWithTheSameKeyAndBodyGetsTheOriginalAnswer() {
        HttpResponse<String> first = post("key-repeat", URL_BODY, false);
        HttpResponse<String> second = post("key-repeat", URL_BODY, false);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("idempotent-replayed")).hasValue("true");
        assertThat(first.headers().firstValue("idempotent-replayed")).isEmpty();
    }

    @Test
    void withoutAKeyEveryRequestGenerates() {
        assertThat(post("", URL_BODY, false).body()).isNotEqualTo(post("", URL_BODY, false).body());
    }

    @Test
    void theSameKeyWithAnotherBodyIs422() {
        post("key-conflict", URL_BODY, false);
        assertError(post("key-conflict", URL_BODY.replace("circle", "square"), false), 422, "idempotency_key_reused");
    }

    @Test
    void concurrentRepeatsOfOneKeyRunTheWorkOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<HttpResponse<String>> call = () -> post("key-concurrent", URL_BODY, false);
            List<Future<HttpResponse<String>>> results = pool.invokeAll(List.of(call, call, call, call));
            String first = results.get(0).get().body();
            for (Future<HttpResponse<String>> r : results) {
                assertThat(r.get().statusCode()).isEqualTo(200);
                assertThat(r.get().body()).isEqualTo(first);
            }
            assertThat(results.stream().filter(r -> !r.isCancelled()).map(r -> {
                try {
                    return r.get().headers().firstValue("idempotent-replayed").isPresent();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).filter(replayed -> !replayed).count()).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void keysBelongToTheirApiKeySoTenantsNeverShareAnswers() {
        String other = json(easel.post("/admin/keys", TestEasel.ADMIN_KEY, "{\"name\":\"tenant\"}").body())
                .get("key").asString();
        HttpResponse<String> mine = post("key-shared", URL_BODY, false);
        HttpResponse<String> theirs = easel.send(easel.request(GENERATIONS, other).header("Content-Type", "application/json")
                .header("Idempotency-Key", "key-shared").POST(HttpRequest.BodyPublishers.ofString(URL_BODY)).build());

        assertThat(theirs.statusCode()).isEqualTo(200);
        assertThat(theirs.body()).isNotEqualTo(mine.body());
        assertThat(theirs.headers().firstValue("idempotent-replayed")).isEmpty();
    }

    @Test
    void aStreamIsReplayedAsTheSameEvents() {
        String body = "{\"model\":\"gpt-image-2\",\"prompt\":\"a boat\",\"quality\":\"low\",\"stream\":true,\"partial_images\":1}";
        HttpResponse<String> first = post("key-stream", body, false);
        HttpResponse<String> second = post("key-stream", body, false);

        assertThat(first.body()).contains("image_generation.completed");
        assertThat(second.body()).isEqualTo(first.body().replace(": keep-alive\n\n", ""));
        assertThat(second.headers().firstValue("content-type")).hasValue("text/event-stream");
    }

    @Test
    void anAsyncRepeatReturnsTheSameJob() {
        String body = "{\"model\":\"gpt-image-2\",\"prompt\":\"a boat\",\"quality\":\"low\"}";
        String firstId = json(post("key-async", body, true).body()).get("id").asString();
        HttpResponse<String> second = post("key-async", body, true);

        assertThat(json(second.body()).get("id").asString()).isEqualTo(firstId);
        assertThat(second.statusCode()).isIn(200, 202);
    }

    @Test
    void validationErrorsAreNotStoredSoACorrectedRetryRuns() {
        assertError(post("key-invalid", "{\"model\":\"dall-e-3\",\"prompt\":\"x\",\"n\":2}", false), 400, "invalid_value");
        assertThat(post("key-invalid", URL_BODY, false).statusCode()).isEqualTo(200);
    }

    @Test
    void malformedKeysAre400() {
        assertError(post("has space", URL_BODY, false), 400, "invalid_idempotency_key");
        assertError(post("x".repeat(256), URL_BODY, false), 400, "invalid_idempotency_key");
    }

    private static HttpResponse<String> post(String key, String body, boolean async) {
        HttpRequest.Builder b = easel.request(GENERATIONS, TestEasel.API_KEY).header("Content-Type", "application/json");
        if (!key.isEmpty()) {
            b.header("Idempotency-Key", key);
        }
        if (async) {
            b.header("Prefer", "respond-async");
        }
        return easel.send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
