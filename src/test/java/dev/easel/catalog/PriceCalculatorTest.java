package dev.easel.catalog;

import static dev.easel.generation.Requests.body;
import static dev.easel.generation.Requests.parse;
import static dev.easel.generation.Requests.with;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

class PriceCalculatorTest {
    private final UsageCalculator usage = new UsageCalculator();
    private final PriceCalculator prices = new PriceCalculator(usage);

    @ParameterizedTest(name = "{0} {1} {2} -> {3} micro-USD")
    @CsvSource({
        "dall-e-3, standard, 1024x1024, 40000",
        "dall-e-3, standard, 1792x1024, 80000",
        "dall-e-3, hd, 1024x1024, 80000",
        "dall-e-3, hd, 1024x1792, 120000",
        "dall-e-2, standard, 1024x1024, 20000",
        "dall-e-2, standard, 512x512, 18000",
        "dall-e-2, standard, 256x256, 16000"
    })
    void dallEListPricesPerImage(String model, String quality, String size, long micros) {
        ObjectNode body = with(with(body(model), "quality", quality), "size", size);

        assertThat(prices.priceMicros(parse(body), 1)).isEqualTo(micros);
    }

    @Test
    void perImagePriceScalesWithTheImageCount() {
        ImageRequest r = parse(with(with(body("dall-e-2"), "size", "256x256"), "n", 3));

        assertThat(prices.priceMicros(r, 3)).isEqualTo(48_000);
        assertThat(prices.priceMicros(r, 0)).isZero();
    }

    @Test
    void qwenHasAFlatPricePerImage() {
        assertThat(prices.priceMicros(parse(body("qwen-image")), 1)).isEqualTo(35_000);
        assertThat(prices.priceMicros(parse(body("qwen-image-plus")), 1)).isEqualTo(30_000);
    }

    @Test
    void gptImage1EstimateMatchesThePublishedPerImagePrice() {
        ImageRequest r = parse(with(body("gpt-image-1"), "quality", "high"));
        long text = usage.textTokens(r.prompt());

        // 4160 image tokens at $40/1M = $0.1664, plus the prompt at $5/1M.
        assertThat(prices.priceMicros(r, 1)).isEqualTo(166_400 + 5 * text);
    }

    @Test
    void reportedUsageIsPricedAtTheModelsRates() {
        ImageRequest r = parse(body("gpt-image-2"));

        long micros = prices.priceMicros(r, ImageUsage.of(100, 0, 7024, 0));

        assertThat(micros).isEqualTo(100 * 5 + 7024 * 30);
    }

    @Test
    void fractionalMicroDollarsAreRoundedOnceHalfUp() {
        ImageRequest mini = parse(body("gpt-image-1-mini"));

        // image input is $2.50/1M: 1 token = 2.5 micro-USD, 3 tokens = 7.5 -> 8.
        assertThat(prices.priceMicros(mini, ImageUsage.of(0, 1, 0, 0))).isEqualTo(3);
        assertThat(prices.priceMicros(mini, ImageUsage.of(0, 3, 0, 0))).isEqualTo(8);
    }

    @Test
    void perImageModelWithUsageIsChargedForTheRequestedImages() {
        ImageRequest r = parse(body("dall-e-3"));

        assertThat(prices.priceMicros(r, ImageUsage.of(0, 0, 0, 0))).isEqualTo(40_000);
    }
}
