package dev.easel.provider.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How much memory the upstream answers being read may hold at once. Reading an answer holds buffers
 * (the parser's, a read-ahead, the block of text on its way to the client) until the client's side
 * has taken it. Ten thousand held generations can be answered within a second or two; when their
 * clients drain slowly (a few shared HTTP/2 connections), every answer read at once would keep its
 * buffers, and together they outgrew a 512 MB heap. Past this budget an answer waits unread in its
 * socket, where the kernel holds it, until others finish.
 *
 * <p>The budget is an eighth of the heap: the held generations themselves need most of the rest. A
 * share is taken for what the reader says it will hold, the whole budget at most, so an answer larger
 * than the budget still goes through, alone. Waiting is first come, first served, so a large answer
 * is not passed over by a stream of small ones.
 */
public final class AnswerBudget {
    private static final AnswerBudget HEAP = new AnswerBudget(Runtime.getRuntime().maxMemory() / 8);

    private final int kilobytes;
    private final Semaphore free;

    /** A budget of {@code bytes} (a kilobyte at least). */
    public AnswerBudget(long bytes) {
        this.kilobytes = (int) Math.clamp(bytes / 1024, 1, Integer.MAX_VALUE);
        this.free = new Semaphore(kilobytes, true);
    }

    /** The budget every upstream answer shares: an eighth of the heap. */
    public static AnswerBudget ofHeap() {
        return HEAP;
    }

    /** A part of the budget, given back when closed. */
    public interface Share extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes {@code bytes} of the budget (all of it at most), waiting while other answers hold it.
     *
     * @throws IOException when the deadline passes first, or the wait is interrupted; the caller
     *                     treats it as the answer failing to arrive
     */
    public Share take(long bytes, Deadline deadline) throws IOException {
        int wanted = (int) Math.clamp((bytes + 1023) / 1024, 1, kilobytes);
        try {
            if (!free.tryAcquire(wanted, deadline.remaining().toNanos(), TimeUnit.NANOSECONDS)) {
                throw new IOException("the answer waited for room to be read until its deadline");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the answer waited for room to be read");
        }
        return new Share() {
            private boolean closed;

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    free.release(wanted);
                }
            }
        };
    }

    /** What is not taken now, in bytes. */
    public long freeBytes() {
        return free.availablePermits() * 1024L;
    }
}
