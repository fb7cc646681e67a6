import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Holds N generations open at once against Easel and reports how many came back 200 with an image, the
 * failures by cause, and the latency percentiles. Over HTTP/1.1 each generation has its own virtual thread
 * and plain socket (the request is sent with {@code Connection: close}, the answer read to its
 * Content-Length); with H2_CONNECTIONS given, the generations are spread over that many HTTP/2 connections
 * (h2c by prior knowledge, OkHttp's client: the one the OpenAI Java SDK uses).
 *
 * Run: java -cp OKHTTP_CLASSPATH bench/capacity/CapacityClient.java PORT N API_KEY [RAMP_MS [H2_CONNECTIONS]]
 * Prints one line: "ok=.. failed=.. p50_ms=.. p99_ms=.. max_ms=.. wall_s=.." then failure causes.
 */
public final class CapacityClient {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        String key = args[2];
        long rampMs = args.length > 3 ? Long.parseLong(args[3]) : 2000;
        List<OkHttpClient> h2 = args.length > 4 ? http2Clients(port, Integer.parseInt(args[4])) : List.of();
        byte[] request = ("POST /v1/images/generations HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "Authorization: Bearer " + key + "\r\nContent-Type: application/json\r\nConnection: close\r\n"
                + "Content-Length: %d\r\n\r\n%s").formatted(BODY.length(), BODY).getBytes(StandardCharsets.US_ASCII);
        long[] latencies = new long[n];
        AtomicInteger ok = new AtomicInteger();
        ConcurrentHashMap<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(n);
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            long startAt = start + rampMs * 1_000_000L * i / n; // spread connects so the accept backlog keeps up
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    long wait = startAt - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    long t0 = System.nanoTime();
                    String outcome = h2.isEmpty() ? call(port, request) : call(h2.get(index % h2.size()), port, key);
                    latencies[index] = System.nanoTime() - t0;
                    if (outcome.isEmpty()) {
                        ok.incrementAndGet();
                    } else {
                        failures.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                    }
                } catch (Exception e) {
                    failures.computeIfAbsent(e.getClass().getSimpleName() + ": " + e.getMessage(),
                            k -> new AtomicInteger()).incrementAndGet();
                } finally {
                    done.countDown();
                }
            }));
        }
        done.await();
        double wall = (System.nanoTime() - start) / 1e9;
        long[] okLatencies = Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
        int failed = n - ok.get();
        System.out.printf("ok=%d failed=%d p50_ms=%.0f p99_ms=%.0f max_ms=%.0f wall_s=%.1f%n", ok.get(), failed,
                pct(okLatencies, 0.50), pct(okLatencies, 0.99), pct(okLatencies, 1.0), wall);
        failures.forEach((cause, count) -> System.out.println("  failure x" + count + ": " + cause));
    }

    /** BENCH_FORMAT=url asks for links (dall-e-3): Easel decodes each answer and keeps the image as a file. */
    static final boolean LINKS = "url".equals(System.getenv("BENCH_FORMAT"));
    static final String BODY = LINKS
            ? "{\"model\":\"dall-e-3\",\"prompt\":\"a paper boat on calm water\",\"response_format\":\"url\"}"
            : "{\"model\":\"gpt-image-2\",\"prompt\":\"a paper boat on calm water\",\"quality\":\"low\"}";
    static final String IMAGE = LINKS ? "\"url\":\"" : "\"b64_json\":\"";

    /** One generation; returns "" when it answered 200 with an image, else what went wrong. */
    static String call(int port, byte[] request) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String status = line(in);
            long length = -1;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Long.parseLong(header.substring(15).trim());
                }
            }
            if (length < 0) {
                return status + " without Content-Length";
            }
            String body = new String(in.readNBytes((int) length), StandardCharsets.ISO_8859_1);
            if (!status.startsWith("HTTP/1.1 200")) {
                return status;
            }
            return body.contains(IMAGE) ? "" : "200 without an image";
        }
    }

    /** Clients with one HTTP/2 connection each (h2c by prior knowledge), opened before the generations start. */
    static List<OkHttpClient> http2Clients(int port, int connections) throws Exception {
        List<OkHttpClient> clients = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            OkHttpClient client = new OkHttpClient.Builder().protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE))
                    .connectionPool(new ConnectionPool()).readTimeout(Duration.ofSeconds(120)).build();
            try (Response health = client.newCall(new Request.Builder()
                    .url("http://127.0.0.1:" + port + "/health").build()).execute()) {
                if (health.code() != 200) {
                    throw new IllegalStateException("Easel's /health answered " + health.code() + " over HTTP/2");
                }
            }
            clients.add(client);
        }
        return clients;
    }

    /** One generation as a stream of an HTTP/2 connection; returns "" when it answered 200 with an image. */
    static String call(OkHttpClient client, int port, String key) throws Exception {
        Request request = new Request.Builder().url("http://127.0.0.1:" + port + "/v1/images/generations")
                .header("Authorization", "Bearer " + key)
                .post(RequestBody.create(BODY, MediaType.get("application/json"))).build();
        try (Response response = client.newCall(request).execute()) {
            String body = response.body().string();
            if (response.code() != 200) {
                return "HTTP/2 " + response.code();
            }
            return body.contains(IMAGE) ? "" : "200 without an image";
        }
    }

    static String line(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new java.io.EOFException("connection closed before the answer ended");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
