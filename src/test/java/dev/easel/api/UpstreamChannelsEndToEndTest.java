package dev.easel.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;
import dev.easel.TestEasel;
import dev.easel.upstream.FakeHttpServer.Reply;
import dev.easel.upstream.FakeOpenAiUpstream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real Easel with a {@code channels:} config in front of a fake OpenAI upstream, called by the official SDK. */
class UpstreamChannelsEndToEndTest {
    static final String UPSTREAM_KEY = "sk-upstream-e2e-secret";
    static FakeOpenAiUpstream upstream;
    static TestEasel easel;
    static OpenAIClient client;

    @BeforeAll
    static void start() {
        upstream = new FakeOpenAiUpstream();
        easel = TestEasel.start("""
                channels:
                  - name: openai-main
                    type: openai
                    base_url: %s
                    api_key_env: UPSTREAM_KEY
                    models: [gpt-image-1, dall-e-3]
                """.formatted(upstream.baseUrl()), Map.of("UPSTREAM_KEY", UPSTREAM_KEY));
        client = OpenAIOkHttpClient.builder().baseUrl(easel.baseUrl() + "/v1").apiKey(TestEasel.API_KEY)
                .maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        easel.close();
        upstream.close();
    }

    @Test
    void base64GenerationsAreRelayedWithTheUpstreamUsageAndTheChannelHeader() {
        HttpResponseFor<ImagesResponse> raw = client.images().withRawResponse().generate(ImageGenerateParams.builder()
                .model("gpt-image-1").prompt("a paper boat").build());

        ImagesResponse response = raw.parse();
        assertThat(raw.headers().values("x-easel-channel")).containsExactly("openai-main");
        String b64 = response.data().orElseThrow().get(0).b64Json().orElseThrow();
        assertThat(Base64.getDecoder().decode(b64)).isEqualTo(FakeOpenAiUpstream.IMAGE);
        assertThat(response.usage().orElseThrow().totalTokens()).isEqualTo(4300);
        assertThat(response.usage().orElseThrow().outputTokens()).isEqualTo(4200);
    }

    @Test
    void urlGenerationsAreFetchedFromTheUpstreamAsBase64AndHostedByEasel() throws Exception {
        HttpResponseFor<ImagesResponse> raw = client.images().withRawResponse().generate(ImageGenerateParams.builder()
                .model("dall-e-3").prompt("a paper boat").responseFormat(ImageGenerateParams.ResponseFormat.URL).build());

        String url = raw.parse().data().orElseThrow().get(0).url().orElseThrow();
        assertThat(url).startsWith(easel.baseUrl());
        HttpResponse<byte[]> image = easel.sendForBytes(HttpRequest.newBuilder(URI.create(url)).GET().build());
        assertThat(image.body()).isEqualTo(FakeOpenAiUpstream.IMAGE);
        assertThat(raw.headers().values("x-easel-channel")).containsExactly("openai-main");
        assertThat(upstream.generations().getLast().json().path("response_format").asString()).isEqualTo("b64_json");
    }

    @Test
    void modelsWithoutAChannelAreServedByTheBuiltInRenderer() {
        HttpResponseFor<ImagesResponse> raw = client.images().withRawResponse().generate(ImageGenerateParams.builder()
                .model("gpt-image-2").prompt("a paper boat").build());

        assertThat(raw.parse().data().orElseThrow()).hasSize(1);
        assertThat(raw.headers().values("x-easel-channel")).containsExactly("local");
    }

    @Test
    void aChannelWhoseKeyIsRefusedIsA502ThatNamesNoKeyAndNoUrl() {
        upstream.enqueue(Reply.json(401, FakeOpenAiUpstream.error("invalid_request_error", "invalid_api_key",
                "Incorrect API key provided: " + UPSTREAM_KEY)));

        var response = easel.post("/v1/images/generations", TestEasel.API_KEY,
                "{\"model\":\"gpt-image-1\",\"prompt\":\"a paper boat\"}");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("channel_misconfigured").doesNotContain(UPSTREAM_KEY)
                .doesNotContain(upstream.baseUrl());
    }

    @Test
    void anUpstreamContentPolicyRefusalIsA400ForTheClient() {
        upstream.enqueue(Reply.json(400, FakeOpenAiUpstream.error("invalid_request_error", "content_policy_violation",
                "Your request was rejected as a result of our safety system.")));

        var response = easel.post("/v1/images/generations", TestEasel.API_KEY,
                "{\"model\":\"gpt-image-1\",\"prompt\":\"a paper boat\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("content_policy_violation");
    }
}
