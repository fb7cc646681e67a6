package dev.easel.routing;

import dev.easel.catalog.ImageRequest;
import dev.easel.catalog.ImageUsage;
import dev.easel.error.EaselException;
import dev.easel.provider.EncodedImage;
import dev.easel.provider.ImageProvider;
import dev.easel.provider.ImageSink;
import dev.easel.provider.http.AnswerBudget;
import dev.easel.provider.UpstreamException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Serves a request from the channels of its model: the highest priority tier first, weighted random
 * inside a tier, then lower tiers. A failure moves to the next channel only when {@link #recover}
 * says that is safe; full or cooling channels are skipped, and when every channel was skipped the
 * client gets 503 with {@code Retry-After}.
 */
public final class Router implements ImageProvider {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Router.class);
    private final Map<String, List<ChannelState>> byModel;
    private final ChannelState fallback;
    /** Every channel's {@code cost_multiplier} by its name: asked once per request that settles. */
    private final Map<String, BigDecimal> costMultipliers;
    private final RandomGenerator random;

    /**
     * @param routes   configured channels with their providers
     * @param fallback the built-in channel, for models no configured channel serves
     * @param random   picks inside a priority tier (seeded in tests)
     */
    Router(List<Route> routes, Route fallback, Clock clock, RandomGenerator random) {
        this.random = random;
        this.fallback = new ChannelState(fallback.channel(), fallback.provider(), clock);
        Map<String, List<ChannelState>> index = new java.util.HashMap<>();
        Map<String, BigDecimal> multipliers = new java.util.HashMap<>();
        for (Route route : routes) {
            multipliers.put(route.channel().name(), route.channel().costMultiplier());
            ChannelState state = route.channel().name().equals(fallback.channel().name())
                    ? this.fallback : new ChannelState(route.channel(), route.provider(), clock);
            route.channel().models().keySet().forEach(m -> index.computeIfAbsent(m, k -> new ArrayList<>()).add(state));
        }
        index.replaceAll((m, states) -> List.copyOf(states));
        this.byModel = Map.copyOf(index);
        multipliers.put(fallback.channel().name(), fallback.channel().costMultiplier());
        this.costMultipliers = Map.copyOf(multipliers);
    }

    /** A channel and the provider that talks to it. */
    record Route(Channel channel, ImageProvider provider) {
    }

    @Override
    public String name() {
        return "router";
    }

    /**
     * What the operator pays a channel, as a multiple of list price ({@code cost_multiplier}); empty for
     * a name no channel has.
     */
    public Optional<BigDecimal> costMultiplier(String channel) {
        return Optional.ofNullable(costMultipliers.get(channel));
    }

    /** The names of the channels that serve a model, for operators; the built-in one when none is configured. */
    public List<String> channelsFor(String modelId) {
        return byModel.getOrDefault(modelId, List.of(fallback)).stream().map(s -> s.channel().name()).toList();
    }

    @Override
    public void generate(ImageRequest request, ImageSink sink) {
        List<ChannelState> candidates = order(byModel.getOrDefault(request.model().id(), List.of(fallback)));
        Optional<UpstreamException> lastFailure = Optional.empty();
        Optional<Duration> soonest = Optional.empty();
        ChannelSink tracked = new ChannelSink(sink);
        for (ChannelState candidate : candidates) {
            Optional<ChannelState.Permit> permit = candidate.tryAcquire();
            if (permit.isEmpty()) {
                Duration wait = candidate.availableIn();
                soonest = Optional.of(soonest.filter(s -> s.compareTo(wait) <= 0).orElse(wait));
                continue;
            }
            try (ChannelState.Permit held = permit.get()) {
                tracked.switchTo(candidate.channel().name());
                try {
                    candidate.provider().generate(request, tracked);
                } catch (UpstreamException e) {
                    if (e.kind() == UpstreamException.Kind.REJECTED) {
                        held.succeeded(); // the channel works; the request was at fault
                    } else {
                        held.failed(e);
                    }
                    LOG.warn("channel {} failed for {} ({}): {}", candidate.channel().name(), request.model().id(),
                            e.kind(), e.getMessage());
                    if (!recover(e, tracked)) {
                        throw e;
                    }
                    lastFailure = Optional.of(e);
                    continue;
                } catch (RuntimeException e) {
                    if (!tracked.clientFailed()) {
                        held.failed(e); // a client that hung up says nothing about the channel's health
                    }
                    throw e;
                }
                held.succeeded();
                tracked.finish();
                return;
            }
        }
        if (lastFailure.isPresent()) {
            throw lastFailure.get(); // every channel tried failed safely; say why the last one did
        }
        throw new EaselException(503, "server_error", Optional.empty(), Optional.of("channels_unavailable"),
                "Every channel serving `" + request.model().id() + "` is at its concurrency limit or cooling down "
                        + "after failures. Retry later.", Optional.of(soonest.orElse(Duration.ofSeconds(1))));
    }

    /** Whether the failed request may move to the next channel. */
    static boolean recover(UpstreamException failure, ChannelSink sink) {
        // The client already received part of the answer: another channel would send a second, different one.
        if (sink.emitted()) {
            return false;
        }
        // The upstream may be generating, and billing, this image right now: trying elsewhere could pay twice.
        if (failure.kind() == UpstreamException.Kind.MAY_HAVE_GENERATED) {
            return false;
        }
        // The request itself was refused (validation, content policy): every other channel would refuse it too.
        if (failure.kind() == UpstreamException.Kind.REJECTED) {
            return false;
        }
        // Nothing was made (NOT_STARTED) or the channel is misconfigured (MISCONFIGURED): the next may serve it.
        return true;
    }

    /** Priority tiers, highest first; inside a tier a weighted random order without repeats. */
    List<ChannelState> order(List<ChannelState> channels) {
        TreeMap<Integer, List<ChannelState>> tiers = new TreeMap<>(Comparator.reverseOrder());
        channels.forEach(c -> tiers.computeIfAbsent(c.channel().priority(), p -> new ArrayList<>()).add(c));
        List<ChannelState> ordered = new ArrayList<>(channels.size());
        for (List<ChannelState> tier : tiers.values()) {
            List<ChannelState> left = new ArrayList<>(tier);
            while (!left.isEmpty()) {
                ordered.add(left.remove(pick(left)));
            }
        }
        return ordered;
    }

    private int pick(List<ChannelState> tier) {
        long total = tier.stream().mapToLong(c -> c.channel().weight()).sum();
        long ticket;
        synchronized (random) { // a seeded generator is not thread-safe
            ticket = random.nextLong(total);
        }
        for (int i = 0; i < tier.size(); i++) {
            ticket -= tier.get(i).channel().weight();
            if (ticket < 0) {
                return i;
            }
        }
        return tier.size() - 1;
    }

    /** The client's sink as one channel sees it: names the channel before its first output, and remembers output. */
    static final class ChannelSink implements ImageSink {
        private final ImageSink client;
        private String channel = "";
        private boolean emitted;
        private boolean clientFailed;

        ChannelSink(ImageSink client) {
            this.client = client;
        }

        void switchTo(String name) {
            channel = name;
        }

        boolean emitted() {
            return emitted;
        }

        /** The client's side threw (it disconnected mid-stream), not the channel's. */
        boolean clientFailed() {
            return clientFailed;
        }

        private void toClient(Runnable call) {
            try {
                call.run();
            } catch (RuntimeException e) {
                clientFailed = true;
                throw e;
            }
        }

        private void announce() {
            if (!emitted) {
                emitted = true;
                client.servedBy(channel);
            }
        }

        /** Names the channel even when it produced nothing the sink saw (the caller then reports the gap). */
        void finish() {
            announce();
        }

        @Override
        public void partial(int imageIndex, int partialIndex, EncodedImage preview) {
            announce();
            toClient(() -> client.partial(imageIndex, partialIndex, preview));
        }

        @Override
        public void completed(int imageIndex, EncodedImage image) {
            announce();
            toClient(() -> client.completed(imageIndex, image));
        }

        @Override
        public boolean relays() {
            return client.relays();
        }

        @Override
        public Optional<OutputStream> relay(int imageIndex, OptionalLong answerLength) {
            client.servedBy(channel); // a relayed answer names its channel before its first byte
            Optional<OutputStream> relay = client.relay(imageIndex, answerLength);
            if (relay.isEmpty()) {
                return relay;
            }
            announce(); // the answer has started going out: no other channel after this
            OutputStream out = relay.get();
            return Optional.of(new OutputStream() {
                @Override
                public void write(int b) {
                    toClient(() -> uncheckedWrite(out, new byte[] {(byte) b}, 0, 1));
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    toClient(() -> uncheckedWrite(out, b, off, len));
                }
            });
        }

        @Override
        public void relayed(int imageIndex, Optional<String> revisedPrompt) {
            toClient(() -> client.relayed(imageIndex, revisedPrompt));
        }

        @Override
        public void usage(ImageUsage reported) {
            client.usage(reported);
        }

        @Override
        public void holding(AnswerBudget.Share share) {
            client.holding(share);
        }

        private static void uncheckedWrite(OutputStream out, byte[] b, int off, int len) {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
