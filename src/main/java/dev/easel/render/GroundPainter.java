package dev.easel.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.util.SplittableRandom;

/** Land below the horizon: meadow, sand dunes or snow, a far shore, a river, grass and flowers. */
final class GroundPainter {

    /** Top of the near bank of a lake, as a fraction of the height. */
    static final double NEAR_BANK = 0.9;

    private GroundPainter() {
    }

    static Color groundColor(Canvas c) {
        Scene s = c.scene();
        if (s.weather() == Weather.SNOW && s.tint(Surface.GROUND).isEmpty()) {
            return c.palette().snow();
        }
        return s.has(Feature.DESERT) && s.tint(Surface.GROUND).isEmpty() ? c.palette().sand() : c.palette().grass();
    }

    /** Land from the horizon down; skipped where open sea reaches the horizon. */
    static void base(Canvas c, SplittableRandom random) {
        Scene s = c.scene();
        boolean openSea = s.has(Feature.SEA) && !Layout.hasFarShore(s);
        if (openSea || s.studio() || s.abstractOnly()) {
            return;
        }
        Palette p = c.palette();
        Color ground = groundColor(c);
        int top = c.layout().horizon();
        Graphics2D g = c.g();
        g.setPaint(new GradientPaint(0f, top, p.hazed(ground, 0.35), 0f, c.height(), Colors.scale(p.lit(ground), 0.78)));
        g.fillRect(0, top, c.width(), c.height() - top);
        if (s.has(Feature.DESERT)) {
            dunes(c, random.split(), ground);
        }
        if (s.has(Feature.RIVER)) {
            river(c, random.split());
        }
    }

    private static void dunes(Canvas c, SplittableRandom random, Color sand) {
        int top = c.layout().horizon();
        double span = c.height() - top;
        Graphics2D g = c.g();
        int n = 3 + c.detail().density();
        for (int i = 0; i < n; i++) {
            double y0 = top + span * (0.05 + 0.85 * i / n);
            double amp = span * (0.04 + 0.06 * random.nextDouble()) * (1 + i * 0.3);
            double phase = random.nextDouble() * Math.PI * 2;
            Path2D.Double path = new Path2D.Double();
            path.moveTo(0, c.height());
            for (int k = 0; k <= 48; k++) {
                double t = k / 48.0;
                path.lineTo(t * c.width(), y0 - amp * Math.sin(t * Math.PI * (1.3 + 0.4 * i) + phase));
            }
            path.lineTo(c.width(), c.height());
            path.closePath();
            Color lit = c.palette().hazed(Colors.scale(sand, 1.02 - 0.05 * (i % 2)), 0.3 * (1 - (double) i / n));
            g.setPaint(new GradientPaint(0f, (float) (y0 - amp), Colors.scale(lit, 1.06), 0f, (float) (y0 + span * 0.2),
                    Colors.scale(lit, 0.82)));
            g.fill(path);
        }
    }

    private static void river(Canvas c, SplittableRandom random) {
        int top = c.layout().horizon();
        double span = c.height() - top;
        double phase = random.nextDouble() * Math.PI * 2;
        int steps = 48;
        double[] left = new double[steps + 1];
        double[] right = new double[steps + 1];
        for (int i = 0; i <= steps; i++) {
            double t = (double) i / steps;
            double cx = c.width() * (0.5 + 0.16 * Math.sin(t * 4 + phase) * t);
            double half = c.width() * (0.008 + 0.22 * Math.pow(t, 1.6));
            left[i] = cx - half;
            right[i] = cx + half;
        }
        Path2D.Double path = new Path2D.Double();
        path.moveTo(left[0], top);
        for (int i = 1; i <= steps; i++) {
            path.lineTo(left[i], top + span * i / steps);
        }
        for (int i = steps; i >= 0; i--) {
            path.lineTo(right[i], top + span * i / steps);
        }
        path.closePath();
        Palette p = c.palette();
        Graphics2D g = c.g();
        g.setPaint(new GradientPaint(0f, top, Colors.mix(p.skyHorizon(), p.water(), 0.3), 0f, c.height(), p.lit(p.water())));
        g.fill(path);
        g.setClip(path);
        g.setColor(Colors.alpha(Colors.mix(p.skyHorizon(), Color.WHITE, 0.3), 0.35));
        int n = c.count(120);
        for (int i = 0; i < n; i++) {
            double t = random.nextDouble();
            double y = top + span * t * t;
            double len = c.unit() * 0.05 * (0.3 + t);
            g.setStroke(new BasicStroke((float) Math.max(1, c.unit() * 0.002 * (0.5 + t))));
            double x = c.width() * (0.25 + 0.5 * random.nextDouble());
            g.draw(new Line2D.Double(x, y, x + len, y));
        }
        g.setClip(null);
    }

