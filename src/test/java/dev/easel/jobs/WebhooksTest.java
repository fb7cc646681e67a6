package dev.easel.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.easel.storage.Database;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhook delivery against a local receiver: signature, retries with back-off, giving up. */
class WebhooksTest {
    private static final byte[] KEY = "a-webhook-secret-of-32-bytes-xyz".getBytes(StandardCharsets.UTF_8);
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);
    private static final List<Duration> QUICK_RETRIES = List.of(Duration.ofMillis(20), Duration.ofMillis(20));

    @TempDir
    Path dir;

    private Database db;
    private JobStore store;
    private HttpServer receiver;
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        db = Database.sqlite(dir);
        store = new JobStore(db.jdbi(), Clock.systemUTC());
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            attempts.incrementAndGet();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (failuresLeft.getAndDecrement() > 0) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                received.add(Map.of("body", body,
                        "id", exchange.getRequestHeaders().getFirst("webhook-id"),
                        "timestamp", exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        "signature", exchange.getRequestHeaders().getFirst("webhook-signature")));
                exchange.sendResponseHeaders(200, -1);
            }
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        db.close();
    }

    private Webhooks webhooks() {
        return new Webhooks(store, Webhooks.WebhookPolicy.of(List.of("127.0.0.1"), SECRET),
                job -> ("{\"id\":\"" + job.id() + "\"}").getBytes(StandardCharsets.UTF_8), Clock.systemUTC(),
                QUICK_RETRIES);
    }

    private String finishedJobWithWebhook() {
        String id = "imgjob_" + System.nanoTime();
        Instant now = Instant.now();
        store.insert(new Job(id, "key_1", "gpt-image-2", JobStatus.QUEUED, "{}", "http://x",
                Optional.of("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"), Optional.empty(),
                Optional.empty(), now, Optional.empty(), now.plus(Duration.ofHours(1))), "rsv_test");
        assertThat(store.claim(id, "w_test", Duration.ofMinutes(1))).isTrue();
        assertThat(store.fail(id, "w_test", new JobError(500, "boom", "server_error", Optional.empty(),
                Optional.empty()), true)).isTrue();
        return id;
    }

    private void deliverFor(Duration time) throws InterruptedException {
        Webhooks webhooks = webhooks();
        long end = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < end) {
            webhooks.deliverDue();
            Thread.sleep(10);
        }
    }

    @Test
    void aDeliveryCarriesAStandardWebhooksSignatureOverIdTimestampAndBody() throws Exception {
        String id = finishedJobWithWebhook();

        deliverFor(Duration.ofMillis(300));

        assertThat(received).hasSize(1);
        Map<String, String> d = received.get(0);
        assertThat(d.get("body")).isEqualTo("{\"id\":\"" + id + "\"}");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(
                (d.get("id") + "." + d.get("timestamp") + "." + d.get("body")).getBytes(StandardCharsets.UTF_8)));
        assertThat(d.get("signature")).isEqualTo("v1," + expected);
        assertThat(Math.abs(Long.parseLong(d.get("timestamp")) - Instant.now().getEpochSecond())).isLessThan(60);
    }

    @Test
    void aFailedDeliveryIsRetriedUntilTheReceiverAcceptsIt() throws Exception {
        failuresLeft.set(2);
        finishedJobWithWebhook();

        deliverFor(Duration.ofMillis(500));

        assertThat(attempts.get()).isEqualTo(3);
        assertThat(received).hasSize(1);
    }

    @Test
    void deliveryIsGivenUpAfterTheLastRetry() throws Exception {
        failuresLeft.set(100);
        finishedJobWithWebhook();

        deliverFor(Duration.ofMillis(500));

        assertThat(attempts.get()).isEqualTo(1 + QUICK_RETRIES.size());
        assertThat(received).isEmpty();
        assertThat(store.webhooksDue()).isEmpty();
    }

    @Test
    void aDeliveredWebhookIsNotSentAgain() throws Exception {
        finishedJobWithWebhook();

        deliverFor(Duration.ofMillis(300));
        deliverFor(Duration.ofMillis(100));

        assertThat(attempts.get()).isEqualTo(1);
    }
}
