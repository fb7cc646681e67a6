package dev.easel.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.easel.catalog.ImageRequest;
import dev.easel.catalog.ModelCatalog;
import dev.easel.error.EaselException;
import dev.easel.generation.Requests;
import dev.easel.provider.EncodedImage;
import dev.easel.provider.ImageProvider;
import dev.easel.provider.ImageSink;
import dev.easel.provider.UpstreamException;
import dev.easel.provider.UpstreamKey;
import dev.easel.provider.UpstreamTimeouts;
import dev.easel.provider.openai.OpenAiEndpoint;
import dev.easel.provider.openai.OpenAiProvider;
import dev.easel.upstream.FakeHttpServer.Reply;
import dev.easel.upstream.FakeOpenAiUpstream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RouterTest {
    static final ImageRequest GPT = Requests.parse(Requests.json("{\"model\":\"gpt-image-1\",\"prompt\":\"a fox\"}"));
    static final UpstreamException NOT_STARTED = UpstreamException.notStarted("down", Optional.empty());
    final MutableClock clock = new MutableClock();

    static Channel channel(String name, int priority, int weight, Optional<Integer> maxConcurrency) {
        return new Channel(name, ChannelType.OPENAI, Optional.of(URI.create("http://127.0.0.1:1/v1")),
                Optional.of(new UpstreamKey("sk-x")), "", Map.of("gpt-image-1", "gpt-image-1"), priority, weight,
                UpstreamTimeouts.openAiDefaults(), maxConcurrency, Duration.ofSeconds(30), Duration.ofSeconds(1),
                Duration.ofSeconds(5), java.math.BigDecimal.ONE);
    }

    Router router(List<Router.Route> routes) {
        return new Router(routes, new Router.Route(Channel.local(Map.of()), new ScriptedProvider("local")), clock,
                new SplittableRandom(42));
    }

    static Router.Route route(Channel channel, ImageProvider provider) {
        return new Router.Route(channel, provider);
    }

    /** Runs a request and returns the channel that served it. */
    static String serve(Router router, ImageRequest request) {
        String[] servedBy = {""};
        router.generate(request, new ImageSink() {
            @Override
            public void completed(int imageIndex, EncodedImage image) {
            }

            @Override
            public void servedBy(String channel) {
                servedBy[0] = channel;
            }
        });
        return servedBy[0];
    }

    @Test
    void theHighestPriorityTierIsTriedFirst() {
        ScriptedProvider low = new ScriptedProvider("low");
        Router router = router(List.of(route(channel("low", 0, 100, Optional.empty()), low),
                route(channel("high", 10, 1, Optional.empty()), new ScriptedProvider("high"))));

        for (int i = 0; i < 20; i++) {
            assertThat(serve(router, GPT)).isEqualTo("high");
        }
        assertThat(low.calls()).isZero();
    }

    @Test
    void aFailureBeforeAnyImageMovesToTheNextChannelThenTheNextTier() {
        ScriptedProvider a = new ScriptedProvider("a").thenFail(NOT_STARTED);
        ScriptedProvider b = new ScriptedProvider("b").thenFail(UpstreamException.notStarted("429", Optional.of(Duration.ofSeconds(3))));
        ScriptedProvider c = new ScriptedProvider("c");
        Router router = router(List.of(route(channel("a", 5, 1, Optional.empty()), a),
                route(channel("b", 5, 1, Optional.empty()), b), route(channel("c", 0, 1, Optional.empty()), c)));

        assertThat(serve(router, GPT)).isEqualTo("c");
        assertThat(List.of(a.calls(), b.calls(), c.calls())).containsExactly(1, 1, 1);
    }

    @Test
    void weightsShareTrafficInsideATierAndASeedMakesTheOrderRepeatable() {
        List<Router.Route> routes = List.of(route(channel("heavy", 0, 3, Optional.empty()), new ScriptedProvider("h")),
                route(channel("light", 0, 1, Optional.empty()), new ScriptedProvider("l")));
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        Router one = router(routes);
        Router two = router(routes);

        for (int i = 0; i < 400; i++) {
            first.add(serve(one, GPT));
            second.add(serve(two, GPT));
        }

        assertThat(first).isEqualTo(second);
        assertThat(first.stream().filter("heavy"::equals).count()).isBetween(270L, 330L);
    }

    @Test
    void misconfiguredChannelsFailOverAndWhenNoneIsLeftTheClientSeesA502SayingSo() {
        ScriptedProvider a = new ScriptedProvider("a").thenFail(UpstreamException.misconfigured("channel `a` is misconfigured"));
        ScriptedProvider b = new ScriptedProvider("b").thenFail(UpstreamException.misconfigured("channel `b` is misconfigured"));
        Router router = router(List.of(route(channel("a", 1, 1, Optional.empty()), a),
                route(channel("b", 0, 1, Optional.empty()), b)));

        UpstreamException e = catchThrowableOfType(UpstreamException.class, () -> serve(router, GPT));

        assertThat(e.status()).isEqualTo(502);
        assertThat(e.code()).contains("channel_misconfigured");
        assertThat(b.calls()).isEqualTo(1);
    }

    @Test
    void aRejectedRequestGoesBackToTheClientWithoutTryingAnotherChannel() {
        ScriptedProvider a = new ScriptedProvider("a").thenFail(UpstreamException.rejected(Optional.of("prompt"),
                Optional.of("content_policy_violation"), "no"));
        ScriptedProvider b = new ScriptedProvider("b");
        Router router = router(List.of(route(channel("a", 1, 1, Optional.empty()), a),
                route(channel("b", 0, 1, Optional.empty()), b)));

        UpstreamException e = catchThrowableOfType(UpstreamException.class, () -> serve(router, GPT));

        assertThat(e.status()).isEqualTo(400);
        assertThat(b.calls()).isZero();
    }

    @Test
    void aChannelThatAlreadySentAnImageIsNeverRetriedElsewhere() {
        ImageRequest two = Requests.parse(Requests.json("{\"model\":\"gpt-image-1\",\"prompt\":\"a fox\",\"n\":2}"));
        ScriptedProvider a = new ScriptedProvider("a").thenFailAfterFirstImage(NOT_STARTED);
        ScriptedProvider b = new ScriptedProvider("b");
        Router router = router(List.of(route(channel("a", 1, 1, Optional.empty()), a),
                route(channel("b", 0, 1, Optional.empty()), b)));

        catchThrowableOfType(UpstreamException.class, () -> serve(router, two));

        assertThat(b.calls()).isZero();
    }

    @Test
    void aTimeoutAfterTheRequestWasSentIsNeverRetriedOnAnotherChannel() {
        try (FakeOpenAiUpstream slow = new FakeOpenAiUpstream(); FakeOpenAiUpstream spare = new FakeOpenAiUpstream()) {
            slow.enqueue(Reply.json(200, FakeOpenAiUpstream.b64Body(FakeOpenAiUpstream.IMAGE)).delayed(Duration.ofSeconds(2)));
            UpstreamTimeouts impatient = new UpstreamTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofSeconds(5));
            Router router = router(List.of(
                    route(channel("slow", 1, 1, Optional.empty()), openAi("slow", slow, impatient)),
                    route(channel("spare", 0, 1, Optional.empty()), openAi("spare", spare, impatient))));

            UpstreamException e = catchThrowableOfType(UpstreamException.class, () -> serve(router, GPT));

            assertThat(e.status()).isEqualTo(504);
            assertThat(e.getMessage()).contains("does not retry");
            assertThat(slow.generations()).hasSize(1);
            assertThat(spare.generations()).isEmpty();
        }
    }

    @Test
    void aChannelThatKeepsFailingCoolsDownAndIsProbedBeforeReuse() {
        ScriptedProvider flaky = new ScriptedProvider("flaky");
        for (int i = 0; i < 4; i++) {
            flaky.thenFail(NOT_STARTED);
        }
        Router router = router(List.of(route(channel("flaky", 1, 1, Optional.empty()), flaky),
                route(channel("steady", 0, 1, Optional.empty()), new ScriptedProvider("steady"))));
        for (int i = 0; i < 4; i++) {
            assertThat(serve(router, GPT)).isEqualTo("steady"); // each failure falls through to the next tier
        }

        assertThat(serve(router, GPT)).isEqualTo("steady");
        assertThat(flaky.calls()).isEqualTo(4); // open: skipped without a call

        clock.advance(Duration.ofSeconds(31));
        assertThat(serve(router, GPT)).isEqualTo("flaky"); // the probe succeeds
        assertThat(serve(router, GPT)).isEqualTo("flaky");
        assertThat(flaky.calls()).isEqualTo(6);
    }

    @Test
    void aChannelWhoseGenerationsAllTakeMinutesKeepsServing() {
        ScriptedProvider slow = new ScriptedProvider("slow");
        for (int i = 0; i < 30; i++) {
            slow.then((r, sink) -> {
                clock.advance(Duration.ofMinutes(3)); // a high-quality image, slow but fine
                sink.completed(0, ScriptedProvider.image());
            });
        }
        Router router = router(List.of(route(channel("slow", 0, 1, Optional.empty()), slow)));

        for (int i = 0; i < 30; i++) {
            assertThat(serve(router, GPT)).isEqualTo("slow");
        }
        assertThat(slow.calls()).isEqualTo(30);
    }

    @Test
    void clientsThatHangUpMidStreamNeverCoolAChannelDown() {
        ScriptedProvider steady = new ScriptedProvider("steady");
        Router router = router(List.of(route(channel("steady", 0, 1, Optional.empty()), steady)));
        ImageSink hangsUp = new ImageSink() {
            @Override
            public void completed(int imageIndex, EncodedImage image) {
                throw new IllegalStateException("client disconnected");
            }
        };

        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> router.generate(GPT, hangsUp)).hasMessageContaining("client disconnected");
        }

        assertThat(serve(router, GPT)).isEqualTo("steady");
        assertThat(steady.calls()).isEqualTo(11); // never skipped as open
    }

    @Test
    void aProbeThatFailsSendsTheChannelBackToRest() {
        ScriptedProvider flaky = new ScriptedProvider("flaky");
        for (int i = 0; i < 5; i++) {
            flaky.thenFail(NOT_STARTED);
        }
        Router router = router(List.of(route(channel("flaky", 1, 1, Optional.empty()), flaky),
                route(channel("steady", 0, 1, Optional.empty()), new ScriptedProvider("steady"))));
        for (int i = 0; i < 4; i++) {
            serve(router, GPT);
        }
        clock.advance(Duration.ofSeconds(31));

        assertThat(serve(router, GPT)).isEqualTo("steady"); // probe failed
        assertThat(serve(router, GPT)).isEqualTo("steady");
        assertThat(flaky.calls()).isEqualTo(5);
    }

    @Test
    void aFullChannelIsSkippedAndWhenAllAreFullOrCoolingTheClientGets503WithRetryAfter() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ScriptedProvider only = new ScriptedProvider("only").thenHold(started, release);
        Router router = router(List.of(route(channel("only", 0, 1, Optional.of(1)), only)));
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> first = pool.submit(() -> serve(router, GPT));
            started.await();

            EaselException e = catchThrowableOfType(EaselException.class, () -> serve(router, GPT));

            assertThat(e.status()).isEqualTo(503);
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
            release.countDown();
            assertThat(first.get()).isEqualTo("only");
        }
        assertThat(serve(router, GPT)).isEqualTo("only"); // the slot was given back
    }

    @Test
    void aCoolingChannelTellsTheClientWhenItWillBeProbedAgain() {
        ScriptedProvider flaky = new ScriptedProvider("flaky");
        for (int i = 0; i < 4; i++) {
            flaky.thenFail(NOT_STARTED);
        }
        Router router = router(List.of(route(channel("flaky", 0, 1, Optional.empty()), flaky)));
        for (int i = 0; i < 4; i++) {
            catchThrowableOfType(UpstreamException.class, () -> serve(router, GPT));
        }
        clock.advance(Duration.ofSeconds(10));

        EaselException e = catchThrowableOfType(EaselException.class, () -> serve(router, GPT));

        assertThat(e.status()).isEqualTo(503);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(20));
    }

    @Test
    void modelsNoChannelServesUseTheBuiltInChannel() {
        Router router = router(List.of(route(channel("a", 0, 1, Optional.empty()), new ScriptedProvider("a"))));

        assertThat(serve(router, Requests.parse(Requests.json("{\"model\":\"qwen-image\",\"prompt\":\"a fox\"}"))))
                .isEqualTo("local");
        assertThat(router.channelsFor("qwen-image")).containsExactly("local");
        assertThat(ModelCatalog.bundled().find("qwen-image")).isPresent();
    }

    static OpenAiProvider openAi(String name, FakeOpenAiUpstream upstream, UpstreamTimeouts timeouts) {
        return new OpenAiProvider(name, new OpenAiEndpoint(OpenAiEndpoint.Flavor.OPENAI, URI.create(upstream.baseUrl()),
                new UpstreamKey("sk-x"), "", Map.of(), timeouts));
    }
}
