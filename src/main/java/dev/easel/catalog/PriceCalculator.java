package dev.easel.catalog;

import dev.easel.catalog.PixelSize;
import dev.easel.catalog.PriceRule;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a generation costs, in micro-dollars (1 USD = 1,000,000), from the model's price rule.
 * Rates are exact decimals and the sum is rounded once, half up, so no fraction of a micro-dollar
 * is lost or invented along the way.
 */
public final class PriceCalculator {
    private static final BigDecimal MICROS_PER_USD = BigDecimal.valueOf(1_000_000);

    private final UsageCalculator usage;

    public PriceCalculator(UsageCalculator usage) {
        this.usage = usage;
    }

    /**
     * The price of {@code images} images of the request: the list price per image, or the
     * estimated usage of that many images for a token-priced model. Use it to reserve before
     * generating, and to settle when the upstream reports no usage.
     */
    public long priceMicros(ImageRequest request, int images) {
        if (images < 0) {
            throw new IllegalArgumentException("images must not be negative but was " + images);
        }
        return switch (request.model().price()) {
            case PriceRule.PerImage perImage -> perImageMicros(request, perImage, images);
            case PriceRule.PerToken perToken -> tokenMicros(perToken, usage.usageFor(request, images).orElseThrow());
        };
    }

    /**
     * The price of a finished generation whose usage is known (reported by the upstream, or
     * estimated). A per-image model has no token price, so it is charged for the request's n.
     */
    public long priceMicros(ImageRequest request, ImageUsage reported) {
        return switch (request.model().price()) {
            case PriceRule.PerImage perImage -> perImageMicros(request, perImage, request.n());
            case PriceRule.PerToken perToken -> tokenMicros(perToken, reported);
        };
    }

    private static long perImageMicros(ImageRequest request, PriceRule.PerImage rule, int images) {
        PixelSize size = new PixelSize(request.size().width(), request.size().height());
        BigDecimal usd = rule.usdPerImage(request.quality(), size).orElseThrow(() -> new IllegalStateException(
                "no price for " + request.model().id() + " at " + request.quality() + " " + size));
        return toMicros(usd.multiply(BigDecimal.valueOf(images)).multiply(MICROS_PER_USD));
    }

    // A rate in USD per million tokens is exactly micro-dollars per token. Output text tokens (which
    // image generation does not produce) are charged at the image output rate, the model's highest.
    private static long tokenMicros(PriceRule.PerToken rule, ImageUsage u) {
        BigDecimal micros = rule.textInput().multiply(BigDecimal.valueOf(u.inputTextTokens()))
                .add(rule.imageInput().multiply(BigDecimal.valueOf(u.inputImageTokens())))
                .add(rule.imageOutput().multiply(BigDecimal.valueOf(u.outputImageTokens() + u.outputTextTokens())));
        return toMicros(micros);
    }

    private static long toMicros(BigDecimal micros) {
        return micros.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
