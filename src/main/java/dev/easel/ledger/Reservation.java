package dev.easel.ledger;

import dev.easel.account.Permit;
import dev.easel.catalog.ImageRequest;
import dev.easel.catalog.ImageUsage;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Money held for one admitted request (from its key's allowance; none when the key has no budget), and
 * its concurrency slot. Exactly one of {@link #settle} and {@link #refund} takes effect (the first; later
 * calls return false). {@link #close} refunds a reservation nobody closed and always gives the concurrency
 * slot back, so use it in try-with-resources.
 */
public final class Reservation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reservation.class);

    private final Reserved reserved;
    private final Optional<Allowances.Allowance> allowance;
    private final ImageRequest request;
    private final BigDecimal multiplier;
    private final Permit permit;
    private final LedgerWriter writer;
    private final Charges charges;
    private final Clock clock;
    private final boolean logPrompt;
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean closed = new AtomicBoolean();

    Reservation(Reserved reserved, Optional<Allowances.Allowance> allowance, ImageRequest request, BigDecimal multiplier, Permit permit,
                LedgerWriter writer, Charges charges, Clock clock, boolean logPrompt) {
        this.reserved = reserved;
        this.allowance = allowance;
        this.request = request;
        this.multiplier = multiplier;
        this.permit = permit;
        this.writer = writer;
        this.charges = charges;
        this.clock = clock;
        this.logPrompt = logPrompt;
    }

    public String id() {
        return reserved.id();
    }

    /**
     * The request's maximum price for this key: what is held when the key has a budget, worked out on
     * demand when it has none.
     */
    public long maximumMicros() {
        return allowance.isPresent() ? reserved.amountMicros() : charges.maximumMicros(request, multiplier);
    }

    /** {@code x-ratelimit-*} headers to send with the response. */
    public Map<String, String> headers() {
        return permit.headers();
    }

    /**
     * Charges the images actually delivered (none delivered is a full refund) and records the entry: the
     * hold goes back to the allowance at once, the ledger writes the entry in the background
     * ({@link LedgerWriter}).
     *
     * @return true when this call closed the reservation
     */
    public boolean settle(Settlement outcome) {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        int delivered = Math.min(outcome.delivered(), request.n());
        long list = delivered == 0 ? 0 : charges.deliveredListMicros(request, delivered, outcome.reported());
        long price = Charges.times(list, multiplier);
        long cost = outcome.costMultiplier().map(m -> Charges.times(list, m)).orElse(list);
        if (allowance.isPresent() && price > reserved.amountMicros()) {
            // Reported usage above the estimate held: charged as reported, so the budget may overrun by the
            // difference. A few tokens over is routine: upstreams count prompts their own way.
            LOG.debug("request {} cost {} micro-USD, more than the {} held", reserved.requestId(), price,
                    reserved.amountMicros());
        }
        if (delivered > 0) {
            outcome.reported().ifPresent(reported -> checkTokenRule(reported, delivered));
        }
        UsageEntry.Status status = delivered == 0 ? UsageEntry.Status.REFUNDED
                : delivered < request.n() ? UsageEntry.Status.PARTIAL : UsageEntry.Status.SETTLED;
        Optional<ImageUsage> tokens = delivered == 0 ? outcome.reported()
                : charges.tokens(request, delivered, outcome.reported());
        book(entry(outcome.channel(), delivered, tokens, cost, price, status), price);
        return true;
    }

    /**
     * Warns when the upstream reported over a tenth more image output tokens than the model's rule gives the
     * delivered images: the catalogue's rule is then off, and every hold for the model too small.
     */
    private void checkTokenRule(ImageUsage reported, int delivered) {
        charges.estimatedOutputTokens(request, delivered).ifPresent(estimate -> {
            if (reported.outputImageTokens() - estimate > estimate / 10) {
                LOG.warn("request {} reported {} image output tokens for {} image(s) of {}, where its token rule "
                        + "gives {}", reserved.requestId(), reported.outputImageTokens(), delivered, request.model().id(),
                        estimate);
            }
        });
    }

    /** Gives the whole reservation back: nothing was delivered. */
    public boolean refund(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        LOG.debug("refunding request {}: {}", reserved.requestId(), reason);
        book(entry("", 0, Optional.empty(), 0, 0, UsageEntry.Status.REFUNDED), 0);
        return true;
    }

    /** Frees the hold and hands the outcome to the ledger, which takes the price out of the allowance. */
    private void book(UsageEntry entry, long priceMicros) {
        LongFunction<Booking> booking = released -> new Booking(entry, reserved.month(),
                allowance.map(Allowances.Allowance::id), released);
        allowance.ifPresentOrElse(a -> a.release(reserved.amountMicros(), priceMicros, booking),
                () -> writer.submit(booking.apply(0)));
    }

    /** Refunds if still open, and releases the concurrency slot. */
    @Override
    public void close() {
        try {
            if (!closed.get()) {
                refund("closed without settlement");
            }
        } finally {
            permit.close();
        }
    }

    private UsageEntry entry(String channel, int delivered, Optional<ImageUsage> tokens, long cost, long price,
                             UsageEntry.Status status) {
        return new UsageEntry(reserved.id(), reserved.keyId(), clock.instant(), reserved.requestId(), request.model().id(), channel,
                request.size().toString(), request.quality(), request.n(), delivered, tokens.map(ImageUsage::inputTokens).orElse(0L),
                tokens.map(ImageUsage::outputTokens).orElse(0L), cost, price,
                (System.nanoTime() - startNanos) / 1_000_000, status,
                logPrompt ? Optional.of(request.prompt()) : Optional.empty());
    }
}
