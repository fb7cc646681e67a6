package dev.easel.account;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The limiter shared by every instance pointed at one Redis. Each admission is one Lua script, so the
 * check and the increments are atomic across instances, and time comes from the Redis server, so the
 * instances' clocks need not agree. Concurrency slots are members of a sorted set scored by a lease
 * expiry that this instance renews while the request runs: the slots of a crashed instance lapse on
 * their own within one lease.
 *
 * <p>Calls take turns for the client's {@link #CONNECTIONS} pooled connections on a semaphore first. The
 * pool (commons-pool2) has a borrower that finds every connection taken while some are still being
 * opened loop without ever parking; once such loops held every carrier thread, the virtual threads
 * opening those connections never ran again and every request hung. With no more borrowers than
 * connections, no borrower ever waits inside the pool.
 */
public final class RedisRateLimiter implements RateLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimiter.class);
    /** A crashed instance's slots lapse within this; live ones are renewed every third of it. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);

    // KEYS: window hash, slot set. ARGV: rpm, ipm, max concurrency (-1 = none), images, slot id, lease ms.
    private static final String ADMIT = """
            local rpm, ipm, maxc = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
            local images, lease = tonumber(ARGV[4]), tonumber(ARGV[6])
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local window = math.floor(now / 60000)
            local reset = (window + 1) * 60000 - now
            local w = redis.call('HMGET', KEYS[1], 'w', 'r', 'i')
            local r, i = 0, 0
            if tonumber(w[1]) == window then r, i = tonumber(w[2]), tonumber(w[3]) end
            if rpm >= 0 and r + 1 > rpm then return {1, r, i, reset, 0} end
            if ipm >= 0 and i + images > ipm then return {2, r, i, reset, 0} end
            local inflight = 0
            if maxc >= 0 then
              redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
              inflight = redis.call('ZCARD', KEYS[2])
              if inflight >= maxc then return {3, r, i, reset, inflight} end
              redis.call('ZADD', KEYS[2], now + lease, ARGV[5])
              redis.call('PEXPIRE', KEYS[2], lease * 2)
              inflight = inflight + 1
            end
            redis.call('HSET', KEYS[1], 'w', window, 'r', r + 1, 'i', i + images)
            redis.call('PEXPIRE', KEYS[1], 120000)
            return {0, r + 1, i + images, reset, inflight}
            """;

    // KEYS: slot set. ARGV: slot id, lease ms. Extends a live slot; never resurrects a released one (XX).
    private static final String RENEW = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[1])
            redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
            return 1
            """;

    static final int CONNECTIONS = 16;

    private final RedisClient redis;
    private final Semaphore turns = new Semaphore(CONNECTIONS, true);
    private final String admitSha;
    private final String renewSha;
    private final Map<String, String> heldSlots = new ConcurrentHashMap<>(); // slot id -> slot set key
    private final ScheduledExecutorService renewer;
    private final long leaseMillis;

    public RedisRateLimiter(String redisUrl) {
        this(redisUrl, DEFAULT_LEASE);
    }

    public RedisRateLimiter(String redisUrl, Duration lease) {
        this.leaseMillis = lease.toMillis();
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(CONNECTIONS);
        pool.setMaxIdle(CONNECTIONS);
        this.redis = RedisClient.builder().fromURI(URI.create(redisUrl)).poolConfig(pool).build();
        this.admitSha = redis.scriptLoad(ADMIT);
        this.renewSha = redis.scriptLoad(RENEW);
        this.renewer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("easel-slot-renewer").factory());
        long renewEvery = Math.max(1, leaseMillis / 3);
        renewer.scheduleWithFixedDelay(this::renewHeld, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
    }

    @Override
    public Permit acquire(String keyId, RateLimits limits, int images) {
        if (!limits.any()) {
            return Permit.NONE;
        }
        // One hash tag per key keeps both keys in one slot, so the script also runs on Redis Cluster.
        String windowKey = "easel:rl:{" + keyId + "}:w";
        String slotKey = "easel:rl:{" + keyId + "}:c";
        String slot = UUID.randomUUID().toString();
        List<?> result = (List<?>) run(admitSha, ADMIT, List.of(windowKey, slotKey), List.of(
                String.valueOf(limits.rpm().orElse(-1)), String.valueOf(limits.imagesPerMinute().orElse(-1)),
                String.valueOf(limits.maxConcurrency().orElse(-1)), String.valueOf(images), slot,
                String.valueOf(leaseMillis)));
        LimitDecision decision = new LimitDecision(LimitDecision.Refusal.values()[(int) number(result, 0)],
                number(result, 1), number(result, 2), number(result, 3), number(result, 4));
        if (decision.refusedBy() != LimitDecision.Refusal.NONE) {
            throw decision.exceeded(limits, images);
        }
        Map<String, String> headers = decision.headers(limits);
        boolean holdsSlot = limits.maxConcurrency().isPresent();
        if (holdsSlot) {
            heldSlots.put(slot, slotKey);
        }
        AtomicBoolean released = new AtomicBoolean();
        return new Permit() {
            @Override
            public Map<String, String> headers() {
                return headers;
            }

            @Override
            public void close() {
                if (holdsSlot && released.compareAndSet(false, true)) {
                    heldSlots.remove(slot);
                    try {
                        inTurn(() -> redis.zrem(slotKey, slot));
                    } catch (RuntimeException e) {
                        LOG.warn("could not release a concurrency slot; it lapses within {} s", leaseMillis / 1000, e);
                    }
                }
            }
        };
    }

    private Object run(String sha, String script, List<String> keys, List<String> args) {
        return inTurn(() -> {
            try {
                return redis.evalsha(sha, keys, args);
            } catch (JedisNoScriptException e) {
                return redis.eval(script, keys, args); // Redis restarted or was flushed; eval caches it again
            }
        });
    }

    private <T> T inTurn(Supplier<T> call) {
        turns.acquireUninterruptibly();
        try {
            return call.get();
        } finally {
            turns.release();
        }
    }

    private static long number(List<?> result, int index) {
        return ((Number) result.get(index)).longValue();
    }

    private void renewHeld() {
        for (Map.Entry<String, String> held : heldSlots.entrySet()) {
            try {
                run(renewSha, RENEW, List.of(held.getValue()), List.of(held.getKey(), String.valueOf(leaseMillis)));
            } catch (RuntimeException e) {
                LOG.warn("could not renew a concurrency slot lease", e);
            }
        }
    }

    @Override
    public void close() {
        renewer.shutdownNow();
        redis.close();
    }
}
