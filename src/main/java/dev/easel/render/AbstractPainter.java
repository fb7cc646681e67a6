package dev.easel.render;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.geom.Ellipse2D;
import java.util.SplittableRandom;

/**
 * For prompts with no word the renderer can draw: soft overlapping forms in colours picked by the
 * mood of the words, so every prompt still gets its own, stable picture.
 */
final class AbstractPainter {

    private AbstractPainter() {
    }

    static void paint(Canvas c, SplittableRandom random) {
        Mood mood = c.scene().mood();
        float hue = mood.baseHue() / 360f;
        Color first = mood.accents().isEmpty() ? Color.getHSBColor(hue, 0.55f, 0.85f) : mood.accents().get(0).color();
        Color second = Color.getHSBColor(hue + 150 / 360f, 0.5f, 0.75f);
        Graphics2D g = c.g();
        if (!c.transparent()) {
            g.setPaint(new GradientPaint(0f, 0f, Colors.mix(first, Color.WHITE, 0.55), c.width(), c.height(),
                    Colors.mix(second, Color.BLACK, 0.25)));
            g.fillRect(0, 0, c.width(), c.height());
        }
        int n = 5 + 3 * c.detail().density();
        for (int i = 0; i < n; i++) {
            double x = random.nextDouble() * c.width();
            double y = random.nextDouble() * c.height();
            double r = c.unit() * (0.08 + 0.22 * random.nextDouble());
            Color color = Colors.mix(first, second, random.nextDouble());
            color = Colors.shift(color, (float) (random.nextDouble() * 40 - 20), 1f);
            if (c.transparent()) {
                g.setColor(color);
            } else {
                g.setPaint(new RadialGradientPaint((float) x, (float) y, (float) r, new float[] {0f, 0.7f, 1f},
                        new Color[] {Colors.alpha(Colors.mix(color, Color.WHITE, 0.2), 0.9), Colors.alpha(color, 0.75),
                            Colors.alpha(color, 0)}));
            }
            g.fill(new Ellipse2D.Double(x - r, y - r, r * 2, r * 2));
        }
    }
}
