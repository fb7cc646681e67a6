package dev.easel.ledger;

import dev.easel.catalog.ImageRequest;
import dev.easel.catalog.ImageUsage;
import dev.easel.catalog.PriceCalculator;
import dev.easel.catalog.PriceRule;
import dev.easel.catalog.UsageCalculator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns catalogue prices into what the ledger holds and charges. The list price comes from the model's
 * rule; the key pays list price times its multiplier; the operator's cost is the channel's own figure
 * when it has one, the list price otherwise.
 */
final class Charges {
    private final PriceCalculator prices;
    private final UsageCalculator usage;

    Charges(PriceCalculator prices, UsageCalculator usage) {
        this.prices = prices;
        this.usage = usage;
    }

    /**
     * The most the request can cost a key with this price multiplier: all n images at list price,
     * partial-image tokens included.
     */
    long maximumMicros(ImageRequest request, BigDecimal multiplier) {
        return times(prices.priceMicros(request, request.n()), multiplier);
    }

    /**
     * List price of what was delivered: per image, the delivered count; per token, the upstream's reported
     * usage when given, else the model's estimate for the delivered images.
     */
    long deliveredListMicros(ImageRequest request, int delivered, Optional<ImageUsage> reported) {
        if (request.model().price() instanceof PriceRule.PerToken && reported.isPresent()) {
            return prices.priceMicros(request, reported.get());
        }
        return prices.priceMicros(request, delivered);
    }

    /** The image output tokens the model's rule gives the delivered images; empty for per-image models. */
    OptionalLong estimatedOutputTokens(ImageRequest request, int delivered) {
        return usage.outputTokens(request, delivered);
    }

    /** Tokens to record: reported, else estimated for the delivered images; empty for per-image models. */
    Optional<ImageUsage> tokens(ImageRequest request, int delivered, Optional<ImageUsage> reported) {
        return reported.isPresent() ? reported : usage.usageFor(request, delivered);
    }

    /** Rounded once, half up, like the catalogue's own prices. */
    static long times(long micros, BigDecimal multiplier) {
        if (multiplier.compareTo(BigDecimal.ONE) == 0) {
            return micros;
        }
        return BigDecimal.valueOf(micros).multiply(multiplier).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
