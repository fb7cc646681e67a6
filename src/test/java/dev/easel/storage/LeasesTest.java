package dev.easel.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.MutableClock;
import dev.easel.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One holder at a time, on SQLite and PostgreSQL; a lapsed lease passes to the next asker. */
class LeasesTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

    @Test
    void oneHolderAtATimeOnSqlite() {
        try (Database db = Database.sqlite(dir)) {
            check(new Leases(db.jdbi(), clock));
        }
    }

    @Test
    void oneHolderAtATimeOnPostgres() {
        try (Database db = Database.open(TestServers.newPostgresDatabase(), "", "")) {
            check(new Leases(db.jdbi(), clock));
        }
    }

    private void check(Leases leases) {
        Duration minute = Duration.ofMinutes(1);
        assertThat(leases.tryAcquire("sweep", "a", minute)).isTrue();
        assertThat(leases.tryAcquire("sweep", "b", minute)).isFalse();
        assertThat(leases.tryAcquire("other", "b", minute)).isTrue(); // leases are per name
        clock.advance(Duration.ofSeconds(30));
        assertThat(leases.tryAcquire("sweep", "a", minute)).isTrue(); // the holder renews
        clock.advance(Duration.ofSeconds(61));
        assertThat(leases.tryAcquire("sweep", "b", minute)).isTrue(); // a lapsed lease moves on
        assertThat(leases.tryAcquire("sweep", "a", minute)).isFalse();
    }
}
