package dev.easel.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite's write-ahead log reaches the database file in the background, not in the commit that fills it. */
class WalCheckpointsTest {
    @TempDir
    Path dir;

    @Test
    void commitsNeverCheckpointTheLogThemselves() {
        try (Database db = Database.sqlite(dir)) {
            int pages = db.jdbi().withHandle(h -> h.createQuery("PRAGMA wal_autocheckpoint").mapTo(Integer.class).one());
            assertThat(pages).isZero();
        }
    }

    @Test
    void committedRowsReachTheDatabaseFileWithinAFewRounds() throws Exception {
        try (Database db = Database.sqlite(dir)) {
            db.jdbi().useHandle(h -> h.createUpdate("""
                    INSERT INTO api_keys (id, key_hash, key_prefix, name, role, created_at)
                    VALUES ('key_1', 'hash', 'sk-', 'marker-in-the-log', 'API', 0)""").execute());
            assertThat(fileContains(dir.resolve("easel.db-wal"), "marker-in-the-log")).isTrue();

            long deadline = System.nanoTime() + WalCheckpoints.EVERY.multipliedBy(20).toNanos();
            while (!fileContains(dir.resolve("easel.db"), "marker-in-the-log") && System.nanoTime() < deadline) {
                Thread.sleep(Duration.ofMillis(20));
            }
            assertThat(fileContains(dir.resolve("easel.db"), "marker-in-the-log"))
                    .as("the row was copied from the log into the file while the database stayed open").isTrue();
        }
    }

    private static boolean fileContains(Path file, String text) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
    }
}
