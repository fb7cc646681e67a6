package dev.easel.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A deadline aborts every exchange it watches once its time has run out, and an exchange alone once its
 * upstream kept a read waiting too long: within a tick of the sweeper, and only then.
 */
class DeadlineTest {
    private static final Duration TICK = DeadlineSweeper.TICK;

    private static final Duration LONG = Duration.ofMinutes(5);
    private static final DeadlineSweeper SWEEPER = new DeadlineSweeper("test-deadline", Duration.ofMillis(50));

    @Test
    void aWatchedExchangeIsAbortedWithinATickOfTheDeadline() throws InterruptedException {
        CountDownLatch aborted = new CountDownLatch(2);
        long start = System.nanoTime();
        Deadline deadline = new Deadline(Duration.ofMillis(300), SWEEPER);
        deadline.exchange(LONG, LONG, aborted::countDown);
        deadline.exchange(LONG, LONG, aborted::countDown);

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
            deadline.exchange(LONG, LONG, aborted::countDown);
        }

        assertThat(aborted.await(150 + 3 * TICK.toMillis(), TimeUnit.MILLISECONDS)).isFalse();
    }

    @Test
    void theSweeperSleepsWhenNothingIsWatchedAndWakesForTheNextCall() throws InterruptedException {
        try (Deadline first = new Deadline(Duration.ofSeconds(30), SWEEPER)) {
            first.exchange(LONG, LONG, () -> { });
        }
        awaitState(Thread.State.WAITING);

        CountDownLatch aborted = new CountDownLatch(1);
        new Deadline(Duration.ofMillis(100), SWEEPER).exchange(LONG, LONG, aborted::countDown);

        assertThat(aborted.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anExchangeKeptWaitingPastItsSilenceIsAbortedAloneAndMarkedSilent() throws InterruptedException {
        CountDownLatch silent = new CountDownLatch(1);
        CountDownLatch other = new CountDownLatch(1);
        try (Deadline deadline = new Deadline(LONG, SWEEPER)) {
            Exchange waiting = deadline.exchange(LONG, Duration.ofMillis(200), silent::countDown);
            Exchange answered = deadline.exchange(LONG, Duration.ofMillis(200), other::countDown);
            waiting.heard();
            answered.heard();
            long start = System.nanoTime();
            waiting.awaiting();

            assertThat(silent.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            assertThat(waiting.wentSilent()).isTrue();
            assertThat(other.await(3 * TICK.toMillis(), TimeUnit.MILLISECONDS)).isFalse();
            assertThat(answered.wentSilent()).isFalse();
            assertThat(deadline.passed()).isFalse();
        }
    }

    @Test
    void timeSpentOutsideAReadIsNeverSilenceHowLongItTakes() throws InterruptedException {
        CountDownLatch aborted = new CountDownLatch(1);
        try (Deadline deadline = new Deadline(LONG, SWEEPER)) {
            Exchange exchange = deadline.exchange(LONG, Duration.ofMillis(100), aborted::countDown);
            exchange.heard(); // the headers came; the caller now takes its time before reading the body

            assertThat(aborted.await(100 + 3 * TICK.toMillis(), TimeUnit.MILLISECONDS)).isFalse();
            exchange.awaiting(); // a read begins: its own limit starts now
            assertThat(aborted.await(50, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(aborted.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void theHeadersHaveTheirOwnLimitBeforeTheSilenceLimitApplies() throws InterruptedException {
        CountDownLatch aborted = new CountDownLatch(1);
        try (Deadline deadline = new Deadline(LONG, SWEEPER)) {
            long start = System.nanoTime();
            Exchange exchange = deadline.exchange(Duration.ofMillis(400), Duration.ofMillis(50), aborted::countDown);

            assertThat(aborted.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
            assertThat(exchange.wentSilent()).isTrue();
        }
    }

    @Test
    void anEndedExchangeIsNeverAbortedNeitherForSilenceNorAtTheDeadline() throws InterruptedException {
        CountDownLatch aborted = new CountDownLatch(1);
        Deadline deadline = new Deadline(Duration.ofMillis(200), SWEEPER);
        Exchange exchange = deadline.exchange(Duration.ofMillis(50), Duration.ofMillis(50), aborted::countDown);
        deadline.exchange(LONG, LONG, () -> { }); // keeps the deadline watched until it passes

        exchange.end();

        assertThat(aborted.await(200 + 3 * TICK.toMillis(), TimeUnit.MILLISECONDS)).isFalse();
        assertThat(deadline.passed()).isTrue();
        assertThat(exchange.wentSilent()).isFalse();
    }

    private static void awaitState(Thread.State state) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (SWEEPER.state() != state && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(SWEEPER.state()).isEqualTo(state);
    }
}
