package dev.easel.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Settings of keys, limits and the ledger.
 *
 * @param logPrompts     keep each request's prompt in its usage entry ({@code log_prompts}, off by default)
 * @param redisUrl       share rate limits and concurrency across instances through this Redis ({@code redis_url})
 * @param reservationTtl a reservation open longer than this is taken as lost in a crash and refunded
 *                       ({@code reservation_ttl}); keep it above the longest generation
 */
public record MeteringConfig(boolean logPrompts, Optional<String> redisUrl, Duration reservationTtl) {
    /** Generations can take several minutes (4K gpt-image-2 up to about 500 s); 30 minutes is safely beyond. */
    public static final Duration DEFAULT_RESERVATION_TTL = Duration.ofMinutes(30);

    public static final MeteringConfig DEFAULTS = new MeteringConfig(false, Optional.empty(), DEFAULT_RESERVATION_TTL);

    public MeteringConfig {
        if (reservationTtl.isNegative() || reservationTtl.isZero()) {
            throw new IllegalArgumentException("reservation_ttl must be positive but was " + reservationTtl);
        }
    }
}
