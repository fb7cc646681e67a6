package dev.easel.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.MutableClock;
import dev.easel.account.ApiKey;
import dev.easel.account.Budget;
import dev.easel.account.KeyPolicy;
import dev.easel.catalog.ImageRequest;
import dev.easel.catalog.ImageUsage;
import dev.easel.generation.Requests;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Finished requests written in the background, many to a transaction, on SQLite and PostgreSQL. */
class LedgerWriterTest {
    /** dall-e-2 at 256x256 lists at $0.016 an image. */
    private static final long IMAGE = 16_000;

    private final List<Books> open = new ArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T12:00:00Z"));
    @TempDir
    Path scratch;

    @AfterEach
    void close() {
        open.forEach(Books::close);
    }

    private Books books(Engine engine) {
        Books books = new Books(engine, engine.newLocation(scratch), clock);
        open.add(books);
        return books;
    }

    private static ImageRequest dallE2() {
        return Requests.parse(Requests.with(Requests.body("dall-e-2"), "size", "256x256"));
    }

    private static KeyPolicy budget(long micros) {
        return KeyPolicy.UNLIMITED.withBudget(Optional.of(new Budget(micros, Budget.Period.TOTAL)));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void requestsFinishingTogetherAreEachChargedOnceAndReadsSeeAllOfThem(Engine engine) throws Exception {
        Books b = books(engine);
        ApiKey budgeted = b.key(budget(1000 * IMAGE));
        ApiKey unlimited = b.key(KeyPolicy.UNLIMITED);
        Metering metering = b.metering();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                ApiKey key = i % 2 == 0 ? budgeted : unlimited;
                int delivered = i % 20 < 2 ? 0 : 1; // a tenth of each key's requests fail upstream: refunded
                threads.submit(() -> {
                    start.await();
                    try (Reservation r = metering.reserve(key, dallE2(), "req")) {
                        r.settle(Settlement.of(delivered, Optional.empty(), "fake"));
                    }
                    return null;
                });
            }
            start.countDown();
        }
        for (ApiKey key : List.of(budgeted, unlimited)) {
            assertThat(b.balance(key.id(), "total")).isEqualTo(new Balance(90 * IMAGE, 0));
            assertThat(b.balance(key.id(), "2026-11")).isEqualTo(new Balance(90 * IMAGE, 0));
            assertThat(b.usage.totals(key.id())).isEqualTo(new UsageTotals(100, 90, 90 * IMAGE, 90 * IMAGE));
        }
        assertThat(b.usage.openAllowances()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void oneBookingTheDatabaseRefusesDoesNotTakeTheOthersWaitingWithIt(Engine engine) {
        Books b = books(engine);
        ApiKey key = b.key(KeyPolicy.UNLIMITED);
        List<Booking> bookings = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            bookings.add(booking(key, "rsv_" + i));
        }
        bookings.add(booking(key, "rsv_7")); // the same request twice: its entry's id is taken

        assertThatThrownBy(() -> b.ledger.book(bookings)).isInstanceOf(RuntimeException.class);
        assertThat(b.usage.totals(key.id()).requests()).as("one transaction: all or nothing").isZero();

        bookings.forEach(b.writer::submit);
        b.writer.flush();
        assertThat(b.usage.totals(key.id())).isEqualTo(new UsageTotals(50, 50, 50 * IMAGE, 50 * IMAGE));
        assertThat(b.usage.balance(key.id(), "total")).isEqualTo(new Balance(50 * IMAGE, 0));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void closingWritesWhatIsWaitingAndALateBookingIsWrittenByItsRequest(Engine engine) {
        Books b = books(engine);
        ApiKey key = b.key(budget(100 * IMAGE));
        Metering metering = b.metering();
        for (int i = 0; i < 20; i++) {
            metering.reserve(key, dallE2(), "req_" + i).settle(Settlement.of(1, Optional.empty(), "fake"));
        }
        Reservation late = metering.reserve(key, dallE2(), "req_late");

        metering.giveBackAll(); // as the instance stops: the allowance goes back once its last request ends
        b.writer.close();
        assertThat(b.usage.balance(key.id(), "total").spentMicros()).isEqualTo(20 * IMAGE);
        assertThat(b.usage.balance(key.id(), "total").reservedMicros()).isGreaterThanOrEqualTo(IMAGE);
        late.settle(Settlement.of(1, Optional.empty(), "fake"));
        assertThat(b.usage.balance(key.id(), "total")).isEqualTo(new Balance(21 * IMAGE, 0));
        assertThat(b.usage.openAllowances()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void requestsFinishingAMillisecondApartShareOneTransaction(Engine engine) throws Exception {
        Books b = books(engine);
        ApiKey key = b.key(KeyPolicy.UNLIMITED);
        BalanceUpdates updates = new BalanceUpdates();
        b.db.jdbi().setSqlLogger(updates);

        for (int i = 0; i < 5; i++) {
            b.writer.submit(booking(key, "rsv_" + i));
            Thread.sleep(1);
        }
        b.writer.flush();

        assertThat(b.usage.totals(key.id()).requests()).isEqualTo(5);
        // Each transaction changes the key's month and total rows once; one request to a transaction would be 10.
        assertThat(updates.count()).as("balance updates").isBetween(2, 4);
    }

    /** Counts the balance rows' updates the writer makes: two (the month and the total) per transaction. */
    private static final class BalanceUpdates implements SqlLogger {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public void logAfterExecution(StatementContext context) {
            if (context.getRawSql().contains("spent_micros = spent_micros + :price")) {
                count.incrementAndGet();
            }
        }

        int count() {
            return count.get();
        }
    }

    /**
     * A token-priced request holds its estimate and costs less: what it did not cost is free for the key's
     * next request at once, before its booking is written. PostgreSQL only: the writer is held inside its
     * transaction, which on SQLite would hold the one write lock the next request's draw needs too.
     */
    @Test
    void aFinishedRequestFreesWhatItDidNotCostBeforeItsBookingIsWritten() throws Exception {
        Books b = books(Engine.POSTGRES);
        ImageRequest request = Requests.parse(Requests.with(Requests.with(Requests.body("gpt-image-1"), "quality",
                "low"), "size", "1024x1024"));
        long estimate = b.metering().reserve(b.key(KeyPolicy.UNLIMITED), request, "probe").maximumMicros();
        long cost = 4_050; // 10 text tokens at $5/M and 100 image tokens at $40/M
        assertThat(cost).isLessThan(estimate);
        ApiKey key = b.key(budget(estimate + cost)); // room for one estimate, or one cost and one estimate
        WriterHeld held = new WriterHeld();
        b.db.jdbi().setSqlLogger(held);
        Metering metering = b.metering();

        metering.reserve(key, request, "req_1").settle(Settlement.of(1, Optional.of(ImageUsage.of(10, 0, 100, 0)),
                "upstream"));
        assertThat(held.inside.await(10, TimeUnit.SECONDS)).isTrue();
        Reservation second = metering.reserve(key, request, "req_2");
        assertThat(held.released()).as("admitted while the first booking was still unwritten").isTrue();

        assertThat(second.maximumMicros()).isEqualTo(estimate);
        assertThat(b.usage.balance(key.id(), "total")).isEqualTo(new Balance(cost, estimate));
    }

    /**
     * Holds the writer before the first statement of its first transaction (no row locked yet) until a
     * request draws from a budget.
     */
    private static final class WriterHeld implements SqlLogger {
        final CountDownLatch inside = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void logBeforeExecution(StatementContext context) {
            if (Thread.currentThread().getName().equals("easel-ledger-writer") && release.getCount() > 0) {
                inside.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void logAfterExecution(StatementContext context) {
            if (inside.getCount() == 0 && context.getRawSql().contains("reserved_micros + :amount")) {
                release.countDown();
            }
        }

        /** True when a draw let the writer go on, false when the writer gave up waiting. */
        boolean released() {
            return release.getCount() == 0;
        }
    }

    private Booking booking(ApiKey key, String id) {
        return new Booking(new UsageEntry(id, key.id(), clock.instant(), "req", "dall-e-2", "fake", "256x256",
                "standard", 1, 1, 0, 0, IMAGE, IMAGE, 5, UsageEntry.Status.SETTLED, Optional.empty()), "2026-11",
                Optional.empty(), 0);
    }
}
