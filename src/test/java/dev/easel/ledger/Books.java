package dev.easel.ledger;

import dev.easel.account.ApiKey;
import dev.easel.account.ApiKeys;
import dev.easel.account.KeyPolicy;
import dev.easel.account.LocalRateLimiter;
import dev.easel.catalog.PriceCalculator;
import dev.easel.catalog.UsageCalculator;
import dev.easel.storage.Database;
import java.time.Clock;
import java.time.Duration;

/** The ledger of one instance on a real database, as tests drive it: keys, admission, the writer, the reads. */
final class Books implements AutoCloseable {
    /** Allowances expire a minute after their last renewal, as by default. */
    static final Duration TTL = Duration.ofMinutes(1);

    final Database db;
    final ApiKeys keys;
    final Ledger ledger;
    final LedgerWriter writer;
    final UsageQueries usage;
    private final Clock clock;
    private final Metering metering;

    Books(Engine engine, String location, Clock clock) {
        this.clock = clock;
        db = engine.open(location);
        keys = new ApiKeys(db.jdbi(), clock);
        ledger = new Ledger(db.jdbi());
        writer = LedgerWriter.start(ledger);
        usage = new UsageQueries(db.jdbi(), writer);
        metering = metering(false);
    }

    /** A second admission on the same database, with its own allowances: another instance. */
    Metering metering(boolean logPrompts) {
        return new Metering(ledger, writer, new LocalRateLimiter(clock), new PriceCalculator(new UsageCalculator()),
                new UsageCalculator(), clock, TTL, logPrompts);
    }

    /** This instance's admission. */
    Metering metering() {
        return metering;
    }

    /** The key's balance as {@code GET /v1/usage} reads it: this instance's idle allowances given back first. */
    Balance balance(String keyId, String period) {
        metering.giveBackUnheld(keyId);
        return usage.balance(keyId, period);
    }

    ApiKey key(KeyPolicy policy) {
        return keys.create("test", ApiKey.Role.API, policy).key();
    }

    /** As the instance stops: what is waiting is written, then the database closes. */
    @Override
    public void close() {
        writer.close();
        db.close();
    }
}
