package dev.easel.account;

/**
 * Admits requests under a key's {@link RateLimits}: one-minute windows for requests and images, and a
 * count of requests in flight. In process by default ({@link LocalRateLimiter}); shared across
 * instances through Redis ({@link RedisRateLimiter}). Both behave the same, so tests of one hold for
 * the other.
 */
public interface RateLimiter extends AutoCloseable {

    /**
     * Admits one request for {@code images} images, or throws a 429 {@code rate_limit_exceeded} that
     * carries {@code Retry-After} and the {@code x-ratelimit-*} headers. A rejected request changes no
     * counter. The returned permit holds the concurrency slot until closed.
     */
    Permit acquire(String keyId, RateLimits limits, int images);

    @Override
    void close();
}
