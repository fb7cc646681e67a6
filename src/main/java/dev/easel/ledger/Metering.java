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
 * limits admit it, and its maximum price fits the budget and is held from the key's allowance (a key
 * without a budget holds nothing). What it returns is settled or refunded after the backend ran. Anything
 * refused here never reaches a backend.
 */
public final class Metering {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Allowances allowances;
    private final LedgerWriter writer;
    private final RateLimiter limiter;
    private final Charges charges;
    private final Clock clock;
    private final boolean logPrompts;

    /**
     * @param reservationTtl how long an allowance outlives the last renewal of its instance before the
     *                       reconciler of any instance gives it back
     * @param logPrompts     keep prompts in usage entries (off by default: prompts can be personal data)
     */
    public Metering(Ledger ledger, LedgerWriter writer, RateLimiter limiter, PriceCalculator prices, UsageCalculator usage, Clock clock,
                    Duration reservationTtl, boolean logPrompts) {
        this.allowances = new Allowances(ledger, writer, clock, reservationTtl);
        this.writer = writer;
        this.limiter = limiter;
        this.charges = new Charges(prices, usage);
        this.clock = clock;
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
            // Only a budget needs the maximum: for a token-priced model it counts the prompt's tokens, which
            // takes from 10 µs for a short prompt to a millisecond for the longest.
            long amount = key.policy().budget().isPresent()
                    ? charges.maximumMicros(request, key.policy().priceMultiplier()) : 0;
            Instant now = clock.instant();
            Reserved reserved = new Reserved(reservationId(now), key.id(), month(now), amount, requestId);
            // A key without a budget has nothing to hold against: its request is only charged when it ends.
            Optional<Allowances.Allowance> allowance = key.policy().budget().flatMap(budget -> hold(reserved, budget));
            if (key.policy().budget().isPresent() && allowance.isEmpty()) {
                throw new EaselException(429, "insufficient_quota", Optional.empty(), Optional.of("insufficient_quota"),
                        "You exceeded your current quota: this request may cost up to " + Money.usd(amount)
                                + " USD, more than the key's remaining budget. Ask the administrator to raise it.",
                        Optional.empty(), java.util.Map.of("x-should-retry", "false")); // retrying cannot help
            }
            return new Reservation(reserved, allowance, request, key.policy().priceMultiplier(), permit, writer, charges, clock,
                    logPrompts);
        } catch (RuntimeException e) {
            permit.close();
            throw e;
        }
    }

    /**
     * Holds the amount from the key's allowance; when the budget seems too small, once more after this
     * instance gave back the key's allowances nothing is held from (another month's, or one drawn under a
     * budget since changed), which may be what is missing.
     */
    private Optional<Allowances.Allowance> hold(Reserved reserved, Budget budget) {
        Optional<Allowances.Allowance> held = allowances.hold(reserved.keyId(), reserved.month(), budget,
                reserved.amountMicros());
        if (held.isPresent()) {
            return held;
        }
        giveBackUnheld(reserved.keyId());
        return allowances.hold(reserved.keyId(), reserved.month(), budget, reserved.amountMicros());
    }

    /**
     * Gives back the key's allowances nothing is held from and waits until that is written, so the key's
     * balance shows as reserved only what its requests in flight hold (on this instance; another instance
     * gives its allowances back a second after its last request).
     */
    public void giveBackUnheld(String keyId) {
        allowances.giveBackUnheld(keyId);
        writer.flush();
    }

    /**
     * Gives back idle allowances and renews the expiry of the others; run every second while the instance
     * serves.
     */
    public void tend() {
        allowances.tend();
    }

    /** As the instance stops: every allowance goes back, at once or as its last request ends. */
    public void giveBackAll() {
        allowances.giveBackAll();
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
