package dev.easel.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Settings of keys, limits and the ledger.
 *
 * @param logPrompts     keep each request's prompt in its usage entry ({@code log_prompts}, off by default)
 * @param redisUrl       share rate limits and concurrency across instances through this Redis ({@code redis_url})
 * @param reservationTtl a budget allowance its instance stopped renewing for this long is taken as lost in a
 *                       crash and given back ({@code reservation_ttl}); instances renew theirs every second
 */
public record MeteringConfig(boolean logPrompts, Optional<String> redisUrl, Duration reservationTtl) {
    /**
     * Long enough that a stalled instance (a long GC pause, a slow database) keeps its allowances, short
     * enough that a crashed one's come back to their budgets within a minute or two.
     */
    public static final Duration DEFAULT_RESERVATION_TTL = Duration.ofMinutes(1);
    /** Renewals run every second; below this a busy instance could miss one and lose its allowances. */
    private static final Duration SHORTEST_RESERVATION_TTL = Duration.ofSeconds(2);

    public static final MeteringConfig DEFAULTS = new MeteringConfig(false, Optional.empty(), DEFAULT_RESERVATION_TTL);

    public MeteringConfig {
        if (reservationTtl.compareTo(SHORTEST_RESERVATION_TTL) < 0) {
            throw new IllegalArgumentException("reservation_ttl must be at least 2s but was " + reservationTtl);
        }
    }
}
