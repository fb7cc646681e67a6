package dev.easel.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.catalog.PixelSize;
import dev.easel.render.ImageFormat;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EncodedImageTest {
    @Test
    void anImageInALargerBufferIsReadInPlaceAndCopiedOnlyWhenAnExactArrayIsAsked() throws Exception {
        byte[] buffer = {1, 2, 3, 4, 9, 9};
        EncodedImage image = EncodedImage.of(buffer, 4, ImageFormat.PNG, new PixelSize(1, 1), Optional.empty());

        assertThat(image.length()).isEqualTo(4);
        assertThat(image.stream().readAllBytes()).containsExactly(1, 2, 3, 4);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        image.writeTo(out, 1, 3);
        assertThat(out.toByteArray()).containsExactly(2, 3, 4);
        assertThat(image.bytes()).containsExactly(1, 2, 3, 4).isSameAs(image.bytes());
        assertThatThrownBy(() -> image.writeTo(out, 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void anExactArrayIsHandedOverWithoutCopy() {
        byte[] bytes = {1, 2, 3};
        EncodedImage image = new EncodedImage(bytes, ImageFormat.PNG, new PixelSize(1, 1), Optional.empty());
        assertThat(image.bytes()).isSameAs(bytes);
        assertThat(image.buffer()).isSameAs(bytes);
    }
}
