package dev.easel.catalog;

import java.util.ArrayList;
import java.util.List;

/** Reads the {@code size} mapping: exactly one of fixed, flexible or snap, plus default. */
final class SizeRuleReader {
    private SizeRuleReader() {
    }

    static SizeRule read(CatalogNode s) {
        s.allowOnly(List.of("fixed", "flexible", "snap", "default"));
        List<String> kinds = new ArrayList<>(List.of("fixed", "flexible", "snap").stream().filter(s::has).toList());
        if (kinds.size() != 1) {
            throw s.problem("", "must give exactly one of fixed, flexible or snap, but gave " + kinds);
        }
        PixelSize defaultSize = s.size("default");
        return switch (kinds.get(0)) {
            case "fixed" -> fixed(s, defaultSize);
            case "snap" -> snap(s, defaultSize);
            default -> flexible(s.object("flexible"), defaultSize);
        };
    }

    private static SizeRule fixed(CatalogNode s, PixelSize defaultSize) {
        boolean auto = s.strings("fixed").contains("auto");
        List<PixelSize> sizes = sizes(s, "fixed", true);
        return s.build("default", () -> new SizeRule.Fixed(sizes, auto, defaultSize));
    }

    private static SizeRule snap(CatalogNode s, PixelSize defaultSize) {
        List<PixelSize> sizes = sizes(s, "snap", false);
        return s.build("default", () -> new SizeRule.Snap(sizes, defaultSize));
    }

    private static List<PixelSize> sizes(CatalogNode s, String key, boolean autoAllowed) {
        List<PixelSize> out = new ArrayList<>();
        for (String text : s.strings(key)) {
            if (autoAllowed && text.equals("auto")) {
                continue;
            }
            out.add(PixelSize.parse(text).orElseThrow(
                    () -> s.problem(key, "'" + text + "' is not WIDTHxHEIGHT" + (autoAllowed ? " or auto" : ""))));
        }
        if (out.isEmpty()) {
            throw s.problem(key, "must list at least one WIDTHxHEIGHT size");
        }
        return out;
    }

    private static SizeRule flexible(CatalogNode f, PixelSize defaultSize) {
        f.allowOnly(List.of("multiple_of", "max_edge", "max_aspect", "min_pixels", "max_pixels"));
        int multipleOf = (int) f.integer("multiple_of", 1, 4096);
        int maxEdge = (int) f.integer("max_edge", 1, 1 << 20);
        int maxAspect = (int) f.integer("max_aspect", 1, 1000);
        long minPixels = f.integer("min_pixels", 1, Long.MAX_VALUE);
        long maxPixels = f.integer("max_pixels", 1, Long.MAX_VALUE);
        return f.build("", () ->
                new SizeRule.Flexible(multipleOf, maxEdge, maxAspect, minPixels, maxPixels, defaultSize));
    }
}
