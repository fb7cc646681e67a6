package dev.easel.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.easel.catalog.ImageRequest;
import dev.easel.generation.Requests;
import dev.easel.provider.EncodedImage;
import dev.easel.provider.ImageSink;
import dev.easel.provider.UpstreamException;
import dev.easel.provider.UpstreamKey;
import dev.easel.provider.UpstreamTimeouts;
import dev.easel.provider.http.AnswerBudget;
import dev.easel.provider.http.Deadline;
import dev.easel.upstream.FakeHttpServer.Reply;
import dev.easel.upstream.FakeOpenAiUpstream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Upstream answers are read within the shared budget: unread while it is full, and only once their body begins. */
class OpenAiAnswerBudgetTest {
    static final long BUDGET = 1024 * 1024;
    final FakeOpenAiUpstream upstream = new FakeOpenAiUpstream();
    final AnswerBudget budget = new AnswerBudget(BUDGET);

    @AfterEach
    void stop() {
        upstream.close();
    }

    OpenAiProvider provider(UpstreamTimeouts timeouts) {
        return new OpenAiProvider("main", new OpenAiEndpoint(OpenAiEndpoint.Flavor.OPENAI, URI.create(upstream.baseUrl()),
                new UpstreamKey("sk-upstream-secret-0123456789"), OpenAiEndpoint.DEFAULT_AZURE_API_VERSION, Map.of(),
                timeouts), budget);
    }

    static ImageRequest aFox() {
        return Requests.parse(Requests.json("{\"model\":\"gpt-image-1\",\"prompt\":\"a fox\"}"));
    }

    CompletableFuture<RecordingSink> generating(OpenAiProvider provider) {
        CompletableFuture<RecordingSink> done = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                RecordingSink sink = new RecordingSink();
                provider.generate(aFox(), sink);
                done.complete(sink);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    void awaitTheUpstreamAsked() throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (upstream.generations().isEmpty() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(upstream.generations()).hasSize(1);
    }

    @Test
    void anAnswerWaitsUnreadWhileOtherAnswersHoldTheBudgetAndIsReadOnceThereIsRoom() throws Exception {
        upstream.enqueue(Reply.json(200, FakeOpenAiUpstream.b64Body(FakeOpenAiUpstream.IMAGE)));
        AnswerBudget.Share others = budget.take(BUDGET, new Deadline(Duration.ofMinutes(1)));

        CompletableFuture<RecordingSink> generation = generating(provider(UpstreamTimeouts.openAiDefaults()));
        awaitTheUpstreamAsked();
        Thread.sleep(300);

        assertThat(generation).isNotDone();
        others.close();
        assertThat(generation.get(10, TimeUnit.SECONDS).images.get(0).bytes()).isEqualTo(FakeOpenAiUpstream.IMAGE);
        assertThat(budget.freeBytes()).isEqualTo(BUDGET);
    }

    @Test
    void anUpstreamThatSendsItsHeadersBeforeItsImageHoldsNoBudgetUntilTheBodyBegins() throws Exception {
        upstream.enqueue(Reply.json(200, FakeOpenAiUpstream.b64Body(FakeOpenAiUpstream.IMAGE)).bodyAfter(Duration.ofSeconds(1)));

        CompletableFuture<RecordingSink> generation = generating(provider(UpstreamTimeouts.openAiDefaults()));
        awaitTheUpstreamAsked();
        Thread.sleep(300);

        assertThat(generation).isNotDone();
        assertThat(budget.freeBytes()).isEqualTo(BUDGET);
        assertThat(generation.get(10, TimeUnit.SECONDS).images).hasSize(1);
        assertThat(budget.freeBytes()).isEqualTo(BUDGET);
    }

    @Test
    void aDecodedAnswerHoldsItsImageWholeWhileItIsRead() throws Exception {
        byte[] image = new byte[300_000];
        new Random(7).nextBytes(image);
        String body = FakeOpenAiUpstream.b64Body(image);
        upstream.enqueue(Reply.json(200, body).trickled(body.length() / 2 + 1, Duration.ofSeconds(1)));

        CompletableFuture<RecordingSink> generation = generating(provider(UpstreamTimeouts.openAiDefaults()));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (budget.freeBytes() == BUDGET && !generation.isDone() && System.nanoTime() < until) {
            Thread.sleep(5); // until the first half arrived and the reading took its share
        }

        assertThat(budget.freeBytes()).isLessThanOrEqualTo(BUDGET - image.length);
        assertThat(generation.get(10, TimeUnit.SECONDS).images.get(0).bytes()).isEqualTo(image);
        assertThat(budget.freeBytes()).isEqualTo(BUDGET);
    }

    @Test
    void aRelayedAnswerCountsABlockOfItsTextNotItsImages() {
        long answer = 2_000_000; // a 1.5 MB image as base64 JSON

        assertThat(OpenAiResponseReader.holds(answer, true)).isLessThan(answer / 5);
        assertThat(OpenAiResponseReader.holds(answer, false)).isGreaterThan(answer * 3 / 4);
        assertThat(OpenAiResponseReader.holds(17_000, true)).isLessThan(100 * 1024); // a small answer: no read-ahead
    }

    @Test
    void anAnswerThatFindsNoRoomBeforeTheDeadlineIsA504() throws Exception {
        upstream.enqueue(Reply.json(200, FakeOpenAiUpstream.b64Body(FakeOpenAiUpstream.IMAGE)));
        budget.take(BUDGET, new Deadline(Duration.ofMinutes(1)));
        OpenAiProvider hurried = provider(new UpstreamTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofMillis(800)));

        UpstreamException e = catchThrowableOfType(UpstreamException.class, () -> hurried.generate(aFox(), new RecordingSink()));

        assertThat(e.status()).isEqualTo(504);
        assertThat(e.getMessage()).contains("did not finish within");
        assertThat(budget.freeBytes()).isZero();
    }

