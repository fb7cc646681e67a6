package dev.easel.ledger;

import dev.easel.account.Budget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The ledger's writes. A request of a key with a budget holds its maximum price in one short write
 * transaction, {@link #reserve} (budget check and hold in one conditional UPDATE per balance row); one of a
 * key without a budget holds nothing. Finished requests are written by {@link #book}, as many in one
 * transaction as {@link LedgerWriter} has waiting: each releases its hold, is charged and recorded. Every
 * transaction starts with a write, so SQLite takes its write lock at once instead of upgrading a read lock
 * (which fails under WAL instead of waiting). Balance rows are locked in one order, by key and then month
 * before total, so PostgreSQL transactions never deadlock on them. On SQLite the process's writers take
 * turns before reaching the database ({@code storage.OneWriterAtATime}).
 */
public final class Ledger {
    static final String TOTAL = "total";

    private final Jdbi jdbi;
    // Balance rows are never deleted, so once seen they need no further upsert (saves two statements).
    private final Set<String> knownRows = ConcurrentHashMap.newKeySet();

    public Ledger(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Holds {@code row.amountMicros()} for the key; false (and nothing held) when the budget would be exceeded. */
    boolean reserve(ReservationRow row, Optional<Budget> budget) {
        long monthLimit = budget.filter(b -> b.period() == Budget.Period.MONTH).map(Budget::micros).orElse(-1L);
        long totalLimit = budget.filter(b -> b.period() == Budget.Period.TOTAL).map(Budget::micros).orElse(-1L);
        try {
            jdbi.useTransaction(h -> {
                ensureRow(h, row.keyId(), row.month());
                ensureRow(h, row.keyId(), TOTAL);
                if (hold(h, row, row.month(), monthLimit) != 1 || hold(h, row, TOTAL, totalLimit) != 1) {
                    throw new OverBudget();
                }
                h.createUpdate("""
                                INSERT INTO ledger_reservations (id, key_id, month, amount_micros, created_at, expires_at,
                                    request_id, model, size, quality, n_requested)
                                VALUES (:id, :keyId, :month, :amountMicros, :createdAt, :expiresAt, :requestId, :model,
                                    :size, :quality, :nRequested)""")
                        .bind("id", row.id())
                        .bind("keyId", row.keyId())
                        .bind("month", row.month())
                        .bind("amountMicros", row.amountMicros())
                        .bind("createdAt", row.createdAt())
                        .bind("expiresAt", row.expiresAt())
                        .bind("requestId", row.requestId())
                        .bind("model", row.model())
                        .bind("size", row.size())
                        .bind("quality", row.quality())
                        .bind("nRequested", row.nRequested())
                        .execute();
            });
        } catch (OverBudget e) {
            return false;
        }
        rowsExist(row);
        return true;
    }

    /** After a commit that ensured both balance rows of {@code row}'s key. */
    private void rowsExist(ReservationRow row) {
        knownRows.add(row.keyId() + "/" + row.month());
        knownRows.add(row.keyId() + "/" + TOTAL);
    }

    private void ensureRow(Handle h, String keyId, String period) {
        if (!knownRows.contains(keyId + "/" + period)) {
            h.createUpdate("""
                            INSERT INTO ledger_balances (key_id, period, spent_micros, reserved_micros)
                            VALUES (:key, :period, 0, 0) ON CONFLICT (key_id, period) DO NOTHING""")
                    .bind("key", keyId)
                    .bind("period", period)
                    .execute();
        }
    }

    private static int hold(Handle h, ReservationRow row, String period, long limit) {
        return h.createUpdate("""
                        UPDATE ledger_balances SET reserved_micros = reserved_micros + :amount
                        WHERE key_id = :key AND period = :period
                          AND (:limit < 0 OR spent_micros + reserved_micros + :amount <= :limit)""")
                .bind("amount", row.amountMicros())
                .bind("key", row.keyId())
                .bind("period", period)
                .bind("limit", limit)
                .execute();
    }

    /**
     * Closes a reservation: releases its hold, charges {@code entry.priceMicros()} and records the entry,
     * all or nothing. Whoever deletes the reservation row first wins; a second close (a retry, or the
     * reconciler racing a late settle) changes nothing and returns false.
     */
    boolean close(ReservationRow row, UsageEntry entry) {
        return !book(List.of(new Booking(row, entry, true))).isEmpty();
    }

    /**
     * Writes finished requests in one transaction, all or nothing: each closes its hold (unless the
     * reconciler released it first: that booking is skipped) or, for a key without a budget, records the
     * request; the prices are charged and the entries recorded.
     *
     * @return the bookings that took effect
     */
    List<Booking> book(List<Booking> bookings) {
        List<Booking> booked = jdbi.inTransaction(h -> {
            List<Booking> effective = new ArrayList<>(bookings.size());
            for (Booking booking : bookings) {
                if (!booking.held() || h.createUpdate("DELETE FROM ledger_reservations WHERE id = :id")
                        .bind("id", booking.row().id()).execute() == 1) {
                    effective.add(booking);
                }
            }
            charge(h, effective);
            for (Booking booking : effective) {
                insert(h, booking.entry());
            }
            return effective;
        });
        booked.stream().filter(b -> b.held() || b.entry().priceMicros() != 0).forEach(b -> rowsExist(b.row()));
        return booked;
    }

    /** One balance row's change in a transaction. */
    private record Change(long releasedMicros, long priceMicros) {
        Change plus(Change other) {
            return new Change(releasedMicros + other.releasedMicros, priceMicros + other.priceMicros);
        }
    }

    /**
     * Applies the bookings to the balance rows, one UPDATE per row however many bookings share it. Rows
     * are taken in one order, by key and then the month before {@code total} (as {@link #reserve} takes
     * them), so transactions of several instances on PostgreSQL never wait on each other in a circle.
     */
    private void charge(Handle h, List<Booking> booked) {
        SortedMap<String, SortedMap<String, Change>> byKey = new TreeMap<>();
        for (Booking booking : booked) {
            Change change = new Change(booking.releasedMicros(), booking.entry().priceMicros());
            if (change.releasedMicros() == 0 && change.priceMicros() == 0) {
                continue; // a free request of a key without a budget touches no balance
            }
            SortedMap<String, Change> periods = byKey.computeIfAbsent(booking.row().keyId(), k -> new TreeMap<>());
            periods.merge(booking.row().month(), change, Change::plus); // "2026-11" sorts before "total"
            periods.merge(TOTAL, change, Change::plus);
        }
        byKey.forEach((keyId, periods) -> periods.forEach((period, change) -> {
            ensureRow(h, keyId, period);
            h.createUpdate("""
                            UPDATE ledger_balances SET reserved_micros = reserved_micros - :amount,
                                spent_micros = spent_micros + :price
                            WHERE key_id = :key AND period = :period""")
                    .bind("amount", change.releasedMicros())
                    .bind("price", change.priceMicros())
                    .bind("key", keyId)
                    .bind("period", period)
                    .execute();
        }));
    }

    private static void insert(Handle h, UsageEntry entry) {
        h.createUpdate("""
                        INSERT INTO usage_entries (id, key_id, created_at, request_id, model, channel, size, quality,
                            n_requested, n_delivered, input_tokens, output_tokens, cost_micros, price_micros,
                            latency_ms, status, prompt)
                        VALUES (:id, :keyId, :created, :requestId, :model, :channel, :size, :quality, :nRequested,
                            :nDelivered, :inputTokens, :outputTokens, :costMicros, :priceMicros, :latencyMillis,
                            :status, :prompt)""")
                .bind("id", entry.id())
                .bind("keyId", entry.keyId())
                .bind("created", entry.createdAt().toEpochMilli())
                .bind("requestId", entry.requestId())
                .bind("model", entry.model())
                .bind("channel", entry.channel())
                .bind("size", entry.size())
                .bind("quality", entry.quality())
                .bind("nRequested", entry.nRequested())
                .bind("nDelivered", entry.nDelivered())
                .bind("inputTokens", entry.inputTokens())
                .bind("outputTokens", entry.outputTokens())
                .bind("costMicros", entry.costMicros())
                .bind("priceMicros", entry.priceMicros())
                .bind("latencyMillis", entry.latencyMillis())
                .bind("status", entry.status().wireName())
                .bind("prompt", entry.prompt().orElse(null))
                .execute();
    }

    /**
     * Releases every reservation that expired before {@code now}: its request's instance crashed or
     * was killed between reserve and settle. Each is refunded in full and recorded as {@code reconciled}.
     *
     * @return how many were released
     */
    public int reconcile(Instant now) {
        List<ReservationRow> expired = jdbi.withHandle(h -> h.createQuery("""
                        SELECT * FROM ledger_reservations WHERE expires_at <= :now ORDER BY expires_at LIMIT 1000""")
                .bind("now", now.toEpochMilli())
                .map((rs, ctx) -> row(rs))
                .list());
        int released = 0;
        for (ReservationRow row : expired) {
            if (close(row, reconciled(row, now))) {
                released++;
            }
        }
        return released;
    }

    /**
     * Releases one open reservation now, refunded in full and recorded as {@code reconciled}: its request
     * (an async job) is being run again elsewhere under a new reservation.
     *
     * @return false when it was already closed (settled, refunded or reconciled)
     */
    public boolean release(String reservationId, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM ledger_reservations WHERE id = :id")
                        .bind("id", reservationId)
                        .map((rs, ctx) -> row(rs))
                        .findOne())
                .map(row -> close(row, reconciled(row, now)))
                .orElse(false);
    }

    private static ReservationRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ReservationRow(rs.getString("id"), rs.getString("key_id"), rs.getString("month"),
                rs.getLong("amount_micros"), rs.getLong("created_at"), rs.getLong("expires_at"),
                rs.getString("request_id"), rs.getString("model"), rs.getString("size"),
                rs.getString("quality"), rs.getInt("n_requested"));
    }

    private static UsageEntry reconciled(ReservationRow row, Instant now) {
        return new UsageEntry(row.id(), row.keyId(), now, row.requestId(), row.model(), "",
                row.size(), row.quality(), row.nRequested(), 0, 0, 0, 0, 0,
                Math.max(0, now.toEpochMilli() - row.createdAt()), UsageEntry.Status.RECONCILED, Optional.empty());
    }

    /** Thrown inside the reserve transaction to roll it back. */
    private static final class OverBudget extends RuntimeException {
        OverBudget() {
            super(null, null, false, false);
        }
    }
}
