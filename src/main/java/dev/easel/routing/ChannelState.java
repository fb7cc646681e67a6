package dev.easel.routing;

import dev.easel.provider.ImageProvider;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A channel at run time: its provider, its circuit breaker (a channel that keeps failing rests for
 * its cool-down, then one probe request decides whether it is back), and its concurrency slots.
 */
final class ChannelState {
    /** Failures among the last calls that open the breaker: half of the last 10, once 4 calls were seen. */
    private static final float FAILURE_RATE_PERCENT = 50;
    private static final int WINDOW_CALLS = 10;
    private static final int MINIMUM_CALLS = 4;
    /**
     * Slow is not broken: a high-quality generation takes minutes, and a channel that times out fails
     * its calls anyway. resilience4j opens a breaker once every call in its window took over 60 s
     * (its default), which would shut a healthy channel serving only slow generations; no call is
     * treated as slow before this.
     */
    private static final Duration NEVER_SLOW = Duration.ofDays(365);
    /** How soon a client may retry when a channel is merely full: requests finish in seconds. */
    private static final Duration SATURATED_RETRY = Duration.ofSeconds(1);

    private final Channel channel;
    private final ImageProvider provider;
    private final CircuitBreaker breaker;
    private final Optional<Semaphore> slots;
    private final Clock clock;
    private volatile Instant openedAt = Instant.EPOCH;

    ChannelState(Channel channel, ImageProvider provider, Clock clock) {
        this.channel = channel;
        this.provider = provider;
        this.clock = clock;
        this.slots = channel.maxConcurrency().map(n -> new Semaphore(n));
        this.breaker = CircuitBreaker.of(channel.name(), CircuitBreakerConfig.custom()
                .clock(clock)
                .slidingWindowSize(WINDOW_CALLS)
                .minimumNumberOfCalls(MINIMUM_CALLS)
                .failureRateThreshold(FAILURE_RATE_PERCENT)
                .waitDurationInOpenState(channel.cooldown())
                .permittedNumberOfCallsInHalfOpenState(1)
                .slowCallDurationThreshold(NEVER_SLOW)
                .build());
        breaker.getEventPublisher().onStateTransition(e -> {
            if (e.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                openedAt = clock.instant();
            }
        });
    }

    Channel channel() {
        return channel;
    }

    ImageProvider provider() {
        return provider;
    }

    CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    /** A permit to call the channel, or empty when it is full or cooling down (then it is skipped). */
    Optional<Permit> tryAcquire() {
        if (slots.isPresent() && !slots.get().tryAcquire()) {
            return Optional.empty();
        }
        if (!breaker.tryAcquirePermission()) {
            slots.ifPresent(Semaphore::release);
            return Optional.empty();
        }
        return Optional.of(new Permit(clock.instant()));
    }

    /** When a skipped channel may take requests again. */
    Duration availableIn() {
        if (breaker.getState() == CircuitBreaker.State.OPEN) {
            Duration left = Duration.between(clock.instant(), openedAt.plus(channel.cooldown()));
            return left.isNegative() || left.isZero() ? SATURATED_RETRY : left;
        }
        return SATURATED_RETRY;
    }

    /** One call's hold on the channel; closing it frees the slot, and records nothing if no outcome was given. */
    final class Permit implements AutoCloseable {
        private final Instant started;
        private boolean recorded;

        private Permit(Instant started) {
            this.started = started;
        }

        private long tookNanos() {
            return Math.max(0, Duration.between(started, clock.instant()).toNanos());
        }

        /** The channel did its job (an image, or a well-formed refusal of a bad request). */
        void succeeded() {
            recorded = true;
            breaker.onSuccess(tookNanos(), TimeUnit.NANOSECONDS);
        }

        /** The channel failed; enough of these open the breaker. */
        void failed(Throwable cause) {
            recorded = true;
            breaker.onError(tookNanos(), TimeUnit.NANOSECONDS, cause);
        }

        @Override
        public void close() {
            if (!recorded) {
                breaker.releasePermission();
            }
            slots.ifPresent(Semaphore::release);
        }
    }
}
