package dev.easel.generation;

import dev.easel.catalog.ImageRequest;
import static dev.easel.generation.Requests.body;
import static dev.easel.generation.Requests.json;
import static dev.easel.generation.Requests.parse;
import static dev.easel.generation.Requests.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.catalog.ModelCatalog;
import dev.easel.catalog.ModelSpec;
import dev.easel.error.EaselException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

class RequestParserTest {

    private static void assertRejected(ThrowingCallable call, int status, String param, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(EaselException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.param()).isEqualTo(Optional.ofNullable(param));
            assertThat(e.code()).contains(code);
        });
    }

    private static Stream<String> allModels() {
        return Requests.CATALOG.all().stream().map(ModelSpec::id);
    }

    // ---------------------------------------------------------------- body and model

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"draw a cat\"", "42", "null", "true"})
    void bodyThatIsNotAJsonObjectIsABadRequest(String text) {
        assertRejected(() -> parse(json(text)), 400, null, "invalid_json");
    }

    @Test
    void omittedModelUsesTheConfiguredDefault() {
        ImageRequest request = parse(json("{\"prompt\":\"a cat\"}"));

        assertThat(request.model().id()).isEqualTo("dall-e-3");
    }

    @Test
    void nullModelUsesTheConfiguredDefault() {
        ImageRequest request = parse(json("{\"prompt\":\"a cat\",\"model\":null}"));

        assertThat(request.model().id()).isEqualTo("dall-e-3");
    }

    @Test
    void unknownModelIsNotFound() {
        assertRejected(() -> parse(body("gpt-image-9")), 404, "model", "model_not_found");
    }

    @Test
    void aliasResolvesToItsModel() {
        assertThat(parse(body("gpt-image-2-2026-04-21")).model().id()).isEqualTo("gpt-image-2");
    }

    @Test
    void modelThatIsNotAStringIsAnInvalidType() {
        assertRejected(() -> parse(json("{\"prompt\":\"a cat\",\"model\":3}")), 400, "model", "invalid_type");
    }

    @Test
    void defaultModelMustBeCatalogued() {
        assertThatThrownBy(() -> new RequestParser(Requests.CATALOG, "dall-e-4"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dall-e-4");
    }

    // ---------------------------------------------------------------- prompt

    @Test
    void missingPromptIsAMissingParameter() {
        assertRejected(() -> parse(json("{\"model\":\"gpt-image-2\"}")), 400, "prompt", "missing_required_parameter");
    }

    @Test
    void nullPromptIsAMissingParameter() {
        assertRejected(() -> parse("gpt-image-2", "prompt", null), 400, "prompt", "missing_required_parameter");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\t"})
    void blankPromptIsRejected(String prompt) {
        assertRejected(() -> parse("gpt-image-2", "prompt", prompt), 400, "prompt", "invalid_value");
    }

    @ParameterizedTest
    @MethodSource("allModels")
    void promptAtTheExactLimitIsAcceptedAndOneMoreIsRejectedSayingTheLimit(String model) {
        int limit = Requests.CATALOG.find(model).orElseThrow().promptMaxChars();

        assertThat(parse(model, "prompt", "a".repeat(limit)).prompt()).hasSize(limit);
        assertThatThrownBy(() -> parse(model, "prompt", "a".repeat(limit + 1)))
                .isInstanceOfSatisfying(EaselException.class, e -> {
                    assertThat(e.param()).contains("prompt");
                    assertThat(e.getMessage()).contains("at most " + limit);
                });
    }

    @Test
    void promptLimitCountsCharactersNotUtf16Units() {
        String fox = "\uD83E\uDD8A"; // one emoji, two UTF-16 units

        assertThat(parse("dall-e-2", "prompt", fox.repeat(1000)).prompt()).hasSize(2000);
        assertRejected(() -> parse("dall-e-2", "prompt", fox.repeat(1001)), 400, "prompt", "invalid_value");
    }

    @Test
    void qwenPromptLimitIs800Characters() {
        assertThat(Requests.CATALOG.find("qwen-image").orElseThrow().promptMaxChars()).isEqualTo(800);
        assertThat(Requests.CATALOG.find("dall-e-3").orElseThrow().promptMaxChars()).isEqualTo(4000);
        assertThat(Requests.CATALOG.find("gpt-image-2.6-flare").orElseThrow().promptMaxChars()).isEqualTo(32000);
    }

    // ---------------------------------------------------------------- types, nulls, unknown fields

    private static final Map<String, String> EXPECTED_TYPE = Map.ofEntries(
            Map.entry("prompt", "a string"), Map.entry("n", "an integer"), Map.entry("size", "a string"),
            Map.entry("quality", "a string"), Map.entry("style", "a string"), Map.entry("response_format", "a string"),
            Map.entry("output_format", "a string"), Map.entry("output_compression", "an integer"),
            Map.entry("background", "a string"), Map.entry("moderation", "a string"), Map.entry("stream", "a boolean"),
            Map.entry("partial_images", "an integer"), Map.entry("user", "a string"), Map.entry("seed", "an integer"),
            Map.entry("negative_prompt", "a string"), Map.entry("prompt_extend", "a boolean"),
            Map.entry("watermark", "a boolean"));

    private static final Map<String, List<Object>> WRONG_VALUES = Map.of(
            "a string", List.of(5, true, List.of("a"), Map.of("a", 1)),
            "an integer", List.of("1", true, 1.5, List.of(1), Map.of("n", 1)),
            "a boolean", List.of("true", 1, List.of(true)));

    static Stream<Arguments> wrongTypes() {
        return Requests.CATALOG.all().stream().flatMap(m -> EXPECTED_TYPE.entrySet().stream()
                .filter(e -> m.accepts(e.getKey()))
                .flatMap(e -> WRONG_VALUES.get(e.getValue()).stream()
                        .map(v -> Arguments.of(m.id(), e.getKey(), e.getValue(), v))));
    }

    @ParameterizedTest(name = "{0}: {1}={3} is not {2}")
    @MethodSource("wrongTypes")
    void wrongJsonTypeIsAnInvalidTypeNamingFieldAndExpectedType(String model, String field, String type, Object value) {
        assertThatThrownBy(() -> parse(model, field, value)).isInstanceOfSatisfying(EaselException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.param()).contains(field);
            assertThat(e.code()).contains("invalid_type");
            assertThat(e.getMessage()).contains("'" + field + "'").contains("expected " + type);
        });
    }

    static Stream<Arguments> optionalFields() {
        return allModels().flatMap(m -> ModelSpec.PARAMETERS.stream()
                .filter(f -> !f.equals("prompt") && !f.equals("model"))
                .map(f -> Arguments.of(m, f)));
    }

    @ParameterizedTest(name = "{0}: {1}=null")
    @MethodSource("optionalFields")
    void nullFieldMeansAbsentEvenForFieldsTheModelDoesNotTake(String model, String field) {
        ImageRequest withNull = parse(with(body(model), field, null));
        ImageRequest without = parse(body(model));

        assertThat(withNull).isEqualTo(without);
    }

    @Test
    void fieldNoModelTakesIsAnUnknownParameter() {
        assertThatThrownBy(() -> parse("gpt-image-2", "foo", 1)).isInstanceOfSatisfying(EaselException.class, e -> {
            assertThat(e.param()).contains("foo");
            assertThat(e.code()).contains("unknown_parameter");
            assertThat(e.getMessage()).isEqualTo("Unknown parameter: 'foo'.");
        });
    }

    @Test
    void fieldOfAnotherModelSaysWhichModelsTakeIt() {
        assertThatThrownBy(() -> parse("gpt-image-2", "style", "vivid"))
                .hasMessageContaining("style is only supported by dall-e-3");
        assertThatThrownBy(() -> parse("dall-e-3", "watermark", true))
                .hasMessageContaining("watermark is only supported by qwen-image, qwen-image-plus");
    }

    @Test
    void knownFieldThatNoCataloguedModelTakesIsAnUnknownParameter() {
        ModelCatalog catalog = ModelCatalog.load(Optional.of(YAMLMapper.builder().build().readTree("""
                - id: dall-e-3
                  style: null
                """)));
        RequestParser parser = new RequestParser(catalog, "dall-e-3");

        assertThatThrownBy(() -> parser.parse(with(body("dall-e-3"), "style", "vivid")))
                .hasMessage("Unknown parameter: 'style'.");
    }

    // ---------------------------------------------------------------- integers

    @Test
    void integralDecimalCountsAsAnInteger() {
        assertThat(parse("gpt-image-2", "n", 2.0).n()).isEqualTo(2);
    }

    @Test
    void seedBeyondSixtyFourBitsIsInvalid() {
        ObjectNode body = (ObjectNode) json(
                "{\"model\":\"gpt-image-2\",\"prompt\":\"a\",\"seed\":99999999999999999999}");

        assertRejected(() -> parse(body), 400, "seed", "invalid_value");
    }

    @Test
    void nMessageSaysTheModelsRange() {
        assertThatThrownBy(() -> parse("qwen-image", "n", 2)).hasMessageContaining("qwen-image accepts exactly 1");
        assertThatThrownBy(() -> parse("gpt-image-1", "n", 11)).hasMessageContaining("between 1 and 10");
    }
}
