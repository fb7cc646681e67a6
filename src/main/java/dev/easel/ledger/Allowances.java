package dev.easel.ledger;

import dev.easel.account.Budget;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * The budget this instance has drawn from the ledger for keys with a budget, handed out to their requests
 * in memory: a request holds its maximum price from its key's allowance without a write of its own, and
 * an allowance draws again (one write for many requests) only when what it has left does not cover the
 * next one. What a finished request cost leaves the allowance at once; its booking moves the same amount
 * from reserved to spent in the ledger later. Instances sharing a database each draw their own, and a draw
 * is a conditional UPDATE, so together they never hold more than the budget.
 *
 * <p>An allowance nothing was held from for {@link #IDLE} goes back to the budget ({@link #tend}), so a key
 * that goes quiet shows only its requests in flight as reserved, and another instance can use the rest.
 * While it lives, its expiry in the ledger is renewed; if this process dies, the reconciler of any instance
 * gives it back once it expires ({@code reservation_ttl}).
 */
final class Allowances {
    /** A draw asks for this many of the request's maximum price at once; the ledger may give less. */
    private static final int REQUESTS_PER_DRAW = 16;
    /** An allowance with nothing held from it for this long goes back to its budget. */
    static final Duration IDLE = Duration.ofSeconds(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Ledger ledger;
    private final LedgerWriter writer;
    private final Clock clock;
    private final long ttlMillis;
    /** The allowance of each key and month that new requests hold from. */
    private final ConcurrentHashMap<String, Allowance> open = new ConcurrentHashMap<>();
    /** Every allowance with a row in the ledger not yet given back: open ones and closing ones. */
    private final Set<Allowance> live = ConcurrentHashMap.newKeySet();

    Allowances(Ledger ledger, LedgerWriter writer, Clock clock, Duration ttl) {
        this.ledger = ledger;
        this.writer = writer;
        this.clock = clock;
        this.ttlMillis = ttl.toMillis();
    }

    /**
     * Money drawn for one key and month. Its counts change under its lock: {@code drawn} is what its row in
     * the ledger holds once every booking handed to the writer is written, {@code held} what requests in
     * flight hold of it.
     */
    final class Allowance {
        private final String id = "alw_" + HexFormat.of().toHexDigits(RANDOM.nextLong());
        private final String keyId;
        private final String month;
        private final Budget budget;
        private final ReentrantLock lock = new ReentrantLock();
        private long drawn;
        private long held;
        private long lastUsed;
        private long expiresAt;
        private boolean inLedger;
        private boolean closing;

        private Allowance(String keyId, String month, Budget budget) {
            this.keyId = keyId;
            this.month = month;
            this.budget = budget;
            this.lastUsed = clock.millis();
        }

        String id() {
            return id;
        }

        /**
         * A request that held {@code heldMicros} ended costing {@code priceMicros}: its hold is free again, its
         * price leaves the allowance, and its booking, told what it takes out of the allowance's row (the
         * price, at most what the allowance holds), goes to the writer. Under the lock, so the booking is
         * queued before the allowance's give-back can be: written after it, the give-back would take the
         * booking's money out of what is reserved before the booking adds it to what is spent, and for that
         * moment another draw could have it (the budget overspent by a request).
         */
        void release(long heldMicros, long priceMicros, LongFunction<Booking> booking) {
            lock.lock();
            try {
                held -= heldMicros;
                long out = Math.min(priceMicros, Math.max(0, drawn));
                drawn -= out;
                lastUsed = clock.millis();
                writer.submit(booking.apply(out));
                if (closing && held == 0) {
                    end();
                }
            } finally {
                lock.unlock();
            }
        }

        /** No new holds; given back once nothing is held. Under the lock. */
        private void close() {
            open.remove(keyId + "/" + month, this);
            closing = true;
            if (held == 0) {
                end();
            }
        }

        private void end() {
            if (live.remove(this)) {
                writer.submit(new Posting.GiveBack(id));
            }
        }
    }

    /**
     * Holds {@code amount} for a request of the key, drawing from its budget when the allowance has too
     * little left.
     *
     * @return the allowance held from; empty when the budget cannot cover the amount
     */
    Optional<Allowance> hold(String keyId, String month, Budget budget, long amount) {
        String slot = keyId + "/" + month;
        for (int attempt = 0; attempt < 3; attempt++) {
            Allowance a = open.computeIfAbsent(slot, s -> new Allowance(keyId, month, budget));
            a.lock.lock();
            try {
                if (a.closing) {
                    continue; // given back meanwhile: the next attempt finds or makes a new one
                }
                if (!a.budget.equals(budget)) {
                    a.close(); // the budget was changed: draw again under the new one
                    continue;
                }
                long left = Math.max(0, a.drawn - a.held);
                if (left < amount && !draw(a, amount - left, amount)) {
                    return Optional.empty();
                }
                if (a.closing) {
                    continue; // the draw found it gone
                }
                a.held += amount;
                a.lastUsed = clock.millis();
                return Optional.of(a);
            } finally {
                a.lock.unlock();
            }
        }
        return Optional.empty();
    }

    /** Under the allowance's lock; false when the budget cannot cover {@code needed}. */
    private boolean draw(Allowance a, long needed, long amount) {
        long now = clock.millis();
        try {
            long drawn = ledger.draw(new Ledger.Draw(a.id, a.keyId, a.month, a.budget, needed,
                    Math.max(needed, REQUESTS_PER_DRAW * amount), amount, !a.inLedger, now, now + ttlMillis));
            if (drawn == 0) {
                return false;
            }
            if (!a.inLedger) {
                a.inLedger = true;
                live.add(a);
            }
            a.drawn += drawn;
            a.expiresAt = now + ttlMillis;
            return true;
        } catch (Ledger.AllowanceGone e) {
            lost(a);
            return true;
        }
    }

    /** The reconciler gave the allowance back (this process stalled past its expiry): nothing of it is held. */
    private void lost(Allowance a) {
        live.remove(a);
        a.drawn = 0;
        a.close();
    }

    /**
     * Gives back the allowances nothing was held from for {@link #IDLE}, and renews the expiry of those
     * that will expire within half the time to live. Run every second or so.
     */
    void tend() {
        long now = clock.millis();
        closeEach(a -> a.held == 0 && now - a.lastUsed >= IDLE.toMillis());
        List<Allowance> expiring = live.stream().filter(a -> a.expiresAt - now < ttlMillis / 2).toList();
        if (expiring.isEmpty()) {
            return;
        }
        Set<String> gone = ledger.renew(expiring.stream().map(Allowance::id).toList(), now + ttlMillis);
        for (Allowance a : expiring) {
            a.lock.lock();
            try {
                if (gone.contains(a.id)) {
                    if (live.contains(a)) {
                        lost(a);
                    }
                } else {
                    a.expiresAt = now + ttlMillis;
                }
            } finally {
                a.lock.unlock();
            }
        }
    }

    /** Gives back the key's allowances that nothing is held from now, whatever their age. */
    void giveBackUnheld(String keyId) {
        closeEach(a -> a.keyId.equals(keyId) && a.held == 0);
    }

    /** As the instance stops: every allowance closes, given back now or when its last request ends. */
    void giveBackAll() {
        closeEach(a -> true);
    }

    /** Closes the open allowances that match, each judged under its lock. */
    private void closeEach(Predicate<Allowance> which) {
        for (Allowance a : open.values()) {
            a.lock.lock();
            try {
                if (which.test(a)) {
                    a.close();
                }
            } finally {
                a.lock.unlock();
            }
        }
    }
}
