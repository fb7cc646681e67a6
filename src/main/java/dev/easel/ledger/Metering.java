package dev.easel.ledger;

import dev.easel.account.ApiKey;
import dev.easel.account.Budget;
import dev.easel.account.Permit;
import dev.easel.account.RateLimiter;
import dev.easel.catalog.ImageRequest;
import dev.easel.catalog.PriceCalculator;
import dev.easel.catalog.UsageCalculator;
import dev.easel.error.EaselException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Admission of a validated request for a key, in order: the model is allowed, the rate and concurrency
 * limits admit it, and its maximum price fits the budget and is held (a key without a budget holds
 * nothing). What it returns is settled or refunded after the backend ran. Anything refused here never
 * reaches a backend.
 */
public final class Metering {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Ledger ledger;
    private final LedgerWriter writer;
    private final RateLimiter limiter;
    private final Charges charges;
    private final Clock clock;
    private final Duration reservationTtl;
    private final boolean logPrompts;

    /**
     * @param reservationTtl how long a reservation may stay open before the reconciler treats its
     *                       request as lost in a crash; longer than any generation may take
     * @param logPrompts     keep prompts in usage entries (off by default: prompts can be personal data)
     */
    public Metering(Ledger ledger, LedgerWriter writer, RateLimiter limiter, PriceCalculator prices, UsageCalculator usage, Clock clock,
                    Duration reservationTtl, boolean logPrompts) {
        this.ledger = ledger;
        this.writer = writer;
        this.limiter = limiter;
        this.charges = new Charges(prices, usage);
        this.clock = clock;
        this.reservationTtl = reservationTtl;
        this.logPrompts = logPrompts;
    }

    /**
     * Admits the request and holds its maximum price.
     *
     * @throws EaselException 403 when the key may not use the model, 429 {@code rate_limit_exceeded} over a
     *                        limit, 429 {@code insufficient_quota} when the budget cannot cover it
     */
    public Reservation reserve(ApiKey key, ImageRequest request, String requestId) {
        if (!key.policy().allowsModel(request.model().id())) {
            throw new EaselException(403, "invalid_request_error", Optional.of("model"), Optional.of("model_not_allowed"),
                    "This API key may not use the model `" + request.model().id() + "`. Allowed: "
                            + key.policy().models().stream().sorted().toList() + ".");
        }
        Permit permit = limiter.acquire(key.id(), key.policy().limits(), request.n());
        try {
            long amount = Charges.times(charges.maximumListMicros(request), key.policy().priceMultiplier());
            Instant now = clock.instant();
            ReservationRow row = new ReservationRow(reservationId(now), key.id(),
                    month(now), amount, now.toEpochMilli(), now.plus(reservationTtl).toEpochMilli(), requestId,
                    request.model().id(), request.size().toString(), request.quality(), request.n());
            // A key without a budget has nothing to hold against: its request is only charged when it ends.
            boolean held = key.policy().budget().isPresent();
            if (held && !reserve(row, key.policy().budget())) {
                throw new EaselException(429, "insufficient_quota", Optional.empty(), Optional.of("insufficient_quota"),
                        "You exceeded your current quota: this request may cost up to " + Money.usd(amount)
                                + " USD, more than the key's remaining budget. Ask the administrator to raise it.",
                        Optional.empty(), java.util.Map.of("x-should-retry", "false")); // retrying cannot help
            }
            return new Reservation(row, held, request, key.policy().priceMultiplier(), permit, writer, charges, clock,
                    logPrompts);
        } catch (RuntimeException e) {
            permit.close();
            throw e;
        }
    }

    /**
     * Holds the amount; when the budget seems too small, once more after the key's finished requests are
     * written: until then each still holds its maximum price, which may be more than it cost.
     */
    private boolean reserve(ReservationRow row, Optional<Budget> budget) {
        if (ledger.reserve(row, budget)) {
            return true;
        }
        writer.flush();
        return ledger.reserve(row, budget);
    }

    /**
     * Releases a reservation taken earlier for a request that now runs under a new one (an async job
     * restarted after its instance died); false when it was already closed.
     */
    public boolean release(String reservationId) {
        return ledger.release(reservationId, clock.instant());
    }

    /** The balance period a month budget counts against: the calendar month UTC, as {@code 2026-11}. */
    public static String month(Instant instant) {
        return YearMonth.from(instant.atZone(ZoneOffset.UTC)).toString();
    }

    /**
     * {@code rsv_}, the time in milliseconds (12 hex digits), 64 random bits. Time first, so the ids of
     * new usage entries land at the end of their index, where its pages are already in memory, not on
     * a random page of an index that grows with every request.
     */
    static String reservationId(Instant now) {
        return "rsv_" + HexFormat.of().toHexDigits(now.toEpochMilli()).substring(4) + HexFormat.of().toHexDigits(
                RANDOM.nextLong());
    }
}
