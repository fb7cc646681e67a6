package dev.easel.provider.http;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Fires the deadlines of upstream calls and the silence limits of their exchanges, late by at most a
 * tick. A timer per call (a scheduled task armed and cancelled) woke the timer's thread on nearly every
 * call, since a new call's deadline was usually the earliest one due; here a call only adds itself to a
 * set and removes itself when done, and one thread looks over the set every tick while calls are being
 * made. It sleeps for good once no call was watched for a while, and the next call wakes it. Deadlines
 * are seconds to minutes long, so a tick of lateness does not matter; ten thousand held calls cost a
 * tick's walk over ten thousand entries.
 */
final class DeadlineSweeper {
    static final Duration TICK = Duration.ofMillis(100);

    private final long lingerNanos;
    private final Set<Deadline> armed = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean asleep = new AtomicBoolean();
    private final Thread thread;

    /** {@code linger}: how long it keeps looking after the last watched call ended. */
    DeadlineSweeper(String name, Duration linger) {
        this.lingerNanos = linger.toNanos();
        thread = Thread.ofPlatform().daemon().name(name).start(this::sweep);
    }

    /** WAITING while asleep, TIMED_WAITING between ticks. */
    Thread.State state() {
        return thread.getState();
    }

    void arm(Deadline deadline) {
        armed.add(deadline);
        if (asleep.get()) {
            LockSupport.unpark(thread);
        }
    }

    void disarm(Deadline deadline) {
        armed.remove(deadline);
    }

    private void sweep() {
        long lastWatched = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            if (!armed.isEmpty()) {
                lastWatched = now;
            } else if (now - lastWatched > lingerNanos) {
                sleepUntilArmed();
                lastWatched = System.nanoTime();
                continue;
            }
            for (Deadline deadline : armed) {
                if (!deadline.dueBy(now)) {
                    deadline.silenceBy(now);
                } else if (armed.remove(deadline)) {
                    deadline.expire();
                }
            }
            LockSupport.parkNanos(TICK.toNanos());
        }
    }

    /** A call arming after {@code asleep} is set sees it and wakes the thread; one arming before is seen here. */
    private void sleepUntilArmed() {
        asleep.set(true);
        while (armed.isEmpty()) {
            LockSupport.park(this);
        }
        asleep.set(false);
    }
}
