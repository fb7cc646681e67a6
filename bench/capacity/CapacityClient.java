import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds N generations open at once against Easel, one virtual thread and one plain socket each (the
 * request is sent with {@code Connection: close}, the answer read to its Content-Length), and reports how many
 * came back 200 with an image, the failures by cause, and the latency percentiles.
 *
 * Run: java bench/capacity/CapacityClient.java PORT N API_KEY [RAMP_MS]
 * Prints one line: "ok=.. failed=.. p50_ms=.. p99_ms=.. max_ms=.. wall_s=.." then failure causes.
 */
public final class CapacityClient {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        String key = args[2];
        long rampMs = args.length > 3 ? Long.parseLong(args[3]) : 2000;
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
                    String outcome = call(port, request);
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

    static final String BODY = "{\"model\":\"gpt-image-2\",\"prompt\":\"a paper boat on calm water\",\"quality\":\"low\"}";

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
            return body.contains("\"b64_json\":\"") ? "" : "200 without an image";
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
