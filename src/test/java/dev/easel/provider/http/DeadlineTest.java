package dev.easel.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A deadline aborts what it watches once its time has run out, within a tick of the sweeper, and only then. */
class DeadlineTest {
    private static final Duration TICK = DeadlineSweeper.TICK;

    private static final DeadlineSweeper SWEEPER = new DeadlineSweeper("test-deadline", Duration.ofMillis(50));

    @Test
    void aWatchedExchangeIsAbortedWithinATickOfTheDeadline() throws InterruptedException {
        CountDownLatch aborted = new CountDownLatch(2);
        long start = System.nanoTime();
        Deadline deadline = new Deadline(Duration.ofMillis(300), SWEEPER);
        deadline.watch(aborted::countDown);
        deadline.watch(aborted::countDown);

        assertThat(aborted.await(5, TimeUnit.SECONDS)).isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(took).isLessThan(Duration.ofMillis(300).plus(TICK).plus(Duration.ofMillis(400))); // a busy machine
        assertThat(deadline.passed()).isTrue();
    }

    @Test
    void aDeadlineClosedInTimeAbortsNothing() throws InterruptedException {
        CountDownLatch aborted = new CountDownLatch(1);
        try (Deadline deadline = new Deadline(Duration.ofMillis(150), SWEEPER)) {
            deadline.watch(aborted::countDown);
        }

        assertThat(aborted.await(150 + 3 * TICK.toMillis(), TimeUnit.MILLISECONDS)).isFalse();
    }

    @Test
    void theSweeperSleepsWhenNothingIsWatchedAndWakesForTheNextCall() throws InterruptedException {
        try (Deadline first = new Deadline(Duration.ofSeconds(30), SWEEPER)) {
            first.watch(() -> { });
        }
        awaitState(Thread.State.WAITING);

        CountDownLatch aborted = new CountDownLatch(1);
        new Deadline(Duration.ofMillis(100), SWEEPER).watch(aborted::countDown);

        assertThat(aborted.await(5, TimeUnit.SECONDS)).isTrue();
    }

    private static void awaitState(Thread.State state) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (SWEEPER.state() != state && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(SWEEPER.state()).isEqualTo(state);
    }
}
