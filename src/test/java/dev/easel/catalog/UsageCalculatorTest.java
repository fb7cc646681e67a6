package dev.easel.catalog;

import static dev.easel.generation.Requests.body;
import static dev.easel.generation.Requests.parse;
import static dev.easel.generation.Requests.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class UsageCalculatorTest {
    private final UsageCalculator calculator = new UsageCalculator();

    private static ImageRequest request(String model, String quality, String size, int n) {
        ObjectNode body = with(with(with(body(model), "quality", quality), "size", size), "n", n);
        return parse(body);
    }

    @Test
    void promptTokensAreCountedWithO200kBase() {
        assertThat(calculator.textTokens("hello world")).isEqualTo(2);
        assertThat(calculator.textTokens("")).isZero();
    }

    @Test
    void gptImage1UsageUsesTheTableTimesN() {
        ImageRequest r = request("gpt-image-1", "high", "1536x1024", 2);

        ImageUsage usage = calculator.usageFor(r).orElseThrow();

        long text = calculator.textTokens(r.prompt());
        assertThat(usage).isEqualTo(new ImageUsage(text, 2 * 6208, text + 2 * 6208, text, 0, 2 * 6208, 0));
    }

    @Test
    void autoQualityIsUsedAsItsResolution() {
        ImageUsage usage = calculator.usageFor(parse(body("gpt-image-1-mini"))).orElseThrow();

        assertThat(usage.outputImageTokens()).isEqualTo(4160);
    }

    @Test
    void gptImage2UsageUsesTheFormula() {
        assertThat(calculator.usageFor(request("gpt-image-2", "medium", "3840x2160", 1)).orElseThrow()
                .outputImageTokens()).isEqualTo(3336);
        assertThat(calculator.usageFor(request("gpt-image-2.5-flare", "low", "1024x1024", 3)).orElseThrow()
                .outputImageTokens()).isEqualTo(3 * 196);
    }

    @Test
    void gptImage26XhighAndMaxAreEstimatedAsHigh() {
        assertThat(calculator.usageFor(request("gpt-image-2.6-sunburst", "xhigh", "1024x1024", 1)).orElseThrow()
                .outputImageTokens()).isEqualTo(7024);
        assertThat(calculator.usageFor(request("gpt-image-2.6-flare", "max", "1536x1024", 1)).orElseThrow()
                .outputImageTokens()).isEqualTo(5488);
    }

    @Test
    void eachPartialImageAddsAHundredOutputTokensPerImage() {
        ObjectNode body = with(with(with(with(body("gpt-image-1"), "quality", "low"), "stream", true),
                "partial_images", 2), "n", 2);

        assertThat(calculator.usageFor(parse(body)).orElseThrow().outputImageTokens()).isEqualTo(2 * (272 + 200));
    }

    @Test
    void perImageModelsHaveNoUsage() {
        assertThat(calculator.usageFor(parse(body("dall-e-3")))).isEmpty();
        assertThat(calculator.usageFor(parse(body("qwen-image")))).isEmpty();
    }

    @Test
    void usageForFewerImagesScalesOnlyTheOutput() {
        ImageRequest r = request("gpt-image-1", "low", "1024x1024", 4);

        ImageUsage usage = calculator.usageFor(r, 1).orElseThrow();

        assertThat(usage.outputImageTokens()).isEqualTo(272);
        assertThat(usage.inputTextTokens()).isEqualTo(calculator.textTokens(r.prompt()));
    }

    @Test
    void usageTotalsMustAddUp() {
        assertThat(ImageUsage.of(10, 5, 100, 1)).isEqualTo(new ImageUsage(15, 101, 116, 10, 5, 100, 1));
        assertThatThrownBy(() -> new ImageUsage(1, 1, 3, 1, 0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
