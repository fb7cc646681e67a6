package dev.easel.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

class ModelCatalogTest {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private static JsonNode yaml(String text) {
        return YAML.readTree(text);
    }

    private static ModelCatalog withUserModels(String text) {
        return ModelCatalog.load(Optional.of(yaml(text)));
    }

    @Test
    void bundledCatalogueListsEveryDocumentedModelInFileOrder() {
        List<String> ids = ModelCatalog.bundled().all().stream().map(ModelSpec::id).toList();

        assertThat(ids).containsExactly("dall-e-2", "dall-e-3", "gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5",
                "chatgpt-image-latest", "gpt-image-2", "gpt-image-2.5-sunburst", "gpt-image-2.5-flare",
                "gpt-image-2.6-sunburst", "gpt-image-2.6-flare", "qwen-image", "qwen-image-plus");
    }

    @Test
    void datedAliasesFindTheirModel() {
        ModelCatalog catalog = ModelCatalog.bundled();

        assertThat(catalog.find("gpt-image-1.5-2025-12-16")).map(ModelSpec::id).contains("gpt-image-1.5");
        assertThat(catalog.find("gpt-image-2-2026-04-21")).map(ModelSpec::id).contains("gpt-image-2");
        assertThat(catalog.find("gpt-image-2.5-sunburst-2026-09-08")).map(ModelSpec::id)
                .contains("gpt-image-2.5-sunburst");
        assertThat(catalog.find("gpt-image-2.5-flare-2026-09-08")).map(ModelSpec::id).contains("gpt-image-2.5-flare");
        assertThat(catalog.find("GPT-IMAGE-2")).isEmpty();
        assertThat(catalog.find("nope")).isEmpty();
    }

    @Test
    void lifecycleFieldsFollowTheVendorAnnouncements() {
        ModelCatalog catalog = ModelCatalog.bundled();

        assertThat(catalog.find("dall-e-3").orElseThrow().shutdownDate()).contains(LocalDate.of(2026, 5, 12));
        assertThat(catalog.find("gpt-image-1").orElseThrow().shutdownDate()).contains(LocalDate.of(2026, 10, 23));
        assertThat(catalog.find("gpt-image-1-mini").orElseThrow().shutdownDate()).contains(LocalDate.of(2026, 12, 1));
        assertThat(catalog.find("chatgpt-image-latest").orElseThrow().shutdownDate())
                .contains(LocalDate.of(2026, 12, 1));
        assertThat(catalog.find("gpt-image-2").orElseThrow().shutdownDate()).isEmpty();
        assertThat(catalog.find("qwen-image").orElseThrow().ownedBy()).isEqualTo("alibaba");
        assertThat(catalog.find("gpt-image-2.6-flare").orElseThrow().ownedBy()).isEqualTo("openai");
    }

    @Test
    void likeCopiesBehaviourButNotLifecycle() {
        ModelCatalog catalog = ModelCatalog.bundled();
        ModelSpec flare = catalog.find("gpt-image-2.5-flare").orElseThrow();
        ModelSpec base = catalog.find("gpt-image-2").orElseThrow();

        assertThat(flare.size()).isEqualTo(base.size());
        assertThat(flare.price()).isEqualTo(base.price());
        assertThat(flare.aliases()).containsExactly("gpt-image-2.5-flare-2026-09-08");
        assertThat(flare.created()).isNotEqualTo(base.created());
    }

    @Test
    void familiesAndFlagsDriveTheResponseShape() {
        ModelCatalog catalog = ModelCatalog.bundled();

        assertThat(catalog.find("dall-e-3").orElseThrow().revisedPrompt()).isTrue();
        assertThat(catalog.find("dall-e-2").orElseThrow().revisedPrompt()).isFalse();
        assertThat(catalog.find("dall-e-2").orElseThrow().family()).isEqualTo(ModelFamily.DALL_E);
        assertThat(catalog.find("chatgpt-image-latest").orElseThrow().family()).isEqualTo(ModelFamily.GPT_IMAGE);
        assertThat(catalog.find("qwen-image-plus").orElseThrow().family()).isEqualTo(ModelFamily.QWEN);
        assertThat(catalog.find("gpt-image-2.6-sunburst").orElseThrow().streams()).isTrue();
        assertThat(catalog.find("dall-e-3").orElseThrow().streams()).isFalse();
    }

