package dev.easel.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.geom.QuadCurve2D;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;

/** Open water of a sea or lake: its colour, the mirror image of the sky and shore, glitter and waves. */
final class WaterPainter {

    private WaterPainter() {
    }

    static void paint(Canvas c, SplittableRandom random) {
        Scene s = c.scene();
        if (!s.has(Feature.SEA) && !s.has(Feature.LAKE)) {
            return;
        }
        int top = c.layout().waterline();
        int bottom = s.has(Feature.LAKE) ? (int) (c.height() * (GroundPainter.NEAR_BANK + 0.04)) : c.height();
        Palette p = c.palette();
        Graphics2D g = c.g();
        Color far = Colors.mix(p.skyHorizon(), p.lit(p.water()), 0.45);
        Color near = Colors.scale(p.lit(p.water()), s.water() == WaterState.STORMY ? 0.6 : 0.85);
        g.setPaint(new GradientPaint(0f, top, far, 0f, bottom, near));
        g.fillRect(0, top, c.width(), bottom - top);
        reflect(c, top, bottom);
        if (s.has(Feature.SUN) && s.weather() != Weather.STORM) {
            glitter(c, random.split(), c.layout().sunX(), top, bottom, p.sun(), c.scene().time().lowSun() ? 1.0 : 0.6);
        } else if (s.has(Feature.MOON)) {
            glitter(c, random.split(), c.layout().moonX(), top, bottom, new Color(230, 232, 220), 0.5);
        }
        if (s.water() == WaterState.CALM) {
            ripples(c, random.split(), top, bottom);
        }
        if (s.water() != WaterState.CALM) {
            waves(c, random.split(), top, bottom, s.water() == WaterState.STORMY);
        }
    }

    /**
     * Mirrors what is already drawn above the water into it, blended at a strength set by how calm
     * the water is. Done on the raster: an alpha-composited drawImage costs several times more.
     */
    private static void reflect(Canvas c, int top, int bottom) {
        int height = Math.min(top, bottom - top);
        if (height <= 0) {
            return;
        }
        int strength = switch (c.scene().water()) {
            case CALM -> 128;
            case WAVES -> 64;
            default -> 26;
        };
        int w = c.width();
        int[] pixels = ((DataBufferInt) c.image().getRaster().getDataBuffer()).getData();
        boolean alpha = c.transparent();
        for (int y = 0; y < height; y++) {
            int src = (top - 1 - y) * w;
            int dst = (top + y) * w;
            for (int x = 0; x < w; x++) {
                int s = pixels[src + x];
                int a = alpha ? strength * (s >>> 24) >> 8 : strength;
                if (a == 0) {
                    continue;
                }
                int d = pixels[dst + x];
                int r = (d >> 16 & 0xFF) + (((s >> 16 & 0xFF) - (d >> 16 & 0xFF)) * a >> 8);
                int g = (d >> 8 & 0xFF) + (((s >> 8 & 0xFF) - (d >> 8 & 0xFF)) * a >> 8);
                int b = (d & 0xFF) + (((s & 0xFF) - (d & 0xFF)) * a >> 8);
                pixels[dst + x] = (d & 0xFF000000) | r << 16 | g << 8 | b;
            }
        }
    }

    /** The bright path of broken light under a low sun or the moon, widening toward the viewer. */
    private static void glitter(Canvas c, SplittableRandom random, double x0, int top, int bottom, Color light,
            double strength) {
        Graphics2D g = c.g();
        int n = c.count(900 * strength);
        double span = bottom - top;
        for (int i = 0; i < n; i++) {
            double t = random.nextDouble();
            t = t * t;
            double y = top + span * t;
            double spread = c.unit() * (0.03 + 0.25 * t);
            double x = x0 + (random.nextDouble() + random.nextDouble() - 1) * spread;
            double len = c.unit() * (0.006 + 0.04 * t) * (0.4 + random.nextDouble());
            g.setColor(Colors.alpha(Colors.mix(light, Color.WHITE, 0.3), 0.35 + 0.5 * random.nextDouble() * (1 - t * 0.5)));
            dash(g, x - len / 2, y, len, c.unit() * 0.0022 * (0.5 + t));
        }
    }

