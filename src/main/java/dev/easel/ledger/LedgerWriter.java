package dev.easel.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes finished requests to the ledger on a thread of its own, as many as are waiting in one
 * transaction (group commit). A request hands its booking over and answers its client without waiting
 * for the database: the commit (most of a settlement's cost) is shared by every request that finished
 * meanwhile, and SQLite's native calls stay off the virtual threads' carriers. The money stays safe while
 * a booking waits: a held reservation keeps counting against the budget until its booking replaces it.
 *
 * <p>Reads that must see a client's own requests ({@link UsageQueries}, a budget refusal) call {@link #flush}
 * first. Another instance sharing the database sees them once they are written, milliseconds later.
 * {@link #close} writes everything still waiting; what a crash catches waiting is what a crash caught
 * before settling always lost: held reservations are released by the reconciler, unheld entries are gone.
 */
public final class LedgerWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerWriter.class);
    /** Bounds one transaction, so a backlog is written in several and readers wait for no more than one. */
    private static final int MOST_PER_TRANSACTION = 512;
    /** Beyond this many waiting, finishing requests wait for room (the database cannot keep up). */
    private static final int MOST_WAITING = 65_536;

    private sealed interface Task permits Write, Flush, Stop {
    }

    private record Write(Booking booking) implements Task {
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

    /** Hands a booking over; it is written soon, with whatever else is waiting. */
    void submit(Booking booking) {
        enqueue(new Write(booking));
    }

    /** Returns once every booking submitted before this call is written (or failed and was logged). */
    public void flush() {
        Flush flush = new Flush(new CountDownLatch(1));
        enqueue(flush);
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

    /** Writes the bookings among {@code tasks} in one transaction, then releases those waiting for them. */
    private void runAll(List<Task> tasks) {
        List<Booking> bookings = new ArrayList<>(tasks.size());
        for (Task task : tasks) {
            if (task instanceof Write write) {
                bookings.add(write.booking());
            }
        }
        write(bookings);
        for (Task task : tasks) {
            if (task instanceof Flush flush) {
                flush.written().countDown();
            }
        }
    }

    private void write(List<Booking> bookings) {
        if (bookings.isEmpty()) {
            return;
        }
        try {
            ledger.book(bookings);
        } catch (RuntimeException batchFailed) {
            if (bookings.size() == 1) {
                lost(bookings.getFirst(), batchFailed);
                return;
            }
            // One bad booking must not take the others with it: each alone, to find it.
            for (Booking booking : bookings) {
                try {
                    ledger.book(List.of(booking));
                } catch (RuntimeException e) {
                    lost(booking, e);
                }
            }
        }
    }

    /** Enough for an operator to enter the request by hand; a held reservation is released by the reconciler. */
    private static void lost(Booking booking, RuntimeException e) {
        UsageEntry entry = booking.entry();
        LOG.error("could not write usage of request {} (key {}, reservation {}, {} images, {} micro-USD): {}",
                entry.requestId(), entry.keyId(), entry.id(), entry.nDelivered(), entry.priceMicros(), e.toString());
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
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runWaiting();
    }
}
