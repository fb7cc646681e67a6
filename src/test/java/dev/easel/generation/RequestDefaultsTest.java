package dev.easel.generation;

import dev.easel.catalog.PixelSize;
import dev.easel.catalog.ImageRequest;
import static dev.easel.generation.Requests.body;
import static dev.easel.generation.Requests.parse;
import static dev.easel.generation.Requests.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.error.EaselException;
import dev.easel.catalog.ImageRequest.Delivery;
import dev.easel.catalog.ImageRequest.QwenOptions;
import dev.easel.render.ImageFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/** What an absent field, {@code auto}, and each Easel extension resolve to. */
class RequestDefaultsTest {

    @Test
    void dallE3DefaultsToStandardVividUrlAtSquareSize() {
        ImageRequest r = parse(body("dall-e-3"));

        assertThat(r.n()).isEqualTo(1);
        assertThat(r.size()).isEqualTo(new PixelSize(1024, 1024));
        assertThat(r.quality()).isEqualTo("standard");
        assertThat(r.style()).contains("vivid");
        assertThat(r.delivery()).isEqualTo(Delivery.URL);
        assertThat(r.outputFormat()).isEqualTo(ImageFormat.PNG);
        assertThat(r.transparent()).isFalse();
        assertThat(r.moderation()).isEmpty();
        assertThat(r.qwen()).isEmpty();
    }

    @Test
    void dallE2HasNoStyle() {
        assertThat(parse(body("dall-e-2")).style()).isEmpty();
    }

    @Test
    void gptModelsResolveAutoQualityToHighAndAnswerInlineByDefault() {
        ImageRequest r = parse(body("gpt-image-1"));

        assertThat(r.quality()).isEqualTo("high");
        assertThat(r.size()).isEqualTo(new PixelSize(1024, 1024));
        assertThat(r.delivery()).isEqualTo(Delivery.B64_JSON);
        assertThat(r.outputFormat()).isEqualTo(ImageFormat.PNG);
        assertThat(r.compression()).isEqualTo(100);
        assertThat(r.transparent()).isFalse();
        assertThat(r.moderation()).contains("auto");
        assertThat(r.stream()).isFalse();
    }

    @Test
    void explicitAutoQualityAndSizeResolveLikeAbsentOnes() {
        ImageRequest r = parse(with(with(body("gpt-image-2"), "quality", "auto"), "size", "auto"));

        assertThat(r.quality()).isEqualTo("high");
        assertThat(r.size()).isEqualTo(new PixelSize(1024, 1024));
    }

    @Test
    void gptModelsTakeResponseFormatUrlAsAnEaselExtension() {
        assertThat(parse("gpt-image-2", "response_format", "url").delivery()).isEqualTo(Delivery.URL);
        assertThat(parse("gpt-image-2", "response_format", "b64_json").delivery()).isEqualTo(Delivery.B64_JSON);
    }

    @Test
    void jpgIsReadAsJpeg() {
        assertThat(parse("gpt-image-1", "output_format", "jpg").outputFormat()).isEqualTo(ImageFormat.JPEG);
    }

    @Test
    void outputCompressionIsKept() {
        ObjectNode body = with(with(body("gpt-image-2"), "output_format", "webp"), "output_compression", 40);

        assertThat(parse(body).compression()).isEqualTo(40);
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "webp"})
    void transparentBackgroundWorksWithAlphaFormats(String format) {
        ImageRequest r = parse(with(with(body("gpt-image-1.5"), "background", "transparent"), "output_format", format));

        assertThat(r.transparent()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "jpg"})
    void transparentBackgroundWithJpegIsRejectedOnBackground(String format) {
        ObjectNode body = with(with(body("gpt-image-2"), "background", "transparent"), "output_format", format);

        assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(EaselException.class, e -> {
            assertThat(e.param()).contains("background");
            assertThat(e.code()).contains("invalid_value");
            assertThat(e.getMessage()).contains("png or webp");
        });
    }

    @Test
    void autoBackgroundResolvesToOpaque() {
        assertThat(parse("gpt-image-2", "background", "auto").transparent()).isFalse();
    }

    @Test
    void partialImagesCountOnlyOnAStream() {
        ObjectNode streamed = with(with(body("gpt-image-2"), "stream", true), "partial_images", 2);

        assertThat(parse(streamed).stream()).isTrue();
        assertThat(parse(streamed).partialImages()).isEqualTo(2);
        assertThat(parse("gpt-image-2", "partial_images", 2).partialImages()).isZero();
    }

    @Test
    void seedAndUserAreKept() {
        ImageRequest r = parse(with(with(body("dall-e-3"), "seed", -7), "user", "u-1"));

        assertThat(r.seed()).contains(-7L);
        assertThat(r.user()).contains("u-1");
    }

    @Test
    void qwenDefaultsToUrlAtTheSquareSizeWithNeutralQuality() {
        ImageRequest r = parse(body("qwen-image"));

        assertThat(r.size()).isEqualTo(new PixelSize(1328, 1328));
        assertThat(r.delivery()).isEqualTo(Delivery.URL);
        assertThat(r.quality()).isEqualTo("standard");
        assertThat(r.qwen()).contains(new QwenOptions(Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void qwenExtrasAreCarriedThrough() {
        ObjectNode body = with(with(with(body("qwen-image-plus"), "negative_prompt", "blurry"), "prompt_extend", false),
                "watermark", true);

        assertThat(parse(body).qwen())
                .contains(new QwenOptions(Optional.of("blurry"), Optional.of(false), Optional.of(true)));
    }

    @Test
    void qwenRejectsQualityWithAClearMessage() {
        assertThatThrownBy(() -> parse("qwen-image", "quality", "hd"))
                .isInstanceOfSatisfying(EaselException.class, e -> {
                    assertThat(e.param()).contains("quality");
                    assertThat(e.code()).contains("unknown_parameter");
                    assertThat(e.getMessage()).contains("qwen-image").contains("quality is only supported by dall-e-2");
                });
    }

    @Test
    void invalidValueMessageListsTheAllowedValues() {
        assertThatThrownBy(() -> parse("gpt-image-2.6-flare", "quality", "ultra"))
                .hasMessageContaining("'low', 'medium', 'high', 'xhigh', 'max', 'auto'");
        assertThatThrownBy(() -> parse("dall-e-3", "size", "512x512"))
                .hasMessageContaining("'1024x1024', '1792x1024', '1024x1792'");
    }
}
