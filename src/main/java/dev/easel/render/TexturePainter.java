package dev.easel.render;

import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;

/**
 * A fine value-noise grain over the whole image, so flat fills look painted rather than vector.
 * The noise is computed once on a small tile and added in one tight loop over the raster, which
 * costs a few milliseconds even at 4K; more octaves at higher detail.
 */
final class TexturePainter {

    private static final int TILE = 256;
    private static final int MASK = TILE - 1;

    private TexturePainter() {
    }

    static void paint(Canvas c, SplittableRandom random) {
        float amplitude = 1f + 3f * c.scene().mood().grain();
        int[] tile = tile(random, c.detail(), amplitude);
        int[] pixels = ((DataBufferInt) c.image().getRaster().getDataBuffer()).getData();
        int w = c.width();
        int h = c.height();
        boolean alpha = c.transparent();
        for (int y = 0; y < h; y++) {
            int row = (y & MASK) << 8;
            int base = y * w;
            for (int x = 0; x < w; x++) {
                int p = pixels[base + x];
                if (alpha && (p >>> 24) == 0) {
                    continue;
                }
                int n = tile[row | (x & MASK)];
                int r = clamp(((p >> 16) & 0xFF) + n);
                int g = clamp(((p >> 8) & 0xFF) + n);
                int b = clamp((p & 0xFF) + n);
                pixels[base + x] = (p & 0xFF000000) | (r << 16) | (g << 8) | b;
            }
        }
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : v > 255 ? 255 : v;
    }

    /**
     * Wrapping value noise: octaves with lattice spacing 32, 8 and 4 pixels. No per-pixel speckle:
     * it would make PNG output incompressible and twice as slow to encode.
     */
    static int[] tile(SplittableRandom random, Detail detail, float amplitude) {
        float[] sum = new float[TILE * TILE];
        int[] spacings = switch (detail) {
            case LOW -> new int[] {16};
            case MEDIUM -> new int[] {32, 8};
            case HIGH -> new int[] {32, 8, 4};
        };
        float weight = 1f;
        for (int spacing : spacings) {
            octave(random, sum, spacing, weight);
            weight *= 0.6f;
        }
        int[] tile = new int[TILE * TILE];
        for (int i = 0; i < tile.length; i++) {
            tile[i] = Math.round(sum[i] * amplitude);
        }
        return tile;
    }

    private static void octave(SplittableRandom random, float[] sum, int spacing, float weight) {
        int cells = TILE / spacing;
        float[] lattice = new float[cells * cells];
        for (int i = 0; i < lattice.length; i++) {
            lattice[i] = random.nextFloat() * 2f - 1f;
        }
        for (int y = 0; y < TILE; y++) {
            int cy = y / spacing;
            float fy = smooth((y % spacing) / (float) spacing);
            int cy1 = (cy + 1) % cells;
            for (int x = 0; x < TILE; x++) {
                int cx = x / spacing;
                float fx = smooth((x % spacing) / (float) spacing);
                int cx1 = (cx + 1) % cells;
                float top = lattice[cy * cells + cx] + (lattice[cy * cells + cx1] - lattice[cy * cells + cx]) * fx;
                float bottom = lattice[cy1 * cells + cx] + (lattice[cy1 * cells + cx1] - lattice[cy1 * cells + cx]) * fx;
                sum[y * TILE + x] += (top + (bottom - top) * fy) * weight;
            }
        }
    }

    private static float smooth(float t) {
        return t * t * (3 - 2 * t);
    }
}
