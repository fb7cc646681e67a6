package dev.easel.provider.dashscope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.easel.catalog.ImageRequest;
import dev.easel.generation.Requests;
import dev.easel.provider.EncodedImage;
import dev.easel.provider.ImageSink;
import dev.easel.provider.UpstreamException;
import dev.easel.provider.UpstreamException.Kind;
import dev.easel.provider.UpstreamKey;
import dev.easel.provider.UpstreamTimeouts;
import dev.easel.provider.http.AnswerBudget;
import dev.easel.provider.http.Deadline;
import dev.easel.upstream.FakeDashScope;
import dev.easel.upstream.FakeHttpServer.Reply;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DashScopeProviderTest {
    static final String KEY = "sk-dashscope-secret-42";
    final FakeDashScope dashscope = new FakeDashScope();

    @AfterEach
    void stop() {
        dashscope.close();
    }

    DashScopeProvider provider(Duration total) {
        return provider(total, AnswerBudget.ofHeap());
    }

    DashScopeProvider provider(Duration total, AnswerBudget budget) {
        return new DashScopeProvider("qwen", new DashScopeEndpoint(URI.create(dashscope.baseUrl() + "/api/v1"),
                new UpstreamKey(KEY), Map.of("qwen-image", "qwen-image-plus"),
                new UpstreamTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), total),
                Duration.ofMillis(10), Duration.ofMillis(40)), budget);
    }

    static ImageRequest request(String json) {
        return Requests.parse(Requests.json(json));
    }

    static Map<Integer, EncodedImage> generate(DashScopeProvider provider, ImageRequest request) {
        Map<Integer, EncodedImage> images = new HashMap<>();
        provider.generate(request, new ImageSink() {
            @Override
            public void completed(int imageIndex, EncodedImage image) {
                images.put(imageIndex, image);
            }
        });
        return images;
    }

    @Test
    void aTaskThatSucceedsAfterPollingReturnsTheFetchedImage() {
        dashscope.succeedAfter(3);

        var images = generate(provider(Duration.ofSeconds(10)),
                request("{\"model\":\"qwen-image\",\"prompt\":\"a fox\",\"size\":\"1024x1024\"}"));

        assertThat(images.get(0).bytes()).isEqualTo(FakeDashScope.IMAGE);
        assertThat(images.get(0).revisedPrompt()).contains("a richer prompt");
        assertThat(dashscope.polls()).hasSize(4)
                .allSatisfy(p -> assertThat(p.path()).isEqualTo(FakeDashScope.TASKS + FakeDashScope.TASK_ID));
        var submit = dashscope.submits().get(0);
        assertThat(submit.header("X-DashScope-Async")).contains("enable");
        assertThat(submit.header("Authorization")).contains("Bearer " + KEY);
        assertThat(submit.json()).isEqualTo(Requests.json("""
                {"model":"qwen-image-plus","input":{"prompt":"a fox"},"parameters":{"size":"1328*1328","n":1}}"""));
    }

    @Test
    void onlyTheQwenExtrasTheClientSentAreForwarded() {
        dashscope.succeedAfter(0);

        generate(provider(Duration.ofSeconds(10)), request("""
                {"model":"qwen-image","prompt":"a fox","size":"1792x1024","negative_prompt":"blur",
                 "watermark":false,"seed":7}"""));

        assertThat(dashscope.submits().get(0).json()).isEqualTo(Requests.json("""
                {"model":"qwen-image-plus","input":{"prompt":"a fox","negative_prompt":"blur"},
                 "parameters":{"size":"1664*928","n":1,"watermark":false,"seed":7}}"""));
    }

    @Test
    void aTaskThatFailsDataInspectionIsA400ContentPolicyViolation() {
        dashscope.failWith("DataInspectionFailed", "Input data may contain inappropriate content.");

        UpstreamException e = fails(Duration.ofSeconds(10));

        assertThat(e.kind()).isEqualTo(Kind.REJECTED);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).contains("content_policy_violation");
    }

    @Test
    void aTaskThatFailsOtherwiseWasNotBilledAndMayMoveOn() {
        dashscope.failWith("InternalError", "boom");

        UpstreamException e = fails(Duration.ofSeconds(10));

        assertThat(e.kind()).isEqualTo(Kind.NOT_STARTED);
        assertThat(e.getMessage()).contains("InternalError");
    }

    @Test
    void aTaskThatNeverFinishesIsA504ThatSaysSo() {
        UpstreamException e = fails(Duration.ofSeconds(1));

        assertThat(e.kind()).isEqualTo(Kind.MAY_HAVE_GENERATED);
        assertThat(e.status()).isEqualTo(504);
        assertThat(e.getMessage()).contains(FakeDashScope.TASK_ID).contains("did not finish");
        assertThat(dashscope.polls()).hasSizeGreaterThan(2);
    }

    @Test
    void throttlingAtSubmitIsRetryableElsewhere() {
        dashscope.rejectSubmit(Reply.json(429, "{\"code\":\"Throttling.RateQuota\",\"message\":\"Requests rate limit "
                + "exceeded\",\"request_id\":\"r\"}"));

        UpstreamException e = fails(Duration.ofSeconds(10));

        assertThat(e.kind()).isEqualTo(Kind.NOT_STARTED);
        assertThat(e.retryAfter()).isPresent();
        assertThat(dashscope.polls()).isEmpty();
    }

    @Test
    void aPromptRefusedAtSubmitIsA400ContentPolicyViolation() {
        dashscope.rejectSubmit(Reply.json(400, "{\"code\":\"DataInspectionFailed\",\"message\":\"Input data may "
                + "contain inappropriate content.\",\"request_id\":\"r\"}"));

        UpstreamException e = fails(Duration.ofSeconds(10));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).contains("content_policy_violation");
    }

    @Test
    void aWrongKeyMeansTheChannelIsMisconfigured() {
        dashscope.rejectSubmit(Reply.json(401, "{\"code\":\"InvalidApiKey\",\"message\":\"Invalid API-key provided.\"}"));

        UpstreamException e = fails(Duration.ofSeconds(10));

        assertThat(e.kind()).isEqualTo(Kind.MISCONFIGURED);
        assertThat(e.getMessage()).doesNotContain(KEY);
    }

    @Test
    void theResultImageWaitsUnreadWhileOtherAnswersHoldTheBudget() throws Exception {
        dashscope.succeedAfter(0);
        AnswerBudget budget = new AnswerBudget(1024 * 1024);
        AnswerBudget.Share others = budget.take(1024 * 1024, new Deadline(Duration.ofMinutes(1)));
        CompletableFuture<Map<Integer, EncodedImage>> generation = CompletableFuture.supplyAsync(
                () -> generate(provider(Duration.ofSeconds(20), budget), request("{\"model\":\"qwen-image\",\"prompt\":\"a fox\"}")),
                Executors.newVirtualThreadPerTaskExecutor());
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (dashscope.fetches().isEmpty() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(dashscope.fetches()).hasSize(1);
        Thread.sleep(300);

        assertThat(generation).isNotDone();
        others.close();
        assertThat(generation.get(10, TimeUnit.SECONDS).get(0).bytes()).isEqualTo(FakeDashScope.IMAGE);
        assertThat(budget.freeBytes()).isEqualTo(1024 * 1024);
    }

    @Test
    void aResultImageThatFindsNoRoomBeforeTheDeadlineIsA504() throws Exception {
        dashscope.succeedAfter(0);
        AnswerBudget budget = new AnswerBudget(1024 * 1024);
        try (AnswerBudget.Share others = budget.take(1024 * 1024, new Deadline(Duration.ofMinutes(1)))) {
            UpstreamException e = catchThrowableOfType(UpstreamException.class, () -> generate(
                    provider(Duration.ofSeconds(1), budget), request("{\"model\":\"qwen-image\",\"prompt\":\"a fox\"}")));

            assertThat(e.status()).isEqualTo(504);
            assertThat(e.kind()).isEqualTo(Kind.MAY_HAVE_GENERATED);
            assertThat(dashscope.fetches()).hasSize(1);
        }
    }

    private UpstreamException fails(Duration total) {
        return catchThrowableOfType(UpstreamException.class, () -> generate(provider(total),
                request("{\"model\":\"qwen-image\",\"prompt\":\"a fox\"}")));
    }
}
