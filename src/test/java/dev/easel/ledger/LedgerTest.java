package dev.easel.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.MutableClock;
import dev.easel.RecordedLogs;
import dev.easel.account.ApiKey;
import dev.easel.account.Budget;
import dev.easel.account.KeyPolicy;
import dev.easel.catalog.ImageRequest;
import dev.easel.catalog.ImageUsage;
import dev.easel.error.EaselException;
import dev.easel.generation.Requests;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Hold, settle, refund, allowances and reconciliation against real SQLite files and a real PostgreSQL. */
class LedgerTest {
    /** dall-e-2 at 256x256 lists at $0.016 an image. */
    private static final long IMAGE = 16_000;
    private static final Instant NOV = Instant.parse("2026-11-20T12:00:00Z");

    private final List<Books> open = new ArrayList<>();
    private final MutableClock clock = new MutableClock(NOV);
    @TempDir
    Path scratch;

    @AfterEach
    void closeDatabases() {
        open.forEach(Books::close);
    }

    private Books books(Engine engine, String location) {
        Books books = new Books(engine, location, clock);
        open.add(books);
        return books;
    }

    private Books books(Engine engine) {
        return books(engine, engine.newLocation(scratch));
    }

    private static ImageRequest dallE2(int n) {
        return Requests.parse(Requests.with(Requests.with(Requests.body("dall-e-2"), "size", "256x256"), "n", n));
    }