    @Test
    void userEntryOverridesJustTheFieldsItGives() {
        ModelCatalog catalog = withUserModels("""
                - id: gpt-image-2
                  prompt_max_chars: 1000
                  shutdown_date: "2027-01-31"
                """);

        ModelSpec spec = catalog.find("gpt-image-2").orElseThrow();
        assertThat(spec.promptMaxChars()).isEqualTo(1000);
        assertThat(spec.shutdownDate()).contains(LocalDate.of(2027, 1, 31));
        assertThat(spec.size()).isEqualTo(ModelCatalog.bundled().find("gpt-image-2").orElseThrow().size());
        assertThat(spec.aliases()).containsExactly("gpt-image-2-2026-04-21");
    }

    @Test
    void userOverrideOfABaseModelReachesTheModelsThatAreLikeIt() {
        ModelCatalog catalog = withUserModels("""
                - id: gpt-image-2
                  n: {min: 1, max: 4}
                """);

        assertThat(catalog.find("gpt-image-2.5-flare").orElseThrow().n()).isEqualTo(new IntRange(1, 4));
    }

    @Test
    void userNullClearsABundledField() {
        ModelCatalog catalog = withUserModels("""
                - id: dall-e-3
                  shutdown_date: null
                """);

        assertThat(catalog.find("dall-e-3").orElseThrow().shutdownDate()).isEmpty();
    }

    @Test
    void userEntryWithANewIdAddsAModelAfterTheBundledOnes() {
        ModelCatalog catalog = withUserModels("""
                - id: house-style
                  like: gpt-image-2
                  owned_by: acme
                  created: 1790000000
                  price:
                    per_image:
                      - {usd: 0.01}
                """);

        ModelSpec spec = catalog.find("house-style").orElseThrow();
        assertThat(catalog.all().getLast().id()).isEqualTo("house-style");
        assertThat(spec.ownedBy()).isEqualTo("acme");
        assertThat(spec.shutdownDate()).isEmpty();
        assertThat(spec.price()).isEqualTo(new PriceRule.PerImage(
                List.of(new PriceRule.ImagePrice(Optional.empty(), Optional.empty(), new BigDecimal("0.01")))));
    }

    @Test
    void userModelWrittenInFullIsAccepted() {
        ModelCatalog catalog = withUserModels("""
                - id: tiny
                  owned_by: me
                  created: 0
                  family: dall_e
                  prompt_max_chars: 10
                  n: {min: 1, max: 2}
                  size: {fixed: [64x64], default: 64x64}
                  price: {per_image: [{usd: 0}]}
                """);

        ModelSpec spec = catalog.find("tiny").orElseThrow();
        assertThat(spec.quality()).isEmpty();
        assertThat(spec.accepts("style")).isFalse();
        assertThat(spec.accepts("user")).isTrue();
    }

