package dev.easel.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutputTokenRuleTest {

    private static PixelSize size(String text) {
        return PixelSize.parse(text).orElseThrow();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "low, 1024x1024, 272", "low, 1024x1536, 408", "low, 1536x1024, 400",
        "medium, 1024x1024, 1056", "medium, 1024x1536, 1584", "medium, 1536x1024, 1568",
        "high, 1024x1024, 4160", "high, 1024x1536, 6240", "high, 1536x1024, 6208"
    })
    void gptImage1TableGivesThePublishedCounts(String quality, String size, long tokens) {
        assertThat(OutputTokenRule.GPT_IMAGE_1_TABLE.imageTokens(quality, size(size))).contains(tokens);
    }

    @Test
    void gptImage1TableKnowsNothingElse() {
        assertThat(OutputTokenRule.GPT_IMAGE_1_TABLE.imageTokens("high", size("2048x2048"))).isEmpty();
        assertThat(OutputTokenRule.GPT_IMAGE_1_TABLE.imageTokens("xhigh", size("1024x1024"))).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "low, 1024x1024, 196", "medium, 1024x1024, 1756", "high, 1024x1024, 7024",
        "low, 1536x1024, 158", "medium, 1536x1024, 1372", "high, 1536x1024, 5488",
        "low, 1024x1536, 158", "medium, 1024x1536, 1372", "high, 1024x1536, 5488",
        "low, 2048x1152, 157", "medium, 2048x1152, 1413", "high, 2048x1152, 5650",
        "low, 2048x2048, 397", "medium, 2048x2048, 3568", "high, 2048x2048, 14272",
        "low, 3840x2160, 371", "medium, 3840x2160, 3336", "high, 3840x2160, 13342"
    })
    void gptImage2FormulaReproducesTheCalculator(String quality, String size, long tokens) {
        assertThat(OutputTokenRule.GPT_IMAGE_2_FORMULA.imageTokens(quality, size(size))).contains(tokens);
    }

    @Test
    void richerQualitiesAreEstimatedAsHighByThePriceRule() {
        PriceRule.PerToken rule = (PriceRule.PerToken) ModelCatalog.bundled().find("gpt-image-2.6-flare")
                .orElseThrow().price();

        assertThat(rule.imageTokens("xhigh", size("1024x1024"))).contains(7024L);
        assertThat(rule.imageTokens("max", size("1024x1024"))).contains(7024L);
        assertThat(OutputTokenRule.GPT_IMAGE_2_FORMULA.imageTokens("xhigh", size("1024x1024"))).isEmpty();
    }

    @Test
    void yamlNamesRoundTrip() {
        for (OutputTokenRule rule : OutputTokenRule.values()) {
            assertThat(OutputTokenRule.fromYamlName(rule.yamlName())).contains(rule);
        }
    }
}
