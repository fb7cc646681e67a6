package dev.easel.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.geom.Ellipse2D;
import java.util.SplittableRandom;

/** Sky gradient, sun and moon with their glow, stars and clouds. */
final class SkyPainter {

    private SkyPainter() {
    }

    static void paint(Canvas c, SplittableRandom random) {
        Graphics2D g = c.g();
        Palette p = c.palette();
        Layout l = c.layout();
        if (!c.transparent()) {
            SkyGradient.paint(c);
            if (c.scene().has(Feature.STARS)) {
                stars(c, random.split());
            }
        }
        if (c.scene().has(Feature.SUN)) {
            sun(c);
        }
        if (c.scene().has(Feature.MOON)) {
            moon(c, random.split());
        }
        if (c.scene().has(Feature.CLOUDS)) {
            clouds(c, random.split());
        }
    }

    private static void sun(Canvas c) {
        Layout l = c.layout();
        Color sun = c.palette().sun();
        double r = l.sunR();
        c.g().setPaint(new RadialGradientPaint((float) l.sunX(), (float) l.sunY(), (float) r,
                new float[] {0f, 0.8f, 1f}, new Color[] {Colors.mix(sun, Color.WHITE, 0.6), sun, Colors.scale(sun, 0.97)}));
        c.g().fill(new Ellipse2D.Double(l.sunX() - r, l.sunY() - r, r * 2, r * 2));
    }

    private static void moon(Canvas c, SplittableRandom random) {
        Layout l = c.layout();
        double r = l.moonR();
        Color moon = c.scene().tint(Surface.MOON).map(NamedColor::color).orElse(new Color(236, 234, 218));
        Graphics2D g = c.g();
        g.setPaint(new RadialGradientPaint((float) (l.moonX() - r * 0.3), (float) (l.moonY() - r * 0.3), (float) (r * 1.4),
                new float[] {0f, 1f}, new Color[] {Colors.mix(moon, Color.WHITE, 0.4), Colors.scale(moon, 0.82)}));
        g.fill(new Ellipse2D.Double(l.moonX() - r, l.moonY() - r, r * 2, r * 2));
        g.setColor(Colors.alpha(Colors.scale(moon, 0.75), 0.35));
        int craters = 3 + c.detail().density();
        for (int i = 0; i < craters; i++) {
            double angle = random.nextDouble() * Math.PI * 2;
            double dist = random.nextDouble() * r * 0.6;
            double cr = r * (0.05 + 0.1 * random.nextDouble());
            g.fill(new Ellipse2D.Double(l.moonX() + Math.cos(angle) * dist - cr, l.moonY() + Math.sin(angle) * dist - cr,
                    cr * 2, cr * 2));
        }
    }

    private static void stars(Canvas c, SplittableRandom random) {
        Graphics2D g = c.g();
        int n = c.count(c.scene().time() == TimeOfDay.NIGHT ? 700 : 220);
        double scale = Math.max(1, c.unit() / 1024);
        int top = c.layout().horizon();
        for (int i = 0; i < n; i++) {
            double x = random.nextDouble() * c.width();
            double yf = random.nextDouble();
            double y = yf * yf * top * 0.95; // denser high up, where the sky is darkest
            double bright = 0.35 + 0.65 * random.nextDouble() * (1 - yf * 0.6);
            double size = scale * (random.nextDouble() < 0.06 ? 2.6 : 1.3);
            g.setColor(Colors.alpha(new Color(255, 250, 235), bright));
            g.fill(new Ellipse2D.Double(x, y, size, size));
        }
    }

    private static void clouds(Canvas c, SplittableRandom random) {
        boolean storm = c.scene().weather() == Weather.STORM || c.scene().weather() == Weather.RAIN;
        boolean overcast = storm || c.scene().weather() == Weather.CLOUDY;
        int n = (overcast ? 9 : 4) + c.detail().density() + (int) (c.width() / c.unit() * 2);
        Palette p = c.palette();
        Color top = storm ? Colors.scale(p.skyMid(), 0.9) : p.lit(p.cloud());
        Color bottom = storm ? Colors.scale(p.skyTop(), 0.7) : p.cloudShade();
        if (c.scene().time().dark()) {
            top = Colors.mix(top, p.skyMid(), 0.6);
            bottom = Colors.mix(bottom, p.skyTop(), 0.6);
        }
        for (int i = 0; i < n; i++) {
            double cx = random.nextDouble() * c.width() * 1.1 - c.width() * 0.05;
            double cy = c.layout().horizon() * (overcast ? 0.05 + 0.4 * random.nextDouble() : 0.1 + 0.5 * random.nextDouble());
            double w = c.unit() * (0.2 + 0.25 * random.nextDouble()) * (overcast ? 1.6 : 1);
            cloud(c, random.split(), cx, cy, w, top, bottom);
        }
    }

    /** A cloud is a row of overlapping puffs sharing one vertical gradient, so seams do not show. */
    private static void cloud(Canvas c, SplittableRandom random, double cx, double cy, double w, Color top, Color bottom) {
        double h = w * 0.38;
        Graphics2D g = c.g();
        g.setPaint(new java.awt.GradientPaint((float) cx, (float) (cy - h * 0.6), top, (float) cx, (float) (cy + h * 0.45),
                bottom));
        int puffs = 4 + c.detail().density() * 2;
        for (int i = 0; i < puffs; i++) {
            double t = (i + 0.5) / puffs;
            double px = cx - w / 2 + t * w;
            double pr = h * (0.35 + 0.35 * Math.sin(t * Math.PI)) * (0.8 + 0.4 * random.nextDouble());
            double py = cy - pr * 0.5 + h * 0.1 * random.nextDouble();
            double bottomY = cy + h * 0.3;
            g.fill(new Ellipse2D.Double(px - pr, py - pr, pr * 2, Math.min(pr * 2, bottomY - (py - pr))));
        }
    }
}
