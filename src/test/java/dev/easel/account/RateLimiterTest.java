package dev.easel.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.MutableClock;
import dev.easel.TestServers;
import dev.easel.error.EaselException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The in-process and the Redis limiter keep the same contract. */
class RateLimiterTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-20T12:00:10Z"));

    enum Kind {
        LOCAL, REDIS;

        RateLimiter create() {
            return this == LOCAL ? new LocalRateLimiter(CLOCK) : new RedisRateLimiter(TestServers.redisUrl());
        }
    }

    private static String newKey() {
        return "key_" + UUID.randomUUID();
    }

    private static RateLimits limits(Integer rpm, Integer ipm, Integer concurrency) {
        return new RateLimits(Optional.ofNullable(rpm), Optional.ofNullable(ipm), Optional.ofNullable(concurrency));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theRequestAfterTheRpmLimitIs429WithRetryAfterAndRateLimitHeaders(Kind kind) {
        try (RateLimiter limiter = kind.create()) {
            String key = newKey();
            RateLimits rpm3 = limits(3, null, null);
            Permit first = limiter.acquire(key, rpm3, 1);
            assertThat(first.headers()).containsEntry("x-ratelimit-limit-requests", "3")
                    .containsEntry("x-ratelimit-remaining-requests", "2")
                    .containsKey("x-ratelimit-reset-requests");
            limiter.acquire(key, rpm3, 1).close();
            limiter.acquire(key, rpm3, 1).close();
            assertThatThrownBy(() -> limiter.acquire(key, rpm3, 1))
                    .isInstanceOfSatisfying(EaselException.class, e -> {
                        assertThat(e.status()).isEqualTo(429);
                        assertThat(e.code()).contains("rate_limit_exceeded");
                        assertThat(e.retryAfter()).isPresent();
                        assertThat(e.retryAfter().get()).isLessThanOrEqualTo(Duration.ofMinutes(1));
                        assertThat(e.headers()).containsEntry("x-ratelimit-remaining-requests", "0");
                    });
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void imagesPerMinuteCountsEveryImageOfN(Kind kind) {
        try (RateLimiter limiter = kind.create()) {
            String key = newKey();
            RateLimits ipm5 = limits(null, 5, null);
            assertThat(limiter.acquire(key, ipm5, 4).headers()).containsEntry("x-ratelimit-remaining-images", "1");
            assertThatThrownBy(() -> limiter.acquire(key, ipm5, 2)).isInstanceOfSatisfying(EaselException.class,
                    e -> assertThat(e.type()).isEqualTo("images"));
            limiter.acquire(key, ipm5, 1).close(); // the refused request counted nothing
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aConcurrencySlotIsFreeAgainOnceThePermitCloses(Kind kind) {
        try (RateLimiter limiter = kind.create()) {
            String key = newKey();
            RateLimits two = limits(null, null, 2);
            Permit a = limiter.acquire(key, two, 1);
            Permit b = limiter.acquire(key, two, 1);
            assertThatThrownBy(() -> limiter.acquire(key, two, 1)).isInstanceOfSatisfying(EaselException.class,
                    e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(1)));
            a.close();
            a.close(); // closing twice frees one slot, not two
            Permit c = limiter.acquire(key, two, 1);
            assertThatThrownBy(() -> limiter.acquire(key, two, 1)).isInstanceOf(EaselException.class);
            b.close();
            c.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aKeyWithoutLimitsIsNeverRefusedAndSendsNoHeaders(Kind kind) {
        try (RateLimiter limiter = kind.create()) {
            for (int i = 0; i < 50; i++) {
                assertThat(limiter.acquire("key_free", RateLimits.NONE, 10).headers()).isEmpty();
            }
        }
    }

    @Test
    void theLocalWindowStartsAfreshEachMinute() {
        try (RateLimiter limiter = new LocalRateLimiter(CLOCK)) {
            String key = newKey();
            RateLimits rpm1 = limits(1, null, null);
            limiter.acquire(key, rpm1, 1).close();
            assertThatThrownBy(() -> limiter.acquire(key, rpm1, 1)).isInstanceOf(EaselException.class);
            CLOCK.advance(Duration.ofMinutes(1));
            limiter.acquire(key, rpm1, 1).close();
        }
    }

    @Test
    void theRedisSlotsOfACrashedInstanceLapseWhileALiveInstanceKeepsItsOwn() throws Exception {
        String crashedKey = newKey();
        String liveKey = newKey();
        RateLimits one = limits(null, null, 1);
        RedisRateLimiter crashed = new RedisRateLimiter(TestServers.redisUrl(), Duration.ofMillis(600));
        crashed.acquire(crashedKey, one, 1);
        crashed.close(); // gone without releasing, as a killed process would be
        try (RedisRateLimiter live = new RedisRateLimiter(TestServers.redisUrl(), Duration.ofMillis(600))) {
            Permit held = live.acquire(liveKey, one, 1);
            assertThatThrownBy(() -> live.acquire(crashedKey, one, 1)).isInstanceOf(EaselException.class);
            Thread.sleep(1500);
            live.acquire(crashedKey, one, 1).close(); // the crashed slot lapsed
            assertThatThrownBy(() -> live.acquire(liveKey, one, 1)).isInstanceOf(EaselException.class); // renewed
            held.close();
            live.acquire(liveKey, one, 1).close();
        }
    }
}
