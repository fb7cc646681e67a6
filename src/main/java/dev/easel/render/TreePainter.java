package dev.easel.render;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.SplittableRandom;

/** Pines and leafy trees: a forest along the horizon or shore, a few trees in the field. */
final class TreePainter {

    private TreePainter() {
    }

    static boolean wanted(Scene s) {
        return s.has(Feature.FOREST) || s.has(Feature.TREES) || s.has(Feature.PINES);
    }

    /** Trees standing on the horizon or on the far shore; drawn before the water so they are mirrored. */
    static void far(Canvas c, SplittableRandom random) {
        Scene s = c.scene();
        if (!wanted(s)) {
            return;
        }
        boolean pines = s.has(Feature.PINES);
        double base = Layout.hasFarShore(s) ? c.layout().waterline() + 1 : c.layout().horizon() + c.height() * 0.01;
        int rows = s.has(Feature.FOREST) ? 2 : 1;
        for (int row = 0; row < rows; row++) {
            double size = c.height() * (0.07 + 0.04 * row) * (s.has(Feature.FOREST) ? 1 : 0.8);
            double step = size * (pines ? 0.32 : 0.45) * (s.has(Feature.FOREST) ? 1 : 3.5);
            double x = -random.nextDouble() * step;
            while (x < c.width() + step) {
                double h = size * (0.7 + 0.6 * random.nextDouble());
                boolean skip = !s.has(Feature.FOREST) && random.nextDouble() < 0.5;
                if (!skip) {
                    tree(c, random, x, base + row * size * 0.12, h, 0.35 - row * 0.15, pines || random.nextDouble() < 0.2);
                }
                x += step * (0.6 + 0.8 * random.nextDouble());
            }
        }
    }

    /** Big trees near the viewer, framing a land scene; none when water fills the foreground. */
    static void near(Canvas c, SplittableRandom random) {
        Scene s = c.scene();
        if (!wanted(s) || s.has(Feature.SEA) || s.has(Feature.LAKE)) {
            return;
        }
        int n = s.has(Feature.FOREST) ? 4 : 2 + random.nextInt(2);
        double span = c.height() - c.layout().horizon();
        for (int i = 0; i < n; i++) {
            boolean left = i % 2 == 0;
            double x = left ? c.width() * (0.02 + 0.18 * random.nextDouble()) : c.width() * (0.8 + 0.18 * random.nextDouble());
            if (!s.has(Feature.FOREST) && i >= 2) {
                x = c.width() * (0.3 + 0.4 * random.nextDouble());
            }
            double base = c.layout().horizon() + span * (0.35 + 0.55 * random.nextDouble());
            double h = c.unit() * (0.28 + 0.2 * random.nextDouble()) * (base - c.layout().horizon()) / span * 1.4;
            tree(c, random, x, base, h, 0, s.has(Feature.PINES));
        }
    }

    private static void tree(Canvas c, SplittableRandom random, double x, double base, double h, double haze, boolean pine) {
        Palette p = c.palette();
        Color leaves = p.hazed(Colors.scale(p.foliage(), pine ? 0.75 : 1.0), haze);
        Color trunk = p.hazed(new Color(92, 62, 40), haze);
        if (pine) {
            pine(c, random, x, base, h, leaves, trunk);
        } else {
            leafy(c, random, x, base, h, leaves, trunk);
        }
    }

    private static void pine(Canvas c, SplittableRandom random, double x, double base, double h, Color leaves, Color trunk) {
        Graphics2D g = c.g();
        double w = h * 0.42;
        g.setColor(trunk);
        g.fill(new Rectangle2D.Double(x - w * 0.06, base - h * 0.15, w * 0.12, h * 0.16));
        int tiers = 2 + c.detail().density() / 2 + 1;
        boolean snow = c.scene().weather() == Weather.SNOW;
        Color snowColor = c.palette().lit(c.palette().snow());
        for (int t = 0; t < tiers; t++) {
            double f = (double) t / tiers;
            double tierTop = base - h * (0.45 + 0.55 * (t + 1) / tiers);
            double tierBottom = base - h * (0.1 + 0.8 * f);
            double half = w * (1 - f * 0.7) / 2;
            Path2D.Double tri = new Path2D.Double();
            tri.moveTo(x, tierTop);
            tri.lineTo(x + half, tierBottom);
            tri.lineTo(x - half, tierBottom);
            tri.closePath();
            g.setPaint(new GradientPaint((float) (x - half), 0f, Colors.scale(leaves, 1.15), (float) (x + half), 0f,
                    Colors.scale(leaves, 0.75)));
            g.fill(tri);
            if (snow) {
                Path2D.Double cap = new Path2D.Double();
                cap.moveTo(x, tierTop);
                cap.lineTo(x + half * 0.45, tierTop + (tierBottom - tierTop) * 0.45);
                cap.lineTo(x - half * 0.45, tierTop + (tierBottom - tierTop) * 0.45);
                cap.closePath();
                g.setColor(snowColor);
                g.fill(cap);
            }
        }
    }

    private static void leafy(Canvas c, SplittableRandom random, double x, double base, double h, Color leaves, Color trunk) {
        Graphics2D g = c.g();
        double r = h * 0.3;
        g.setColor(trunk);
        g.fill(new Rectangle2D.Double(x - h * 0.035, base - h * 0.55, h * 0.07, h * 0.56));
        int blobs = 3 + 2 * c.detail().density();
        double cy = base - h * 0.62;
        for (int i = 0; i < blobs; i++) {
            double a = random.nextDouble() * Math.PI * 2;
            double d = r * 0.55 * Math.sqrt(random.nextDouble());
            double br = r * (0.45 + 0.3 * random.nextDouble());
            double bx = x + Math.cos(a) * d;
            double by = cy + Math.sin(a) * d * 0.8;
            g.setPaint(new GradientPaint((float) bx, (float) (by - br), Colors.scale(leaves, 1.25), (float) bx,
                    (float) (by + br), Colors.scale(leaves, 0.8)));
            g.fill(new Ellipse2D.Double(bx - br, by - br, br * 2, br * 2));
        }
    }
}
