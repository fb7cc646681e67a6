package dev.easel.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.provider.ImageBytes;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageBufferTest {
    static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    /** The lengths of the writes transferTo makes: one per piece. */
    static List<Integer> pieceLengths(ImageBytes image) throws Exception {
        List<Integer> lengths = new ArrayList<>();
        image.stream().transferTo(new OutputStream() {
            @Override
            public void write(int b) {
                throw new AssertionError("pieces are written whole");
            }

            @Override
            public void write(byte[] b, int off, int len) {
                lengths.add(len);
            }
        });
        return lengths;
    }

    @Test
    void aLargeImageIsHeldInPiecesNoneOverAQuarterOfTheSmallestG1Region() throws Exception {
        byte[] image = random(1_600_003);
        for (long hint : new long[] {0, 1_600_003, 2_133_336}) {
            ImageBuffer buffer = new ImageBuffer(hint, UpstreamHttp.MAX_IMAGE_BYTES);
            for (int at = 0; at < image.length; at += 10_000) {
                buffer.write(image, at, Math.min(10_000, image.length - at));
            }
            ImageBytes bytes = buffer.image();

            assertThat(bytes.length()).isEqualTo(image.length);
            assertThat(bytes.toArray()).isEqualTo(image);
            assertThat(pieceLengths(bytes)).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(ImageBytes.PIECE));
        }
    }

    @Test
    void aSmallImageOfTheHintedSizeIsOneExactArray() throws Exception {
        byte[] image = random(100_000);
        ImageBuffer buffer = new ImageBuffer(image.length, UpstreamHttp.MAX_IMAGE_BYTES);
        buffer.write(image);

        assertThat(pieceLengths(buffer.image())).containsExactly(100_000);
        byte[] whole = buffer.image().toArray();
        assertThat(whole).isEqualTo(image).isSameAs(buffer.image().toArray());
    }

    @Test
    void aWritePastTheLimitFails() throws Exception {
        ImageBuffer buffer = new ImageBuffer(0, 10);
        buffer.write(new byte[10]);
        assertThatThrownBy(() -> buffer.write(1)).isInstanceOf(ImageBuffer.ImageTooLargeException.class);
        assertThat(buffer.size()).isEqualTo(10);
    }
}
