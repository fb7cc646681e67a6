import com.sun.net.httpserver.HttpServer;
import dev.easel.TestEasel;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Random;

/**
 * Heap allocated by Easel per request while it relays a large upstream image: a fake OpenAI upstream
 * (in its own JVM, so its allocations do not count) answers every generation with a 16 MB
 * {@code b64_json} body; Easel relays it as {@code b64_json} and as {@code url}. The client reads
 * over a raw socket into one reused buffer, so nearly everything this JVM allocates is Easel's.
 *
 * Run: bench/relay-memory.sh
 */
public final class RelayMemoryBench {
    static final int B64_BYTES = 16 * 1024 * 1024;
    static final int IMAGE_BYTES = B64_BYTES / 4 * 3; // 12 MiB decoded
    static int WARMUP = 3;
    static int MEASURED = 10;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("upstream")) {
            upstream();
            return;
        }
        if (args.length > 0 && args[0].equals("smoke")) {
            WARMUP = 1;
            MEASURED = 1;
        }
        Process upstream = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), "bench/RelayMemoryBench.java", "upstream")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String port = new BufferedReader(new InputStreamReader(upstream.getInputStream())).readLine();
            String yaml = """
                    channels:
                      - name: big
                        type: openai
                        base_url: http://127.0.0.1:%s/v1
                        api_key_env: BENCH_KEY
                        models: [gpt-image-1]
                    """.formatted(port);
            try (TestEasel easel = TestEasel.start(yaml, Map.of("BENCH_KEY", "sk-bench"))) {
                System.out.printf("upstream body %,d bytes of base64 = image of %,d bytes%n", B64_BYTES + 200, IMAGE_BYTES);
                for (String format : new String[] {"b64_json", "url"}) {
                    measure(easel.port(), format);
                }
            }
        } finally {
            upstream.destroy();
        }
    }

    static void measure(int port, String format) throws Exception {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARMUP; i++) {
            call(port, format);
        }
        long before = mx.getTotalThreadAllocatedBytes();
        long relayed = 0;
        for (int i = 0; i < MEASURED; i++) {
            relayed = call(port, format);
        }
        long perRequest = (mx.getTotalThreadAllocatedBytes() - before) / MEASURED;
        System.out.printf("%-8s allocated per request: %,d bytes = %.2f x image (%.2f x upstream body); "
                + "response %,d bytes%n", format, perRequest, perRequest / (double) IMAGE_BYTES,
                perRequest / (double) B64_BYTES, relayed);
    }

    /** POSTs one generation over a raw socket and drains the answer into a reused buffer; returns its size. */
    static long call(int port, String format) throws Exception {
        byte[] body = ("{\"model\":\"gpt-image-1\",\"prompt\":\"a large boat\",\"response_format\":\"" + format + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/images/generations HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Authorization: Bearer " + TestEasel.API_KEY + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024);
            String head = headers(in);
            if (!head.startsWith("HTTP/1.1 200")) {
                throw new IllegalStateException("Easel answered " + head + new String(in.readNBytes(2000)));
            }
            String lower = head.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("transfer-encoding: chunked")) {
                long total = 0;
                for (long size; (size = Long.parseLong(line(in).strip(), 16)) > 0; total += size) {
                    in.skipNBytes(size);
                    line(in);
                }
                return total;
            }
            int at = lower.indexOf("content-length:");
            long length = Long.parseLong(lower.substring(at + 15, lower.indexOf('\r', at)).strip());
            in.skipNBytes(length);
            return length;
        }
    }

    static String headers(InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        for (String l; !(l = line(in)).isEmpty(); ) {
            head.append(l).append("\r\n");
        }
        return head.toString();
    }

    static String line(InputStream in) throws java.io.IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new java.io.EOFException();
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** The fake upstream: one prebuilt 16 MB answer, written as is for every request. */
    static void upstream() throws Exception {
        byte[] image = new byte[IMAGE_BYTES];
        new Random(1).nextBytes(image);
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, image, 0, 8);
        byte[] answer = ("{\"created\":1763700000,\"data\":[{\"b64_json\":\"" + Base64.getEncoder().encodeToString(image)
                + "\"}],\"usage\":{\"total_tokens\":4260,\"input_tokens\":100,\"output_tokens\":4160}}")
                .getBytes(StandardCharsets.US_ASCII);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, answer.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        System.out.println(server.getAddress().getPort());
        System.out.flush();
        Thread.currentThread().join();
    }
}
