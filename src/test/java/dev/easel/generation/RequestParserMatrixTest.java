package dev.easel.generation;

import static dev.easel.generation.Requests.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.catalog.ModelSpec;
import dev.easel.error.EaselException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every catalogued model (and alias) against the documented rules: each accepts its values and
 * rejects the others with the right param and code. The expectations are written out here, apart
 * from models.yaml, so a slip in the catalogue shows up as a failing row.
 */
class RequestParserMatrixTest {
    private static final List<String> DALL_E_2 = List.of("dall-e-2");
    private static final List<String> DALL_E_3 = List.of("dall-e-3");
    private static final List<String> GPT_1 = List.of(
            "gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5", "gpt-image-1.5-2025-12-16", "chatgpt-image-latest");
    private static final List<String> GPT_2 = List.of(
            "gpt-image-2", "gpt-image-2-2026-04-21", "gpt-image-2.5-sunburst", "gpt-image-2.5-sunburst-2026-09-08",
            "gpt-image-2.5-flare", "gpt-image-2.5-flare-2026-09-08");
    private static final List<String> GPT_2_6 = List.of("gpt-image-2.6-sunburst", "gpt-image-2.6-flare");
    private static final List<String> QWEN = List.of("qwen-image", "qwen-image-plus");

    private static final List<String> GPT_CONTROLS = List.of(
            "output_format", "output_compression", "background", "moderation", "stream", "partial_images");
    private static final List<String> QWEN_EXTRAS = List.of("negative_prompt", "prompt_extend", "watermark");

    private static final Map<String, Object> SAMPLE = Map.ofEntries(
            Map.entry("quality", "standard"), Map.entry("style", "vivid"), Map.entry("output_format", "png"),
            Map.entry("output_compression", 50), Map.entry("background", "opaque"), Map.entry("moderation", "auto"),
            Map.entry("stream", true), Map.entry("partial_images", 1), Map.entry("negative_prompt", "blur"),
            Map.entry("prompt_extend", false), Map.entry("watermark", false));

    /** model group, field, accepted values, rejected values (rejected with invalid_value). */
    private record Rule(List<String> models, String field, List<Object> accepted, List<Object> rejected) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(DALL_E_2, "n", List.of(1, 5, 10), List.of(0, 11, -1)),
            new Rule(DALL_E_2, "size", List.of("256x256", "512x512", "1024x1024"),
                    List.of("auto", "1792x1024", "1024x1536", "2048x2048", "big")),
            new Rule(DALL_E_2, "quality", List.of("standard"), List.of("hd", "auto", "high")),
            new Rule(DALL_E_2, "response_format", List.of("url", "b64_json"), List.of("png", "URL")),
            new Rule(DALL_E_2, "seed", List.of(-5, 0, Long.MAX_VALUE), List.of()),
            new Rule(DALL_E_2, "user", List.of("user-1"), List.of()),

            new Rule(DALL_E_3, "n", List.of(1), List.of(2, 0, 10)),
            new Rule(DALL_E_3, "size", List.of("1024x1024", "1792x1024", "1024x1792"),
                    List.of("auto", "1536x1024", "512x512", "1024X1024")),
            new Rule(DALL_E_3, "quality", List.of("standard", "hd"), List.of("low", "high", "auto")),
            new Rule(DALL_E_3, "style", List.of("vivid", "natural"), List.of("dramatic", "VIVID")),
            new Rule(DALL_E_3, "response_format", List.of("url", "b64_json"), List.of("jpeg")),

            new Rule(GPT_1, "n", List.of(1, 10), List.of(0, 11)),
            new Rule(GPT_1, "size", List.of("auto", "1024x1024", "1536x1024", "1024x1536"),
                    List.of("1792x1024", "2048x2048", "512x512", "1536x864")),
            new Rule(GPT_1, "quality", List.of("low", "medium", "high", "auto"),
                    List.of("standard", "hd", "xhigh", "max")),
            new Rule(GPT_1, "response_format", List.of("url", "b64_json"), List.of("png")),
            new Rule(GPT_1, "output_format", List.of("png", "jpeg", "jpg", "webp"), List.of("gif", "svg", "PNG")),
            new Rule(GPT_1, "output_compression", List.of(0, 75, 100), List.of(-1, 101)),
            new Rule(GPT_1, "background", List.of("transparent", "opaque", "auto"), List.of("white")),
            new Rule(GPT_1, "moderation", List.of("low", "auto"), List.of("high", "none")),
            new Rule(GPT_1, "stream", List.of(true, false), List.of()),
            new Rule(GPT_1, "partial_images", List.of(0, 3), List.of(-1, 4)),
            new Rule(GPT_1, "seed", List.of(Long.MIN_VALUE, 42), List.of()),

            new Rule(GPT_2, "n", List.of(1, 10), List.of(0, 11)),
            new Rule(GPT_2, "size", List.of("auto", "1024x1024", "1536x864", "3840x2160", "2160x3840", "1024x640",
                    "3072x1024", "2048x2048"),
                    List.of("1024x624", "256x256", "3856x2160", "3088x1024", "1000x1000", "x")),
            new Rule(GPT_2, "quality", List.of("low", "medium", "high", "auto"), List.of("xhigh", "max", "standard")),
            new Rule(GPT_2, "response_format", List.of("url", "b64_json"), List.of("png")),
            new Rule(GPT_2, "output_format", List.of("png", "jpeg", "jpg", "webp"), List.of("gif")),
            new Rule(GPT_2, "background", List.of("transparent", "opaque", "auto"), List.of("none")),
            new Rule(GPT_2, "partial_images", List.of(0, 3), List.of(4)),

