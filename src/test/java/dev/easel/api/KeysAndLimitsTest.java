package dev.easel.api;

import static dev.easel.OpenAiErrors.assertError;
import static dev.easel.OpenAiErrors.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.FakeProvider;
import dev.easel.TestEasel;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Keys with policies over HTTP: the admin API sets them, the image API enforces them. */
class KeysAndLimitsTest {
    private static final String GENERATE = "/v1/images/generations";
    private static final String SMALL = "{\"model\":\"dall-e-2\",\"size\":\"256x256\",\"prompt\":\"a boat\"}";
    private static TestEasel easel;

    @BeforeAll
    static void start() {
        easel = TestEasel.start("", new FakeProvider(0));
    }

    @AfterAll
    static void stop() {
        easel.close();
    }

    /** Creates a key with the given extra JSON fields; returns the created key object (with its secret). */
    static JsonNode createKey(TestEasel easel, String fields) {
        HttpResponse<String> res = easel.post("/admin/keys", TestEasel.ADMIN_KEY,
                "{\"name\":\"test\"" + (fields.isEmpty() ? "" : "," + fields) + "}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        return json(res.body());
    }

    private static HttpResponse<String> patch(String id, String body) {
        return easel.send(easel.request("/admin/keys/" + id, TestEasel.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void createTakesEveryPolicyFieldAndResolvesModelAliases() {
        JsonNode key = createKey(easel, """
                "owner":"team-a","expires_at":"2030-01-01T00:00:00Z","models":["gpt-image-2-2026-04-21","dall-e-2"],
                "allowed_ips":["10.0.0.0/8","2001:db8::/32"],"budget_usd":12.5,"budget_period":"month","rpm":60,
                "images_per_minute":100,"max_concurrency":4,"price_multiplier":1.25""");
        assertThat(key.get("owner").asString()).isEqualTo("team-a");
        assertThat(key.get("expires_at").asLong()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z").getEpochSecond());
        assertThat(key.get("models").toString()).isEqualTo("[\"dall-e-2\",\"gpt-image-2\"]");
        assertThat(key.get("allowed_ips").toString()).contains("10.0.0.0/8");
        assertThat(key.get("budget_usd").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(key.get("budget_period").asString()).isEqualTo("month");
        assertThat(key.get("rpm").asInt()).isEqualTo(60);
        assertThat(key.get("images_per_minute").asInt()).isEqualTo(100);
        assertThat(key.get("max_concurrency").asInt()).isEqualTo(4);
        assertThat(key.get("price_multiplier").decimalValue()).isEqualByComparingTo("1.25");
    }

    @Test
    void patchKeepsFieldsLeftOutClearsNullsAndSetsValues() {
        JsonNode key = createKey(easel, "\"owner\":\"a\",\"rpm\":10,\"budget_usd\":5,\"max_concurrency\":2");
        String id = key.get("id").asString();
        HttpResponse<String> res = patch(id, "{\"rpm\":null,\"budget_period\":\"month\",\"images_per_minute\":7}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode after = json(res.body());
        assertThat(after.get("owner").asString()).isEqualTo("a");
        assertThat(after.get("rpm").isNull()).isTrue();
        assertThat(after.get("budget_usd").decimalValue()).isEqualByComparingTo("5");
        assertThat(after.get("budget_period").asString()).isEqualTo("month");
        assertThat(after.get("images_per_minute").asInt()).isEqualTo(7);
        assertThat(after.get("max_concurrency").asInt()).isEqualTo(2);
        assertThat(after.has("key")).isFalse();
        assertThat(json(easel.get("/admin/keys/" + id, TestEasel.ADMIN_KEY).body())).isEqualTo(after);
    }

    @Test
    void badPolicyFieldsAre400NamingTheField() {
        String id = createKey(easel, "").get("id").asString();
        assertThat(assertError(patch(id, "{\"models\":[\"no-such-model\"]}"), 400, "invalid_value")
                .get("param").asString()).isEqualTo("models");
        assertThat(assertError(patch(id, "{\"allowed_ips\":[\"10.0.0.0/40\"]}"), 400, "invalid_value")
                .get("param").asString()).isEqualTo("allowed_ips");
        assertThat(assertError(patch(id, "{\"budget_usd\":0.0000001}"), 400, "invalid_value")
                .get("param").asString()).isEqualTo("budget_usd");
        assertThat(assertError(patch(id, "{\"budget_period\":\"month\"}"), 400, "invalid_value")
                .get("param").asString()).isEqualTo("budget_period");
        assertThat(assertError(patch(id, "{\"rpm\":0}"), 400, "invalid_value").get("param").asString()).isEqualTo("rpm");
        assertError(patch(id, "{\"role\":\"admin\"}"), 400, "unknown_parameter");
        assertError(patch("key_missing", "{\"rpm\":1}"), 404, "key_not_found");
    }

    @Test
    void anExpiredKeyIs401() {
        JsonNode key = createKey(easel, "");
        String secret = key.get("key").asString();
        assertThat(easel.post(GENERATE, secret, SMALL).statusCode()).isEqualTo(200);
        patch(key.get("id").asString(), "{\"expires_at\":" + (Instant.now().getEpochSecond() - 1) + "}");
        assertThat(assertError(easel.post(GENERATE, secret, SMALL), 401, "key_expired").get("message").asString())
                .contains("expired");
    }

    @Test
    void aCallerOutsideTheAllowedAddressesIs403AndOneInsideIsServed() {
        JsonNode outside = createKey(easel, "\"allowed_ips\":[\"10.0.0.0/8\",\"2001:db8::/32\"]");
        assertError(easel.post(GENERATE, outside.get("key").asString(), SMALL), 403, "ip_not_allowed");
        JsonNode inside = createKey(easel, "\"allowed_ips\":[\"10.0.0.0/8\",\"127.0.0.0/8\"]");
        assertThat(easel.post(GENERATE, inside.get("key").asString(), SMALL).statusCode()).isEqualTo(200);
    }

    @Test
    void aModelOutsideTheAllowListIs403AndAnAliasOfAnAllowedModelIsServed() {
        String secret = createKey(easel, "\"models\":[\"gpt-image-2\"]").get("key").asString();
        JsonNode error = assertError(easel.post(GENERATE, secret, SMALL), 403, "model_not_allowed");
        assertThat(error.get("message").asString()).contains("dall-e-2").contains("gpt-image-2");
        HttpResponse<String> alias = easel.post(GENERATE, secret,
                "{\"model\":\"gpt-image-2-2026-04-21\",\"size\":\"1024x1024\",\"quality\":\"low\",\"prompt\":\"a boat\"}");
        assertThat(alias.statusCode()).as(alias.body()).isEqualTo(200);
    }

    @Test
    void overTheRpmLimitIs429WithRetryAfterAndRateLimitHeaders() {
        String secret = createKey(easel, "\"rpm\":2").get("key").asString();
        HttpResponse<String> ok = easel.post(GENERATE, secret, SMALL);
        assertThat(ok.headers().firstValue("x-ratelimit-limit-requests")).hasValue("2");
        assertThat(ok.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("1");
        easel.post(GENERATE, secret, SMALL);
        HttpResponse<String> limited = easel.post(GENERATE, secret, SMALL);
        assertError(limited, 429, "rate_limit_exceeded");
        assertThat(limited.headers().firstValue("retry-after")).isPresent();
        assertThat(limited.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
        assertThat(limited.headers().firstValue("x-ratelimit-reset-requests")).hasValueSatisfying(
                v -> assertThat(v).endsWith("ms"));
    }

    @Test
    void overTheImagesPerMinuteLimitIs429WithImageHeaders() {
        String secret = createKey(easel, "\"images_per_minute\":3").get("key").asString();
        String two = "{\"model\":\"dall-e-2\",\"size\":\"256x256\",\"n\":2,\"prompt\":\"a boat\"}";
        assertThat(easel.post(GENERATE, secret, two).headers().firstValue("x-ratelimit-remaining-images")).hasValue("1");
        HttpResponse<String> limited = easel.post(GENERATE, secret, two);
        assertError(limited, 429, "rate_limit_exceeded");
        assertThat(limited.headers().firstValue("x-ratelimit-limit-images")).hasValue("3");
        assertThat(limited.headers().firstValue("retry-after")).isPresent();
    }

    @Test
    void overBudgetIs429InsufficientQuotaAndARefusedRequestNeverReachesTheBackend() {
        // dall-e-2 256x256 is $0.016: the budget covers two images.
        String secret = createKey(easel, "\"budget_usd\":0.032").get("key").asString();
        assertThat(easel.post(GENERATE, secret, SMALL).statusCode()).isEqualTo(200);
        assertThat(easel.post(GENERATE, secret, SMALL).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = easel.post(GENERATE, secret, SMALL);
        JsonNode error = assertError(refused, 429, "insufficient_quota");
        assertThat(refused.headers().firstValue("x-should-retry")).hasValue("false"); // SDKs would retry a 429
        assertThat(error.get("type").asString()).isEqualTo("insufficient_quota");
    }

    @Test
    void aFailedBackendIsRefundedInFull() {
        String secret = createKey(easel, "\"budget_usd\":0.016").get("key").asString();
        String failing = "{\"model\":\"dall-e-2\",\"size\":\"256x256\",\"prompt\":\"fail now\"}";
        assertThat(easel.post(GENERATE, secret, failing).statusCode()).isEqualTo(502);
        assertThat(easel.post(GENERATE, secret, failing).statusCode()).isEqualTo(502);
        assertThat(easel.post(GENERATE, secret, SMALL).statusCode()).isEqualTo(200); // the budget is still whole
        JsonNode usage = json(easel.get("/v1/usage", secret).body());
        assertThat(usage.get("totals").get("requests").asInt()).isEqualTo(3);
        assertThat(usage.get("totals").get("images").asInt()).isEqualTo(1);
        assertThat(usage.get("totals").get("price_usd").decimalValue()).isEqualByComparingTo("0.016");
        assertThat(usage.get("budget").get("remaining_usd").decimalValue()).isEqualByComparingTo("0");
        assertThat(usage.get("data").get(1).get("status").asString()).isEqualTo("refunded");
    }

    @Test
    void aStreamTheClientLeavesEarlyIsChargedOnlyForTheImagesItReceived() throws Exception {
        String secret = createKey(easel, "").get("key").asString();
        HttpRequest request = easel.request(GENERATE, secret).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-image-2\",\"prompt\":\"slow stream\","
                        + "\"size\":\"1024x1024\",\"quality\":\"low\",\"n\":3,\"stream\":true}")).build();
        HttpResponse<java.io.InputStream> r = java.net.http.HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(r.body(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null && !line.equals("event: image_generation.completed")) {
                // skip keep-alives until the first image's event
            }
            assertThat(lines.readLine()).startsWith("data: "); // the first image arrived; hang up
        }
        JsonNode entry = null;
        for (int i = 0; i < 100 && entry == null; i++) {
            JsonNode data = json(easel.get("/v1/usage", secret).body()).get("data");
            entry = data.isEmpty() ? null : data.get(0);
            Thread.sleep(50);
        }
        assertThat(entry).as("the stream was settled").isNotNull();
        assertThat(entry.get("n_requested").asInt()).isEqualTo(3);
        // The client read one image; a second may still have fitted into the socket buffers before the
        // server saw the hang-up (TCP cannot tell), but the third, half a second later, never goes out.
        assertThat(entry.get("n_delivered").asInt()).isBetween(1, 2);
        assertThat(entry.get("status").asString()).isEqualTo("partial");
    }

    @Test
    void usageShowsTheCallersOwnEntriesPageByPageWithoutPromptsOrCost() {
        String secret = createKey(easel, "").get("key").asString();
        for (int i = 0; i < 3; i++) {
            easel.post(GENERATE, secret, SMALL);
        }
        JsonNode first = json(easel.get("/v1/usage?limit=2", secret).body());
        assertThat(first.get("data")).hasSize(2);
        assertThat(first.get("has_more").asBoolean()).isTrue();
        assertThat(first.get("data").get(0).has("cost_usd")).isFalse();
        assertThat(first.toString()).doesNotContain("a boat");
        String last = first.get("data").get(1).get("id").asString();
        JsonNode second = json(easel.get("/v1/usage?limit=2&after=" + last, secret).body());
        assertThat(second.get("data")).hasSize(1);
        assertThat(second.get("has_more").asBoolean()).isFalse();
        assertThat(json(easel.get("/v1/usage", TestEasel.API_KEY).body()).get("key_id").asString())
                .isNotEqualTo(first.get("key_id").asString());
    }

    @Test
    void adminUsageSumsByKeyModelAndDay() {
        JsonNode key = createKey(easel, "");
        easel.post(GENERATE, key.get("key").asString(), SMALL);
        JsonNode byKey = json(easel.get("/admin/usage?group_by=key", TestEasel.ADMIN_KEY).body());
        assertThat(byKey.get("data").valueStream().map(g -> g.get("group").asString()))
                .contains(key.get("id").asString());
        JsonNode byModel = json(easel.get("/admin/usage?group_by=model", TestEasel.ADMIN_KEY).body());
        assertThat(byModel.get("data").valueStream().map(g -> g.get("group").asString())).contains("dall-e-2");
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        JsonNode byDay = json(easel.get("/admin/usage?group_by=day&from=" + today + "&to=" + today,
                TestEasel.ADMIN_KEY).body());
        assertThat(byDay.get("data").get(0).get("group").asString()).isEqualTo(today);
        assertThat(byDay.get("data").get(0).get("price_usd").decimalValue()).isPositive();
        assertThat(byDay.get("data").get(0).get("cost_usd").decimalValue()).isZero(); // the built-in renderer
        assertError(easel.get("/admin/usage?group_by=colour", TestEasel.ADMIN_KEY), 400, "invalid_value");
        assertError(easel.get("/admin/usage", TestEasel.API_KEY), 403, "permission_denied");
    }
}
