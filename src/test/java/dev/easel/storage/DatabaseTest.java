package dev.easel.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void anInsertOnSqliteRunsNoSecondStatementToFetchItsGeneratedKey() throws Exception {
        try (Database db = Database.sqlite(dir)) {
            db.jdbi().useHandle(h -> {
                h.execute("CREATE TABLE words (w TEXT NOT NULL)");
                Connection connection = h.getConnection();
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO words (w) VALUES (?)")) {
                    insert.setString(1, "easel");
                    assertThat(insert.executeUpdate()).isEqualTo(1);
                    // sqlite-jdbc's default answers this with the rowid, read by a query it runs after each INSERT.
                    try (ResultSet keys = insert.getGeneratedKeys()) {
                        assertThat(keys.next()).isFalse();
                    }
                }
            });
        }
    }
}
