package dev.easel.jobs;

import dev.easel.error.EaselException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers finished jobs to their {@code webhook_url}, signed the Standard Webhooks way (as OpenAI's
 * own webhooks are): headers {@code webhook-id}, {@code webhook-timestamp} and
 * {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">}. Failed deliveries are
 * retried with growing delays; the schedule lives in the database, so a restart does not lose it.
 */
public final class Webhooks {
    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);
    /** Delay before each retry: 10 s, 1 min, 5 min, 30 min, 2 h; then delivery is given up. */
    private static final List<Duration> RETRIES = List.of(Duration.ofSeconds(10), Duration.ofMinutes(1),
            Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2));

    private final JobStore store;
    private final WebhookPolicy policy;
    private final Function<Job, byte[]> render;
    /** Made for the first delivery: most instances send none, and making one took 0.13 s of a start. */
    private HttpClient http;
    private final Clock clock;
    private final List<Duration> retries;

    /**
     * @param render turns a job into the JSON body clients see from {@code GET} (owned by the API layer)
     */
    public Webhooks(JobStore store, WebhookPolicy policy, Function<Job, byte[]> render, Clock clock,
                    List<Duration> retries) {
        this.store = store;
        this.policy = policy;
        this.render = render;
        this.clock = clock;
        this.retries = retries;
    }

    public Webhooks(JobStore store, WebhookPolicy policy, Function<Job, byte[]> render, Clock clock) {
        this(store, policy, render, clock, RETRIES);
    }

    /** Sends every webhook that is due. */
    void deliverDue() {
        for (JobStore.DueWebhook due : store.webhooksDue()) {
            boolean delivered = deliver(due.job());
            int attempt = due.attempts() + 1;
            Optional<java.time.Instant> next = delivered || attempt > retries.size()
                    ? Optional.empty() : Optional.of(clock.instant().plus(retries.get(attempt - 1)));
            store.webhookAttempted(due.job().id(), delivered, next);
            if (!delivered && next.isEmpty()) {
                LOG.warn("webhook for job {} failed {} times; giving up", due.job().id(), attempt);
            }
        }
    }

    private boolean deliver(Job job) {
        String url = job.webhookUrl().orElseThrow();
        byte[] body = render.apply(job);
        String messageId = "msg_" + job.id();
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        try {
            HttpResponse<Void> response = http().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .header("content-type", "application/json")
                    .header("user-agent", "Easel-Webhooks/1")
                    .header("webhook-id", messageId)
                    .header("webhook-timestamp", timestamp)
                    .header("webhook-signature", "v1," + policy.sign(messageId, timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return http;
    }

    /** Which webhook URLs are allowed, and the signing key. */
    public record WebhookPolicy(List<String> allowedHosts, Optional<byte[]> secret) {

        /** No webhooks: every {@code webhook_url} is refused. */
        public static WebhookPolicy disabled() {
            return new WebhookPolicy(List.of(), Optional.empty());
        }

        /**
         * @param secret a Standard Webhooks secret, {@code whsec_<base64>}
         */
        public static WebhookPolicy of(List<String> allowedHosts, String secret) {
            String encoded = secret.startsWith("whsec_") ? secret.substring(6) : secret;
            byte[] key;
            try {
                key = Base64.getDecoder().decode(encoded);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("webhook_secret must be `whsec_` followed by base64");
            }
            if (key.length < 24) {
                throw new IllegalArgumentException("webhook_secret must carry at least 24 bytes of key");
            }
            return new WebhookPolicy(List.copyOf(allowedHosts), Optional.of(key));
        }

        /** Checks a client's webhook URL before the job is accepted. */
        public String check(String url) {
            if (secret.isEmpty() || allowedHosts.isEmpty()) {
                throw EaselException.invalidParameter("webhook_url",
                        "Webhooks are not enabled on this server (its operator sets webhook_hosts and webhook_secret).");
            }
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw EaselException.invalidParameter("webhook_url", "webhook_url is not a valid URL.");
            }
            String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
            String host = Optional.ofNullable(uri.getHost()).orElse("").toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || host.isEmpty()) {
                throw EaselException.invalidParameter("webhook_url", "webhook_url must be an absolute http(s) URL.");
            }
            if (allowedHosts.stream().noneMatch(pattern -> matches(pattern.toLowerCase(Locale.ROOT), host))) {
                throw EaselException.invalidParameter("webhook_url", "The host of webhook_url is not allowed on this"
                        + " server; allowed: " + allowedHosts + ".");
            }
            return url;
        }

        private static boolean matches(String pattern, String host) {
            return pattern.startsWith("*.") ? host.endsWith(pattern.substring(1)) : pattern.equals(host);
        }

        String sign(String messageId, String timestamp, byte[] body) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.orElseThrow(), "HmacSHA256"));
                mac.update((messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
                return Base64.getEncoder().encodeToString(mac.doFinal(body));
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
            }
        }
    }
}
