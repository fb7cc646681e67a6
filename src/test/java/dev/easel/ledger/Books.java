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
    final Database db;
    final ApiKeys keys;
    final Ledger ledger;
    final LedgerWriter writer;
    final UsageQueries usage;
    private final Clock clock;

    Books(Engine engine, String location, Clock clock) {
        this.clock = clock;
        db = engine.open(location);
        keys = new ApiKeys(db.jdbi(), clock);
        ledger = new Ledger(db.jdbi());
        writer = LedgerWriter.start(ledger);
        usage = new UsageQueries(db.jdbi(), writer);
    }

    Metering metering(boolean logPrompts) {
        return new Metering(ledger, writer, new LocalRateLimiter(clock), new PriceCalculator(new UsageCalculator()),
                new UsageCalculator(), clock, Duration.ofMinutes(30), logPrompts);
    }

    Metering metering() {
        return metering(false);
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
