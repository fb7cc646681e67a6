package dev.easel.render;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.SplittableRandom;

/** What stands on the horizon: mountain ranges, hills and a city skyline. */
final class FarPainter {

    private FarPainter() {
    }

    static void paint(Canvas c, SplittableRandom random) {
        Scene s = c.scene();
        if (s.has(Feature.MOUNTAINS)) {
            int ranges = c.detail() == Detail.HIGH ? 3 : 2;
            for (int i = 0; i < ranges; i++) {
                mountains(c, random.split(), i, ranges);
            }
        }
        if (s.has(Feature.HILLS)) {
            hills(c, random.split());
        }
        if (s.subjects().stream().anyMatch(sub -> sub.kind() == SubjectKind.CITY)) {
            city(c, random.split());
        }
    }

    /** Ridge heights by midpoint displacement: rough like rock, and cheap at any size. */
    static double[] ridge(SplittableRandom random, int levels, double roughness) {
        int n = 1 << levels;
        double[] y = new double[n + 1];
        y[0] = random.nextDouble() * 0.5;
        y[n] = random.nextDouble() * 0.5;
        double spread = 1.0;
        for (int step = n; step > 1; step /= 2) {
            for (int i = step / 2; i < n; i += step) {
                y[i] = (y[i - step / 2] + y[i + step / 2]) / 2 + (random.nextDouble() - 0.5) * spread;
            }
            spread *= roughness;
        }
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double v : y) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        for (int i = 0; i <= n; i++) {
            y[i] = (y[i] - min) / Math.max(1e-9, max - min);
        }
        return y;
    }

    private static void mountains(Canvas c, SplittableRandom random, int index, int ranges) {
        double far = 1.0 - (double) index / ranges; // 1 for the farthest range
        int base = c.layout().horizon() + 2;
        double top = c.height() * (0.34 - 0.07 * index) * (0.85 + 0.3 * random.nextDouble());
        double[] ridge = ridge(random, 4 + c.detail().density() / 2 + 1, 0.52);
        Path2D.Double path = new Path2D.Double();
        path.moveTo(0, base);
        for (int i = 0; i < ridge.length; i++) {
            path.lineTo((double) i / (ridge.length - 1) * c.width(), base - (0.25 + 0.75 * ridge[i]) * top);
        }
        path.lineTo(c.width(), base);
        path.closePath();
        Palette p = c.palette();
        Color rock = p.hazed(p.rock(), 0.05 + 0.35 * far);
        Graphics2D g = c.g();
        double peak = base - top;
        g.setPaint(new GradientPaint(0f, (float) peak, Colors.scale(rock, 1.12), 0f, base, Colors.scale(rock, 0.8)));
        g.fill(path);
        if (c.scene().has(Feature.SNOWCAPS)) {
            snow(c, random, path, peak, base, far);
        }
    }

    private static void snow(Canvas c, SplittableRandom random, Shape mountain, double peak, double base, double far) {
        Graphics2D g = c.g();
        Shape clip = g.getClip();
        g.clip(mountain);
        double line = peak + (base - peak) * 0.42;
        Path2D.Double cap = new Path2D.Double();
        cap.moveTo(0, 0);
        int steps = 24 * c.detail().density();
        for (int i = 0; i <= steps; i++) {
            double x = (double) i / steps * c.width();
            cap.lineTo(x, line + (random.nextDouble() - 0.3) * (base - peak) * 0.12);
        }
        cap.lineTo(c.width(), 0);
        cap.closePath();
        Color snow = Colors.mix(c.palette().hazed(c.palette().snow(), 0.05 + 0.2 * far), c.palette().snow(), 0.35);
        g.setPaint(new GradientPaint(0f, (float) peak, snow, 0f, (float) line, Colors.scale(snow, 0.86)));
        g.fill(cap);
        g.setClip(clip);
    }

    private static void hills(Canvas c, SplittableRandom random) {
        Palette p = c.palette();
        Color green = c.scene().tint(Surface.MOUNTAINS).map(NamedColor::color).orElse(p.grass());
        for (int layer = 0; layer < 2; layer++) {
            double amp = c.height() * (0.07 - 0.02 * layer);
            double phase = random.nextDouble() * Math.PI * 2;
            double freq = 1.5 + random.nextDouble() * 1.5;
            int base = c.layout().horizon() + 2;
            Path2D.Double path = new Path2D.Double();
            path.moveTo(0, base);
            int steps = 64;
            for (int i = 0; i <= steps; i++) {
                double t = (double) i / steps;
                double wave = Math.sin(t * Math.PI * freq + phase) * 0.6 + Math.sin(t * Math.PI * freq * 2.3 + phase) * 0.4;
                path.lineTo(t * c.width(), base - amp * (1.1 + wave) - layer * amp * 0.2);
            }
            path.lineTo(c.width(), base);
            path.closePath();
            Color color = p.hazed(Colors.scale(green, 0.9 + 0.1 * layer), 0.35 - 0.2 * layer);
            c.g().setPaint(new GradientPaint(0f, (float) (base - amp * 2), Colors.scale(color, 1.08), 0f, base, color));
            c.g().fill(path);
        }
    }

    private static void city(Canvas c, SplittableRandom random) {
        Palette p = c.palette();
        Subject city = c.scene().subjects().stream().filter(s -> s.kind() == SubjectKind.CITY).findFirst().orElseThrow();
        Color body = city.color().map(NamedColor::color).orElse(new Color(70, 78, 96));
        boolean dark = c.scene().time().dark() || c.scene().time() == TimeOfDay.DUSK;
        Graphics2D g = c.g();
        int base = c.layout().horizon() + 1;
        for (int row = 0; row < 2; row++) {
            double x = -random.nextDouble() * c.unit() * 0.05;
            Color color = p.hazed(Colors.scale(body, 0.9 + 0.2 * row), 0.45 - 0.3 * row);
            while (x < c.width()) {
                double w = c.unit() * (0.035 + 0.05 * random.nextDouble());
                double h = c.height() * (0.06 + 0.22 * random.nextDouble() * random.nextDouble() + 0.05 * row);
                g.setColor(color);
                g.fill(new Rectangle2D.Double(x, base - h, w, h));
                if (row == 1) {
                    windows(c, random, x, base - h, w, h, dark);
                }
                x += w * (row == 0 ? 0.8 : 1.15 + random.nextDouble() * 0.4);
            }
        }
    }

    private static void windows(Canvas c, SplittableRandom random, double x, double y, double w, double h, boolean dark) {
        double cell = c.unit() * (c.detail() == Detail.LOW ? 0.016 : 0.011);
        Color lit = new Color(255, 214, 120);
        Color glass = Colors.alpha(Colors.mix(c.palette().skyHorizon(), Color.WHITE, 0.2), 0.5);
        Graphics2D g = c.g();
        for (double wy = y + cell; wy < y + h - cell; wy += cell * 1.8) {
            for (double wx = x + cell * 0.7; wx < x + w - cell; wx += cell * 1.6) {
                if (dark && random.nextDouble() < 0.45) {
                    g.setColor(lit);
                } else if (!dark && random.nextDouble() < 0.7) {
                    g.setColor(glass);
                } else {
                    continue;
                }
                g.fill(new Rectangle2D.Double(wx, wy, cell * 0.8, cell));
            }
        }
    }
}
