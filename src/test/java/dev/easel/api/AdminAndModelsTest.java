package dev.easel.api;

import static dev.easel.OpenAiErrors.assertError;
import static dev.easel.OpenAiErrors.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.TestEasel;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The admin key API and the models endpoints over real HTTP. */
class AdminAndModelsTest {
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
    void anAdminCreatesAKeyThatWorksAtOnceAndStopsWorkingWhenRevoked() {
        HttpResponse<String> created = easel.post("/admin/keys", TestEasel.ADMIN_KEY, "{\"name\":\"ci\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode key = json(created.body());
        String secret = key.get("key").asString();
        String id = key.get("id").asString();
        assertThat(key.get("role").asString()).isEqualTo("api");

        assertThat(easel.get("/v1/models", secret).statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = easel.send(easel.request("/admin/keys/" + id, TestEasel.ADMIN_KEY).DELETE().build());
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(json(revoked.body()).get("revoked_at").asLong()).isPositive();
        assertError(easel.get("/v1/models", secret), 401, "invalid_api_key");
    }

    @Test
    void theKeyListNeverShowsSecrets() {
        easel.post("/admin/keys", TestEasel.ADMIN_KEY, "{\"name\":\"listed\"}");

        HttpResponse<String> list = easel.get("/admin/keys", TestEasel.ADMIN_KEY);

        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode data = json(list.body()).get("data");
        assertThat(data.size()).isGreaterThanOrEqualTo(3);
        data.forEach(k -> assertThat(k.has("key")).isFalse());
        assertThat(list.body()).doesNotContain(TestEasel.API_KEY).doesNotContain(TestEasel.ADMIN_KEY);
    }

    @Test
    void anApiKeyCannotManageKeys() {
        assertError(easel.get("/admin/keys", TestEasel.API_KEY), 403, "permission_denied");
        assertError(easel.post("/admin/keys", TestEasel.API_KEY, "{\"name\":\"x\"}"), 403, "permission_denied");
    }

    @Test
    void keyCreationValidatesItsBody() {
        assertError(easel.post("/admin/keys", TestEasel.ADMIN_KEY, "{}"), 400, "missing_required_parameter");
        assertError(easel.post("/admin/keys", TestEasel.ADMIN_KEY, "{\"name\":5}"), 400, "invalid_type");
        assertError(easel.post("/admin/keys", TestEasel.ADMIN_KEY, "{\"name\":\"a\",\"role\":\"root\"}"), 400, "invalid_value");
        assertError(easel.post("/admin/keys", TestEasel.ADMIN_KEY, "{\"name\":\"a\",\"colour\":\"red\"}"), 400,
                "unknown_parameter");
        assertError(easel.post("/admin/keys", TestEasel.ADMIN_KEY, "[]"), 400, "invalid_json");
    }

    @Test
    void anAdminCanCreateAnotherAdminKey() {
        JsonNode key = json(easel.post("/admin/keys", TestEasel.ADMIN_KEY, "{\"name\":\"ops\",\"role\":\"admin\"}").body());
        assertThat(easel.get("/admin/keys", key.get("key").asString()).statusCode()).isEqualTo(200);
    }

    @Test
    void revokingAnUnknownKeyIs404() {
        HttpRequest delete = easel.request("/admin/keys/key_nope", TestEasel.ADMIN_KEY).DELETE().build();
        assertError(easel.send(delete), 404, "key_not_found");
    }

    @Test
    void modelsListInOpenAiShapeWithAliasesAndShutdownDates() {
        JsonNode list = json(easel.get("/v1/models", TestEasel.API_KEY).body());

        assertThat(list.get("object").asString()).isEqualTo("list");
        JsonNode first = list.get("data").get(0);
        assertThat(first.has("shutdown_date")).isTrue();
        assertThat(first.get("object").asString()).isEqualTo("model");
        assertThat(list.get("data").findValuesAsString("id")).contains("gpt-image-2", "gpt-image-2-2026-04-21", "qwen-image");
    }

    @Test
    void oneModelByIdOrAliasAnd404ForOthers() {
        JsonNode alias = json(easel.get("/v1/models/gpt-image-2-2026-04-21", TestEasel.API_KEY).body());
        assertThat(alias.get("id").asString()).isEqualTo("gpt-image-2-2026-04-21");
        assertError(easel.get("/v1/models/nope", TestEasel.API_KEY), 404, "model_not_found");
    }
}
