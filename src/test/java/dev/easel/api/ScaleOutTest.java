package dev.easel.api;

import static dev.easel.OpenAiErrors.assertError;
import static dev.easel.OpenAiErrors.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.FakeProvider;
import dev.easel.HangingProvider;
import dev.easel.TestEasel;
import dev.easel.TestServers;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;

/**
 * Two Easel instances as an operator runs them behind a load balancer: one PostgreSQL, one Redis, one
 * S3-compatible bucket (real servers on loopback), one shared signing secret, and requests landing on
 * either instance.
 */
class ScaleOutTest {
    private static final String GENERATIONS = "/v1/images/generations";
    private static final String URL_BODY = "{\"model\":\"dall-e-2\",\"size\":\"256x256\",\"prompt\":\"a boat\","
            + "\"response_format\":\"url\"}";

    @Test
    void twoInstancesOnOneDatabaseRedisAndBucketActAsOne() throws Exception {
        String bucket = TestServers.newS3Bucket();
        String yaml = "database_url: \"" + TestServers.newPostgresDatabase() + "\"\n"
                + "redis_url: \"" + TestServers.redisUrl() + "\"\n"
                + "signing_secret: " + ConcurrentAdmissionTest.SHARED_SECRET + "\n"
                + "s3_bucket: " + bucket + "\ns3_endpoint: \"" + TestServers.s3Endpoint() + "\"\ns3_path_style: true\n"
                + "s3_access_key_id: " + TestServers.s3AccessKeyId() + "\n"
                + "s3_secret_access_key: " + TestServers.s3SecretAccessKey() + "\n"
                + "job_lease: 1s\nreservation_ttl: 2s\n";
        FakeProvider backendA = new FakeProvider(300);
        FakeProvider backendB = new FakeProvider(300);
        HangingProvider hangingA = new HangingProvider(backendA);
        try (TestEasel a = TestEasel.start(yaml, hangingA)) {
            String key = KeysAndLimitsTest.createKey(a, "\"budget_usd\":5").get("key").asString();
            // An async job starts on A and hangs there, so A can be killed in the middle of it.
            String jobId = json(AsyncJobsTest.submit(a, key, "{\"model\":\"dall-e-2\",\"size\":\"256x256\","
                    + "\"prompt\":\"hang on, a lighthouse\",\"response_format\":\"url\"}").body()).get("id").asString();
            hangingA.awaitHanging();

            try (TestEasel b = TestEasel.start(yaml, backendB)) {
                // A url minted by A is fetched through B: the bytes are in the bucket, the secret is shared.
                String url = json(a.post(GENERATIONS, key, URL_BODY).body()).get("data").get(0).get("url").asString();
                assertThat(url).startsWith(a.baseUrl());
                HttpResponse<byte[]> viaB = b.sendForBytes(HttpRequest.newBuilder(
                        URI.create(url.replace(a.baseUrl(), b.baseUrl()))).build());
                assertThat(viaB.statusCode()).isEqualTo(200);
                assertThat(viaB.body()).startsWith(0x89, 'P', 'N', 'G');
                assertThat(viaB.headers().firstValue("content-type")).hasValue("image/png");
                assertError(b.get(url.replace(a.baseUrl(), b.baseUrl()).replace("sig=", "sig=x"), ""), 403,
                        "invalid_signature");
                try (S3Client s3 = TestServers.s3Client()) {
                    assertThat(s3.listObjectsV2(r -> r.bucket(bucket)).contents()).extracting(S3Object::key)
                            .anyMatch(k -> k.endsWith(url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'))));
                }

                // An Idempotency-Key first used on A is replayed by B, without generating again.
                HttpResponse<String> first = idempotent(a, key, "key-1");
                int calls = backendA.calls() + backendB.calls();
                HttpResponse<String> replayed = idempotent(b, key, "key-1");
                assertThat(replayed.statusCode()).isEqualTo(200);
                assertThat(replayed.headers().firstValue("idempotent-replayed")).hasValue("true");
                assertThat(replayed.body()).isEqualTo(first.body());
                assertThat(backendA.calls() + backendB.calls()).isEqualTo(calls);

                // Concurrent repeats of one key on both instances run once.
                List<HttpResponse<String>> racing = race(List.of(a, b, a, b), key, "key-2");
                assertThat(racing).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
                assertThat(racing).extracting(HttpResponse::body).containsOnly(racing.get(0).body());
                assertThat(backendA.calls() + backendB.calls()).isEqualTo(calls + 1);

                // A dies mid-job; B notices the lapsed lease, runs the job again and finishes it.
                String addressOfA = a.baseUrl();
                a.halt();
                JsonNode done = AsyncJobsTest.awaitFinished(b, key, jobId);
                assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
                // The link carries the address the job was submitted to (A); a load balancer would send it to B.
                String jobUrl = done.get("result").get("data").get(0).get("url").asString()
                        .replace(addressOfA, b.baseUrl());
                assertThat(b.sendForBytes(HttpRequest.newBuilder(URI.create(jobUrl)).build()).statusCode())
                        .isEqualTo(200);

                // Some plain traffic on the survivor, then the books: every image charged once, nothing held.
                assertThat(ConcurrentAdmissionTest.byStatus(ConcurrentAdmissionTest.burst(List.of(b), key, 3)))
                        .isEqualTo(Map.of(200, 3L));
                // A's allowance comes back once it expires. url + key-1 + key-2 + the job + 3 plain = 7 images at $0.016
                JsonNode budget = AsyncJobsTest.awaitNothingReserved(b, key);
                assertThat(budget.get("spent_usd").decimalValue()).isEqualByComparingTo("0.112");
                assertThat(budget.get("reserved_usd").decimalValue()).isEqualByComparingTo("0");
                JsonNode byKey = json(b.get("/admin/usage?group_by=key", TestEasel.ADMIN_KEY).body());
                BigDecimal sum = byKey.get("data").valueStream().map(g -> g.get("price_usd").decimalValue())
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(sum).isEqualByComparingTo("0.112");
            }
        }
    }

    private static HttpResponse<String> idempotent(TestEasel easel, String key, String idempotencyKey) {
        return easel.send(easel.request(GENERATIONS, key).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"dall-e-2\",\"size\":\"256x256\","
                        + "\"prompt\":\"a boat\"}")).build());
    }

    /** Sends the same keyed request to each instance at once. */
    private static List<HttpResponse<String>> race(List<TestEasel> instances, String key, String idempotencyKey)
            throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (TestEasel target : instances) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return idempotent(target, key, idempotencyKey);
                }));
            }
            go.countDown();
        }
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<HttpResponse<String>> f : futures) {
            responses.add(f.get());
        }
        return responses;
    }
}
