package dev.easel.api;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@code text/event-stream} response written by hand: each event's JSON is serialised straight
 * onto the socket (base64 images are never held as Strings) and flushed at once. While nothing else
 * is sent, a comment line goes out every {@code keepAlive} so proxies (nginx 60 s, Cloudflare 100 s)
 * do not cut a long generation. Writes are serialised, since the keep-alive runs on another thread.
 */
final class SseStream implements AutoCloseable {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("easel-sse-keepalive").factory());
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final Optional<OutputStream> copy;
    private final ScheduledFuture<?> keepAliveTask;
    private final long keepAliveNanos;
    private long lastWrite = System.nanoTime();
    private boolean broken;

    private SseStream(OutputStream out, Duration keepAlive, Optional<OutputStream> copy) {
        this.out = out;
        this.copy = copy;
        this.keepAliveNanos = keepAlive.toNanos();
        long period = Math.max(50, keepAlive.toMillis() / 3);
        this.keepAliveTask = TIMER.scheduleAtFixedRate(this::keepAliveIfIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens the stream.
     *
     * @param copy receives every event's bytes too (not keep-alives), so a keyed request can be replayed
     */
    static SseStream open(ServerResponse res, Duration keepAlive, Optional<OutputStream> copy) {
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header(HeaderNames.create("X-Accel-Buffering"), "no"); // nginx: pass events through unbuffered
        return new SseStream(res.outputStream(), keepAlive, copy);
    }

    /**
     * Sends one event.
     *
     * @throws ClientGoneException when the client has disconnected
     */
    synchronized void event(String name, Object data) {
        ensureOpen();
        try {
            OutputStream target = copy.<OutputStream>map(c -> new Tee(out, c)).orElse(out);
            target.write(("event: " + name + "\ndata: ").getBytes(StandardCharsets.UTF_8));
            Json.MAPPER.writeValue(new NonClosing(target), data);
            target.write('\n');
            target.write('\n');
            out.flush();
            lastWrite = System.nanoTime();
        } catch (IOException | UncheckedIOException | tools.jackson.core.JacksonException | ServerConnectionException e) {
            broken = true;
            throw new ClientGoneException();
        }
    }

    private synchronized void keepAliveIfIdle() {
        if (broken || System.nanoTime() - lastWrite < keepAliveNanos) {
            return;
        }
        try {
            out.write(KEEP_ALIVE);
            out.flush();
            lastWrite = System.nanoTime();
        } catch (IOException | UncheckedIOException | ServerConnectionException e) {
            broken = true; // the next event() reports the disconnect to the generating thread
        }
    }

    private void ensureOpen() {
        if (broken) {
            throw new ClientGoneException();
        }
    }

    @Override
    public synchronized void close() {
        keepAliveTask.cancel(false);
        try {
            out.close();
        } catch (IOException | UncheckedIOException e) {
            // the client is already gone; nothing to finish
        }
    }

    /** Writes to the socket and to the replay copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }

    /** Jackson closes the stream it writes to; the event stream must stay open between events. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() {
        }
    }
}
