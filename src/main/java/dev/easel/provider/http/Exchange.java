package dev.easel.provider.http;

import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * One request and its answer under a {@link Deadline}, watched for silence: aborted when the upstream
 * keeps Easel waiting too long, for the answer's headers or inside its body.
 *
 * <p>Upstream sockets have no read timeout. A timed read on a virtual thread arms and cancels a timer
 * for every wait, dozens per large answer, and each woke the JDK's timer thread and a carrier (about
 * half the context switches of a relayed 1.5 MB image). Here a read only notes when it began waiting,
 * and the deadline's sweeper compares the notes with the clock every tick. Only time spent waiting in a
 * read counts: a relay held up by its own slow client is not an upstream falling silent.
 */
public final class Exchange {
    private final long silenceNanos;
    private final Runnable abort;
    private final Deadline deadline;
    /** Written before {@link #waiting}, read after it, so a waiting read's limit is never older than its start. */
    private volatile long silentAt;
    private volatile boolean waiting;
    private volatile boolean silenced;

    /**
     * @param head    how long the answer's headers may take from now (the request is being sent)
     * @param silence how long any later read may wait for the upstream
     * @param abort   ends the exchange so that a blocked read fails
     */
    Exchange(Deadline deadline, Duration head, Duration silence, Runnable abort) {
        this.deadline = deadline;
        this.silenceNanos = silence.toNanos();
        this.abort = abort;
        awaiting(head.toNanos());
    }

    /** A read begins: the upstream has the silence limit to send something. */
    void awaiting() {
        awaiting(silenceNanos);
    }

    private void awaiting(long allowedNanos) {
        silentAt = System.nanoTime() + allowedNanos;
        waiting = true;
    }

    /** The read (or the wait for the headers) returned. */
    void heard() {
        waiting = false;
    }

    /** Whether it was aborted for silence, so that a failed read is told apart from a broken connection. */
    boolean wentSilent() {
        return silenced;
    }

    /** What a read that failed because of the silence throws, as a socket's own read timeout would. */
    SocketTimeoutException silenceFailure() {
        return new SocketTimeoutException("the upstream sent nothing for " + Duration.ofNanos(silenceNanos));
    }

    /** The exchange is over: silence no longer matters. */
    void end() {
        waiting = false;
        deadline.ended(this);
    }

    boolean silentBy(long nanoTime) {
        return waiting && silentAt - nanoTime <= 0;
    }

    /** Called by the sweeper once the limit passed while waiting: marks the exchange and aborts it. */
    void silence() {
        silenced = true;
        abort.run();
    }

    void abort() {
        abort.run();
    }
}
