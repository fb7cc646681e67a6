package dev.easel.ledger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes finished requests (and allowances given back) to the ledger on a thread of its own, as many as
 * gather within 100 ms in one transaction (group commit). A request hands its booking over and answers its
 * client without waiting for the database: the commit (most of a settlement's cost) is shared by every
 * request that finished meanwhile, and SQLite's native calls stay off the virtual threads' carriers. The
 * money stays safe while a booking waits: its price stays reserved in its allowance until the booking
 * moves it to spent.
 *
 * <p>Reads that must see a client's own requests ({@link UsageQueries}, a budget refusal) call {@link #flush}
 * first. Another instance sharing the database sees them once they are written, some 100 ms later.
 * {@link #close} writes everything still waiting; what a crash catches waiting is what a crash caught
 * before settling always lost: the entries are gone, and the allowances they were held from are given back
 * by the reconciler.
 */
public final class LedgerWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerWriter.class);
    /** Bounds one transaction, so a backlog is written in several and readers wait for no more than one. */
    private static final int MOST_PER_TRANSACTION = 512;
    /** Beyond this many waiting, finishing requests wait for room (the database cannot keep up). */
    private static final int MOST_WAITING = 65_536;
    /**
     * How long the writer lets finished requests gather after the first arrives, so one transaction and one
     * wake-up serve many: a commit costs this thread ~0.4 ms whatever it carries (SQLite writes every page it
     * touched to the WAL), an entry ~20 µs. At 550 requests/s the writer spent ~55 µs of CPU a request with
     * 20 ms, 37 µs with 50 ms and 25 µs with 100 ms. Whoever waits for the writer ({@link #flush},
     * {@link #close}) ends the wait at once.
     */
    private static final long GATHER_NANOS = Duration.ofMillis(100).toNanos();

    private sealed interface Task permits Write, Flush, Stop {
    }

    private record Write(Posting posting) implements Task {
    }

    private record Flush(CountDownLatch written) implements Task {
    }

    private record Stop() implements Task {
    }

    private final Ledger ledger;
    private final BlockingQueue<Task> waiting = new LinkedBlockingQueue<>(MOST_WAITING);
    private final Thread thread;
    private volatile boolean closed;

    private LedgerWriter(Ledger ledger) {
        this.ledger = ledger;
        // A platform thread: SQLite's calls hold whatever thread makes them, and this one holds no carrier.
        this.thread = Thread.ofPlatform().name("easel-ledger-writer").daemon().unstarted(this::run);
    }

    public static LedgerWriter start(Ledger ledger) {
        LedgerWriter writer = new LedgerWriter(ledger);
        writer.thread.start();
        return writer;
    }

    /** Hands a posting over; it is written soon, with whatever else is waiting. */
    void submit(Posting posting) {
        enqueue(new Write(posting));
    }

    /** Returns once every posting submitted before this call is written (or failed and was logged). */
    public void flush() {
        Flush flush = new Flush(new CountDownLatch(1));
        enqueue(flush);
        LockSupport.unpark(thread);
        try {
            flush.written().await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void enqueue(Task task) {
        try {
            waiting.put(task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runAll(List.of(task));
            return;
        }
        if (closed) {
            // The writer may have made its last pass before this task arrived: whoever comes late writes.
            runWaiting();
        }
    }

    private void run() {
        List<Task> tasks = new ArrayList<>(MOST_PER_TRANSACTION);
        boolean stopping = false;
        while (!stopping) {
            try {
                tasks.add(waiting.take());
            } catch (InterruptedException e) {
                return; // nothing interrupts this thread; close() writes what is left
            }
            if (tasks.getFirst() instanceof Write && waiting.size() < MOST_PER_TRANSACTION - 1) {
                LockSupport.parkNanos(GATHER_NANOS);
            }
            waiting.drainTo(tasks, MOST_PER_TRANSACTION - 1);
            stopping = tasks.stream().anyMatch(Stop.class::isInstance);
            runAll(tasks);
            tasks.clear();
        }
    }

    /** Writes everything waiting, on the caller's thread: for whoever arrives while or after the writer stops. */
    private void runWaiting() {
        List<Task> tasks = new ArrayList<>();
        waiting.drainTo(tasks);
        if (tasks.removeIf(Stop.class::isInstance) && thread.isAlive()) {
            waiting.add(new Stop()); // the writer is still to see it, or close() would wait forever
        }
        runAll(tasks);
    }

    /** Writes the postings among {@code tasks} in one transaction, then releases those waiting for them. */
    private void runAll(List<Task> tasks) {
        List<Posting> postings = new ArrayList<>(tasks.size());
        for (Task task : tasks) {
            if (task instanceof Write write) {
                postings.add(write.posting());
            }
        }
        write(postings);
        for (Task task : tasks) {
            if (task instanceof Flush flush) {
                flush.written().countDown();
            }
        }
    }

    private void write(List<Posting> postings) {
        if (postings.isEmpty()) {
            return;
        }
        try {
            ledger.book(postings);
        } catch (RuntimeException batchFailed) {
            if (postings.size() == 1) {
                lost(postings.getFirst(), batchFailed);
                return;
            }
            // One bad posting must not take the others with it: each alone, to find it.
            for (Posting posting : postings) {
                try {
                    ledger.book(List.of(posting));
                } catch (RuntimeException e) {
                    lost(posting, e);
                }
            }
        }
    }

    /**
     * Enough for an operator to enter the request by hand; an allowance not given back is given back by the
     * reconciler once it expires, as this instance no longer renews it.
     */
    private static void lost(Posting posting, RuntimeException e) {
        switch (posting) {
            case Booking b -> LOG.error("could not write usage of request {} (key {}, reservation {}, {} images, {} "
                            + "micro-USD): {}", b.entry().requestId(), b.entry().keyId(), b.entry().id(),
                    b.entry().nDelivered(), b.entry().priceMicros(), e.toString());
            case Posting.GiveBack g -> LOG.error("could not give back allowance {}: {}", g.allowanceId(), e.toString());
        }
    }

    /** Writes everything waiting and stops the thread; later bookings are written by whoever submits them. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            waiting.put(new Stop());
            LockSupport.unpark(thread);
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runWaiting();
    }
}
