package dev.easel.account;

import java.util.Optional;

/**
 * Per-key limits: requests per minute, images per minute (n counts), and requests in flight at once.
 * An empty value means no limit.
 */
public record RateLimits(Optional<Integer> rpm, Optional<Integer> imagesPerMinute, Optional<Integer> maxConcurrency) {

    public static final RateLimits NONE = new RateLimits(Optional.empty(), Optional.empty(), Optional.empty());

    public RateLimits {
        check("rpm", rpm);
        check("images_per_minute", imagesPerMinute);
        check("max_concurrency", maxConcurrency);
    }

    private static void check(String name, Optional<Integer> value) {
        if (value.isPresent() && value.get() < 1) {
            throw new IllegalArgumentException(name + " must be at least 1 (leave it out for no limit)");
        }
    }

    public boolean any() {
        return rpm.isPresent() || imagesPerMinute.isPresent() || maxConcurrency.isPresent();
    }
}
