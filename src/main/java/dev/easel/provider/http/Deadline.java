package dev.easel.provider.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The total time budget of one upstream call. Socket timeouts bound each wait on its own, so a body
 * that trickles in slowly could outlast any budget; when time runs out the deadline aborts every
 * exchange it watches, which closes its connection and turns a blocked read into an IOException.
 */
public final class Deadline implements AutoCloseable {
    /** One thread for every deadline: ten thousand calls in flight cost no thread each. */
    private static final DeadlineSweeper SWEEPER = new DeadlineSweeper("easel-upstream-deadline", Duration.ofSeconds(2));

    private final DeadlineSweeper sweeper;
    private final Duration total;
    private final long endNanos;
    private final List<Runnable> watched = new ArrayList<>();
    private volatile boolean expired;
    private boolean armed;

    public Deadline(Duration total) {
        this(total, SWEEPER);
    }

    Deadline(Duration total, DeadlineSweeper sweeper) {
        this.sweeper = sweeper;
        this.total = total;
        this.endNanos = System.nanoTime() + total.toNanos();
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
        return expired || dueBy(System.nanoTime());
    }

    /**
     * Runs {@code abort} (with every other watched exchange's) when the deadline passes, at most
     * {@link DeadlineSweeper#TICK} late.
     */
    public synchronized void watch(Runnable abort) {
        watched.add(abort);
        if (!armed) {
            armed = true;
            sweeper.arm(this);
        }
    }

    boolean dueBy(long nanoTime) {
        return endNanos - nanoTime <= 0;
    }

    void expire() {
        expired = true;
        List<Runnable> aborts;
        synchronized (this) {
            aborts = List.copyOf(watched);
        }
        // Closing a connection may block briefly; the sweeper hands it off so other deadlines fire on time.
        Thread.ofVirtual().name("easel-upstream-deadline-abort").start(() -> aborts.forEach(Runnable::run));
    }

    @Override
    public synchronized void close() {
        if (armed) {
            sweeper.disarm(this);
            armed = false;
        }
        watched.clear();
    }
}