    /** The land strip across the water, where far houses and trees stand. */
    static void farShore(Canvas c, SplittableRandom random) {
        if (!Layout.hasFarShore(c.scene())) {
            return;
        }
        int top = c.layout().horizon();
        int bottom = c.layout().waterline();
        Color ground = c.palette().hazed(groundColor(c), 0.25);
        Path2D.Double path = new Path2D.Double();
        path.moveTo(0, bottom + 2);
        for (int i = 0; i <= 32; i++) {
            double t = i / 32.0;
            path.lineTo(t * c.width(), top + (bottom - top) * (0.15 * random.nextDouble()));
        }
        path.lineTo(c.width(), bottom + 2);
        path.closePath();
        c.g().setPaint(new GradientPaint(0f, top, ground, 0f, bottom, Colors.scale(ground, 0.7)));
        c.g().fill(path);
    }

    /** The grassy bank in front of a lake, so the lake reads as a lake and not the open sea. */
    static void nearBank(Canvas c, SplittableRandom random) {
        if (!c.scene().has(Feature.LAKE)) {
            return;
        }
        double y0 = c.height() * NEAR_BANK;
        Path2D.Double path = new Path2D.Double();
        path.moveTo(0, c.height());
        for (int i = 0; i <= 32; i++) {
            double t = i / 32.0;
            path.lineTo(t * c.width(), y0 + c.height() * 0.03 * Math.sin(t * 5 + random.nextDouble() * 0.6));
        }
        path.lineTo(c.width(), c.height());
        path.closePath();
        Color ground = c.palette().lit(groundColor(c));
        c.g().setPaint(new GradientPaint(0f, (float) y0, ground, 0f, c.height(), Colors.scale(ground, 0.7)));
        c.g().fill(path);
    }

    /** Blades of grass and flowers over the near ground; their number follows the detail level. */
    static void near(Canvas c, SplittableRandom random) {
        Scene s = c.scene();
        if (s.studio() || s.abstractOnly() || (s.has(Feature.SEA) && !s.has(Feature.LAKE))) {
            return;
        }
        double top = s.has(Feature.LAKE) ? c.height() * NEAR_BANK : c.layout().horizon();
        if (s.has(Feature.MEADOW) && !s.has(Feature.DESERT) && s.weather() != Weather.SNOW) {
            blades(c, random.split(), top);
        }
        if (s.has(Feature.FLOWERS)) {
            flowers(c, random.split(), top);
        }
    }

    private static void blades(Canvas c, SplittableRandom random, double top) {
        Graphics2D g = c.g();
        Color grass = c.palette().lit(c.palette().grass());
        Color dark = Colors.scale(grass, 0.7);
        Color light = Colors.mix(grass, new Color(220, 230, 140), 0.25);
        double span = c.height() - top;
        int n = c.count(2600 * span / c.height());
        for (int i = 0; i < n; i++) {
            double t = Math.sqrt(random.nextDouble());
            double y = top + span * t;
            double x = random.nextDouble() * c.width();
            double len = c.unit() * (0.006 + 0.03 * t * t);
            g.setColor(random.nextBoolean() ? dark : light);
            g.setStroke(new BasicStroke((float) Math.max(1, c.unit() * 0.0025 * t)));
            g.draw(new Line2D.Double(x, y, x + (random.nextDouble() - 0.5) * len * 0.6, y - len));
        }
    }

    private static void flowers(Canvas c, SplittableRandom random, double top) {
        Graphics2D g = c.g();
        Color[] colors = c.scene().tint(Surface.FLOWERS).map(n -> new Color[] {n.color()})
                .orElse(new Color[] {new Color(230, 60, 80), new Color(250, 210, 60), new Color(245, 245, 245),
                    new Color(200, 110, 220), new Color(255, 140, 60)});
        double span = c.height() - top;
        int n = c.count(420 * span / c.height());
        for (int i = 0; i < n; i++) {
            double t = Math.sqrt(random.nextDouble());
            double y = top + span * (0.08 + 0.92 * t);
            double x = random.nextDouble() * c.width();
            double r = c.unit() * (0.003 + 0.011 * t * t);
            Color petal = c.palette().lit(colors[random.nextInt(colors.length)]);
            g.setColor(petal);
            g.fill(new Ellipse2D.Double(x - r, y - r, r * 2, r * 2));
            if (r > 3) {
                g.setColor(c.palette().lit(new Color(250, 200, 60)));
                g.fill(new Ellipse2D.Double(x - r * 0.35, y - r * 0.35, r * 0.7, r * 0.7));
            }
        }
    }
}
