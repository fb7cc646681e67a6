package dev.easel.catalog;

import java.util.Map;
import java.util.Optional;

/**
 * How many image output tokens one generated image costs, per OpenAI's published rules. Only the
 * three base qualities are known to the rules; richer qualities are mapped onto them by the price
 * rule before they get here.
 */
public enum OutputTokenRule {
    /** The gpt-image-1 table (also gpt-image-1-mini, gpt-image-1.5, chatgpt-image-latest). */
    GPT_IMAGE_1_TABLE("gpt-image-1-table") {
        @Override
        public Optional<Long> imageTokens(String quality, PixelSize size) {
            return Optional.ofNullable(TABLE.get(quality)).map(row -> row.get(size.toString())).map(Long::valueOf);
        }
    },

    /**
     * gpt-image-2 and later: a community-derived formula that reproduces OpenAI's calculator
     * (196 / 1756 / 7024 tokens at 1024x1024 low / medium / high).
     */
    GPT_IMAGE_2_FORMULA("gpt-image-2-formula") {
        @Override
        public Optional<Long> imageTokens(String quality, PixelSize size) {
            Integer q = FORMULA_Q.get(quality);
            if (q == null) {
                return Optional.empty();
            }
            long w = size.width();
            long h = size.height();
            long longEdge = Math.max(w, h);
            long shortEdge = Math.min(w, h);
            // s = round(q * short / long), written as floor((2*q*S + L) / (2*L)) to stay in integers.
            long s = (2 * q * shortEdge + longEdge) / (2 * longEdge);
            long numerator = q * s * (2_000_000L + w * h);
            return Optional.of(Math.ceilDiv(numerator, 4_000_000L));
        }
    };

    private static final Map<String, Map<String, Integer>> TABLE = Map.of(
            "low", Map.of("1024x1024", 272, "1024x1536", 408, "1536x1024", 400),
            "medium", Map.of("1024x1024", 1056, "1024x1536", 1584, "1536x1024", 1568),
            "high", Map.of("1024x1024", 4160, "1024x1536", 6240, "1536x1024", 6208));

    private static final Map<String, Integer> FORMULA_Q = Map.of("low", 16, "medium", 48, "high", 96);

    private final String yamlName;

    OutputTokenRule(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name used for this rule in models.yaml. */
    public String yamlName() {
        return yamlName;
    }

    /** Tokens for one image; empty when the rule has no value for this quality or size. */
    public abstract Optional<Long> imageTokens(String quality, PixelSize size);

    public static Optional<OutputTokenRule> fromYamlName(String name) {
        for (OutputTokenRule rule : values()) {
            if (rule.yamlName.equals(name)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}
