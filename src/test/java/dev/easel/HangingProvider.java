package dev.easel;

import dev.easel.catalog.ImageRequest;
import dev.easel.provider.ImageProvider;
import dev.easel.provider.ImageSink;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A backend that never finishes prompts starting with {@code hang} (until its thread is interrupted,
 * as when its server is halted), so a test can kill an instance mid-job. Prompts starting with
 * {@code linger} wait the same way but then answer anyway, as a call whose answer had already arrived
 * when the stop came. Other prompts, and the lingering answers, go to a {@link FakeProvider}.
 */
public final class HangingProvider implements ImageProvider {
    private final FakeProvider others;
    private final CountDownLatch hanging = new CountDownLatch(1);

    public HangingProvider(FakeProvider others) {
        this.others = others;
    }

    @Override
    public String name() {
        return "fake";
    }

    /** Waits until a {@code hang} prompt is being "generated". */
    public void awaitHanging() throws InterruptedException {
        if (!hanging.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("no job reached the hanging backend");
        }
    }

    @Override
    public void generate(ImageRequest request, ImageSink sink) {
        boolean lingers = request.prompt().startsWith("linger");
        if (!lingers && !request.prompt().startsWith("hang")) {
            others.generate(request, sink);
            return;
        }
        hanging.countDown();
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            if (lingers) {
                others.generate(request, sink); // the answer was in: the interrupt came too late to matter
                return;
            }
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("cut off: the server stopped");
    }
}
