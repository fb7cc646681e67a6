package dev.easel.catalog;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Turns one merged catalogue entry into a {@link ModelSpec}, rejecting anything malformed. */
final class ModelSpecReader {
    static final List<String> FIELDS = List.of(
            "id", "aliases", "like", "owned_by", "created", "shutdown_date", "family", "revised_prompt",
            "prompt_max_chars", "n", "size", "quality", "style", "response_format", "output_format",
            "output_compression", "background", "moderation", "stream", "seed", "negative_prompt",
            "prompt_extend", "watermark", "price");

    private static final List<String> RESPONSE_FORMATS = List.of("url", "b64_json");
    private static final List<String> OUTPUT_FORMATS = List.of("png", "jpeg", "webp");

    private ModelSpecReader() {
    }

    static ModelSpec read(String id, JsonNode entry) {
        CatalogNode m = CatalogNode.root(id, entry);
        m.allowOnly(FIELDS);
        ModelSpec spec = new ModelSpec(
                id,
                m.optStrings("aliases"),
                m.string("owned_by"),
                m.integer("created", 0, Long.MAX_VALUE),
                shutdownDate(m),
                family(m),
                m.flag("revised_prompt"),
                (int) m.integer("prompt_max_chars", 1, Integer.MAX_VALUE),
                range(m.object("n"), 1, 1000),
                SizeRuleReader.read(m.object("size")),
                m.optObject("quality").map(c -> choice(c, List.of())),
                m.optObject("style").map(c -> choice(c, List.of())),
                m.optObject("response_format").map(c -> choice(c, RESPONSE_FORMATS)),
                m.optObject("output_format").map(c -> choice(c, OUTPUT_FORMATS)),
                m.optObject("output_compression").map(r -> range(r, 0, 100)),
                m.optObject("background").map(c -> choice(c, List.of("transparent", "opaque", "auto"))),
                m.optObject("moderation").map(c -> choice(c, List.of())),
                m.optObject("stream").map(ModelSpecReader::stream),
                m.optObject("seed").map(ModelSpecReader::seed),
                m.optObject("negative_prompt").map(c -> {
                    c.allowOnly(List.of("max_chars"));
                    return (int) c.integer("max_chars", 1, Integer.MAX_VALUE);
                }),
                m.flag("prompt_extend"),
                m.flag("watermark"),
                PriceRuleReader.read(m.object("price")));
        SpecChecks.check(spec, m);
        return spec;
    }

    private static Optional<LocalDate> shutdownDate(CatalogNode m) {
        Optional<String> text = m.optString("shutdown_date");
        try {
            return text.map(LocalDate::parse);
        } catch (DateTimeParseException e) {
            throw m.problem("shutdown_date", "must be a date as YYYY-MM-DD, but was '" + text.orElse("") + "'");
        }
    }

    private static ModelFamily family(CatalogNode m) {
        String name = m.string("family");
        for (ModelFamily f : ModelFamily.values()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(name)) {
                return f;
            }
        }
        throw m.problem("family", "must be one of dall_e, gpt_image, qwen, but was '" + name + "'");
    }

    /** Reads {min, max}; both default to the widest bounds the field allows. */
    static IntRange range(CatalogNode r, long lowest, long highest) {
        r.allowOnly(List.of("min", "max"));
        long min = r.optInteger("min", lowest, highest).orElse(lowest);
        long max = r.optInteger("max", lowest, highest).orElse(highest);
        return r.build("max", () -> new IntRange(min, max));
    }

    /**
     * Reads {values, default, auto}. When {@code known} is not empty the values must come from it,
     * because code gives those values meaning (a response_format of 'ftp' could never be served).
     */
    private static Choice choice(CatalogNode c, List<String> known) {
        c.allowOnly(List.of("values", "default", "auto"));
        List<String> values = c.strings("values");
        if (values.isEmpty()) {
            throw c.problem("values", "must list at least one value");
        }
        for (String v : values) {
            if (!known.isEmpty() && !known.contains(v)) {
                throw c.problem("values", "'" + v + "' is not one of " + known);
            }
        }
        String defaultValue = c.string("default");
        Optional<String> auto = c.optString("auto");
        if (auto.isPresent() && !values.contains(auto.get())) {
            throw c.problem("auto", "'" + auto.get() + "' is not one of the values " + values);
        }
        return c.build("default", () -> new Choice(values, defaultValue, auto));
    }

    private static ModelSpec.StreamRule stream(CatalogNode s) {
        s.allowOnly(List.of("partial_images"));
        IntRange partial = s.optObject("partial_images").map(p -> range(p, 0, 10)).orElse(new IntRange(0, 0));
        return new ModelSpec.StreamRule(partial);
    }

    private static IntRange seed(CatalogNode s) {
        return range(s, Long.MIN_VALUE, Long.MAX_VALUE);
    }
}
