package dev.easel.render;

import java.awt.Color;
import java.awt.image.DataBufferInt;
import java.util.Arrays;

/**
 * The sky background with the glow around the sun or moon, written straight into the raster.
 * Java2D's gradient paints with alpha cost ~10 ms per megapixel here; one pass over the int[]
 * with a per-row base colour and a square-law glow (no square roots) costs a fraction of that.
 * Only used on opaque canvases: a transparent canvas has no sky.
 */
final class SkyGradient {

    private SkyGradient() {
    }

    static void paint(Canvas c) {
        Palette p = c.palette();
        Layout l = c.layout();
        int w = c.width();
        int h = c.height();
        int[] pixels = ((DataBufferInt) c.image().getRaster().getDataBuffer()).getData();
        Glow sun = c.scene().has(Feature.SUN)
                ? Glow.of(l.sunX(), l.sunY(), l.unit() * (c.scene().time().lowSun() ? 0.9 : 0.45), p.glow(), 0.6)
                : Glow.NONE;
        Glow moon = c.scene().has(Feature.MOON)
                ? Glow.of(l.moonX(), l.moonY(), l.moonR() * 5, new Color(190, 200, 235), 0.3) : Glow.NONE;
        for (int y = 0; y < h; y++) {
            int base = rowColor(p, y, Math.max(1, l.horizon()));
            int from = y * w;
            Arrays.fill(pixels, from, from + w, base);
            sun.apply(pixels, from, w, y);
            moon.apply(pixels, from, w, y);
        }
    }

    /** Three stops: top, middle at 62 % of the way down, horizon; below the horizon stays horizon-coloured. */
    private static int rowColor(Palette p, int y, int horizon) {
        double t = Math.min(1.0, (double) y / horizon);
        Color color = t < 0.62 ? Colors.mix(p.skyTop(), p.skyMid(), t / 0.62)
                : Colors.mix(p.skyMid(), p.skyHorizon(), (t - 0.62) / 0.38);
        return color.getRGB() & 0xFFFFFF;
    }

    /** A soft light: weight {@code strength * (1 - d²/r²)²} inside radius r, nothing outside. */
    private record Glow(double x, double y, double r, Color color, double strength, int[] weights) {

        static final Glow NONE = new Glow(0, 0, 0, Color.BLACK, 0, new int[0]);
        static final int WEIGHTS = 1024;

        void apply(int[] pixels, int from, int width, int row) {
            double dy = row - y;
            if (strength == 0 || Math.abs(dy) >= r) {
                return;
            }
            double r2 = r * r;
            double span = Math.sqrt(r2 - dy * dy);
            int x0 = Math.max(0, (int) (x - span));
            int x1 = Math.min(width - 1, (int) (x + span) + 1);
            int gr = color.getRed();
            int gg = color.getGreen();
            int gb = color.getBlue();
            // Weight by squared distance from a table: integer math in the inner loop.
            double scale = (WEIGHTS - 1) / r2;
            double dy2 = dy * dy;
            for (int px = x0; px <= x1; px++) {
                double dx = px - x;
                int index = (int) ((dx * dx + dy2) * scale);
                if (index >= WEIGHTS) {
                    continue;
                }
                int a = weights[index];
                int p = pixels[from + px];
                int pr = p >> 16 & 0xFF;
                int pg = p >> 8 & 0xFF;
                int pb = p & 0xFF;
                pr += (gr - pr) * a >> 8;
                pg += (gg - pg) * a >> 8;
                pb += (gb - pb) * a >> 8;
                pixels[from + px] = pr << 16 | pg << 8 | pb;
            }
        }

        static Glow of(double x, double y, double r, Color color, double strength) {
            return new Glow(x, y, r, color, strength, weights(strength));
        }

        private static int[] weights(double strength) {
            int[] table = new int[WEIGHTS];
            for (int i = 0; i < WEIGHTS; i++) {
                double u = 1 - (double) i / (WEIGHTS - 1);
                table[i] = (int) (strength * u * u * 256);
            }
            return table;
        }
    }
}