            new Rule(GPT_2_6, "quality", List.of("low", "medium", "high", "xhigh", "max", "auto"), List.of("standard")),
            new Rule(GPT_2_6, "size", List.of("auto", "3840x2160"), List.of("3856x2160")),
            new Rule(GPT_2_6, "partial_images", List.of(0, 3), List.of(4)),

            new Rule(QWEN, "n", List.of(1), List.of(2, 4, 0)),
            new Rule(QWEN, "size", List.of("auto", "1024x1024", "1328*1328", "1664x928", "4000x100"),
                    List.of("big", "0x5", "1024*", "20000x20000", "-5x5")),
            new Rule(QWEN, "response_format", List.of("url", "b64_json"), List.of("png")),
            new Rule(QWEN, "seed", List.of(0, 2_147_483_647L), List.of(-1, 2_147_483_648L)),
            new Rule(QWEN, "negative_prompt", List.of("", "blurry, low quality", "x".repeat(500)),
                    List.of("x".repeat(501))),
            new Rule(QWEN, "prompt_extend", List.of(true, false), List.of()),
            new Rule(QWEN, "watermark", List.of(true, false), List.of()));

    /** model group and the fields it does not take (rejected with unknown_parameter). */
    private static final Map<List<String>, List<String>> UNSUPPORTED = Map.of(
            DALL_E_2, concat(List.of("style"), GPT_CONTROLS, QWEN_EXTRAS),
            DALL_E_3, concat(GPT_CONTROLS, QWEN_EXTRAS),
            GPT_1, concat(List.of("style"), QWEN_EXTRAS),
            GPT_2, concat(List.of("style"), QWEN_EXTRAS),
            GPT_2_6, concat(List.of("style"), QWEN_EXTRAS),
            QWEN, concat(List.of("quality", "style"), GPT_CONTROLS));

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return Stream.of(lists).flatMap(List::stream).toList();
    }

    static Stream<Arguments> accepted() {
        return RULES.stream().flatMap(r -> r.models().stream()
                .flatMap(m -> r.accepted().stream().map(v -> Arguments.of(m, r.field(), v))));
    }

    static Stream<Arguments> rejected() {
        return RULES.stream().flatMap(r -> r.models().stream()
                .flatMap(m -> r.rejected().stream().map(v -> Arguments.of(m, r.field(), v))));
    }

    static Stream<Arguments> unsupported() {
        return UNSUPPORTED.entrySet().stream().flatMap(e -> e.getKey().stream()
                .flatMap(m -> e.getValue().stream().map(f -> Arguments.of(m, f))));
    }

    @ParameterizedTest(name = "{0} accepts {1}={2}")
    @MethodSource("accepted")
    void eachModelAcceptsItsDocumentedValues(String model, String field, Object value) {
        assertThatNoException().isThrownBy(() -> parse(model, field, value));
    }

    @ParameterizedTest(name = "{0} rejects {1}={2}")
    @MethodSource("rejected")
    void eachModelRejectsValuesItDoesNotTakeNamingTheField(String model, String field, Object value) {
        assertThatThrownBy(() -> parse(model, field, value))
                .isInstanceOfSatisfying(EaselException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.param()).contains(field);
                    assertThat(e.code()).contains("invalid_value");
                });
    }

    @ParameterizedTest(name = "{0} does not take {1}")
    @MethodSource("unsupported")
    void eachModelRejectsFieldsItDoesNotTakeAsUnknownParameters(String model, String field) {
        assertThatThrownBy(() -> parse(model, field, SAMPLE.get(field)))
                .isInstanceOfSatisfying(EaselException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.param()).contains(field);
                    assertThat(e.code()).contains("unknown_parameter");
                    assertThat(e.getMessage()).contains(field + " is only supported by ");
                });
    }

    @Test
    void matrixCoversEveryCataloguedModelAndAlias() {
        List<String> covered = new ArrayList<>();
        UNSUPPORTED.keySet().forEach(covered::addAll);
        List<String> catalogued = Requests.CATALOG.all().stream()
                .flatMap(m -> Stream.concat(Stream.of(m.id()), m.aliases().stream())).toList();

        assertThat(covered).containsExactlyInAnyOrderElementsOf(catalogued);
    }

    @Test
    void everyFieldAModelTakesIsCoveredByTheMatrix() {
        for (String model : Stream.of(DALL_E_2, DALL_E_3, GPT_1, GPT_2, QWEN).flatMap(List::stream).toList()) {
            ModelSpec spec = Requests.CATALOG.find(model).orElseThrow();
            for (String field : ModelSpec.PARAMETERS) {
                boolean inUnsupported = UNSUPPORTED.entrySet().stream()
                        .anyMatch(e -> e.getKey().contains(model) && e.getValue().contains(field));
                assertThat(spec.accepts(field)).as("%s takes %s", model, field).isEqualTo(!inUnsupported);
            }
        }
    }
}
