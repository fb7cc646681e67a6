package dev.easel.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How a model is priced: a list price per image, or rates per million tokens. */
public sealed interface PriceRule {

    /**
     * A price per generated image, looked up by quality and size. The first matching entry wins,
     * and an entry that leaves quality or size out matches any, so a flat price is one entry.
     */
    record PerImage(List<ImagePrice> prices) implements PriceRule {
        public PerImage {
            prices = List.copyOf(prices);
        }

        /** USD for one image of this resolved quality and size; empty when no entry matches. */
        public Optional<BigDecimal> usdPerImage(String quality, PixelSize size) {
            return prices.stream().filter(p -> p.matches(quality, size)).findFirst().map(ImagePrice::usd);
        }
    }

    /** One row of a per-image price list. */
    record ImagePrice(Optional<String> quality, Optional<PixelSize> size, BigDecimal usd) {
        public ImagePrice {
            if (usd.signum() < 0) {
                throw new IllegalArgumentException("price must not be negative but was " + usd);
            }
        }

        boolean matches(String q, PixelSize s) {
            return quality.map(q::equals).orElse(true) && size.map(s::equals).orElse(true);
        }
    }

    /**
     * Rates in USD per million tokens, and the rule that estimates image output tokens.
     *
     * @param estimateQualityAs qualities the token rule does not know, mapped to one it does
     *                          (gpt-image-2.6's {@code xhigh} and {@code max} are estimated as {@code high})
     */
    record PerToken(
            BigDecimal textInput,
            BigDecimal imageInput,
            BigDecimal imageOutput,
            OutputTokenRule outputTokens,
            Map<String, String> estimateQualityAs) implements PriceRule {
        public PerToken {
            estimateQualityAs = Map.copyOf(estimateQualityAs);
            for (BigDecimal rate : List.of(textInput, imageInput, imageOutput)) {
                if (rate.signum() < 0) {
                    throw new IllegalArgumentException("rate must not be negative but was " + rate);
                }
            }
        }

        /** Image output tokens for one image; empty when the rule cannot price this quality or size. */
        public Optional<Long> imageTokens(String quality, PixelSize size) {
            return outputTokens.imageTokens(estimateQualityAs.getOrDefault(quality, quality), size);
        }
    }
}
