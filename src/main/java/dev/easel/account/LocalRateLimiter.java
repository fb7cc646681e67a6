package dev.easel.account;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** The in-process limiter: one small synchronized window per key. Right for a single instance. */
public final class LocalRateLimiter implements RateLimiter {
    private static final long WINDOW_MILLIS = 60_000;

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;

    public LocalRateLimiter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Permit acquire(String keyId, RateLimits limits, int images) {
        if (!limits.any()) {
            return Permit.NONE;
        }
        Window window = windows.computeIfAbsent(keyId, k -> new Window());
        LimitDecision decision = window.admit(limits, images, clock.millis());
        if (decision.refusedBy() != LimitDecision.Refusal.NONE) {
            throw decision.exceeded(limits, images);
        }
        var headers = decision.headers(limits);
        AtomicBoolean released = new AtomicBoolean();
        return new Permit() {
            @Override
            public java.util.Map<String, String> headers() {
                return headers;
            }

            @Override
            public void close() {
                if (released.compareAndSet(false, true)) {
                    window.release();
                }
            }
        };
    }

    @Override
    public void close() {
        windows.clear();
    }

    /** Fixed one-minute windows aligned to the clock, as the Redis limiter keeps them. */
    private static final class Window {
        private long start = -1;
        private long requests;
        private long images;
        private long inFlight;

        synchronized LimitDecision admit(RateLimits limits, int asked, long now) {
            long current = now - now % WINDOW_MILLIS;
            if (current != start) {
                start = current;
                requests = 0;
                images = 0;
            }
            long reset = start + WINDOW_MILLIS - now;
            LimitDecision.Refusal refusal = LimitDecision.Refusal.NONE;
            if (limits.rpm().isPresent() && requests + 1 > limits.rpm().get()) {
                refusal = LimitDecision.Refusal.REQUESTS;
            } else if (limits.imagesPerMinute().isPresent() && images + asked > limits.imagesPerMinute().get()) {
                refusal = LimitDecision.Refusal.IMAGES;
            } else if (limits.maxConcurrency().isPresent() && inFlight >= limits.maxConcurrency().get()) {
                refusal = LimitDecision.Refusal.CONCURRENCY;
            }
            if (refusal != LimitDecision.Refusal.NONE) {
                return new LimitDecision(refusal, requests, images, reset, inFlight);
            }
            requests++;
            images += asked;
            inFlight++;
            return new LimitDecision(refusal, requests, images, reset, inFlight);
        }

        synchronized void release() {
            inFlight--;
        }
    }
}