    @Test
    void aFailedAnswerGivesItsShareBack() {
        String body = FakeOpenAiUpstream.b64Body(FakeOpenAiUpstream.IMAGE);
        upstream.enqueue(Reply.json(200, body.substring(0, body.length() / 2) + "!!"));

        catchThrowableOfType(UpstreamException.class,
                () -> provider(UpstreamTimeouts.openAiDefaults()).generate(aFox(), new RecordingSink()));

        assertThat(budget.freeBytes()).isEqualTo(BUDGET);
    }

    @Test
    void aLinkedImageIsDownloadedAfterTheAnswerGaveItsShareBackSoTheTwoNeverWaitOnEachOther() throws Exception {
        String body = FakeOpenAiUpstream.urlBody(upstream.host(FakeOpenAiUpstream.IMAGE), "a fox, revised");
        upstream.enqueue(Reply.json(200, body));
        long answersShare = (OpenAiResponseReader.holds(body.length(), false) + 1023) / 1024 * 1024;
        // Room for the answer and nothing beside it: the download must wait for the answer's own share.
        try (AnswerBudget.Share others = budget.take(BUDGET - answersShare, new Deadline(Duration.ofMinutes(1)))) {
            RecordingSink sink = new RecordingSink();
            provider(new UpstreamTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3)))
                    .generate(aFox(), sink);

            assertThat(sink.images.get(0).bytes()).isEqualTo(FakeOpenAiUpstream.IMAGE);
            assertThat(sink.images.get(0).revisedPrompt()).contains("a fox, revised");
            assertThat(upstream.downloads()).hasSize(1);
            assertThat(budget.freeBytes()).isEqualTo(answersShare);
        }
    }

    /** A sink that keeps the images' shares, as one that stores the images after the provider returns. */
    static final class KeepingSink implements ImageSink {
        final RecordingSink recorded = new RecordingSink();
        final List<AnswerBudget.Share> shares = new ArrayList<>();

        @Override
        public void completed(int imageIndex, EncodedImage image) {
            recorded.completed(imageIndex, image);
        }

        @Override
        public void holding(AnswerBudget.Share share) {
            shares.add(share);
        }
    }

    @Test
    void aDecodedAnswerHandsItsShareToTheSinkThatKeepsItsImages() {
        byte[] image = new byte[300_000];
        new Random(3).nextBytes(image);
        upstream.enqueue(Reply.json(200, FakeOpenAiUpstream.b64Body(image)));
        KeepingSink sink = new KeepingSink();

        provider(UpstreamTimeouts.openAiDefaults()).generate(aFox(), sink);

        assertThat(sink.recorded.images.get(0).bytes()).isEqualTo(image);
        assertThat(sink.shares).hasSize(1);
        assertThat(budget.freeBytes()).isLessThanOrEqualTo(BUDGET - image.length);
        sink.shares.forEach(AnswerBudget.Share::close);
        assertThat(budget.freeBytes()).isEqualTo(BUDGET);
    }

    @Test
    void aLinkedImageHandsItsDownloadsShareToTheSinkAndTheAnswersOwnIsBackAlready() {
        byte[] image = new byte[200_000];
        new Random(5).nextBytes(image);
        upstream.enqueue(Reply.json(200, FakeOpenAiUpstream.urlBody(upstream.host(image), "r")));
        KeepingSink sink = new KeepingSink();

        provider(UpstreamTimeouts.openAiDefaults()).generate(aFox(), sink);

        assertThat(sink.recorded.images.get(0).bytes()).isEqualTo(image);
        assertThat(sink.shares).hasSize(1);
        assertThat(budget.freeBytes()).isEqualTo(BUDGET - (image.length + 1023) / 1024 * 1024);
        sink.shares.forEach(AnswerBudget.Share::close);
        assertThat(budget.freeBytes()).isEqualTo(BUDGET);
    }
}
