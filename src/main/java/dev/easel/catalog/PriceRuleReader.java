package dev.easel.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the {@code price} mapping: exactly one of per_image or per_token. */
final class PriceRuleReader {
    private PriceRuleReader() {
    }

    static PriceRule read(CatalogNode p) {
        p.allowOnly(List.of("per_image", "per_token"));
        if (p.has("per_image") == p.has("per_token")) {
            throw p.problem("", "must give exactly one of per_image or per_token");
        }
        return p.has("per_image") ? perImage(p) : perToken(p.object("per_token"));
    }

    private static PriceRule perImage(CatalogNode p) {
        List<PriceRule.ImagePrice> prices = new ArrayList<>();
        for (CatalogNode row : p.objects("per_image")) {
            row.allowOnly(List.of("quality", "size", "usd"));
            Optional<String> quality = row.optString("quality");
            Optional<PixelSize> size = row.has("size") ? Optional.of(row.size("size")) : Optional.empty();
            BigDecimal usd = row.decimal("usd");
            prices.add(row.build("usd", () -> new PriceRule.ImagePrice(quality, size, usd)));
        }
        if (prices.isEmpty()) {
            throw p.problem("per_image", "must list at least one price");
        }
        return new PriceRule.PerImage(prices);
    }

    private static PriceRule perToken(CatalogNode t) {
        t.allowOnly(List.of("text_input", "image_input", "image_output", "output_tokens", "estimate_quality_as"));
        String ruleName = t.string("output_tokens");
        OutputTokenRule rule = OutputTokenRule.fromYamlName(ruleName).orElseThrow(() -> t.problem("output_tokens",
                "must be gpt-image-1-table or gpt-image-2-formula, but was '" + ruleName + "'"));
        Map<String, String> estimateAs = new HashMap<>();
        t.optObject("estimate_quality_as").ifPresent(e -> {
            for (String quality : e.fieldNames()) {
                estimateAs.put(quality, e.string(quality));
            }
        });
        return t.build("", () -> new PriceRule.PerToken(
                t.decimal("text_input"), t.decimal("image_input"), t.decimal("image_output"), rule, estimateAs));
    }
}
