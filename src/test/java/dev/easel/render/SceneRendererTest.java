package dev.easel.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SceneRendererTest {

    private static final String BOAT = "A paper boat floating on calm water at sunrise";

    private final SceneRenderer renderer = new SceneRenderer();

    private static RenderSpec spec(String prompt, long seed) {
        return new RenderSpec(prompt, 512, 512, Detail.MEDIUM, false, seed);
    }

    @ParameterizedTest
    @EnumSource(ImageFormat.class)
    void samePromptSizeDetailAndSeedGiveByteIdenticalOutput(ImageFormat format) {
        RenderSpec spec = spec(BOAT, 7);

        byte[] first = ImageEncoder.encode(renderer.render(spec), format, 90);
        byte[] second = ImageEncoder.encode(new SceneRenderer().render(spec), format, 90);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void samePromptSizeDetailAndSeedGiveByteIdenticalTransparentPng() {
        RenderSpec spec = new RenderSpec("a red house by a lake", 400, 300, Detail.HIGH, true, 3);

        assertThat(ImageEncoder.encode(renderer.render(spec), ImageFormat.PNG, 100))
                .isEqualTo(ImageEncoder.encode(renderer.render(spec), ImageFormat.PNG, 100));
    }

    @ParameterizedTest
    @ValueSource(strings = {BOAT, "a red house by a lake under a starry night sky", "a yellow circle and a blue triangle",
        "melancholy quantum entropy"})
    void differentSeedsGiveDifferentImages(String prompt) {
        BufferedImage one = renderer.render(spec(prompt, 1));
        BufferedImage two = renderer.render(spec(prompt, 2));

        assertThat(Pixels.identical(one, two)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"256,256", "1024,1024", "1536,1024", "1024,1536", "1792,1024", "1328,1328", "1664,928", "3840,2160",
        "2160,3840", "768,256", "256,768"})
    void everySupportedSizeRendersAtItsExactDimensions(int width, int height) {
        BufferedImage image = renderer.render(new RenderSpec(BOAT, width, height, Detail.LOW, false, 5));

        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
        assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    }

    @Test
    void transparentRenderHasFullyTransparentSkyAndOpaqueSubjects() {
        RenderSpec spec = new RenderSpec("a red house by a lake under a starry night sky", 512, 512, Detail.HIGH, true, 9);

        BufferedImage image = renderer.render(spec);

        assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_INT_ARGB);
        assertThat(Pixels.alpha(image, 2, 2)).isZero();
        assertThat(Pixels.alpha(image, 256, 40)).isZero();
        assertThat(Pixels.alpha(image, 256, 500)).isEqualTo(255);
        assertThat(Pixels.alpha(image, 10, 400)).isEqualTo(255);
    }

    @Test
    void transparentShapesAreOpaqueOnAClearBackground() {
        BufferedImage image = renderer.render(
                new RenderSpec("a yellow circle and a blue triangle", 512, 512, Detail.MEDIUM, true, 1));

        assertThat(Pixels.alpha(image, 0, 0)).isZero();
        assertThat(Pixels.alpha(image, 511, 511)).isZero();
        long opaque = 0;
        for (int x = 0; x < 512; x++) {
            opaque += Pixels.alpha(image, x, 300) == 255 ? 1 : 0;
        }
        assertThat(opaque).isGreaterThan(150);
    }

    @Test
    void highDetailDiffersVisiblyFromLowDetail() {
        String prompt = "snowy mountains and a pine forest at dusk";
        BufferedImage low = renderer.render(new RenderSpec(prompt, 512, 512, Detail.LOW, false, 4));
        BufferedImage high = renderer.render(new RenderSpec(prompt, 512, 512, Detail.HIGH, false, 4));

        assertThat(Pixels.meanDifference(low, high)).isGreaterThan(4.0);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void progressiveRenderCallsBackOncePerPartialAndEndsWithTheExactFinalImage(int partials) {
        RenderSpec spec = spec(BOAT, 11);
        List<BufferedImage> previews = new ArrayList<>();

        BufferedImage last = renderer.render(spec, partials, previews::add);

        assertThat(previews).hasSize(partials);
        assertThat(Pixels.identical(last, renderer.render(spec))).isTrue();
        for (BufferedImage preview : previews) {
            assertThat(preview.getWidth()).isEqualTo(512);
            assertThat(preview.getHeight()).isEqualTo(512);
        }
    }

    @Test
    void partialImagesGoFromCoarseToFine() {
        RenderSpec spec = spec("a sailboat on a sea with mountains at sunset", 3);
        List<BufferedImage> previews = new ArrayList<>();

        BufferedImage last = renderer.render(spec, 3, previews::add);

        double first = Pixels.meanDifference(previews.get(0), last);
        double second = Pixels.meanDifference(previews.get(1), last);
        double third = Pixels.meanDifference(previews.get(2), last);
        assertThat(first).isGreaterThan(second);
        assertThat(second).isGreaterThan(third);
        assertThat(third).isGreaterThan(0);
    }

    @Test
    void rendererIsSafeToShareAcrossVirtualThreads() throws Exception {
        List<RenderSpec> specs = List.of(spec(BOAT, 1), spec(BOAT, 2), spec("a sailboat on a stormy sea", 1),
                spec("a red house by a lake under a starry night sky", 1), spec("a yellow circle", 1),
                spec("snowy mountains and a pine forest at dusk", 1), spec(BOAT, 1), spec("a sailboat on a stormy sea", 1));
        List<BufferedImage> sequential = specs.stream().map(renderer::render).toList();

        List<Future<BufferedImage>> parallel = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (RenderSpec s : specs) {
                parallel.add(executor.submit(() -> renderer.render(s)));
            }
            for (int i = 0; i < specs.size(); i++) {
                assertThat(Pixels.identical(parallel.get(i).get(), sequential.get(i))).isTrue();
            }
        }
    }

    @Test
    void rejectsMoreThanThreePartials() {
        assertThatThrownBy(() -> renderer.render(spec(BOAT, 1), 4, image -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partials must be in [0, 3] but was 4");
    }

    @Test
    void renderSpecRejectsImpossibleSizes() {
        assertThatThrownBy(() -> new RenderSpec(BOAT, 0, 512, Detail.LOW, false, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("width must be in");
    }
}
