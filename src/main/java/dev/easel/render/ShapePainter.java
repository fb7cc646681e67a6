package dev.easel.render;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Simple shapes (circle, square, triangle, star, heart), on a plain backdrop or floating in the sky. */
final class ShapePainter {

    private ShapePainter() {
    }

    /** The plain backdrop of a shapes-only prompt: a soft light wall and floor. */
    static void backdrop(Canvas c) {
        if (c.transparent()) {
            return;
        }
        Mood mood = c.scene().mood();
        Color wall = Colors.shift(new Color(242, 238, 230), mood.hueShift(), 1f);
        Graphics2D g = c.g();
        int floor = c.layout().horizon();
        g.setPaint(new RadialGradientPaint(c.width() / 2f, c.height() * 0.4f, (float) Math.max(c.width(), c.height()) * 0.8f,
                new float[] {0f, 1f}, new Color[] {wall, Colors.scale(wall, 0.82)}));
        g.fillRect(0, 0, c.width(), floor);
        g.setPaint(new GradientPaint(0f, floor, Colors.scale(wall, 0.86), 0f, c.height(), Colors.scale(wall, 0.7)));
        g.fillRect(0, floor, c.width(), c.height() - floor);
    }

    static void paint(Canvas c, SplittableRandom random) {
        List<Subject> shapes = new ArrayList<>();
        for (Subject s : c.scene().subjects()) {
            for (int i = 0; i < s.count() && s.kind().isShape(); i++) {
                shapes.add(s);
            }
        }
        if (shapes.isEmpty()) {
            return;
        }
        boolean studio = c.scene().studio();
        double size = Math.min(c.unit() * (studio ? 0.36 : 0.16), c.width() * 0.8 / shapes.size());
        double cy = studio ? c.layout().horizon() - size * 0.44 : c.layout().horizon() * 0.32;
        for (int i = 0; i < shapes.size(); i++) {
            Subject s = shapes.get(i);
            double cx = c.width() * (i + 0.5) / shapes.size() + (random.nextDouble() - 0.5) * size * 0.15;
            Color color = s.color().map(NamedColor::color)
                    .orElse(Color.getHSBColor(((c.scene().mood().baseHue() + 67 * i) % 360) / 360f, 0.65f, 0.85f));
            if (!studio) {
                color = Colors.mix(color, c.palette().lit(color), 0.5);
            }
            if (studio && !c.transparent()) {
                shadow(c, cx, c.layout().horizon() + size * 0.06, size);
            }
            draw(c, outline(s.kind(), cx, cy, size / 2), color, cx, cy, size);
        }
    }

    private static void shadow(Canvas c, double cx, double y, double size) {
        Graphics2D g = c.g();
        float r = (float) (size * 0.55);
        g.setPaint(new RadialGradientPaint((float) cx, (float) y, r, new float[] {0f, 1f},
                new Color[] {new Color(0, 0, 0, 70), new Color(0, 0, 0, 0)}));
        g.fill(new Ellipse2D.Double(cx - r, y - r * 0.2, r * 2, r * 0.4));
    }

    private static void draw(Canvas c, Shape shape, Color color, double cx, double cy, double size) {
        Graphics2D g = c.g();
        g.setPaint(new GradientPaint((float) (cx - size / 2), (float) (cy - size / 2), Colors.mix(color, Color.WHITE, 0.28),
                (float) (cx + size / 2), (float) (cy + size / 2), Colors.scale(color, 0.78)));
        g.fill(shape);
    }

    static Shape outline(SubjectKind kind, double cx, double cy, double r) {
        return switch (kind) {
            case CIRCLE -> new Ellipse2D.Double(cx - r, cy - r, r * 2, r * 2);
            case SQUARE -> new RoundRectangle2D.Double(cx - r * 0.9, cy - r * 0.9, r * 1.8, r * 1.8, r * 0.12, r * 0.12);
            case TRIANGLE -> BuildingPainter.triangle(cx - r, cy + r * 0.85, cx, cy - r * 0.95, cx + r, cy + r * 0.85);
            case STAR -> star(cx, cy, r);
            case HEART -> heart(cx, cy, r);
            default -> new Rectangle2D.Double(cx - r, cy - r, r * 2, r * 2);
        };
    }

    private static Shape star(double cx, double cy, double r) {
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < 10; i++) {
            double a = -Math.PI / 2 + i * Math.PI / 5;
            double rr = i % 2 == 0 ? r : r * 0.42;
            double x = cx + Math.cos(a) * rr;
            double y = cy + 0.08 * r + Math.sin(a) * rr;
            if (i == 0) {
                p.moveTo(x, y);
            } else {
                p.lineTo(x, y);
            }
        }
        p.closePath();
        return p;
    }

    private static Shape heart(double cx, double cy, double r) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(cx, cy + r * 0.9);
        p.curveTo(cx - r * 1.3, cy + r * 0.05, cx - r * 0.95, cy - r * 1.05, cx, cy - r * 0.45);
        p.curveTo(cx + r * 0.95, cy - r * 1.05, cx + r * 1.3, cy + r * 0.05, cx, cy + r * 0.9);
        p.closePath();
        return p;
    }
}
