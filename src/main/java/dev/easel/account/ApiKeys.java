package dev.easel.account;

import dev.easel.error.EaselException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Jdbi;

/**
 * Creates, lists, revokes and authenticates API keys. Keys are 192-bit random secrets, so a plain
 * SHA-256 of the key is a safe lookup hash (no password stretching needed); the clear key is never
 * stored or logged.
 *
 * <p>A key that authenticated is remembered for {@link #RECHECK_AFTER}, so a busy key costs one lookup a
 * second instead of one per request. Changes made here (revoke, policy edits) forget it at once; changes
 * made elsewhere (the {@code easel keys} command, another instance) take effect within that second.
 */
public final class ApiKeys {
    /** How long a remembered key is trusted before it is read again. */
    public static final Duration RECHECK_AFTER = Duration.ofSeconds(1);

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int SECRET_CHARS = 32; // 32 base62 chars ~ 190 bits of entropy
    private static final int SHOWN_PREFIX = 12;

    private final Jdbi jdbi;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Remembered> recent = new ConcurrentHashMap<>(); // by hash; only keys that exist
    // Counts local changes, so a lookup that raced a revocation does not remember what it read before it.
    private final AtomicLong changes = new AtomicLong();

    private record Remembered(ApiKey key, Instant readAt) {
        boolean freshAt(Instant now) {
            return !now.isBefore(readAt) && now.isBefore(readAt.plus(RECHECK_AFTER));
        }
    }

    public ApiKeys(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Creates a key with a fresh random secret and no limits. */
    public IssuedKey create(String name, ApiKey.Role role) {
        return create(name, role, KeyPolicy.UNLIMITED);
    }

    /** Creates a key with a fresh random secret and the given policy. */
    public IssuedKey create(String name, ApiKey.Role role, KeyPolicy policy) {
        String prefix = role == ApiKey.Role.ADMIN ? "sk-easel-admin-" : "sk-easel-";
        return insert(name, role, prefix + randomChars(SECRET_CHARS), policy);
    }

    /**
     * Registers a key whose secret the operator chose (EASEL_API_KEY / EASEL_ADMIN_KEY at first start),
     * so scripts and containers know it in advance.
     */
    public IssuedKey register(String name, ApiKey.Role role, String secret) {
        if (secret.length() < 16 || secret.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a bootstrap key must be at least 16 characters without spaces");
        }
        return insert(name, role, secret, KeyPolicy.UNLIMITED);
    }

    private IssuedKey insert(String name, ApiKey.Role role, String secret, KeyPolicy policy) {
        String cleanName = name.isBlank() ? "unnamed" : name.strip();
        ApiKey key = new ApiKey("key_" + randomChars(16), secret.substring(0, Math.min(SHOWN_PREFIX, secret.length())),
                cleanName, role, clock.instant(), Optional.empty(), policy);
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO api_keys (id, key_hash, key_prefix, name, role, created_at)
                        VALUES (:id, :hash, :prefix, :name, :role, :created)""")
                .bind("id", key.id())
                .bind("hash", hash(secret))
                .bind("prefix", key.prefix())
                .bind("name", key.name())
                .bind("role", key.role().name())
                .bind("created", key.createdAt().toEpochMilli())
                .execute());
        if (!policy.equals(KeyPolicy.UNLIMITED)) {
            writePolicy(key.id(), key.name(), policy);
        }
        return new IssuedKey(key, secret);
    }

    /**
     * Changes a key's name and policy (PATCH semantics: {@code change} sees the current policy and
     * returns the new one). Read and write share one transaction so two edits never mix.
     */
    public ApiKey update(String id, Optional<String> name, UnaryOperator<KeyPolicy> change) {
        jdbi.useTransaction(h -> {
            ApiKey current = h.createQuery("SELECT * FROM api_keys WHERE id = :id")
                    .bind("id", id)
                    .map((rs, ctx) -> ApiKeyRows.read(rs))
                    .findOne()
                    .orElseThrow(() -> notFound(id));
            KeyPolicy next = change.apply(current.policy());
            writePolicy(h, id, name.map(String::strip).orElse(current.name()), next);
        });
        forget(id);
        return find(id).orElseThrow(() -> notFound(id));
    }

    private void writePolicy(String id, String name, KeyPolicy policy) {
        jdbi.useHandle(h -> writePolicy(h, id, name, policy));
    }

    private static void writePolicy(org.jdbi.v3.core.Handle h, String id, String name, KeyPolicy p) {
        h.createUpdate("""
                        UPDATE api_keys SET name = :name, owner = :owner, expires_at = :expires, models = :models,
                            allowed_ips = :ips, budget_micros = :budget, budget_period = :period, rpm = :rpm,
                            images_per_minute = :ipm, max_concurrency = :conc, price_multiplier = :multiplier
                        WHERE id = :id""")
                .bind("id", id)
                .bind("name", name)
                .bind("owner", p.owner())
                .bind("expires", p.expiresAt().map(java.time.Instant::toEpochMilli).orElse(null))
                .bind("models", ApiKeyRows.join(p.models()))
                .bind("ips", ApiKeyRows.joinRanges(p.allowedIps()))
                .bind("budget", p.budget().map(Budget::micros).orElse(null))
                .bind("period", p.budget().map(b -> b.period().wireName()).orElse("total"))
                .bind("rpm", p.limits().rpm().orElse(null))
                .bind("ipm", p.limits().imagesPerMinute().orElse(null))
                .bind("conc", p.limits().maxConcurrency().orElse(null))
                .bind("multiplier", p.priceMultiplier().stripTrailingZeros().toPlainString())
                .execute();
    }

    private static EaselException notFound(String id) {
        return EaselException.notFound("key_not_found", "No API key with id `" + id + "`.");
    }

    /** The key a presented secret belongs to, if it exists and is not revoked. */
    public Optional<ApiKey> authenticate(String secret) {
        String hash = hash(secret);
        Instant now = clock.instant();
        Remembered remembered = recent.get(hash);
        if (remembered != null && remembered.freshAt(now)) {
            return Optional.of(remembered.key());
        }
        long changesSeen = changes.get();
        Optional<ApiKey> key = jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM api_keys WHERE key_hash = :hash AND revoked_at IS NULL")
                .bind("hash", hash)
                .map((rs, ctx) -> ApiKeyRows.read(rs))
                .findOne());
        if (key.isEmpty()) {
            recent.remove(hash);
        } else if (changes.get() == changesSeen) {
            recent.put(hash, new Remembered(key.get(), now));
        }
        return key;
    }

    private void forget(String id) {
        changes.incrementAndGet();
        recent.values().removeIf(r -> r.key().id().equals(id));
    }

    public List<ApiKey> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM api_keys ORDER BY created_at, id")
                .map((rs, ctx) -> ApiKeyRows.read(rs))
                .list());
    }

    public Optional<ApiKey> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM api_keys WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> ApiKeyRows.read(rs))
                .findOne());
    }

    /** Revokes a key at once; revoking twice keeps the first revocation time. */
    public ApiKey revoke(String id) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE api_keys SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .bind("now", clock.instant().toEpochMilli())
                .bind("id", id)
                .execute());
        forget(id);
        return find(id).orElseThrow(() -> notFound(id));
    }

    /** True when no key of the role exists yet (first start). */
    public boolean noneWithRole(ApiKey.Role role) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM api_keys WHERE role = :role")
                .bind("role", role.name())
                .mapTo(Long.class)
                .one()) == 0;
    }

    private String randomChars(int count) {
        StringBuilder sb = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    static String hash(String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

}
