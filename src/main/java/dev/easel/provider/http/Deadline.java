package dev.easel.provider.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The total time budget of one upstream call. Socket timeouts bound each wait on its own, so a body
 * that trickles in slowly could outlast any budget; when time runs out the deadline aborts every
 * exchange it watches, which closes its connection and turns a blocked read into an IOException.
 */
public final class Deadline implements AutoCloseable {
    /**
     * One timer thread for every deadline: a call arms a timer (a heap entry, no thread) and cancels
     * it when done, so ten thousand calls in flight cost no thread each and a short call no thread start.
     */
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final Duration total;
    private final long endNanos;
    private final List<Runnable> watched = new ArrayList<>();
    private volatile boolean expired;
    private ScheduledFuture<?> timer;

    public Deadline(Duration total) {
        this.total = total;
        this.endNanos = System.nanoTime() + total.toNanos();
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("easel-upstream-deadline").factory());
        timer.setRemoveOnCancelPolicy(true); // cancelled timers leave the queue at once, not when they would fire
        return timer;
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

    /** Runs {@code abort} (with every other watched exchange's) when the deadline passes. */
    public synchronized void watch(Runnable abort) {
        watched.add(abort);
        if (timer == null) {
            timer = TIMER.schedule(this::closeAtDeadline, Math.max(0, endNanos - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
        }
    }

    private void closeAtDeadline() {
        expired = true;
        List<Runnable> aborts;
        synchronized (this) {
            aborts = List.copyOf(watched);
        }
        // Closing a connection may block briefly; the timer thread hands it off so other deadlines fire on time.
        Thread.ofVirtual().name("easel-upstream-deadline-abort").start(() -> aborts.forEach(Runnable::run));
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        watched.clear();
    }
}
