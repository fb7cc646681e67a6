package dev.easel.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads of the ledger: balances, a key's own usage page by page, and admin reports grouped by key, model or
 * day. Each first waits for the requests this instance finished to be written ({@link LedgerWriter#flush}),
 * so a client reading its usage sees the request it just made.
 */
public final class UsageQueries {
    private static final long DAY_MILLIS = 86_400_000L;

    private final Jdbi jdbi;
    private final LedgerWriter writer;

    public UsageQueries(Jdbi jdbi, LedgerWriter writer) {
        this.jdbi = jdbi;
        this.writer = writer;
    }

    /** The key's balance over a period: {@code total} or a month such as {@code 2026-11}. */
    public Balance balance(String keyId, String period) {
        writer.flush();
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT spent_micros, reserved_micros FROM ledger_balances WHERE key_id = :key AND period = :period")
                .bind("key", keyId)
                .bind("period", period)
                .map((rs, ctx) -> new Balance(rs.getLong(1), rs.getLong(2)))
                .findOne()
                .orElse(Balance.EMPTY));
    }

    public UsageTotals totals(String keyId) {
        writer.flush();
        return jdbi.withHandle(h -> h.createQuery("SELECT " + SUMS + " FROM usage_entries WHERE key_id = :key")
                .bind("key", keyId)
                .map((rs, ctx) -> totals(rs))
                .one());
    }

    /** Newest first; {@code after} is the id of the last entry of the previous page. */
    public UsagePage entries(String keyId, int limit, Optional<String> after) {
        writer.flush();
        return jdbi.withHandle(h -> {
            Optional<Long> cursorTime = after.flatMap(id -> h.createQuery(
                            "SELECT created_at FROM usage_entries WHERE id = :id AND key_id = :key")
                    .bind("id", id)
                    .bind("key", keyId)
                    .mapTo(Long.class)
                    .findOne());
            List<UsageEntry> rows = h.createQuery("""
                            SELECT * FROM usage_entries WHERE key_id = :key
                              AND (:time < 0 OR created_at < :time OR (created_at = :time AND id < :id))
                            ORDER BY created_at DESC, id DESC LIMIT :limit""")
                    .bind("key", keyId)
                    .bind("time", cursorTime.orElse(-1L))
                    .bind("id", after.orElse(""))
                    .bind("limit", limit + 1)
                    .map((rs, ctx) -> entry(rs))
                    .list();
            boolean more = rows.size() > limit;
            return new UsagePage(more ? rows.subList(0, limit) : rows, more);
        });
    }

    /** Usage from {@code from} (inclusive) to {@code to} (exclusive), summed per group, largest price first. */
    public List<UsageGroup> grouped(UsageGroup.By by, Instant from, Instant to) {
        writer.flush();
        String column = switch (by) {
            case KEY -> "key_id";
            case MODEL -> "model";
            case DAY -> "created_at / " + DAY_MILLIS;
        };
        return jdbi.withHandle(h -> h.createQuery("SELECT " + column + " AS grp, " + SUMS + """
                         FROM usage_entries WHERE created_at >= :from AND created_at < :to
                        GROUP BY grp ORDER BY grp""")
                .bind("from", from.toEpochMilli())
                .bind("to", to.toEpochMilli())
                .map((rs, ctx) -> new UsageGroup(by == UsageGroup.By.DAY
                        ? LocalDate.ofEpochDay(rs.getLong("grp")).toString() : rs.getString("grp"), totals(rs)))
                .list());
    }

    /** Allowances not yet given back, of every instance, for operators and tests. */
    public long openAllowances() {
        writer.flush();
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM ledger_allowances").mapTo(Long.class).one());
    }

    private static final String SUMS = """
            COUNT(*) AS requests, COALESCE(SUM(n_delivered), 0) AS images,
            COALESCE(SUM(cost_micros), 0) AS cost, COALESCE(SUM(price_micros), 0) AS price""";

    private static UsageTotals totals(ResultSet rs) throws SQLException {
        return new UsageTotals(rs.getLong("requests"), rs.getLong("images"), rs.getLong("cost"), rs.getLong("price"));
    }

    private static UsageEntry entry(ResultSet rs) throws SQLException {
        return new UsageEntry(rs.getString("id"), rs.getString("key_id"),
                Instant.ofEpochMilli(rs.getLong("created_at")), rs.getString("request_id"), rs.getString("model"),
                rs.getString("channel"), rs.getString("size"), rs.getString("quality"), rs.getInt("n_requested"),
                rs.getInt("n_delivered"), rs.getLong("input_tokens"), rs.getLong("output_tokens"),
                rs.getLong("cost_micros"), rs.getLong("price_micros"), rs.getLong("latency_ms"),
                UsageEntry.Status.valueOf(rs.getString("status").toUpperCase(java.util.Locale.ROOT)),
                Optional.ofNullable(rs.getString("prompt")));
    }

}
