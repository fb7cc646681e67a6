package dev.easel.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageEncoderTest {

    private static final SceneRenderer RENDERER = new SceneRenderer();

    private static BufferedImage image(int width, int height, boolean transparent) {
        return RENDERER.render(new RenderSpec("a red house by a lake under a starry night sky", width, height, Detail.MEDIUM,
                transparent, 2));
    }

    private static BufferedImage decode(byte[] bytes) throws IOException {
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(decoded).isNotNull();
        return decoded;
    }

    @ParameterizedTest
    @CsvSource({"640,480", "256,768"})
    void pngDecodesBackToTheSamePixels(int width, int height) throws IOException {
        BufferedImage image = image(width, height, false);

        BufferedImage decoded = decode(ImageEncoder.encode(image, ImageFormat.PNG, 100));

        assertThat(decoded.getWidth()).isEqualTo(width);
        assertThat(decoded.getHeight()).isEqualTo(height);
        assertThat(decoded.getRGB(100, 100)).isEqualTo(image.getRGB(100, 100));
    }

    @Test
    void transparentPngKeepsItsAlpha() throws IOException {
        BufferedImage decoded = decode(ImageEncoder.encode(image(320, 320, true), ImageFormat.PNG, 100));

        assertThat(decoded.getColorModel().hasAlpha()).isTrue();
        assertThat(Pixels.alpha(decoded, 1, 1)).isZero();
        assertThat(Pixels.alpha(decoded, 160, 315)).isEqualTo(255);
    }

    @ParameterizedTest
    @CsvSource({"640,480", "1536,1024"})
    void jpegDecodesBackWithCorrectDimensions(int width, int height) throws IOException {
        BufferedImage decoded = decode(ImageEncoder.encode(image(width, height, false), ImageFormat.JPEG, 80));

        assertThat(decoded.getWidth()).isEqualTo(width);
        assertThat(decoded.getHeight()).isEqualTo(height);
    }

    @Test
    void jpegOfATransparentImageIsCompositedOntoWhite() throws IOException {
        BufferedImage decoded = decode(ImageEncoder.encode(image(320, 320, true), ImageFormat.JPEG, 95));

        int corner = decoded.getRGB(2, 2);
        assertThat(corner >> 16 & 0xFF).isGreaterThan(245);
        assertThat(corner & 0xFF).isGreaterThan(245);
    }

    @Test
    void lowerJpegCompressionValueGivesSmallerFiles() {
        BufferedImage image = image(512, 512, false);

        assertThat(ImageEncoder.encode(image, ImageFormat.JPEG, 30).length)
                .isLessThan(ImageEncoder.encode(image, ImageFormat.JPEG, 100).length);
    }

    @ParameterizedTest
    @CsvSource({"640,480", "1792,1024", "256,256"})
    void webpHasARiffHeaderWithTheCorrectDimensions(int width, int height) {
        byte[] webp = ImageEncoder.encode(image(width, height, false), ImageFormat.WEBP, 90);

        assertThat(WebpHeader.isWebp(webp)).isTrue();
        assertThat(WebpHeader.size(webp)).containsExactly(width, height);
    }

    @Test
    void transparentWebpCarriesAnAlphaChannel() throws IOException {
        byte[] webp = ImageEncoder.encode(image(320, 240, true), ImageFormat.WEBP, 90);

        assertThat(WebpHeader.chunk(webp)).isEqualTo("VP8X");
        assertThat(WebpHeader.size(webp)).containsExactly(320, 240);
        // VP8X flags: bit 4 says the image has alpha.
        assertThat(webp[20] & 0x10).isNotZero();
        BufferedImage decoded = decode(webp);
        assertThat(Pixels.alpha(decoded, 1, 1)).isZero();
        assertThat(Pixels.alpha(decoded, 160, 235)).isEqualTo(255);
    }

    @Test
    void streamAndByteArrayEncodingsAgree() {
        BufferedImage image = image(300, 200, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ImageEncoder.encode(image, ImageFormat.PNG, 70, out);

        assertThat(out.toByteArray()).isEqualTo(ImageEncoder.encode(image, ImageFormat.PNG, 70));
    }

    @Test
    void compressionMapsToDocumentedEncoderSettings() {
        assertThat(ImageEncoder.pngLevel(100)).isEqualTo(1);
        assertThat(ImageEncoder.pngLevel(50)).isEqualTo(5);
        assertThat(ImageEncoder.pngLevel(0)).isEqualTo(9);
        assertThat(ImageEncoder.jpegQuality(100)).isEqualTo(0.95f);
        assertThat(ImageEncoder.jpegQuality(0)).isEqualTo(0.05f);
        assertThat(ImageEncoder.webpQuality(100)).isEqualTo(1f);
    }

    @Test
    void rejectsCompressionOutsideZeroToHundred() {
        assertThatThrownBy(() -> ImageEncoder.encode(image(64, 64, false), ImageFormat.PNG, 101))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("compression must be in [0, 100] but was 101");
    }
}
