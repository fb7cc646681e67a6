package dev.easel.routing;

import dev.easel.catalog.ImageRequest;
import dev.easel.catalog.PixelSize;
import dev.easel.provider.EncodedImage;
import dev.easel.provider.ImageProvider;
import dev.easel.provider.ImageSink;
import dev.easel.render.ImageFormat;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A provider whose outcomes are scripted call by call; unscripted calls succeed with one tiny image per index. */
final class ScriptedProvider implements ImageProvider {
    interface Outcome {
        void run(ImageRequest request, ImageSink sink) throws InterruptedException;
    }

    private final String name;
    private final Queue<Outcome> script = new ConcurrentLinkedQueue<>();
    private final AtomicInteger calls = new AtomicInteger();

    ScriptedProvider(String name) {
        this.name = name;
    }

    ScriptedProvider then(Outcome outcome) {
        script.add(outcome);
        return this;
    }

    ScriptedProvider thenFail(RuntimeException failure) {
        script.add((r, s) -> {
            throw failure;
        });
        return this;
    }

    ScriptedProvider thenFailAfterFirstImage(RuntimeException failure) {
        script.add((r, s) -> {
            s.completed(0, image());
            throw failure;
        });
        return this;
    }

    /** The next call holds its slot until {@code release} opens; {@code started} opens when it is in. */
    ScriptedProvider thenHold(CountDownLatch started, CountDownLatch release) {
        script.add((r, s) -> {
            started.countDown();
            release.await();
            succeed(r, s);
        });
        return this;
    }

    int calls() {
        return calls.get();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void generate(ImageRequest request, ImageSink sink) {
        calls.incrementAndGet();
        Outcome next = Optional.ofNullable(script.poll()).orElse(ScriptedProvider::succeed);
        try {
            next.run(request, sink);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void succeed(ImageRequest request, ImageSink sink) {
        for (int i = 0; i < request.n(); i++) {
            sink.completed(i, image());
        }
    }

    static EncodedImage image() {
        return new EncodedImage(new byte[] {1, 2, 3}, ImageFormat.PNG, new PixelSize(1, 1), Optional.empty());
    }
}