    /**
     * A horizontal dash on whole pixels. Thousands of these make glitter and ripples; axis-aligned
     * rectangles need no antialiasing, and filling them directly is several times cheaper.
     */
    private static void dash(Graphics2D g, double x, double y, double length, double thickness) {
        g.fill(new java.awt.geom.Rectangle2D.Double(x, y, length, Math.max(1, thickness)));
    }

    private static void ripples(Canvas c, SplittableRandom random, int top, int bottom) {
        Graphics2D g = c.g();
        Color light = Colors.alpha(Colors.mix(c.palette().skyHorizon(), Color.WHITE, 0.4), 0.16);
        Color dark = Colors.alpha(Colors.scale(c.palette().lit(c.palette().water()), 0.6), 0.16);
        int n = c.count(260);
        double span = bottom - top;
        for (int i = 0; i < n; i++) {
            double t = random.nextDouble();
            t = t * t;
            double y = top + span * t;
            double len = c.unit() * (0.015 + 0.08 * t) * (0.3 + random.nextDouble());
            double x = random.nextDouble() * c.width();
            g.setColor(random.nextBoolean() ? light : dark);
            dash(g, x, y, len, c.unit() * 0.0018 * (0.4 + t));
        }
    }

    /** Rows of crests, small and dense far away, big near the viewer; foam on a stormy sea. */
    private static void waves(Canvas c, SplittableRandom random, int top, int bottom, boolean stormy) {
        Graphics2D g = c.g();
        Palette p = c.palette();
        Color body = Colors.scale(p.lit(p.water()), stormy ? 0.55 : 0.75);
        Color crest = Colors.mix(p.lit(p.water()), p.lit(new Color(235, 245, 250)), stormy ? 0.7 : 0.45);
        double span = bottom - top;
        int rows = 10 + 6 * c.detail().density();
        for (int r = 0; r < rows; r++) {
            double t = Math.pow((r + 1.0) / rows, 1.7);
            double y = top + span * t;
            double amp = c.unit() * (stormy ? 0.05 : 0.02) * (0.15 + t);
            double wavelength = c.unit() * (stormy ? 0.16 : 0.12) * (0.25 + t);
            double phase = random.nextDouble() * wavelength;
            Path2D.Double path = new Path2D.Double();
            path.moveTo(-wavelength, y + amp);
            for (double x = -wavelength + phase; x < c.width() + wavelength; x += wavelength) {
                double peak = amp * (0.6 + 0.8 * random.nextDouble());
                path.quadTo(x + wavelength * 0.25, y - peak * 1.2, x + wavelength * 0.5, y - peak);
                path.quadTo(x + wavelength * 0.75, y + amp * 0.2, x + wavelength, y + amp * 0.3);
            }
            path.lineTo(c.width() + wavelength, y + amp * 2.5);
            path.lineTo(-wavelength, y + amp * 2.5);
            path.closePath();
            g.setPaint(new GradientPaint(0f, (float) (y - amp), Colors.mix(crest, body, 0.5), 0f, (float) (y + amp * 2.5), body));
            g.fill(path);
            crests(c, random, y, amp, wavelength, phase, stormy);
        }
    }

    private static void crests(Canvas c, SplittableRandom random, double y, double amp, double wavelength, double phase,
            boolean stormy) {
        Graphics2D g = c.g();
        Color foam = c.palette().lit(new Color(240, 246, 250));
        g.setStroke(new BasicStroke((float) Math.max(1, amp * 0.09), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (double x = -wavelength + phase; x < c.width() + wavelength; x += wavelength) {
            if (random.nextDouble() > (stormy ? 0.7 : 0.3)) {
                continue;
            }
            double w = wavelength * (0.12 + 0.16 * random.nextDouble());
            double cx = x + wavelength * 0.4;
            g.setColor(Colors.alpha(foam, 0.5 + 0.4 * random.nextDouble()));
            g.draw(new QuadCurve2D.Double(cx - w, y - amp * 0.5, cx, y - amp * 1.35, cx + w, y - amp * 0.7));
        }
    }
}
