package dev.easel.generation;

import dev.easel.catalog.PixelSize;
import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.error.EaselException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The flexible size rule of gpt-image-2, checked against an independent statement of the limits:
 * a size is accepted exactly when every limit holds.
 */
class FlexibleSizeProperties {

    private static boolean withinEveryLimit(int w, int h) {
        long pixels = (long) w * h;
        int longEdge = Math.max(w, h);
        int shortEdge = Math.min(w, h);
        return w % 16 == 0 && h % 16 == 0
                && longEdge <= 3840
                && longEdge <= 3 * shortEdge
                && pixels >= 655_360 && pixels <= 8_294_400;
    }

    private static boolean accepted(int w, int h) {
        try {
            PixelSize size = Requests.parse("gpt-image-2", "size", w + "x" + h).size();
            assertThat(size).isEqualTo(new PixelSize(w, h));
            return true;
        } catch (EaselException e) {
            assertThat(e.param()).contains("size");
            return false;
        }
    }

    @Property
    void anySizeIsAcceptedExactlyWhenItSatisfiesEveryRule(
            @ForAll @IntRange(min = 1, max = 5000) int w, @ForAll @IntRange(min = 1, max = 5000) int h) {
        assertThat(accepted(w, h)).isEqualTo(withinEveryLimit(w, h));
    }

    @Property
    void anySixteenAlignedSizeIsAcceptedExactlyWhenItSatisfiesEveryRule(
            @ForAll @IntRange(min = 1, max = 300) int w16, @ForAll @IntRange(min = 1, max = 300) int h16) {
        int w = w16 * 16;
        int h = h16 * 16;
        assertThat(accepted(w, h)).isEqualTo(withinEveryLimit(w, h));
    }

    @Property
    void qwenAlwaysRendersOneOfItsFiveSizes(
            @ForAll @IntRange(min = 1, max = 16384) int w, @ForAll @IntRange(min = 1, max = 16384) int h) {
        PixelSize size = Requests.parse("qwen-image", "size", w + "x" + h).size();

        assertThat(size.toString()).isIn("1664x928", "1472x1104", "1328x1328", "1104x1472", "928x1664");
        // Orientation is kept: a landscape request never comes back portrait, and vice versa.
        assertThat(Integer.signum(Integer.compare(size.width(), size.height())) * Integer.signum(Integer.compare(w, h)))
                .isNotNegative();
    }
}
