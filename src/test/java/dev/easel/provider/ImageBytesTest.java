package dev.easel.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.catalog.PixelSize;
import dev.easel.render.ImageFormat;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageBytesTest {
    /** 1..9 in pieces of 4, 3 and a last one of 5 that holds only 2 of them (the rest must never be read). */
    static ImageBytes oneToNine() {
        return new ImageBytes(List.of(new byte[] {1, 2, 3, 4}, new byte[] {5, 6, 7}, new byte[] {8, 9, 99, 99, 99}), 9);
    }

    @Test
    void piecesReadBackInOrderAndStopAtTheLength() throws Exception {
        assertThat(oneToNine().stream().readAllBytes()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(oneToNine().toArray()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(oneToNine().head(5)).containsExactly(1, 2, 3, 4, 5);
        assertThat(oneToNine().head(64)).hasSize(9);
    }

    @Test
    void smallReadsCrossPiecesAndEndWithMinusOne() throws Exception {
        InputStream in = oneToNine().stream();
        byte[] two = new byte[2];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int n; (n = in.read(two, 0, 2)) != -1; ) {
            out.write(two, 0, n);
        }
        assertThat(out.toByteArray()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void transferToWritesEachPieceInPlace() throws Exception {
        InputStream in = oneToNine().stream();
        assertThat(in.read()).isEqualTo(1);
        List<Integer> writes = new java.util.ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                writes.add(len);
                super.write(b, off, len);
            }
        };
        assertThat(in.transferTo(out)).isEqualTo(8);
        assertThat(writes).containsExactly(3, 3, 2);
        assertThat(out.toByteArray()).containsExactly(2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void oneExactArrayIsHandedOverWithoutACopy() {
        byte[] whole = {1, 2, 3};
        EncodedImage image = new EncodedImage(whole, ImageFormat.PNG, new PixelSize(1, 1), Optional.empty());
        assertThat(image.bytes()).isSameAs(whole);
        assertThat(image.length()).isEqualTo(3);
    }

    @Test
    void anImageInPiecesIsJoinedOnceWhenAnArrayIsAsked() {
        EncodedImage image = new EncodedImage(oneToNine(), ImageFormat.PNG, new PixelSize(1, 1), Optional.empty());
        assertThat(image.bytes()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9).isSameAs(image.bytes());
    }

    @Test
    void aLengthThePiecesCannotHoldIsRefused() {
        assertThatThrownBy(() -> new ImageBytes(List.of(new byte[4], new byte[4]), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImageBytes(List.of(new byte[4], new byte[4]), 9))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImageBytes(List.of(new byte[0], new byte[4]), 4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ImageBytes(List.of(), 0).stream()).isEmpty();
    }
}
