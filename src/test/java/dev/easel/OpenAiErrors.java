package dev.easel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Assertions on the OpenAI error contract: status, all four keys, and a request id on the response. */
public final class OpenAiErrors {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OpenAiErrors() {
    }

    /** Asserts the response is an OpenAI error with the status and code; returns its error object. */
    public static JsonNode assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.headers().firstValue("x-request-id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error).as("error object in %s", response.body()).isNotNull();
        for (String key : new String[] {"message", "type", "param", "code"}) {
            assertThat(error.has(key)).as("error has key %s: %s", key, response.body()).isTrue();
        }
        assertThat(error.get("message").asString()).isNotBlank();
        assertThat(error.get("code").asString()).isEqualTo(code);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        return error;
    }

    public static JsonNode json(String body) {
        return JSON.readTree(body);
    }
}
