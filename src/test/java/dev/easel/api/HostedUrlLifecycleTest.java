package dev.easel.api;

import static dev.easel.OpenAiErrors.assertError;
import static dev.easel.OpenAiErrors.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.TestEasel;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A `url` result over real HTTP: served with the right headers, refused when altered or expired. */
class HostedUrlLifecycleTest {

    @Test
    void aHostedUrlServesThePngWithCachingHeaders() {
        try (TestEasel easel = TestEasel.start()) {
            String url = firstUrl(easel, "{\"model\":\"dall-e-2\",\"prompt\":\"a red circle\",\"size\":\"256x256\"}");

            HttpResponse<byte[]> image = easel.sendForBytes(HttpRequest.newBuilder(URI.create(url)).GET().build());

            assertThat(image.statusCode()).isEqualTo(200);
            assertThat(image.headers().firstValue("content-type")).hasValue("image/png");
            assertThat(image.headers().firstValue("cache-control")).hasValueSatisfying(c ->
                    assertThat(c).contains("max-age=").contains("private"));
            assertThat(image.body()).startsWith(0x89, 'P', 'N', 'G');
        }
    }

    @Test
    void anAlteredUrlIs403() {
        try (TestEasel easel = TestEasel.start()) {
            String url = firstUrl(easel, "{\"model\":\"dall-e-2\",\"prompt\":\"a red circle\",\"size\":\"256x256\"}");

            char first = url.charAt(url.indexOf("sig=") + 4);
            String otherFirst = first == 'A' ? "B" : "A"; // a signature may well start with A already
            assertError(easel.get(url.replaceAll("sig=.", "sig=" + otherFirst), ""), 403, "invalid_signature");
            assertError(easel.get(url.replaceAll("exp=(\\d+)", "exp=9$1"), ""), 403, "invalid_signature");
        }
    }

    @Test
    void anExpiredUrlIs410() throws InterruptedException {
        try (TestEasel easel = TestEasel.start("url_ttl: 1s\n")) {
            String url = firstUrl(easel, "{\"model\":\"dall-e-2\",\"prompt\":\"a red circle\",\"size\":\"256x256\"}");

            Thread.sleep(2100);

            assertError(easel.get(url, ""), 410, "url_expired");
        }
    }

    private static String firstUrl(TestEasel easel, String body) {
        HttpResponse<String> r = easel.post("/v1/images/generations", TestEasel.API_KEY, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r.body()).get("data").get(0).get("url").asString();
    }
}
