package dev.easel;

import dev.easel.catalog.ImageRequest;
import dev.easel.error.EaselException;
import dev.easel.provider.EncodedImage;
import dev.easel.provider.ImageProvider;
import dev.easel.provider.ImageSink;
import dev.easel.render.ImageFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend for tests, at the provider SPI: tiny images after an optional delay, and faults on demand
 * by prompt ({@code fail} fails before any image, {@code fail after 1} fails after delivering one,
 * {@code slow stream} sends large images half a second apart, so a client can hang up between them).
 */
public final class FakeProvider implements ImageProvider {
    /** A valid 1x1 PNG. */
    static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private final long delayMillis;
    private final AtomicInteger calls = new AtomicInteger();

    public FakeProvider(long delayMillis) {
        this.delayMillis = delayMillis;
    }

    public int calls() {
        return calls.get();
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public void generate(ImageRequest request, ImageSink sink) {
        calls.incrementAndGet();
        sleep();
        if (request.prompt().startsWith("fail after ")) {
            int good = Integer.parseInt(request.prompt().substring("fail after ".length()).strip());
            for (int i = 0; i < good; i++) {
                sink.completed(i, image(request));
            }
            throw upstreamFailed();
        }
        if (request.prompt().startsWith("slow stream")) {
            byte[] large = new byte[1 << 20];
            new java.util.Random(1).nextBytes(large);
            for (int i = 0; i < request.n(); i++) {
                if (i > 0) {
                    pause(500);
                }
                sink.completed(i, new EncodedImage(large, ImageFormat.PNG, request.size(), Optional.empty()));
            }
            return;
        }
        if (request.prompt().startsWith("fail")) {
            throw upstreamFailed();
        }
        for (int i = 0; i < request.n(); i++) {
            sink.completed(i, image(request));
        }
    }

    private void sleep() {
        pause(delayMillis);
    }

    private static void pause(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static EncodedImage image(ImageRequest request) {
        return new EncodedImage(PNG, ImageFormat.PNG, request.size(), Optional.empty());
    }

    private static EaselException upstreamFailed() {
        return new EaselException(502, "server_error", Optional.empty(), Optional.of("upstream_error"),
                "The fake upstream failed.");
    }
}
