package dev.easel.catalog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that span several fields of one spec: things each field is fine on its own about, but
 * that would only fail on some request later (a size with no price, transparency with no format
 * that can carry it).
 */
final class SpecChecks {
    private SpecChecks() {
    }

    static void check(ModelSpec spec, CatalogNode m) {
        checkBackground(spec, m);
        for (String quality : resolvedQualities(spec)) {
            for (PixelSize size : priceableSizes(spec)) {
                if (!priced(spec.price(), quality, size)) {
                    throw m.problem("price", "has no price for quality '" + quality + "' at size " + size);
                }
            }
        }
        if (spec.size() instanceof SizeRule.Flexible && spec.price() instanceof PriceRule.PerToken t
                && t.outputTokens() == OutputTokenRule.GPT_IMAGE_1_TABLE) {
            throw m.problem("price", "gpt-image-1-table only knows 1024x1024, 1024x1536 and 1536x1024, "
                    + "so it cannot price a flexible size rule; use gpt-image-2-formula or a fixed size list");
        }
        if (spec.size() instanceof SizeRule.Flexible && spec.price() instanceof PriceRule.PerImage perImage) {
            for (String quality : resolvedQualities(spec)) {
                boolean anySize = perImage.prices().stream()
                        .anyMatch(p -> p.size().isEmpty() && p.quality().map(quality::equals).orElse(true));
                if (!anySize) {
                    throw m.problem("price", "a flexible size rule needs a per_image price without a size for quality '"
                            + quality + "'");
                }
            }
        }
    }

    private static void checkBackground(ModelSpec spec, CatalogNode m) {
        if (spec.background().isEmpty()) {
            return;
        }
        if (spec.outputFormat().isEmpty()) {
            throw m.problem("background", "needs output_format, because transparency depends on the format");
        }
        boolean transparent = spec.background().get().allows("transparent")
                || spec.background().get().resolvedDefault().equals("transparent");
        boolean alpha = spec.outputFormat().get().values().stream().anyMatch(v -> !v.equals("jpeg"));
        if (transparent && !alpha) {
            throw m.problem("background", "allows 'transparent' but no output_format can carry an alpha channel");
        }
    }

    /** Every quality a request can end up with once defaults and {@code auto} are resolved. */
    static Set<String> resolvedQualities(ModelSpec spec) {
        Set<String> out = new LinkedHashSet<>();
        spec.quality().ifPresentOrElse(
                q -> q.values().forEach(v -> out.add(q.resolve(v))),
                () -> out.add(ModelSpec.DEFAULT_QUALITY));
        return out;
    }

    // Sizes a request can end up with; a flexible rule cannot be enumerated, so its default stands in.
    private static List<PixelSize> priceableSizes(ModelSpec spec) {
        return switch (spec.size()) {
            case SizeRule.Fixed f -> f.sizes();
            case SizeRule.Snap s -> s.sizes();
            case SizeRule.Flexible f -> List.of(f.defaultSize());
        };
    }

    private static boolean priced(PriceRule price, String quality, PixelSize size) {
        Optional<?> found = switch (price) {
            case PriceRule.PerImage p -> p.usdPerImage(quality, size);
            case PriceRule.PerToken t -> t.imageTokens(quality, size);
        };
        return found.isPresent();
    }
}
