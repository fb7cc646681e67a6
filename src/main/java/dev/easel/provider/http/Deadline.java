package dev.easel.provider.http;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The total time budget of one upstream call. java.net.http's request timeout stops at the response
 * headers, so a body that stalls half-way would hang forever; the deadline closes every body stream
 * it watches when time runs out, which turns a blocked read into an IOException.
 */
public final class Deadline implements AutoCloseable {
    private final Duration total;
    private final long endNanos;
    private final List<InputStream> watched = new ArrayList<>();
    private volatile boolean expired;
    private Thread watcher;

    public Deadline(Duration total) {
        this.total = total;
        this.endNanos = System.nanoTime() + total.toNanos();
        this.watcher = Thread.ofVirtual().unstarted(() -> { });
    }

    /** The budget this deadline was started with. */
    public Duration total() {
        return total;
    }

    /** Time left, never negative. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    /** True once the budget is used up. */
    public boolean passed() {
        return expired || endNanos - System.nanoTime() <= 0;
    }

    /** Closes {@code body} (with every other watched stream) when the deadline passes. */
    public synchronized void watch(InputStream body) {
        watched.add(body);
        if (!watcher.isAlive()) {
            watcher = Thread.ofVirtual().name("easel-upstream-deadline").start(this::closeAtDeadline);
        }
    }

    private void closeAtDeadline() {
        try {
            Thread.sleep(remaining());
        } catch (InterruptedException e) {
            return; // the call finished first
        }
        expired = true;
        List<InputStream> streams;
        synchronized (this) {
            streams = List.copyOf(watched);
        }
        for (InputStream in : streams) {
            try {
                in.close();
            } catch (IOException e) {
                // best effort: the blocked reader fails either way
            }
        }
    }

    @Override
    public synchronized void close() {
        watcher.interrupt();
        watched.clear();
    }
}
