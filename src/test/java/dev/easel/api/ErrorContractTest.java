package dev.easel.api;

import static dev.easel.OpenAiErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.TestEasel;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every bad input gets an OpenAI-shaped error with the right status; none gets a 500. */
class ErrorContractTest {
    private static final String GENERATIONS = "/v1/images/generations";
    private static TestEasel easel;

    @BeforeAll
    static void start() {
        easel = TestEasel.start(); // 1 MiB body limit
    }

    @AfterAll
    static void stop() {
        easel.close();
    }

    @Test
    void missingKeyIs401() {
        assertError(easel.post(GENERATIONS, "", "{\"prompt\":\"a boat\"}"), 401, "invalid_api_key");
    }

    @Test
    void unknownKeyIs401AndTheKeyIsNotEchoed() {
        HttpResponse<String> r = easel.post(GENERATIONS, "sk-not-a-real-key-123456", "{\"prompt\":\"a boat\"}");
        assertError(r, 401, "invalid_api_key");
        assertThat(r.body()).doesNotContain("sk-not-a-real-key");
    }

    @Test
    void nonBearerAuthorizationIs401() {
        HttpRequest request = easel.request(GENERATIONS, "").header("Authorization", "Basic dXNlcjpwYXNz")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertError(easel.send(request), 401, "invalid_api_key");
    }

    @Test
    void adminKeyCannotGenerate() {
        assertError(easel.post(GENERATIONS, TestEasel.ADMIN_KEY, "{\"prompt\":\"a boat\"}"), 403, "permission_denied");
    }

    @Test
    void brokenJsonIs400WithPosition() {
        var error = assertError(easel.post(GENERATIONS, TestEasel.API_KEY, "{\"prompt\": \"a boat\""), 400, "invalid_json");
        assertThat(error.get("message").asString()).contains("line 1").doesNotContain("REDACTED");
    }

    @Test
    void emptyBodyIs400() {
        assertError(easel.post(GENERATIONS, TestEasel.API_KEY, ""), 400, "invalid_json");
    }

    @Test
    void twoJsonValuesInOneBodyAre400() {
        assertError(easel.post(GENERATIONS, TestEasel.API_KEY, "{\"prompt\":\"a\"} {\"prompt\":\"b\"}"), 400, "invalid_json");
    }

    @Test
    void duplicateKeysAre400() {
        assertError(easel.post(GENERATIONS, TestEasel.API_KEY, "{\"prompt\":\"a\",\"prompt\":\"b\"}"), 400, "invalid_json");
    }

    @Test
    void wrongContentTypeIs415() {
        HttpRequest request = easel.request(GENERATIONS, TestEasel.API_KEY).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"a boat\"}")).build();
        assertError(easel.send(request), 415, "unsupported_media_type");
    }

    @Test
    void formEncodedBodyIs415() {
        HttpRequest request = easel.request(GENERATIONS, TestEasel.API_KEY)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("prompt=a+boat")).build();
        assertError(easel.send(request), 415, "unsupported_media_type");
    }

    @Test
    void bodyOverTheLimitIs413AndTheServerStaysHealthy() {
        String huge = "{\"prompt\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}";
        assertError(easel.post(GENERATIONS, TestEasel.API_KEY, huge), 413, "request_too_large");
        assertThat(easel.get("/health", "").statusCode()).isEqualTo(200);
    }

    @Test
    void chunkedBodyOverTheLimitIs413() {
        byte[] huge = ("{\"prompt\":\"" + "b".repeat(2 * 1024 * 1024) + "\"}").getBytes();
        HttpRequest request = easel.request(GENERATIONS, TestEasel.API_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))).build();
        HttpResponse<String> r = easel.send(request);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("\"code\":\"request_too_large\"");
        assertThat(easel.get("/health", "").statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyFarOverTheLimitIsCutOffAndTheServerStaysHealthy() {
        byte[] huge = new byte[6 * 1024 * 1024]; // over the 4x hard cap of the 1 MiB test limit
        java.util.Arrays.fill(huge, (byte) 'c');
        HttpRequest request = easel.request(GENERATIONS, TestEasel.API_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))).build();
        try {
            assertThat(easel.send(request).statusCode()).isEqualTo(413);
        } catch (java.io.UncheckedIOException cutOff) {
            // the server may drop the connection before the client finishes sending; that is the point
        }
        assertThat(easel.get("/health", "").statusCode()).isEqualTo(200);
    }

    @Test
    void brokenChunkedFramingIs400NotA500() throws Exception {
        String raw = "POST " + GENERATIONS + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TestEasel.API_KEY
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n{}\r\n0\r\n\r\n";
        String response = rawExchange(raw);
        assertThat(response).startsWith("HTTP/1.1 400").contains("\"code\":\"invalid_body\"");
    }

    @Test
    void unparseableHttpGetsAnOpenAiShapedError() throws Exception {
        String response = rawExchange("GARBAGE\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 400").contains("\"error\":{").contains("\"param\":null");
    }

    private static String rawExchange(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", easel.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            byte[] buffer = new byte[8192];
            StringBuilder sb = new StringBuilder();
            java.io.InputStream in = socket.getInputStream();
            int n;
            while (!sb.toString().contains("}}") && (n = in.read(buffer)) > 0) {
                sb.append(new String(buffer, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            return sb.toString();
        }
    }

    @Test
    void jsonThatIsNotAnObjectIs400() {
        assertThat(easel.post(GENERATIONS, TestEasel.API_KEY, "[1,2]").statusCode()).isEqualTo(400);
        assertThat(easel.post(GENERATIONS, TestEasel.API_KEY, "\"a boat\"").statusCode()).isEqualTo(400);
    }

    @Test
    void unknownModelIs404ModelNotFound() {
        var error = assertError(easel.post(GENERATIONS, TestEasel.API_KEY, "{\"model\":\"dall-e-9\",\"prompt\":\"a\"}"),
                404, "model_not_found");
        assertThat(error.get("param").asString()).isEqualTo("model");
    }

    @Test
    void missingPromptIs400OnPrompt() {
        var error = assertError(easel.post(GENERATIONS, TestEasel.API_KEY, "{\"model\":\"gpt-image-2\"}"), 400,
                "missing_required_parameter");
        assertThat(error.get("param").asString()).isEqualTo("prompt");
    }

    @Test
    void wrongMethodIs405WithAllow() {
        HttpResponse<String> r = easel.get(GENERATIONS, TestEasel.API_KEY);
        assertError(r, 405, "method_not_allowed");
        assertThat(r.headers().firstValue("allow")).hasValue("POST");
    }

    @Test
    void unknownPathIs404() {
        assertError(easel.get("/v1/nothing-here", TestEasel.API_KEY), 404, "unknown_url");
    }

    @Test
    void everyResponseCarriesARequestId() {
        assertThat(easel.get("/health", "").headers().firstValue("x-request-id")).isPresent();
        assertThat(easel.get("/v1/models", TestEasel.API_KEY).headers().firstValue("x-request-id")).isPresent();
    }
}