    private static KeyPolicy budget(long micros, Budget.Period period) {
        return KeyPolicy.UNLIMITED.withBudget(Optional.of(new Budget(micros, period)));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aBudgetForExactlyFiveImagesAdmitsExactlyFiveOfTwentyConcurrentRequests(Engine engine) throws Exception {
        Books b = books(engine);
        ApiKey key = b.key(budget(5 * IMAGE, Budget.Period.TOTAL));
        Metering metering = b.metering();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<Reservation>>> attempts = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (int i = 0; i < 20; i++) {
                attempts.add(pool.submit(() -> {
                    start.await();
                    try {
                        return Optional.of(metering.reserve(key, dallE2(1), "req"));
                    } catch (EaselException e) {
                        assertThat(e.code()).contains("insufficient_quota");
                        return Optional.<Reservation>empty();
                    }
                }));
            }
            start.countDown();
        }
        List<Reservation> admitted = new ArrayList<>();
        for (Future<Optional<Reservation>> f : attempts) {
            f.get().ifPresent(admitted::add);
        }
        assertThat(admitted).hasSize(5);
        assertThat(b.balance(key.id(), "total")).isEqualTo(new Balance(0, 5 * IMAGE));
        admitted.forEach(r -> r.settle(Settlement.of(1, Optional.empty(), "fake")));
        assertThat(b.balance(key.id(), "total")).isEqualTo(new Balance(5 * IMAGE, 0));
        assertThat(b.usage.totals(key.id())).isEqualTo(new UsageTotals(5, 5, 5 * IMAGE, 5 * IMAGE));
        assertThatThrownBy(() -> metering.reserve(key, dallE2(1), "req")).isInstanceOf(EaselException.class)
                .hasMessageContaining("quota");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRefundGivesTheWholeReservationBackAndRecordsIt(Engine engine) {
        Books b = books(engine);
        ApiKey key = b.key(budget(IMAGE, Budget.Period.TOTAL));
        Reservation r = b.metering().reserve(key, dallE2(1), "req_1");
        assertThat(r.refund("backend failed")).isTrue();
        assertThat(b.balance(key.id(), "total")).isEqualTo(Balance.EMPTY);
        UsageEntry entry = b.usage.entries(key.id(), 10, Optional.empty()).entries().getFirst();
        assertThat(entry.status()).isEqualTo(UsageEntry.Status.REFUNDED);
        assertThat(entry.priceMicros()).isZero();
        assertThat(entry.requestId()).isEqualTo("req_1");
        b.metering().reserve(key, dallE2(1), "req_2").close(); // the budget is whole again
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void settlingFewerImagesThanRequestedChargesOnlyThoseDelivered(Engine engine) {
        Books b = books(engine);
        ApiKey key = b.key(KeyPolicy.UNLIMITED);
        Reservation r = b.metering().reserve(key, dallE2(4), "req");
        assertThat(r.maximumMicros()).isEqualTo(4 * IMAGE);
        r.settle(Settlement.of(2, Optional.empty(), "fake"));
        assertThat(b.usage.balance(key.id(), "total")).isEqualTo(new Balance(2 * IMAGE, 0));
        UsageEntry entry = b.usage.entries(key.id(), 10, Optional.empty()).entries().getFirst();
        assertThat(entry.status()).isEqualTo(UsageEntry.Status.PARTIAL);
        assertThat(entry.nRequested()).isEqualTo(4);
        assertThat(entry.nDelivered()).isEqualTo(2);
        assertThat(entry.size()).isEqualTo("256x256");
        assertThat(entry.channel()).isEqualTo("fake");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void settleAndRefundTakeEffectExactlyOnce(Engine engine) {
        Books b = books(engine);
        for (KeyPolicy policy : List.of(KeyPolicy.UNLIMITED, budget(10 * IMAGE, Budget.Period.TOTAL))) {
            ApiKey key = b.key(policy);
            Reservation r = b.metering().reserve(key, dallE2(1), "req");
            assertThat(r.settle(Settlement.of(1, Optional.empty(), "fake"))).isTrue();
            assertThat(r.refund("late failure")).isFalse();
            assertThat(r.settle(Settlement.of(1, Optional.empty(), "fake"))).isFalse();
            r.close();
            assertThat(b.usage.totals(key.id()).requests()).isEqualTo(1);
            assertThat(b.balance(key.id(), "total")).isEqualTo(new Balance(IMAGE, 0));
            assertThat(b.usage.openAllowances()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aKeyWithoutABudgetHoldsNothingAndIsChargedWhenItsRequestEnds(Engine engine) {
        Books b = books(engine);
        ApiKey key = b.key(KeyPolicy.UNLIMITED);
        Reservation r = b.metering().reserve(key, dallE2(2), "req");

        assertThat(b.usage.openAllowances()).isZero();
        assertThat(b.usage.balance(key.id(), "total")).isEqualTo(Balance.EMPTY);
        r.settle(Settlement.of(2, Optional.empty(), "fake"));

        assertThat(b.usage.balance(key.id(), "total")).isEqualTo(new Balance(2 * IMAGE, 0));
        assertThat(b.usage.balance(key.id(), "2026-11")).isEqualTo(new Balance(2 * IMAGE, 0));
        UsageEntry entry = b.usage.entries(key.id(), 10, Optional.empty()).entries().getFirst();
        assertThat(entry.status()).isEqualTo(UsageEntry.Status.SETTLED);
        assertThat(entry.priceMicros()).isEqualTo(2 * IMAGE);
        clock.advance(Duration.ofSeconds(1)); // entries list newest first
        b.metering().reserve(key, dallE2(1), "req_2").close(); // closed unsettled: recorded as refunded
        assertThat(b.usage.entries(key.id(), 10, Optional.empty()).entries().getFirst().status())
                .isEqualTo(UsageEntry.Status.REFUNDED);
        assertThat(b.usage.balance(key.id(), "total")).isEqualTo(new Balance(2 * IMAGE, 0));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aKeyWithoutABudgetWhoseFirstRequestWasRefundedIsChargedForItsNext(Engine engine) {
        Books b = books(engine);
        ApiKey key = b.key(KeyPolicy.UNLIMITED);
        b.metering().reserve(key, dallE2(1), "req_failed").refund("backend failed");

        b.metering().reserve(key, dallE2(1), "req_ok").settle(Settlement.of(1, Optional.empty(), "fake"));

        assertThat(b.usage.balance(key.id(), "total")).isEqualTo(new Balance(IMAGE, 0));
        assertThat(b.usage.balance(key.id(), "2026-11")).isEqualTo(new Balance(IMAGE, 0));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aBudgetGivenToAKeyWhileItsRequestRunsCountsThatRequestWhenItEnds(Engine engine) {
        Books b = books(engine);
        ApiKey key = b.key(KeyPolicy.UNLIMITED);
        Reservation running = b.metering().reserve(key, dallE2(1), "req_running");
        ApiKey limited = b.keys.update(key.id(), Optional.empty(), p -> budget(2 * IMAGE, Budget.Period.TOTAL));

        running.settle(Settlement.of(1, Optional.empty(), "fake"));
        b.writer.flush(); // it held nothing, so until it is written nothing of it counts (docs/ACCOUNTS.md)

        b.metering().reserve(limited, dallE2(1), "req_fits").settle(Settlement.of(1, Optional.empty(), "fake"));
        assertThatThrownBy(() -> b.metering().reserve(limited, dallE2(1), "req_over"))
                .isInstanceOf(EaselException.class).hasMessageContaining("quota");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anAllowanceACrashLeftBehindIsGivenBackOnceItExpiresAndOnlyOnce(Engine engine) {
        String location = engine.newLocation(scratch);
        Books before = books(engine, location);
        ApiKey key = before.key(budget(IMAGE, Budget.Period.TOTAL));
        before.metering().reserve(key, dallE2(1), "req_lost"); // the instance dies here: no settle, no close
        before.close();
        open.remove(before);

        Books after = books(engine, location);
        clock.advance(Books.TTL.minusSeconds(1));
        assertThat(after.ledger.reconcile(clock.instant())).isZero(); // its instance might still renew it
        assertThat(after.usage.balance(key.id(), "total")).isEqualTo(new Balance(0, IMAGE));
        assertThatThrownBy(() -> after.metering().reserve(key, dallE2(1), "req_refused"))
                .isInstanceOf(EaselException.class).hasMessageContaining("quota");

        clock.advance(Duration.ofSeconds(1));
        assertThat(after.ledger.reconcile(clock.instant())).isEqualTo(1);
        assertThat(after.ledger.reconcile(clock.instant())).isZero();
        assertThat(after.usage.balance(key.id(), "total")).isEqualTo(Balance.EMPTY);
        assertThat(after.usage.openAllowances()).isZero();
        assertThat(after.usage.entries(key.id(), 10, Optional.empty()).entries()).isEmpty();
        after.metering().reserve(key, dallE2(1), "req").settle(Settlement.of(1, Optional.empty(), "fake"));
        assertThat(after.balance(key.id(), "total")).isEqualTo(new Balance(IMAGE, 0)); // charged once
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRequestOfAKeyWithoutABudgetThatACrashCutShortLeavesNothingToRelease(Engine engine) {
        String location = engine.newLocation(scratch);
        Books before = books(engine, location);
        ApiKey key = before.key(KeyPolicy.UNLIMITED);
        before.metering().reserve(key, dallE2(1), "req_lost"); // the instance dies here
        before.close();
        open.remove(before);

        clock.advance(Duration.ofMinutes(31));
        Books after = books(engine, location);
        assertThat(after.ledger.reconcile(clock.instant())).isZero();
        assertThat(after.usage.balance(key.id(), "total")).isEqualTo(Balance.EMPTY);
        assertThat(after.usage.entries(key.id(), 10, Optional.empty()).entries()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anInstanceRenewsItsAllowancesSoALongRequestKeepsItsHoldPastTheirFirstExpiry(Engine engine) {
        Books b = books(engine);
        ApiKey key = b.key(budget(10 * IMAGE, Budget.Period.TOTAL));
        Reservation r = b.metering().reserve(key, dallE2(1), "req");
        for (int second = 0; second < 3 * Books.TTL.toSeconds(); second++) {
            clock.advance(Duration.ofSeconds(1));
            b.metering().tend();
            assertThat(b.ledger.reconcile(clock.instant())).isZero();
        }
        assertThat(r.settle(Settlement.of(1, Optional.empty(), "fake"))).isTrue();
        assertThat(b.balance(key.id(), "total")).isEqualTo(new Balance(IMAGE, 0));
        assertThat(b.usage.totals(key.id()).requests()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anAllowanceNothingWasHeldFromForASecondGoesBackToTheBudget(Engine engine) {
        Books b = books(engine);
        ApiKey key = b.key(budget(10 * IMAGE, Budget.Period.TOTAL));
        b.metering().reserve(key, dallE2(1), "req").settle(Settlement.of(1, Optional.empty(), "fake"));
        assertThat(b.usage.balance(key.id(), "total").reservedMicros()).isPositive(); // kept for the next request

        clock.advance(Allowances.IDLE.minusMillis(1));
        b.metering().tend();
        assertThat(b.usage.balance(key.id(), "total").reservedMicros()).isPositive();
        clock.advance(Duration.ofMillis(1));
        b.metering().tend();
        assertThat(b.usage.balance(key.id(), "total")).isEqualTo(new Balance(IMAGE, 0));
        assertThat(b.usage.openAllowances()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aKeysRequestsAreHeldFromOneDrawWithoutAWriteOfTheirOwn(Engine engine) {
        Books b = books(engine);
        ApiKey key = b.key(budget(100 * IMAGE, Budget.Period.TOTAL));
        StatementCounter draws = new StatementCounter("UPDATE ledger_allowances SET amount_micros = amount_micros +");
        b.db.jdbi().setSqlLogger(draws);
        for (int i = 0; i < 10; i++) {
            b.metering().reserve(key, dallE2(1), "req_" + i).settle(Settlement.of(1, Optional.empty(), "fake"));
        }
        assertThat(draws.count()).isEqualTo(1);
        assertThat(b.balance(key.id(), "total")).isEqualTo(new Balance(10 * IMAGE, 0));
        assertThat(b.usage.totals(key.id())).isEqualTo(new UsageTotals(10, 10, 10 * IMAGE, 10 * IMAGE));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void instancesSharingABudgetNeverAdmitMoreThanItCovers(Engine engine) throws Exception {
        Books b = books(engine);
        List<Metering> instances = List.of(b.metering(), b.metering(false));
        // The overspending this guards against (a give-back written before a booking released into it) took
        // one round in about thirty: a round per fresh key, enough of them to see it.
        for (int round = 0; round < 60; round++) {
            ApiKey key = b.key(budget(5 * IMAGE, Budget.Period.TOTAL));
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> attempts = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
                for (int i = 0; i < 20; i++) {
                    Metering instance = instances.get(i % 2);
                    attempts.add(pool.submit(() -> {
                        start.await();
                        try {
                            instance.reserve(key, dallE2(1), "req").settle(Settlement.of(1, Optional.empty(), "fake"));
                            return true;
                        } catch (EaselException e) {
                            assertThat(e.code()).contains("insufficient_quota");
                            return false;
                        }
                    }));
                }
                start.countDown();
            }
            long admitted = 0;
            for (Future<Boolean> f : attempts) {
                admitted += f.get() ? 1 : 0;
            }
            assertThat(admitted).as("round %d", round).isEqualTo(5); // whole requests drawn: no fraction stranded
            instances.forEach(m -> m.giveBackUnheld(key.id()));
            assertThat(b.usage.balance(key.id(), "total")).isEqualTo(new Balance(admitted * IMAGE, 0));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aBudgetLoweredWhileItsAllowanceHoldsMoreCountsFromTheNextRequest(Engine engine) {
        Books b = books(engine);
        ApiKey key = b.key(budget(10 * IMAGE, Budget.Period.TOTAL));
        b.metering().reserve(key, dallE2(1), "req_1").settle(Settlement.of(1, Optional.empty(), "fake"));
        ApiKey lowered = b.keys.update(key.id(), Optional.empty(), p -> budget(IMAGE, Budget.Period.TOTAL));

        assertThatThrownBy(() -> b.metering().reserve(lowered, dallE2(1), "req_2"))
                .isInstanceOf(EaselException.class).hasMessageContaining("quota");
        ApiKey raised = b.keys.update(key.id(), Optional.empty(), p -> budget(2 * IMAGE, Budget.Period.TOTAL));
        b.metering().reserve(raised, dallE2(1), "req_3").settle(Settlement.of(1, Optional.empty(), "fake"));
        assertThat(b.balance(key.id(), "total")).isEqualTo(new Balance(2 * IMAGE, 0));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aMonthBudgetCountsTheCurrentCalendarMonthOnly(Engine engine) {
        Books b = books(engine);
        ApiKey key = b.key(budget(2 * IMAGE, Budget.Period.MONTH));
        Metering metering = b.metering();
        metering.reserve(key, dallE2(2), "req").settle(Settlement.of(2, Optional.empty(), "fake"));
        assertThatThrownBy(() -> metering.reserve(key, dallE2(1), "req")).isInstanceOf(EaselException.class);
        clock.set(Instant.parse("2026-12-01T00:00:00Z"));
        metering.reserve(key, dallE2(2), "req").settle(Settlement.of(2, Optional.empty(), "fake"));
        assertThat(b.usage.balance(key.id(), "2026-11").spentMicros()).isEqualTo(2 * IMAGE);
        assertThat(b.usage.balance(key.id(), "2026-12").spentMicros()).isEqualTo(2 * IMAGE);
        assertThat(b.usage.balance(key.id(), "total").spentMicros()).isEqualTo(4 * IMAGE);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void thePriceMultiplierScalesThePriceAndAChannelCostMultiplierScalesTheCost(Engine engine) {
        Books b = books(engine);
        ApiKey key = b.key(KeyPolicy.UNLIMITED.withPriceMultiplier(new BigDecimal("1.5")));
        Reservation r = b.metering().reserve(key, dallE2(1), "req");
        assertThat(r.maximumMicros()).isEqualTo(24_000);
        r.settle(new Settlement(1, Optional.empty(), "cheap", Optional.of(new BigDecimal("0.25"))));
        UsageEntry entry = b.usage.entries(key.id(), 10, Optional.empty()).entries().getFirst();
        assertThat(entry.priceMicros()).isEqualTo(24_000);
        assertThat(entry.costMicros()).isEqualTo(4_000); // a quarter of the 16,000 list price
    }

    /** gpt-image-1 at low quality, 1024x1024: its rule gives 272 image output tokens. */
    @Test
    void anUpstreamReportingFarMoreImageTokensThanTheModelsRuleIsWarnedAboutWithoutABudgetToo() {
        Books b = books(Engine.SQLITE);
        ApiKey key = b.key(KeyPolicy.UNLIMITED);
        ImageRequest request = Requests.parse(Requests.with(Requests.with(Requests.body("gpt-image-1"), "quality", "low"),
                "size", "1024x1024"));
        try (RecordedLogs logs = RecordedLogs.start()) {
            b.metering().reserve(key, request, "req_near").settle(Settlement.of(1, Optional.of(ImageUsage.of(9, 0, 290, 0)),
                    "upstream"));
            assertThat(logs.warningsAndErrors()).as("within a tenth of the rule").isEmpty();

            b.metering().reserve(key, request, "req_far").settle(Settlement.of(1, Optional.of(ImageUsage.of(9, 0, 4160, 0)),
                    "upstream"));
            assertThat(logs.warningsAndErrors()).singleElement().asString()
                    .contains("req_far", "4160 image output tokens", "gpt-image-1", "gives 272");
        }
        assertThat(b.usage.entries(key.id(), 10, Optional.empty()).entries())
                .filteredOn(entry -> entry.requestId().equals("req_far"))
                .singleElement().extracting(UsageEntry::outputTokens).isEqualTo(4160L); // charged as reported
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void tokenPricedModelsReserveTheEstimateAndSettleToTheReportedUsage(Engine engine) {
        Books b = books(engine);
        ApiKey key = b.key(KeyPolicy.UNLIMITED);
        ImageRequest request = Requests.parse(Requests.with(Requests.with(Requests.body("gpt-image-1"), "quality", "low"),
                "size", "1024x1024"));
        Reservation r = b.metering().reserve(key, request, "req");
        assertThat(r.maximumMicros()).isPositive();
        // 100 text tokens at $5/M and 300 image tokens at $40/M: 500 + 12000 micro-dollars.
        r.settle(Settlement.of(1, Optional.of(ImageUsage.of(100, 0, 300, 0)), "upstream"));
        UsageEntry entry = b.usage.entries(key.id(), 10, Optional.empty()).entries().getFirst();
        assertThat(entry.priceMicros()).isEqualTo(12_500);
        assertThat(entry.inputTokens()).isEqualTo(100);
        assertThat(entry.outputTokens()).isEqualTo(300);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void promptsAreKeptOnlyWhenPromptLoggingIsOn(Engine engine) {
        Books b = books(engine);
        ApiKey key = b.key(KeyPolicy.UNLIMITED);
        b.metering(false).reserve(key, dallE2(1), "req_off").settle(Settlement.of(1, Optional.empty(), "fake"));
        clock.advance(Duration.ofSeconds(1));
        b.metering(true).reserve(key, dallE2(1), "req_on").settle(Settlement.of(1, Optional.empty(), "fake"));
        List<UsageEntry> entries = b.usage.entries(key.id(), 10, Optional.empty()).entries();
        assertThat(entries).extracting(UsageEntry::requestId).containsExactly("req_on", "req_off");
        assertThat(entries.get(0).prompt()).contains("a red fox in the snow");
        assertThat(entries.get(1).prompt()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void usagePagesWalkBackThroughTimeWithoutGapsOrRepeats(Engine engine) {
        Books b = books(engine);
        ApiKey key = b.key(KeyPolicy.UNLIMITED);
        Metering metering = b.metering();
        for (int i = 0; i < 5; i++) {
            metering.reserve(key, dallE2(1), "req_" + i).settle(Settlement.of(1, Optional.empty(), "fake"));
            clock.advance(Duration.ofSeconds(1));
        }
        UsagePage first = b.usage.entries(key.id(), 2, Optional.empty());
        UsagePage second = b.usage.entries(key.id(), 2, Optional.of(first.entries().getLast().id()));
        UsagePage third = b.usage.entries(key.id(), 2, Optional.of(second.entries().getLast().id()));
        assertThat(first.hasMore()).isTrue();
        assertThat(third.hasMore()).isFalse();
        List<String> seen = new ArrayList<>();
        for (UsagePage page : List.of(first, second, third)) {
            page.entries().forEach(e -> seen.add(e.requestId()));
        }
        assertThat(seen).containsExactly("req_4", "req_3", "req_2", "req_1", "req_0");
    }

    /** Counts the statements that start with a given text. */
    private static final class StatementCounter implements SqlLogger {
        private final String start;
        private final AtomicInteger seen = new AtomicInteger();

        StatementCounter(String start) {
            this.start = start;
        }

        @Override
        public void logBeforeExecution(StatementContext context) {
            if (context.getRawSql().strip().startsWith(start)) {
                seen.incrementAndGet();
            }
        }

        int count() {
            return seen.get();
        }
    }
}
