package dev.easel.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Everything Easel is configured with, resolved from (highest first) command-line flags, environment
 * variables, {@code easel.yaml} and built-in defaults. See docs/CONFIGURATION.md.
 *
 * @param host            address to listen on
 * @param port            port to listen on (0 picks a free one)
 * @param dataDir         where the SQLite database, stored images and generated secrets live
 * @param publicBaseUrl   absolute base for hosted image URLs; defaults to http://host:port
 * @param databaseUrl     a JDBC URL to use instead of the SQLite file (PostgreSQL at scale)
 * @param defaultModel    model used when a request names none
 * @param urlTtl          how long a hosted image URL stays valid
 * @param maxBodyBytes    request bodies above this get 413
 * @param sseKeepAlive    a stream silent this long gets a keep-alive comment
 * @param jobTtl          how long async jobs, their results and images are kept
 * @param jobConcurrency  how many async jobs one instance runs at once
 * @param jobLease        how long a running job stays claimed without its worker renewing the claim
 * @param jobMaxAttempts  how many times a job whose instance died mid-run is started in all
 * @param webhookHosts    hosts a job's webhook_url may point at; empty disables webhooks
 * @param webhookSecret   Standard Webhooks secret ({@code whsec_...}) that signs webhook deliveries
 * @param signingSecret   HMAC secret for hosted image URLs; generated into the data dir when absent
 * @param bootstrapApiKey   EASEL_API_KEY: becomes the first API key at first start
 * @param bootstrapAdminKey EASEL_ADMIN_KEY: becomes the first admin key at first start
 * @param userModels      the {@code models:} list of easel.yaml, overriding or adding catalogue entries
 * @param channels        the {@code channels:} list of easel.yaml: upstream backends (read by routing)
 * @param environment     the process environment, for channel keys given by reference and zero-config upstreams
 * @param metering        keys, limits and ledger settings (prompt logging, Redis, reservation expiry)
 * @param bucket          the S3-compatible bucket for hosted images; absent: files under the data directory
 */
public record EaselConfig(
        String host,
        int port,
        Path dataDir,
        Optional<String> publicBaseUrl,
        Optional<String> databaseUrl,
        String defaultModel,
        Duration urlTtl,
        long maxBodyBytes,
        Duration sseKeepAlive,
        Duration jobTtl,
        int jobConcurrency,
        Duration jobLease,
        int jobMaxAttempts,
        java.util.List<String> webhookHosts,
        Optional<String> webhookSecret,
        Optional<String> signingSecret,
        Optional<String> bootstrapApiKey,
        Optional<String> bootstrapAdminKey,
        Optional<JsonNode> userModels,
        Optional<JsonNode> channels,
        java.util.Map<String, String> environment,
        MeteringConfig metering,
        Optional<BucketConfig> bucket) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_MODEL = "dall-e-3";
    /** OpenAI's hosted URLs are valid for 60 minutes; Easel matches that by default. */
    public static final Duration DEFAULT_URL_TTL = Duration.ofMinutes(60);
    /** Generation bodies are small; 32 MiB leaves room for edits with several input images. */
    public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;
    /** Well inside nginx's 60 s and Cloudflare's 100 s idle limits. */
    public static final Duration DEFAULT_SSE_KEEPALIVE = Duration.ofSeconds(15);
    public static final Duration DEFAULT_JOB_TTL = Duration.ofHours(24);
    /** Jobs mostly wait on upstreams; the local renderer's CPU use is bounded by its own speed. */
    public static final int DEFAULT_JOB_CONCURRENCY = 16;
    /** Renewed every third of it; a job whose server died is noticed within about this long. */
    public static final Duration DEFAULT_JOB_LEASE = Duration.ofSeconds(60);
    /** One retry after a crash: enough to ride out a restart or deploy without paying an upstream many times. */
    public static final int DEFAULT_JOB_MAX_ATTEMPTS = 2;
    /** SigV4 presigned URLs cannot be valid for longer than this. */
    public static final Duration MAX_PRESIGNED_TTL = Duration.ofDays(7);

    public EaselConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535] but was " + port);
        }
        if (urlTtl.isNegative() || urlTtl.isZero()) {
            throw new IllegalArgumentException("url_ttl must be positive but was " + urlTtl);
        }
        if (sseKeepAlive.isNegative() || sseKeepAlive.isZero()) {
            throw new IllegalArgumentException("sse_keepalive must be positive but was " + sseKeepAlive);
        }
        if (jobTtl.isNegative() || jobTtl.isZero()) {
            throw new IllegalArgumentException("job_ttl must be positive but was " + jobTtl);
        }
        if (jobConcurrency < 1) {
            throw new IllegalArgumentException("job_concurrency must be at least 1 but was " + jobConcurrency);
        }
        if (!webhookHosts.isEmpty() && webhookSecret.isEmpty()) {
            throw new IllegalArgumentException("webhook_hosts needs webhook_secret (a whsec_... secret) to sign deliveries");
        }
        if (jobMaxAttempts < 1) {
            throw new IllegalArgumentException("job_max_attempts must be at least 1 but was " + jobMaxAttempts);
        }
        if (databaseUrl.filter(u -> u.startsWith("jdbc:postgresql:")).isPresent() && signingSecret.isEmpty()) {
            // With a shared database several instances may run; a secret generated into one instance's data
            // directory would make every link it mints fail on the others.
            throw new IllegalArgumentException("database_url points at PostgreSQL, so several instances may share it,"
                    + " but no signing_secret is configured: image links minted by one instance would not verify on"
                    + " another. Set signing_secret (or EASEL_SIGNING_SECRET) to the same random string of at least"
                    + " 32 characters on every instance, e.g. the output of `openssl rand -hex 32`.");
        }
        if (bucket.filter(BucketConfig::presignedUrls).isPresent()
                && (urlTtl.compareTo(MAX_PRESIGNED_TTL) > 0 || jobTtl.compareTo(MAX_PRESIGNED_TTL) > 0)) {
            throw new IllegalArgumentException("s3_presigned_urls: presigned URLs are valid for at most 7 days, but"
                    + " url_ttl is " + urlTtl + " and job_ttl is " + jobTtl + "; shorten them or use Easel links");
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("max_body_bytes must be at least 1024 but was " + maxBodyBytes);
        }
    }

    /** The defaults of a fresh clone: loopback, port 8080, ./data. */
    public static EaselConfig defaults() {
        return new EaselConfig(DEFAULT_HOST, DEFAULT_PORT, Path.of("data"), Optional.empty(), Optional.empty(),
                DEFAULT_MODEL, DEFAULT_URL_TTL, DEFAULT_MAX_BODY_BYTES, DEFAULT_SSE_KEEPALIVE, DEFAULT_JOB_TTL,
                DEFAULT_JOB_CONCURRENCY, DEFAULT_JOB_LEASE, DEFAULT_JOB_MAX_ATTEMPTS, java.util.List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), java.util.Map.of(),
                MeteringConfig.DEFAULTS, Optional.empty());
    }

    /** Base URL for links Easel hands out, without a trailing slash. */
    public String baseUrl(int boundPort) {
        return publicBaseUrl.map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u)
                .orElseGet(() -> "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + boundPort);
    }
}
