package dev.easel.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log back into the database file on a thread of its own. Left to SQLite,
 * the commit that fills the log past 1 000 pages does it, with an {@code fsync}, inside a request:
 * about one request in a hundred took 3 ms longer. A passive checkpoint never blocks readers or
 * writers; one that cannot finish (a reader still needs old pages) finishes in a later round.
 */
final class WalCheckpoints implements AutoCloseable {
    static final Duration EVERY = Duration.ofMillis(250);
    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpoints.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("easel-sqlite-checkpoint").daemon().factory());

    WalCheckpoints(DataSource connections) {
        timer.scheduleWithFixedDelay(() -> checkpoint(connections), EVERY.toMillis(), EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private static void checkpoint(DataSource connections) {
        try (Connection c = connections.getConnection(); Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (SQLException | RuntimeException e) {
            LOG.warn("SQLite checkpoint failed (retried in {} ms): {}", EVERY.toMillis(), e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
