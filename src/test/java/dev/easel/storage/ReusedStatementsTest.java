package dev.easel.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On SQLite a connection runs the statements it prepared again, leaving no earlier run half open. */
class ReusedStatementsTest {
    private static final String SELECT = "SELECT n FROM numbers WHERE n >= :from ORDER BY n";

    @TempDir
    Path dir;

    private final Set<PreparedStatement> ran = Collections.newSetFromMap(new IdentityHashMap<>());

    @Test
    void aStatementRunAgainIsTheOnePreparedTheFirstTime() {
        try (Database db = numbers(5)) {
            List<List<Integer>> answers = new ArrayList<>();
            for (int from : new int[] {1, 3, 5}) {
                answers.add(db.jdbi().withHandle(h -> select(h, from)));
            }

            assertThat(answers).containsExactly(List.of(1, 2, 3, 4, 5), List.of(3, 4, 5), List.of(5));
            assertThat(ran).hasSize(1);
        }
    }

    @Test
    void theSameStatementRunWhileItsResultsAreReadGetsItsOwn() {
        try (Database db = numbers(3)) {
            db.jdbi().useHandle(h -> {
                List<Integer> outer = new ArrayList<>();
                List<Integer> inner = new ArrayList<>();
                h.createQuery(SELECT).bind("from", 1).mapTo(Integer.class).useIterator(it -> {
                    outer.add(it.next());
                    inner.addAll(select(h, 2));
                    it.forEachRemaining(outer::add);
                });

                assertThat(outer).containsExactly(1, 2, 3);
                assertThat(inner).containsExactly(2, 3);
            });
        }
    }

    @Test
    void aQueryReadOnlyInPartHoldsNoSnapshotOfTheDatabase() {
        try (Database db = numbers(3); Handle reader = db.jdbi().open(); Handle writer = db.jdbi().open()) {
            assertThat(reader.createQuery(SELECT).bind("from", 1).mapTo(Integer.class).findFirst()).contains(1);
            writer.execute("INSERT INTO numbers (n) VALUES (4)");

            // A reader still inside a snapshot older than the last commit keeps the log from being emptied.
            Map<String, Object> checkpoint = writer.createQuery("PRAGMA wal_checkpoint(TRUNCATE)").mapToMap().one();
            assertThat(checkpoint).containsEntry("busy", 0);
            assertThat(select(reader, 4)).containsExactly(4);
        }
    }

    @Test
    void aConnectionClosesTheStatementsItRanLeastRecentlyBeyondItsShare() {
        try (Database db = numbers(1)) {
            int distinct = ReusedStatements.PER_CONNECTION + 10;
            List<PreparedStatement> inOrder = new ArrayList<>();
            List<Integer> answers = db.jdbi().withHandle(h -> IntStream.range(0, distinct)
                    .mapToObj(i -> h.createQuery("SELECT n + " + i + " FROM numbers")
                            .addCustomizer(recording(inOrder)).mapTo(Integer.class).one())
                    .toList());

            assertThat(answers).hasSize(distinct).startsWith(1, 2).endsWith(distinct);
            assertThat(inOrder.subList(0, 10)).allMatch(ReusedStatementsTest::isClosed);
            assertThat(inOrder.subList(10, distinct)).noneMatch(ReusedStatementsTest::isClosed);
        }
    }

    private List<Integer> select(Handle h, int from) {
        return h.createQuery(SELECT).bind("from", from).addCustomizer(recording(ran)).mapTo(Integer.class).list();
    }

    private static StatementCustomizer recording(Collection<PreparedStatement> statements) {
        return new StatementCustomizer() {
            @Override
            public void beforeExecution(PreparedStatement statement, StatementContext ctx) {
                statements.add(statement);
            }
        };
    }

    private static boolean isClosed(PreparedStatement statement) {
        try {
            return statement.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private Database numbers(int count) {
        Database db = Database.sqlite(dir);
        db.jdbi().useHandle(h -> {
            h.execute("CREATE TABLE numbers (n INTEGER NOT NULL)");
            for (int n = 1; n <= count; n++) {
                h.execute("INSERT INTO numbers (n) VALUES (?)", n);
            }
        });
        return db;
    }
}