    @Test
    void badFieldTypeFailsNamingModelAndField() {
        assertThatThrownBy(() -> withUserModels("""
                - id: gpt-image-2
                  prompt_max_chars: lots
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model 'gpt-image-2'")
                .hasMessageContaining("field 'prompt_max_chars'");
    }

    @Test
    void misspelledFieldFailsInsteadOfBeingIgnored() {
        assertThatThrownBy(() -> withUserModels("""
                - id: dall-e-3
                  sizes: {fixed: [1024x1024], default: 1024x1024}
                """))
                .hasMessageContaining("model 'dall-e-3'")
                .hasMessageContaining("field 'sizes'")
                .hasMessageContaining("unknown field");
    }

    @Test
    void nestedProblemsNameTheFullFieldPath() {
        assertThatThrownBy(() -> withUserModels("""
                - id: gpt-image-2
                  size:
                    flexible: {multiple_of: 16, max_edge: big, max_aspect: 3, min_pixels: 1, max_pixels: 9}
                    default: 1024x1024
                """))
                .hasMessageContaining("field 'size.flexible.max_edge'");
    }

    @Test
    void defaultOutsideTheValuesFails() {
        assertThatThrownBy(() -> withUserModels("""
                - id: dall-e-3
                  quality: {values: [standard, hd], default: ultra}
                """))
                .hasMessageContaining("model 'dall-e-3'")
                .hasMessageContaining("field 'quality.default'");
    }

    @Test
    void newModelWithoutARequiredFieldFails() {
        assertThatThrownBy(() -> withUserModels("""
                - id: half-done
                  owned_by: me
                  created: 0
                """))
                .hasMessageContaining("model 'half-done'")
                .hasMessageContaining("is required");
    }

    @Test
    void sizeWithoutAPriceFails() {
        assertThatThrownBy(() -> withUserModels("""
                - id: dall-e-2
                  size: {fixed: [256x256, 2048x2048], default: 256x256}
                """))
                .hasMessageContaining("model 'dall-e-2', field 'price'")
                .hasMessageContaining("2048x2048");
    }

    @Test
    void tokenTableCannotPriceAFlexibleSizeRule() {
        assertThatThrownBy(() -> withUserModels("""
                - id: gpt-image-1
                  size:
                    flexible: {multiple_of: 16, max_edge: 3840, max_aspect: 3, min_pixels: 655360, max_pixels: 8294400}
                    default: 1024x1024
                """))
                .hasMessageContaining("field 'price'")
                .hasMessageContaining("gpt-image-1-table");
    }

    @Test
    void qualityTheTokenRuleCannotEstimateFails() {
        assertThatThrownBy(() -> withUserModels("""
                - id: gpt-image-2
                  quality: {values: [low, ultra], default: low}
                """))
                .hasMessageContaining("field 'price'")
                .hasMessageContaining("'ultra'");
    }

    @Test
    void aliasClashingWithAnotherModelFails() {
        assertThatThrownBy(() -> withUserModels("""
                - id: gpt-image-2-2026-04-21
                  like: gpt-image-2
                  owned_by: me
                  created: 0
                """))
                .hasMessageContaining("'gpt-image-2-2026-04-21' is already used by model 'gpt-image-2'");
    }

    @Test
    void likeOfAnUnknownModelFails() {
        assertThatThrownBy(() -> withUserModels("""
                - id: copy
                  like: gpt-image-9
                  owned_by: me
                  created: 0
                """))
                .hasMessageContaining("model 'copy', field 'like'");
    }

    @Test
    void transparencyWithoutAnAlphaFormatFails() {
        assertThatThrownBy(() -> withUserModels("""
                - id: gpt-image-2
                  output_format: {values: [jpeg], default: jpeg}
                """))
                .hasMessageContaining("field 'background'");
    }

    @Test
    void badShutdownDateFails() {
        assertThatThrownBy(() -> withUserModels("""
                - id: gpt-image-2
                  shutdown_date: "next year"
                """))
                .hasMessageContaining("field 'shutdown_date'")
                .hasMessageContaining("YYYY-MM-DD");
    }

    @Test
    void userModelsMustBeAList() {
        assertThatThrownBy(() -> withUserModels("gpt-image-2: {}"))
                .hasMessageContaining("must be a list of models");
    }

    @Test
    void examplesFromTheModelsGuideLoad() {
        ModelCatalog catalog = withUserModels("""
                - id: gpt-image-2
                  n: {min: 1, max: 4}
                  prompt_max_chars: 1000
                - id: acme-poster
                  like: gpt-image-2
                  owned_by: acme
                  created: 1790000000
                  price:
                    per_image:
                      - {quality: low, usd: 0.01}
                      - {usd: 0.05}
                - id: tiny-sketch
                  aliases: [tiny-sketch-v1]
                  owned_by: me
                  created: 1790000000
                  shutdown_date: "2027-06-30"
                  family: dall_e
                  revised_prompt: false
                  prompt_max_chars: 2000
                  n: {min: 1, max: 4}
                  size:
                    fixed: [512x512, 1024x1024, auto]
                    default: 1024x1024
                  quality: {values: [draft, final, auto], default: auto, auto: final}
                  response_format: {values: [url, b64_json], default: url}
                  seed: {min: 0, max: 4294967295}
                  price:
                    per_image:
                      - {quality: draft, usd: 0.002}
                      - {quality: final, size: 1024x1024, usd: 0.01}
                      - {quality: final, usd: 0.006}
                """);

        assertThat(catalog.find("tiny-sketch-v1").orElseThrow().id()).isEqualTo("tiny-sketch");
        assertThat(catalog.find("acme-poster").orElseThrow().n()).isEqualTo(new IntRange(1, 4));
    }
}
