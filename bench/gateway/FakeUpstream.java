import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;

/**
 * A fake OpenAI image upstream for benchmarks: answers POST /v1/images/generations with one PNG of
 * about the requested size as b64_json, after an optional delay. The body is built once at start, so
 * the upstream costs as little as possible and the gateway's share of the work shows.
 *
 * Run: java bench/gateway/FakeUpstream.java PORT IMAGE_KB [DELAY_MS [WRITE_KB]]
 *
 * WRITE_KB writes each answer in slices of that size instead of at once. A socket write holds a
 * temporary direct buffer as large as what it writes until it is done, so ten thousand 2 MB answers
 * written at once to slow readers need 20 GB of it; the capacity benchmark slices, the gateway benchmark
 * writes at once (as it always has, so its direct numbers stay comparable across rounds).
 */
public final class FakeUpstream {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int imageKb = Integer.parseInt(args[1]);
        long delayMs = args.length > 2 ? Long.parseLong(args[2]) : 0;
        int slice = args.length > 3 ? Integer.parseInt(args[3]) * 1024 : Integer.MAX_VALUE;
        byte[] body = responseBody(png(imageKb * 1024));
        // The JDK server silently closes a connection going idle while 200 others are idle; the direct
        // load, Easel's pool and the peers' pools together exceed that, and a gateway that reuses such a
        // connection a moment later sees it broken (a failure the benchmark would blame on the gateway).
        System.setProperty("sun.net.httpserver.maxIdleConnections", "10000");
        // It also closes connections idle for 30 s, on a timer; one closed the moment a gateway reused it
        // broke one request in ~100 000 between cells. Real upstreams do that too (Easel checks a connection
        // idle over a second before reusing it, which leaves only that moment); a speed benchmark keeps them.
        System.setProperty("sun.net.httpserver.idleInterval", "3600");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 4096);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/images/generations", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (delayMs > 0) {
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            for (int off = 0; off < body.length; off += slice) {
                exchange.getResponseBody().write(body, off, Math.min(slice, body.length - off));
            }
            exchange.close();
        });
        server.start();
        System.out.println("fake upstream on 127.0.0.1:" + port + ", body " + body.length + " bytes, delay " + delayMs + " ms");
    }

    /** A noisy RGB PNG (noise does not compress) grown until it reaches the target size. */
    static byte[] png(int targetBytes) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        int side = 64;
        while (true) {
            BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    image.setRGB(x, y, random.nextInt(0x1000000));
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            if (out.size() >= targetBytes) {
                return out.toByteArray();
            }
            side = (int) Math.ceil(side * Math.sqrt((double) targetBytes / out.size())) + 1;
        }
    }

    static byte[] responseBody(byte[] png) {
        String json = "{\"created\":1795490522,\"data\":[{\"b64_json\":\"" + Base64.getEncoder().encodeToString(png)
                + "\"}],\"background\":\"opaque\",\"output_format\":\"png\",\"quality\":\"low\",\"size\":\"1024x1024\","
                + "\"usage\":{\"total_tokens\":208,\"input_tokens\":12,\"output_tokens\":196,"
                + "\"input_tokens_details\":{\"text_tokens\":12,\"image_tokens\":0},"
                + "\"output_tokens_details\":{\"image_tokens\":196,\"text_tokens\":0}}}";
        return json.getBytes(StandardCharsets.US_ASCII);
    }
}
