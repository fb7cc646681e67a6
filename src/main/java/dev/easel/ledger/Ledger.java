package dev.easel.ledger;

import dev.easel.account.Budget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The ledger's writes. A key with a budget is served from allowances: an instance {@link #draw draws} money
 * from the budget (one conditional UPDATE per balance row, so instances sharing a database never overspend
 * it) and hands it out to its requests in memory. Finished requests are written by {@link #book}, as many
 * in one transaction as {@link LedgerWriter} has waiting: each takes its price out of its allowance, is
 * charged and recorded; an allowance's rest is given back the same way. A key without a budget draws
 * nothing: its requests are only charged and recorded.
 *
 * <p>Every transaction starts with a write, so SQLite takes its write lock at once instead of upgrading a
 * read lock (which fails under WAL instead of waiting). Rows are locked in one order, allowances (by id)
 * before balances, and balances by key and then month before total, so PostgreSQL transactions never wait
 * on each other in a circle. On SQLite the process's writers take turns before reaching the database
 * ({@code storage.OneWriterAtATime}).
 */
public final class Ledger {
    static final String TOTAL = "total";

    private final Jdbi jdbi;
    // Balance rows are never deleted, so once seen they need no further upsert (saves two statements).
    private final Set<String> knownRows = ConcurrentHashMap.newKeySet();

    public Ledger(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * What an allowance asks of its key's budget: {@code neededMicros} or nothing, and up to
     * {@code wantedMicros} when the budget has room to spare, in whole steps of {@code stepMicros} (the
     * request's price) so that what the allowance keeps back is always a whole request's worth.
     *
     * @param first the allowance has no row yet (its first draw)
     */
    record Draw(String allowanceId, String keyId, String month, Budget budget, long neededMicros, long wantedMicros,
                long stepMicros, boolean first, long createdAt, long expiresAt) {
    }

    /** Thrown by {@link #draw} when the allowance's row is gone: the reconciler gave it back. */
    static final class AllowanceGone extends RuntimeException {
        AllowanceGone() {
            super(null, null, false, false);
        }
    }

    /**
     * Moves money from the key's budget into the allowance: the amount needed, plus whatever more was
     * wanted up to a quarter of what the budget still has, in whole requests (so instances sharing a key
     * leave each other room, none keeps back a fraction another could have used, and the last of a budget
     * is drawn one request at a time).
     *
     * @return what was drawn, 0 when even the amount needed does not fit
     * @throws AllowanceGone when the allowance was given back meanwhile
     */
    long draw(Draw d) {
        long monthLimit = d.budget().period() == Budget.Period.MONTH ? d.budget().micros() : -1;
        long totalLimit = d.budget().period() == Budget.Period.TOTAL ? d.budget().micros() : -1;
        String limited = d.budget().period() == Budget.Period.MONTH ? d.month() : TOTAL;
        try {
            long drawn = jdbi.inTransaction(h -> {
                if (d.first()) {
                    h.createUpdate("""
                                    INSERT INTO ledger_allowances (id, key_id, month, amount_micros, created_at, expires_at)
                                    VALUES (:id, :key, :month, 0, :created, :expires)""")
                            .bind("id", d.allowanceId())
                            .bind("key", d.keyId())
                            .bind("month", d.month())
                            .bind("created", d.createdAt())
                            .bind("expires", d.expiresAt())
                            .execute();
                } else if (renew(h, d.allowanceId(), d.expiresAt()) != 1) {
                    throw new AllowanceGone();
                }
                ensureRow(h, d.keyId(), d.month());
                ensureRow(h, d.keyId(), TOTAL);
                if (hold(h, d.keyId(), d.month(), d.neededMicros(), monthLimit) != 1
                        || hold(h, d.keyId(), TOTAL, d.neededMicros(), totalLimit) != 1) {
                    throw new OverBudget();
                }
                long room = d.budget().micros() - h.createQuery("""
                                SELECT spent_micros + reserved_micros FROM ledger_balances
                                WHERE key_id = :key AND period = :period""")
                        .bind("key", d.keyId())
                        .bind("period", limited)
                        .mapTo(Long.class)
                        .one();
                long extra = Math.max(0, Math.min(d.wantedMicros() - d.neededMicros(), room / 4));
                extra -= d.stepMicros() > 0 ? extra % d.stepMicros() : 0;
                if (extra > 0) { // the rows are this transaction's already: no other writer can get in between
                    hold(h, d.keyId(), d.month(), extra, -1);
                    hold(h, d.keyId(), TOTAL, extra, -1);
                }
                long amount = d.neededMicros() + extra;
                h.createUpdate("UPDATE ledger_allowances SET amount_micros = amount_micros + :amount WHERE id = :id")
                        .bind("amount", amount)
                        .bind("id", d.allowanceId())
                        .execute();
                return amount;
            });
            knownRows.add(d.keyId() + "/" + d.month());
            knownRows.add(d.keyId() + "/" + TOTAL);
            return drawn;
        } catch (OverBudget e) {
            return 0;
        }
    }

    /**
     * Moves the allowances' expiry to {@code expiresAt}, as their instance is alive.
     *
     * @return the ids that are no longer in the ledger (the reconciler gave them back)
     */
    Set<String> renew(Collection<String> allowanceIds, long expiresAt) {
        if (allowanceIds.isEmpty()) {
            return Set.of();
        }
        return jdbi.inTransaction(h -> {
            Set<String> gone = new HashSet<>();
            for (String id : allowanceIds.stream().sorted().toList()) {
                if (renew(h, id, expiresAt) != 1) {
                    gone.add(id);
                }
            }
            return gone;
        });
    }

    private static int renew(Handle h, String allowanceId, long expiresAt) {
        return h.createUpdate("UPDATE ledger_allowances SET expires_at = :expires WHERE id = :id")
                .bind("expires", expiresAt)
                .bind("id", allowanceId)
                .execute();
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

    private static int hold(Handle h, String keyId, String period, long amount, long limit) {
        return h.createUpdate("""
                        UPDATE ledger_balances SET reserved_micros = reserved_micros + :amount
                        WHERE key_id = :key AND period = :period
                          AND (:limit < 0 OR spent_micros + reserved_micros + :amount <= :limit)""")
                .bind("amount", amount)
                .bind("key", keyId)
                .bind("period", period)
                .bind("limit", limit)
                .execute();
    }

    /**
     * Writes finished requests and given-back allowances in one transaction, all or nothing: each booking
     * takes its price out of its allowance (unless the reconciler gave that allowance back first: then the
     * price is charged and nothing released), each give-back releases what its allowance still holds; then
     * the balance rows change once per key and period, and the entries are recorded.
     */
    void book(List<? extends Posting> postings) {
        Set<String> charged = jdbi.inTransaction(h -> {
            Balances changes = new Balances();
            List<Posting> ordered = new ArrayList<>(postings);
            ordered.sort(Comparator.comparing(Ledger::allowanceOf)); // allowances locked in id order
            for (Posting posting : ordered) {
                switch (posting) {
                    case Booking b -> {
                        boolean released = b.allowanceId().isPresent() && b.releasedMicros() > 0
                                && takeOut(h, b.allowanceId().get(), b.releasedMicros());
                        changes.add(b.entry().keyId(), b.month(), released ? b.releasedMicros() : 0,
                                b.entry().priceMicros());
                    }
                    case Posting.GiveBack g -> giveBack(h, g.allowanceId(), Long.MAX_VALUE, changes);
                }
            }
            changes.apply(h);
            insert(h, postings);
            return changes.rows();
        });
        knownRows.addAll(charged);
    }

    private static String allowanceOf(Posting posting) {
        return switch (posting) {
            case Booking b -> b.allowanceId().orElse("");
            case Posting.GiveBack g -> g.allowanceId();
        };
    }

    private static boolean takeOut(Handle h, String allowanceId, long amount) {
        return h.createUpdate("UPDATE ledger_allowances SET amount_micros = amount_micros - :amount WHERE id = :id")
                .bind("amount", amount)
                .bind("id", allowanceId)
                .execute() == 1;
    }

    /** Ends the allowance if it expired by {@code expiredBy}, releasing what it still holds; false if it was gone. */
    private static boolean giveBack(Handle h, String allowanceId, long expiredBy, Balances changes) {
        return h.createQuery("""
                        DELETE FROM ledger_allowances WHERE id = :id AND expires_at <= :by
                        RETURNING key_id, month, amount_micros""")
                .bind("id", allowanceId)
                .bind("by", expiredBy)
                .map((rs, ctx) -> {
                    changes.add(rs.getString(1), rs.getString(2), rs.getLong(3), 0);
                    return true;
                })
                .findOne()
                .orElse(false);
    }

    /** One balance row's change in a transaction. */
    private record Change(long releasedMicros, long priceMicros) {
        Change plus(Change other) {
            return new Change(releasedMicros + other.releasedMicros, priceMicros + other.priceMicros);
        }
    }

    /**
     * The balance rows a transaction changes, one UPDATE per row however many postings share it, applied in
     * one order: by key and then the month before {@code total} (as {@link #draw} takes them).
     */
    private final class Balances {
        private final SortedMap<String, SortedMap<String, Change>> byKey = new TreeMap<>();

        void add(String keyId, String month, long releasedMicros, long priceMicros) {
            if (releasedMicros == 0 && priceMicros == 0) {
                return; // a free request of a key without a budget touches no balance
            }
            Change change = new Change(releasedMicros, priceMicros);
            SortedMap<String, Change> periods = byKey.computeIfAbsent(keyId, k -> new TreeMap<>());
            periods.merge(month, change, Change::plus); // "2026-11" sorts before "total"
            periods.merge(TOTAL, change, Change::plus);
        }

        void apply(Handle h) {
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

        Set<String> rows() {
            Set<String> rows = new HashSet<>();
            byKey.forEach((keyId, periods) -> periods.keySet().forEach(period -> rows.add(keyId + "/" + period)));
            return rows;
        }
    }

    /** Records the bookings' entries: one statement prepared for the transaction, not one per entry. */
    private static void insert(Handle h, List<? extends Posting> postings) {
        try (PreparedBatch batch = h.prepareBatch("""
                INSERT INTO usage_entries (id, key_id, created_at, request_id, model, channel, size, quality,
                    n_requested, n_delivered, input_tokens, output_tokens, cost_micros, price_micros,
                    latency_ms, status, prompt)
                VALUES (:id, :keyId, :created, :requestId, :model, :channel, :size, :quality, :nRequested,
                    :nDelivered, :inputTokens, :outputTokens, :costMicros, :priceMicros, :latencyMillis,
                    :status, :prompt)""")) {
            for (Posting posting : postings) {
                if (posting instanceof Booking booking) {
                    UsageEntry entry = booking.entry();
                    batch.bind("id", entry.id())
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
                            .add();
                }
            }
            if (batch.size() > 0) {
                batch.execute();
            }
        }
    }

    /**
     * Gives back every allowance that expired before {@code now}: the instance that drew it stopped
     * renewing it (it crashed or was killed), so none of its requests can still be running. What it held is
     * released in full; its requests that finished before it died were booked as they finished.
     *
     * @return how many were given back
     */
    public int reconcile(Instant now) {
        List<String> expired = jdbi.withHandle(h -> h.createQuery("""
                        SELECT id FROM ledger_allowances WHERE expires_at <= :now ORDER BY id LIMIT 1000""")
                .bind("now", now.toEpochMilli())
                .mapTo(String.class)
                .list());
        if (expired.isEmpty()) {
            return 0;
        }
        return jdbi.inTransaction(h -> {
            Balances changes = new Balances();
            int given = 0;
            for (String id : expired) {
                if (giveBack(h, id, now.toEpochMilli(), changes)) { // unless renewed or given back meanwhile
                    given++;
                }
            }
            changes.apply(h);
            return given;
        });
    }

    /** Thrown inside a draw's transaction to roll it back. */
    private static final class OverBudget extends RuntimeException {
        OverBudget() {
            super(null, null, false, false);
        }
    }
}
