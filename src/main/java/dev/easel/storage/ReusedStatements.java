package dev.easel.storage;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * On SQLite, each pooled connection keeps the statements it prepared and runs them again. sqlite-jdbc
 * compiles every statement anew (as much CPU as running the ledger's short ones: a settlement's three
 * statements spent 5 % of a 100 KB request's CPU compiling), and the pool closes the statements made
 * through a borrowed connection when it is returned, so they are prepared on the connection underneath
 * and kept with it, forgotten when the pool retires it. Running again is safe because sqlite-jdbc resets
 * a statement after each update and when its results are closed, which JDBI always does. PostgreSQL's
 * driver keeps its own server-side statements, so it gets JDBI's default.
 */
final class ReusedStatements implements StatementBuilderFactory {
    /** Per connection; rendered SQL varies with optional filters, so each connection keeps the most recent. */
    static final int PER_CONNECTION = 64;

    private final Map<Connection, Kept> byConnection = new ConcurrentHashMap<>();

    @Override
    public StatementBuilder createStatementBuilder(Connection borrowed) {
        Connection connection = underneath(borrowed);
        Kept kept = byConnection.get(connection);
        return new Builder(connection, kept != null ? kept : keep(connection));
    }

    /** A connection the pool just opened; the ones it retired (closed, with their statements) are forgotten. */
    private synchronized Kept keep(Connection connection) {
        byConnection.keySet().removeIf(ReusedStatements::isClosed);
        return byConnection.computeIfAbsent(connection, c -> new Kept());
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private static Connection underneath(Connection borrowed) {
        try {
            return borrowed.isWrapperFor(Connection.class) ? borrowed.unwrap(Connection.class) : borrowed;
        } catch (SQLException e) {
            return borrowed;
        }
    }

    /**
     * One connection's statements, most recently used last, and those handed out and not yet closed (a
     * statement run while its own results are still being read gets a fresh one). Used by one borrower at a time.
     */
    private static final class Kept extends LinkedHashMap<String, PreparedStatement> {
        final Set<Statement> inUse = Collections.newSetFromMap(new IdentityHashMap<>());

        Kept() {
            super(16, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= PER_CONNECTION) {
                return false;
            }
            if (!inUse.remove(eldest.getValue())) { // one still running is closed by its close(), as not kept
                closeQuietly(eldest.getValue());
            }
            return true;
        }
    }

    private static final class Builder implements StatementBuilder {
        private final Connection underneath;
        private final Kept kept;
        private static final StatementBuilder PLAIN = new DefaultStatementBuilder();

        Builder(Connection underneath, Kept kept) {
            this.underneath = underneath;
            this.kept = kept;
        }

        @Override
        public Statement create(Connection conn, StatementContext ctx) throws SQLException {
            return PLAIN.create(conn, ctx);
        }

        @Override
        public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
            if (ctx.isReturningGeneratedKeys() || ctx.isConcurrentUpdatable()) {
                return PLAIN.create(conn, sql, ctx);
            }
            PreparedStatement statement = kept.get(sql);
            if (statement != null && kept.inUse.contains(statement)) {
                return PLAIN.create(conn, sql, ctx);
            }
            if (statement == null || statement.isClosed()) {
                statement = underneath.prepareStatement(sql);
                kept.put(sql, statement);
            }
            kept.inUse.add(statement);
            return statement;
        }

        @Override
        public CallableStatement createCall(Connection conn, String sql, StatementContext ctx) throws SQLException {
            return PLAIN.createCall(conn, sql, ctx);
        }

        @Override
        public void close(Connection conn, String sql, Statement statement) throws SQLException {
            if (kept.inUse.remove(statement)) {
                // JDBI binds every parameter of each run; clearing lets go of this run's values (a prompt) now
                ((PreparedStatement) statement).clearParameters();
            } else {
                PLAIN.close(conn, sql, statement);
            }
        }
    }

    private static void closeQuietly(Statement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // the connection is going or gone; its statements go with it
        }
    }
}
