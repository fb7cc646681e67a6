package dev.easel.provider.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The total time budget of one upstream call, and the watch over its exchanges. Each exchange is
 * aborted alone when the upstream keeps it waiting too long ({@link Exchange}); but a body that
 * trickles in slowly could outlast any such limit, so when the total runs out the deadline aborts
 * every exchange still going. Aborting closes the exchange's connection and turns a blocked read into
 * an IOException.
 */
public final class Deadline implements AutoCloseable {
    /** One thread for every deadline: ten thousand calls in flight cost no thread each. */
    private static final DeadlineSweeper SWEEPER = new DeadlineSweeper("easel-upstream-deadline", Duration.ofSeconds(2));

    private final DeadlineSweeper sweeper;
    private final Duration total;
    private final long endNanos;
    private final List<Exchange> watched = new ArrayList<>();
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
     * Starts watching one exchange: aborted alone when the upstream is silent too long, and with every
     * other when the deadline passes, at most {@link DeadlineSweeper#TICK} late either way.
     *
     * @param head    how long the answer's headers may take from now
     * @param silence how long each read of the answer may wait
     * @param abort   ends the exchange so that a blocked read fails
     */
    public synchronized Exchange exchange(Duration head, Duration silence, Runnable abort) {
        Exchange exchange = new Exchange(this, head, silence, abort);
        watched.add(exchange);
        if (!armed) {
            armed = true;
            sweeper.arm(this);
        }
        return exchange;
    }

    synchronized void ended(Exchange exchange) {
        watched.remove(exchange);
    }

    /** Aborts, each alone, the exchanges whose upstream has been silent too long by {@code nanoTime}. */
    void silenceBy(long nanoTime) {
        List<Exchange> silent = new ArrayList<>(0); // runs for every call in flight every tick, so kept plain
        synchronized (this) {
            for (Iterator<Exchange> it = watched.iterator(); it.hasNext(); ) {
                Exchange exchange = it.next();
                if (exchange.silentBy(nanoTime)) {
                    silent.add(exchange);
                    it.remove();
                }
            }
        }
        if (!silent.isEmpty()) {
            Thread.ofVirtual().name("easel-upstream-silence-abort").start(() -> silent.forEach(Exchange::silence));
        }
    }

    boolean dueBy(long nanoTime) {
        return endNanos - nanoTime <= 0;
    }

    void expire() {
        expired = true;
        List<Exchange> aborts;
        synchronized (this) {
            aborts = List.copyOf(watched);
        }
        // Closing a connection may block briefly; the sweeper hands it off so other deadlines fire on time.
        Thread.ofVirtual().name("easel-upstream-deadline-abort").start(() -> aborts.forEach(Exchange::abort));
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
