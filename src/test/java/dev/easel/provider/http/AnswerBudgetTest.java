package dev.easel.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Answers share a budget: a share waits while others hold the rest, never past its deadline. */
class AnswerBudgetTest {
    static final long KB = 1024;

    static Deadline inAMinute() {
        return new Deadline(Duration.ofMinutes(1));
    }

    @Test
    void aShareWaitsUntilAnotherIsGivenBack() throws Exception {
        AnswerBudget budget = new AnswerBudget(100 * KB);
        AnswerBudget.Share first = budget.take(80 * KB, inAMinute());

        CompletableFuture<AnswerBudget.Share> second = CompletableFuture.supplyAsync(() -> {
            try {
                return budget.take(80 * KB, inAMinute());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThatThrownBy(() -> second.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(budget.freeBytes()).isEqualTo(20 * KB);
        first.close();
        second.get(5, TimeUnit.SECONDS).close();
        assertThat(budget.freeBytes()).isEqualTo(100 * KB);
    }

    @Test
    void aShareLargerThanTheWholeBudgetTakesAllOfItAndStillGoesThrough() throws IOException {
        AnswerBudget budget = new AnswerBudget(100 * KB);

        try (AnswerBudget.Share share = budget.take(10_000 * KB, inAMinute())) {
            assertThat(budget.freeBytes()).isZero();
        }
        assertThat(budget.freeBytes()).isEqualTo(100 * KB);
    }

    @Test
    void aShareThatFindsNoRoomBeforeTheDeadlineFailsAtTheDeadline() throws IOException {
        AnswerBudget budget = new AnswerBudget(100 * KB);
        budget.take(100 * KB, inAMinute());
        Deadline soon = new Deadline(Duration.ofMillis(200));
        long start = System.nanoTime();

        assertThatThrownBy(() -> budget.take(1, soon)).isInstanceOf(IOException.class).hasMessageContaining("deadline");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        assertThat(soon.passed()).isTrue();
    }

    @Test
    void aShareClosedTwiceIsGivenBackOnce() throws IOException {
        AnswerBudget budget = new AnswerBudget(100 * KB);
        AnswerBudget.Share share = budget.take(30 * KB, inAMinute());

        share.close();
        share.close();

        assertThat(budget.freeBytes()).isEqualTo(100 * KB);
    }

    @Test
    void aWaitThatIsInterruptedEndsAsAFailedReadAndKeepsTheInterrupt() throws Exception {
        AnswerBudget budget = new AnswerBudget(100 * KB);
        budget.take(100 * KB, inAMinute());
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                budget.take(KB, inAMinute());
                failure.complete(new AssertionError("took a share from a full budget"));
            } catch (IOException e) {
                failure.complete(Thread.currentThread().isInterrupted() ? e : new AssertionError("interrupt lost"));
            }
        });

        waiter.interrupt();

        assertThat(failure.get(5, TimeUnit.SECONDS)).isInstanceOf(java.io.InterruptedIOException.class);
    }
}
