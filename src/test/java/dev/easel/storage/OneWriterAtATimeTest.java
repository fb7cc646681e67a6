package dev.easel.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On SQLite a second writer of the process waits its turn on a lock, not in SQLite's sleeping retries. */
class OneWriterAtATimeTest {
    @TempDir
    Path dir;

    @Test
    void aSecondWriterWaitsOnTheLockUntilTheFirstCommits() throws Exception {
        try (Database db = Database.sqlite(dir)) {
            CountDownLatch firstWrote = new CountDownLatch(1);
            CountDownLatch letFirstCommit = new CountDownLatch(1);
            Thread first = Thread.ofPlatform().start(() -> db.jdbi().useTransaction(h -> {
                insertKey(h, "key_1");
                firstWrote.countDown();
                awaitUninterruptibly(letFirstCommit);
            }));
            firstWrote.await();
            Thread second = Thread.ofPlatform().start(() -> db.jdbi().useTransaction(h -> insertKey(h, "key_2")));

            // In SQLite's busy handler the thread would sleep in native code, RUNNABLE to the JVM.
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (second.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(second.getState()).isEqualTo(Thread.State.WAITING);
            assertThat(keys(db)).isZero();

            letFirstCommit.countDown();
            first.join();
            second.join();
            assertThat(keys(db)).isEqualTo(2);
        }
    }

    @Test
    void aTransactionMayOpenAnotherInsideIt() {
        try (Database db = Database.sqlite(dir)) {
            db.jdbi().useTransaction(outer -> {
                insertKey(outer, "key_1");
                outer.useTransaction(inner -> insertKey(inner, "key_2"));
            });

            assertThat(keys(db)).isEqualTo(2);
        }
    }

    private static void insertKey(org.jdbi.v3.core.Handle h, String id) {
        h.createUpdate("""
                        INSERT INTO api_keys (id, key_hash, key_prefix, name, role, created_at)
                        VALUES (:id, :id, 'sk-', 'writer', 'API', 0)""")
                .bind("id", id)
                .execute();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean done = false;
        while (!done) {
            try {
                latch.await();
                done = true;
            } catch (InterruptedException e) {
                // keep waiting: the test releases the latch
            }
        }
    }

    private static int keys(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM api_keys").mapTo(Integer.class).one());
    }
}
