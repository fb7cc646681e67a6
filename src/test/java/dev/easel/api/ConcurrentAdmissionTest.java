package dev.easel.api;

import static dev.easel.OpenAiErrors.assertError;
import static dev.easel.OpenAiErrors.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.FakeProvider;
import dev.easel.TestEasel;
import dev.easel.TestServers;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Many requests at once, through HTTP, against a slow fake backend so they overlap: budgets and limits
 * hold exactly on one SQLite instance and across two instances sharing PostgreSQL and Redis.
 */
class ConcurrentAdmissionTest {
    private static final String GENERATE = "/v1/images/generations";
    /** Instances sharing a PostgreSQL database must share a configured link-signing secret. */
    static final String SHARED_SECRET = "a-shared-signing-secret-of-32-chars-or-more";
    private static final String SMALL = "{\"model\":\"dall-e-2\",\"size\":\"256x256\",\"prompt\":\"a boat\"}";

    /** Sends {@code count} requests at once, spread over the instances; returns the responses. */
    static List<HttpResponse<String>> burst(List<TestEasel> instances, String secret, int count) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                TestEasel target = instances.get(i % instances.size());
                futures.add(pool.submit(() -> {
                    go.await();
                    return target.post(GENERATE, secret, SMALL);
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

    static Map<Integer, Long> byStatus(List<HttpResponse<String>> responses) {
        return responses.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
    }

    @Test
    void aBudgetForExactlyFiveImagesServesExactlyFiveOfTwentyConcurrentRequests() throws Exception {
        try (TestEasel easel = TestEasel.start("", new FakeProvider(100))) {
            JsonNode key = KeysAndLimitsTest.createKey(easel, "\"budget_usd\":0.08");
            List<HttpResponse<String>> responses = burst(List.of(easel), key.get("key").asString(), 20);
            assertThat(byStatus(responses)).containsExactlyInAnyOrderEntriesOf(Map.of(200, 5L, 429, 15L));
            responses.stream().filter(r -> r.statusCode() == 429)
                    .forEach(r -> assertError(r, 429, "insufficient_quota"));
            JsonNode budget = json(easel.get("/v1/usage", key.get("key").asString()).body()).get("budget");
            assertThat(budget.get("spent_usd").decimalValue()).isEqualByComparingTo("0.08");
            assertThat(budget.get("reserved_usd").decimalValue()).isEqualByComparingTo("0");
        }
    }

    @Test
    void overTheConcurrencyLimitIs429AndEverySlotComesBack() throws Exception {
        try (TestEasel easel = TestEasel.start("", new FakeProvider(300))) {
            String secret = KeysAndLimitsTest.createKey(easel, "\"max_concurrency\":2").get("key").asString();
            List<HttpResponse<String>> responses = burst(List.of(easel), secret, 6);
            assertThat(byStatus(responses)).containsExactlyInAnyOrderEntriesOf(Map.of(200, 2L, 429, 4L));
            HttpResponse<String> limited = responses.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
            assertError(limited, 429, "rate_limit_exceeded");
            assertThat(limited.headers().firstValue("retry-after")).hasValue("1");
            assertThat(limited.headers().firstValue("x-ratelimit-limit-concurrency")).hasValue("2");
            assertThat(byStatus(burst(List.of(easel), secret, 2))).containsEntry(200, 2L); // all slots were released
        }
    }

    @Test
    void twoInstancesOnOnePostgresAndOneRedisHoldLimitsAndBudgetsTogetherAndTheLedgerBalances() throws Exception {
        String yaml = "database_url: \"" + TestServers.newPostgresDatabase() + "\"\nredis_url: \""
                + TestServers.redisUrl() + "\"\nsigning_secret: " + SHARED_SECRET + "\n";
        FakeProvider backend = new FakeProvider(300);
        try (TestEasel a = TestEasel.start(yaml, backend); TestEasel b = TestEasel.start(yaml, backend)) {
            List<TestEasel> both = List.of(a, b);
            // A key created on one instance is known to the other at once.
            JsonNode limited = KeysAndLimitsTest.createKey(a, "\"rpm\":7");
            assertThat(byStatus(burst(both, limited.get("key").asString(), 20)))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(200, 7L, 429, 13L));

            JsonNode parallel = KeysAndLimitsTest.createKey(a, "\"max_concurrency\":3");
            assertThat(byStatus(burst(both, parallel.get("key").asString(), 12)))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(200, 3L, 429, 9L));

            JsonNode capped = KeysAndLimitsTest.createKey(b, "\"budget_usd\":0.08");
            List<HttpResponse<String>> responses = burst(both, capped.get("key").asString(), 24);
            assertThat(byStatus(responses)).containsExactlyInAnyOrderEntriesOf(Map.of(200, 5L, 429, 19L));
            responses.stream().filter(r -> r.statusCode() == 429)
                    .forEach(r -> assertError(r, 429, "insufficient_quota"));

            // The ledger balances: what the keys were charged equals the sum of the usage entries, nothing held.
            // A read writes what its own instance has waiting; the other instance's bookings show once it has
            // written them (within 100 ms): until then their prices still count as reserved.
            JsonNode cappedBudget = AsyncJobsTest.awaitNothingReserved(b, capped.get("key").asString());
            JsonNode byKey = json(a.get("/admin/usage?group_by=key", TestEasel.ADMIN_KEY).body());
            Map<String, JsonNode> groups = byKey.get("data").valueStream()
                    .collect(Collectors.toMap(g -> g.get("group").asString(), Function.identity()));
            assertThat(cappedBudget.get("spent_usd").decimalValue()).isEqualByComparingTo("0.08");
            assertThat(cappedBudget.get("reserved_usd").decimalValue()).isEqualByComparingTo("0");
            assertThat(groups.get(capped.get("id").asString()).get("price_usd").decimalValue())
                    .isEqualByComparingTo("0.08");
            assertThat(groups.get(limited.get("id").asString()).get("price_usd").decimalValue())
                    .isEqualByComparingTo("0.112"); // 7 images at $0.016
            BigDecimal sum = byKey.get("data").valueStream().map(g -> g.get("price_usd").decimalValue())
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(sum).isEqualByComparingTo("0.24"); // 7 + 3 + 5 images, each charged once
            assertThat(json(a.get("/v1/usage", limited.get("key").asString()).body()).get("totals").get("requests")
                    .asInt()).isEqualTo(7);
        }
    }
}
