package dev.easel.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.easel.catalog.ImageRequest;
import dev.easel.catalog.ImageUsage;
import dev.easel.generation.Requests;
import dev.easel.provider.EncodedImage;
import dev.easel.provider.ImageSink;
import dev.easel.provider.UpstreamException;
import dev.easel.provider.UpstreamException.Kind;
import dev.easel.provider.UpstreamKey;
import dev.easel.provider.UpstreamTimeouts;
import dev.easel.render.ImageFormat;
import dev.easel.upstream.FakeHttpServer;
import dev.easel.upstream.FakeHttpServer.Reply;
import dev.easel.upstream.FakeOpenAiUpstream;
import dev.easel.upstream.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiProviderTest {
    static final String KEY = "sk-upstream-secret-0123456789";
    final FakeOpenAiUpstream upstream = new FakeOpenAiUpstream();

    @AfterEach
    void stop() {
        upstream.close();
    }

    OpenAiProvider provider(Map<String, String> models, UpstreamTimeouts timeouts) {
        return new OpenAiProvider("main", new OpenAiEndpoint(OpenAiEndpoint.Flavor.OPENAI, URI.create(upstream.baseUrl()),
                new UpstreamKey(KEY), OpenAiEndpoint.DEFAULT_AZURE_API_VERSION, models, timeouts));
    }

    OpenAiProvider provider() {
        return provider(Map.of(), UpstreamTimeouts.openAiDefaults());
    }

    static ImageRequest request(String json) {
        return Requests.parse(Requests.json(json));
    }

    RecordingSink generate(OpenAiProvider provider, ImageRequest request) {
        RecordingSink sink = new RecordingSink();
        provider.generate(request, sink);
        return sink;
    }

    @Test
    void gptImageRequestsSendEveryParameterTheModelTakesAndNeverResponseFormat() {
        generate(provider(), request("""
                {"model":"gpt-image-1","prompt":"a fox","n":1,"size":"1536x1024","quality":"medium",
                 "output_format":"webp","output_compression":70,"background":"opaque","moderation":"low",
                 "user":"u-42","response_format":"b64_json"}"""));

        var sent = upstream.generations().get(0);
        assertThat(sent.path()).isEqualTo("/v1/images/generations");
        assertThat(sent.header("Authorization")).contains("Bearer " + KEY);
        assertThat(sent.json()).isEqualTo(Requests.json("""
                {"model":"gpt-image-1","prompt":"a fox","n":1,"size":"1536x1024","quality":"medium",
                 "output_format":"webp","output_compression":70,"background":"opaque","moderation":"low",
                 "user":"u-42"}"""));
    }

    @Test
    void pngRequestsSendNoCompressionAndResolvedDefaults() {
        generate(provider(), request("{\"model\":\"gpt-image-2\",\"prompt\":\"a fox\"}"));

        assertThat(upstream.generations().get(0).json()).isEqualTo(Requests.json("""
                {"model":"gpt-image-2","prompt":"a fox","n":1,"size":"1024x1024","quality":"high",
                 "output_format":"png","background":"opaque","moderation":"auto"}"""));
    }

    @Test
    void theChannelsModelMappingNamesTheUpstreamModel() {
        generate(provider(Map.of("gpt-image-2", "gpt-image-2-2026-04-21"), UpstreamTimeouts.openAiDefaults()),
                request("{\"model\":\"gpt-image-2\",\"prompt\":\"a fox\"}"));

        assertThat(upstream.generations().get(0).json().path("model").asString()).isEqualTo("gpt-image-2-2026-04-21");
    }

    @Test
    void dallE3AsksForBase64AndKeepsStyleQualityAndTheRevisedPrompt() {
        upstream.enqueue(Reply.json(200, "{\"created\":1,\"data\":[{\"b64_json\":\""
                + java.util.Base64.getEncoder().encodeToString(FakeOpenAiUpstream.IMAGE)
                + "\",\"revised_prompt\":\"A fox, painted\"}]}"));

        RecordingSink sink = generate(provider(), request("""
                {"model":"dall-e-3","prompt":"a fox","quality":"hd","style":"natural","response_format":"url"}"""));

        assertThat(upstream.generations().get(0).json()).isEqualTo(Requests.json("""
                {"model":"dall-e-3","prompt":"a fox","n":1,"size":"1024x1024","quality":"hd","style":"natural",
                 "response_format":"b64_json"}"""));
        assertThat(sink.images.get(0).revisedPrompt()).contains("A fox, painted");
        assertThat(sink.images.get(0).bytes()).isEqualTo(FakeOpenAiUpstream.IMAGE);
    }

    @Test
    void base64ImagesAreDecodedInOrderAndTheUpstreamUsageIsReported() {
        byte[] second = TestImages.png(4, 4, 0xff0000);
        upstream.enqueue(Reply.json(200, FakeOpenAiUpstream.b64Body(FakeOpenAiUpstream.IMAGE, second)));

        RecordingSink sink = generate(provider(), request("{\"model\":\"gpt-image-1\",\"prompt\":\"a fox\",\"n\":2}"));

        assertThat(sink.images).hasSize(2);
        assertThat(sink.images.get(0).bytes()).isEqualTo(FakeOpenAiUpstream.IMAGE);
        assertThat(sink.images.get(1).bytes()).isEqualTo(second);
        assertThat(sink.images.get(0).format()).isEqualTo(ImageFormat.PNG);
        assertThat(sink.usage).contains(ImageUsage.of(90, 10, 4160, 40));
    }

    @Test
    void usageNoImageRequestComesNearIsIgnoredInsteadOfBilled() {
        String image = java.util.Base64.getEncoder().encodeToString(FakeOpenAiUpstream.IMAGE);
        upstream.enqueue(Reply.json(200, "{\"data\":[{\"b64_json\":\"" + image + "\"}],"
                + "\"usage\":{\"input_tokens\":9223372036854775807,\"output_tokens\":1}}"));
        upstream.enqueue(Reply.json(200, "{\"data\":[{\"b64_json\":\"" + image + "\"}],"
                + "\"usage\":{\"input_tokens\":-5,\"output_tokens\":1}}"));

        for (int call = 0; call < 2; call++) {
            RecordingSink sink = generate(provider(), request("{\"model\":\"gpt-image-1\",\"prompt\":\"a fox\"}"));

            assertThat(sink.images).hasSize(1);
            assertThat(sink.usage).isEmpty();
        }
    }

    @Test
    void upstreamLinksAreDownloadedAtOnceWithoutTheChannelKey() {
        upstream.enqueue(Reply.json(200, FakeOpenAiUpstream.urlBody(upstream.host(FakeOpenAiUpstream.IMAGE), "r")));

        RecordingSink sink = generate(provider(), request("{\"model\":\"dall-e-2\",\"prompt\":\"a fox\"}"));

        assertThat(sink.images.get(0).bytes()).isEqualTo(FakeOpenAiUpstream.IMAGE);
        assertThat(upstream.downloads()).singleElement()
                .satisfies(d -> assertThat(d.header("Authorization")).isEmpty());
    }

    @Test
    void azureUsesTheDeploymentPathTheApiVersionAndTheApiKeyHeader() {
        OpenAiProvider azure = new OpenAiProvider("azure", new OpenAiEndpoint(OpenAiEndpoint.Flavor.AZURE,
                URI.create(upstream.origin() + "/"), new UpstreamKey(KEY), "2025-04-01-preview",
                Map.of("gpt-image-1", "my-images"), UpstreamTimeouts.openAiDefaults()));

        generate(azure, request("{\"model\":\"gpt-image-1\",\"prompt\":\"a fox\"}"));

        var sent = upstream.generations().get(0);
        assertThat(sent.path()).isEqualTo("/openai/deployments/my-images/images/generations");
        assertThat(sent.query()).isEqualTo("api-version=2025-04-01-preview");
        assertThat(sent.header("api-key")).contains(KEY);
        assertThat(sent.header("Authorization")).isEmpty();
        assertThat(sent.json().has("model")).isFalse();
    }

    @ParameterizedTest(name = "HTTP {0} is {1}, client sees {2}")
    @CsvSource({
            "400, REJECTED, 400",
            "401, MISCONFIGURED, 502",
            "403, MISCONFIGURED, 502",
            "404, MISCONFIGURED, 502",
            "500, NOT_STARTED, 502",
            "502, NOT_STARTED, 502",
            "503, NOT_STARTED, 502",
            "504, MAY_HAVE_GENERATED, 504",
            "524, MAY_HAVE_GENERATED, 504"})
    void everyUpstreamErrorStatusHasItsKind(int status, Kind kind, int clientStatus) {
        upstream.enqueue(Reply.json(status, FakeOpenAiUpstream.error("invalid_request_error", "some_code",
                "Incorrect API key provided: " + KEY + " at " + upstream.baseUrl())));

        UpstreamException e = fails(request("{\"model\":\"gpt-image-1\",\"prompt\":\"a fox\"}"));

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.status()).isEqualTo(clientStatus);
        if (kind != Kind.REJECTED) { // only a rejection passes the upstream's words on
            assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain(upstream.baseUrl()).contains("`main`");
        }
    }

    @Test
    void aContentPolicyRefusalReachesTheClientAsA400WithTheUpstreamCode() {
        upstream.enqueue(Reply.json(400, FakeOpenAiUpstream.error("invalid_request_error", "content_policy_violation",
                "Your request was rejected as a result of our safety system.")));

        UpstreamException e = fails(request("{\"model\":\"dall-e-3\",\"prompt\":\"a fox\"}"));

        assertThat(e.kind()).isEqualTo(Kind.REJECTED);
        assertThat(e.code()).contains("content_policy_violation");
        assertThat(e.getMessage()).isEqualTo("Your request was rejected as a result of our safety system.");
    }

    @Test
    void a429IsRetryableAndCarriesTheUpstreamsRetryAfter() {
        upstream.enqueue(Reply.json(429, FakeOpenAiUpstream.error("requests", "rate_limit_exceeded", "slow down"))
                .withHeader("Retry-After", "7"));

        UpstreamException e = fails(request("{\"model\":\"gpt-image-1\",\"prompt\":\"a fox\"}"));

        assertThat(e.kind()).isEqualTo(Kind.NOT_STARTED);
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void aSlowFirstByteIsA504ThatMayHaveGenerated() {
        upstream.enqueue(Reply.json(200, FakeOpenAiUpstream.b64Body(FakeOpenAiUpstream.IMAGE))
                .delayed(Duration.ofSeconds(2)));
        OpenAiProvider impatient = provider(Map.of(), new UpstreamTimeouts(Duration.ofSeconds(1),
                Duration.ofMillis(300), Duration.ofSeconds(10)));

        UpstreamException e = catchThrowableOfType(UpstreamException.class,
                () -> generate(impatient, request("{\"model\":\"gpt-image-1\",\"prompt\":\"a fox\"}")));

        assertThat(e.kind()).isEqualTo(Kind.MAY_HAVE_GENERATED);
        assertThat(e.status()).isEqualTo(504);
    }

    @Test
    void anApiThatRedirectsIsAMisconfiguredChannelAndTheRedirectIsNotFollowed() {
        // Pointing back at the same address: a client that followed it would be seen calling again.
        upstream.enqueue(Reply.json(301, "").withHeader("Location", upstream.baseUrl() + "/images/generations"));

        UpstreamException e = fails(request("{\"model\":\"gpt-image-1\",\"prompt\":\"a fox\"}"));

        assertThat(e.kind()).isEqualTo(Kind.MISCONFIGURED);
        assertThat(upstream.generations()).hasSize(1);
    }

    @Test
    void aBodyThatFallsSilentLongerThanTheFirstByteTimeoutIsA504() {
        upstream.enqueue(Reply.json(200, FakeOpenAiUpstream.b64Body(FakeOpenAiUpstream.IMAGE))
                .trickled(20, Duration.ofSeconds(5)));
        OpenAiProvider impatient = provider(Map.of(), new UpstreamTimeouts(Duration.ofSeconds(1),
                Duration.ofMillis(300), Duration.ofSeconds(30)));
        long start = System.nanoTime();

        UpstreamException e = catchThrowableOfType(UpstreamException.class,
                () -> generate(impatient, request("{\"model\":\"gpt-image-1\",\"prompt\":\"a fox\"}")));

        assertThat(e.kind()).isEqualTo(Kind.MAY_HAVE_GENERATED);
        assertThat(e.status()).isEqualTo(504);
        assertThat(e.getMessage()).contains("stopped sending its answer for 0.3 s.");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aRelayHeldUpByItsOwnClientIsNotAnUpstreamFallingSilent() {
        // Several blocks of text, each held up longer than the upstream may stay silent.
        byte[] image = new byte[150_000];
        new Random(7).nextBytes(image);
        upstream.enqueue(Reply.json(200, FakeOpenAiUpstream.b64Body(image)));
        OpenAiProvider impatient = provider(Map.of(), new UpstreamTimeouts(Duration.ofSeconds(1),
                Duration.ofMillis(200), Duration.ofSeconds(30)));
        SlowClientSink sink = new SlowClientSink(Duration.ofMillis(500));

        impatient.generate(request("{\"model\":\"gpt-image-1\",\"prompt\":\"a fox\"}"), sink);

        assertThat(Base64.getDecoder().decode(sink.relayed.toString(StandardCharsets.US_ASCII))).isEqualTo(image);
    }

    /** Relays the text to a client that takes {@code pause} over every block it is sent. */
    private static final class SlowClientSink implements ImageSink {
        final ByteArrayOutputStream relayed = new ByteArrayOutputStream();
        private final Duration pause;

        SlowClientSink(Duration pause) {
            this.pause = pause;
        }

        @Override
        public boolean relays() {
            return true;
        }

        @Override
        public Optional<OutputStream> relay(int imageIndex, OptionalLong answerLength) {
            return Optional.of(new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    try {
                        Thread.sleep(pause);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    relayed.write(b, off, len);
                }
            });
        }

        @Override
        public void relayed(int imageIndex, Optional<String> revisedPrompt) {
        }

        @Override
        public void completed(int imageIndex, EncodedImage image) {
            throw new AssertionError("the image was relayed, not decoded");
        }
    }

    @Test
    void aBodyTricklingPastTheTotalTimeoutIsCutOffAtTheDeadline() {
        // Every byte arrives well within the first-byte timeout, but the whole body would take ~10 s.
        String body = FakeOpenAiUpstream.b64Body(TestImages.png(64, 64, 0x123456));
        upstream.enqueue(Reply.json(200, body).trickled(Math.max(1, body.length() / 100), Duration.ofMillis(100)));
        OpenAiProvider hurried = provider(Map.of(), new UpstreamTimeouts(Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofMillis(800)));
        long start = System.nanoTime();

        UpstreamException e = catchThrowableOfType(UpstreamException.class,
                () -> generate(hurried, request("{\"model\":\"gpt-image-1\",\"prompt\":\"a fox\"}")));

        assertThat(e.kind()).isEqualTo(Kind.MAY_HAVE_GENERATED);
        assertThat(e.status()).isEqualTo(504);
        assertThat(e.getMessage()).contains("did not finish within 0.8 s.");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void consecutiveCallsShareOneKeptAliveConnection() {
        OpenAiProvider provider = provider();
        for (int i = 0; i < 3; i++) {
            generate(provider, request("{\"model\":\"gpt-image-1\",\"prompt\":\"a fox\"}"));
        }

        assertThat(upstream.generations()).hasSize(3)
                .extracting(FakeHttpServer.Recorded::clientPort).containsOnly(upstream.generations().get(0).clientPort());
    }

    @Test
    void aCallThatFailedMidBodyDoesNotPoisonTheNextOne() {
        String body = FakeOpenAiUpstream.b64Body(TestImages.png(64, 64, 0x123456));
        upstream.enqueue(Reply.json(200, body.substring(0, body.length() / 2) + "!!"));
        OpenAiProvider provider = provider();

        assertThatThrownBy(() -> generate(provider, request("{\"model\":\"gpt-image-1\",\"prompt\":\"a fox\"}")))
                .isInstanceOf(UpstreamException.class);
        RecordingSink next = generate(provider, request("{\"model\":\"gpt-image-1\",\"prompt\":\"a fox\"}"));

        assertThat(next.images).hasSize(1);
    }

    @Test
    void aConnectionResetMidBodyMayHaveGenerated() {
        String body = FakeOpenAiUpstream.b64Body(TestImages.png(64, 64, 0x123456));
        upstream.enqueue(Reply.json(200, body).cutAfter(body.length() / 2));

        UpstreamException e = fails(request("{\"model\":\"gpt-image-1\",\"prompt\":\"a fox\"}"));

        assertThat(e.kind()).isEqualTo(Kind.MAY_HAVE_GENERATED);
        assertThat(e.status()).isEqualTo(502);
        assertThat(e.getMessage()).contains("broke while it was sending");
    }

    @Test
    void malformedJsonIsA502() {
        upstream.enqueue(Reply.json(200, "{\"created\":1,\"data\":[{\"b64_json\":\"iVBOR"));

        UpstreamException e = fails(request("{\"model\":\"gpt-image-1\",\"prompt\":\"a fox\"}"));

        assertThat(e.kind()).isEqualTo(Kind.MAY_HAVE_GENERATED);
        assertThat(e.status()).isEqualTo(502);
        assertThat(e.getMessage()).contains("not valid JSON");
    }

    @Test
    void anImageThatIsNotBase64IsA502() {
        upstream.enqueue(Reply.json(200, "{\"created\":1,\"data\":[{\"b64_json\":\"iVBOR*w0KGgo=\"}]}"));

        UpstreamException e = fails(request("{\"model\":\"gpt-image-1\",\"prompt\":\"a fox\"}"));

        assertThat(e.status()).isEqualTo(502);
        assertThat(e.getMessage()).contains("not valid base64");
    }

    @Test
    void anUpstreamLinkThatAnswers404IsA502() {
        upstream.enqueue(Reply.json(200, FakeOpenAiUpstream.urlBody(upstream.expiredLink(), "r")));

        UpstreamException e = fails(request("{\"model\":\"dall-e-2\",\"prompt\":\"a fox\"}"));

        assertThat(e.status()).isEqualTo(502);
        assertThat(e.getMessage()).contains("404");
    }

    @Test
    void anEmptyDataArrayIsAnErrorNeverASuccessWithoutImages() {
        upstream.enqueue(Reply.json(200, "{\"created\":1,\"data\":[]}"));

        UpstreamException e = fails(request("{\"model\":\"gpt-image-1\",\"prompt\":\"a fox\"}"));

        assertThat(e.status()).isEqualTo(502);
        assertThat(e.getMessage()).contains("without any image");
    }

    @Test
    void fewerImagesThanAskedIsAnError() {
        UpstreamException e = fails(request("{\"model\":\"gpt-image-1\",\"prompt\":\"a fox\",\"n\":3}"));

        assertThat(e.getMessage()).contains("1 of the 3");
    }

    @Test
    void aRefusedConnectionHasNotStarted() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        OpenAiProvider nowhere = new OpenAiProvider("gone", new OpenAiEndpoint(OpenAiEndpoint.Flavor.OPENAI,
                URI.create("http://127.0.0.1:" + closedPort + "/v1"), new UpstreamKey(KEY), "", Map.of(),
                UpstreamTimeouts.openAiDefaults()));

        assertThatThrownBy(() -> generate(nowhere, request("{\"model\":\"gpt-image-1\",\"prompt\":\"a fox\"}")))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.NOT_STARTED);
                    assertThat(e.getMessage()).doesNotContain(String.valueOf(closedPort));
                });
    }

    @Test
    void theKeyNeverShowsInTheEndpointsToString() {
        OpenAiEndpoint endpoint = new OpenAiEndpoint(OpenAiEndpoint.Flavor.OPENAI, URI.create(upstream.baseUrl()),
                new UpstreamKey(KEY), "", Map.of(), UpstreamTimeouts.openAiDefaults());

        assertThat(endpoint.toString()).doesNotContain(KEY).contains("redacted");
    }

    private UpstreamException fails(ImageRequest request) {
        return catchThrowableOfType(UpstreamException.class, () -> generate(provider(), request));
    }
}
