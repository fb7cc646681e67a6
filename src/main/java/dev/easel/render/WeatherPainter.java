package dev.easel.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.util.SplittableRandom;

/**
 * Rain, snowfall, fog and lightning over the finished scene. Skipped on transparent canvases: a
 * veil of half-transparent streaks would leave no pixel of the background fully transparent.
 */
final class WeatherPainter {

    private WeatherPainter() {
    }

    static void paint(Canvas c, SplittableRandom random) {
        if (c.transparent()) {
            return;
        }
        switch (c.scene().weather()) {
            case STORM -> {
                lightning(c, random.split());
                rain(c, random.split(), 0.4);
            }
            case RAIN -> rain(c, random.split(), 0.3);
            case SNOW -> snow(c, random.split());
            case FOG -> fog(c);
            default -> {
            }
        }
    }

    private static void rain(Canvas c, SplittableRandom random, double alpha) {
        Graphics2D g = c.g();
        g.setColor(Colors.alpha(new Color(210, 218, 228), alpha));
        g.setStroke(new BasicStroke((float) Math.max(1, c.unit() * 0.0015)));
        int n = c.count(1400);
        double len = c.unit() * 0.04;
        for (int i = 0; i < n; i++) {
            double x = random.nextDouble() * (c.width() + len) - len * 0.3;
            double y = random.nextDouble() * c.height();
            double l = len * (0.5 + random.nextDouble());
            g.draw(new Line2D.Double(x, y, x - l * 0.25, y + l));
        }
    }

    private static void snow(Canvas c, SplittableRandom random) {
        Graphics2D g = c.g();
        int n = c.count(450);
        for (int i = 0; i < n; i++) {
            double x = random.nextDouble() * c.width();
            double y = random.nextDouble() * c.height();
            double r = c.unit() * (0.0015 + 0.004 * random.nextDouble() * random.nextDouble());
            g.setColor(Colors.alpha(Color.WHITE, 0.55 + 0.4 * random.nextDouble()));
            g.fill(new Ellipse2D.Double(x - r, y - r, r * 2, r * 2));
        }
    }

    private static void fog(Canvas c) {
        Graphics2D g = c.g();
        Color fog = c.palette().fog();
        int h = c.layout().horizon();
        g.setPaint(new GradientPaint(0f, h - c.height() * 0.3f, Colors.alpha(fog, 0), 0f, h, Colors.alpha(fog, 0.75)));
        g.fillRect(0, (int) (h - c.height() * 0.3f), c.width(), (int) (c.height() * 0.3f) + 1);
        g.setPaint(new GradientPaint(0f, h, Colors.alpha(fog, 0.75), 0f, c.height(), Colors.alpha(fog, 0.2)));
        g.fillRect(0, h, c.width(), c.height() - h);
        g.setColor(Colors.alpha(fog, 0.3));
        g.fillRect(0, 0, c.width(), c.height());
    }

    private static void lightning(Canvas c, SplittableRandom random) {
        if (random.nextDouble() < 0.4) {
            return;
        }
        Graphics2D g = c.g();
        double x = c.width() * (0.2 + 0.6 * random.nextDouble());
        double y = c.layout().horizon() * 0.1;
        Path2D.Double bolt = new Path2D.Double();
        bolt.moveTo(x, y);
        int segments = 6 + c.detail().density() * 2;
        double step = (c.layout().horizon() * 0.85 - y) / segments;
        for (int i = 0; i < segments; i++) {
            x += (random.nextDouble() - 0.5) * c.unit() * 0.06;
            y += step;
            bolt.lineTo(x, y);
        }
        g.setColor(new Color(200, 210, 255, 90));
        g.setStroke(new BasicStroke((float) (c.unit() * 0.012), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(bolt);
        g.setColor(new Color(250, 250, 255));
        g.setStroke(new BasicStroke((float) Math.max(1, c.unit() * 0.003), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(bolt);
    }
}
