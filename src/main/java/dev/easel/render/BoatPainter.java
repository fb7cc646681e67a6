package dev.easel.render;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Paper boats, sailboats and ships floating on the water, each with its reflection. Boats are
 * drawn in a local frame: origin at the waterline under the middle of the hull, one unit = boat width.
 */
final class BoatPainter {

    private BoatPainter() {
    }

    static void paint(Canvas c, SplittableRandom random) {
        List<Subject> boats = new ArrayList<>();
        for (Subject s : c.scene().subjects()) {
            for (int i = 0; i < s.count() && s.kind().floats(); i++) {
                boats.add(s);
            }
        }
        int top = c.layout().waterline();
        double bottom = c.scene().has(Feature.LAKE) ? c.height() * GroundPainter.NEAR_BANK : c.height();
        for (int i = 0; i < boats.size(); i++) {
            Subject boat = boats.get(i);
            // The first boat is the subject: nearest and largest. Others sit farther out.
            double depth = i == 0 ? 0.55 + 0.1 * random.nextDouble() : 0.15 + 0.3 * random.nextDouble();
            double y = top + (bottom - top) * depth;
            double x = boats.size() == 1 ? c.width() * (0.36 + 0.28 * random.nextDouble())
                    : c.width() * (0.15 + 0.7 * (i + random.nextDouble() * 0.6) / boats.size());
            double size = c.unit() * switch (boat.kind()) {
                case PAPER_BOAT -> 0.24;
                case SHIP -> 0.42;
                default -> 0.3;
            } * (0.45 + depth);
            double tilt = c.scene().water() == WaterState.STORMY ? (random.nextDouble() - 0.5) * 0.5
                    : c.scene().water() == WaterState.WAVES ? (random.nextDouble() - 0.5) * 0.16 : 0;
            draw(c, boat, x, y, size, tilt);
        }
    }

    private static void draw(Canvas c, Subject boat, double x, double y, double size, double tilt) {
        Graphics2D g = c.g();
        AffineTransform saved = g.getTransform();
        Composite composite = g.getComposite();
        if (c.scene().water() != WaterState.STORMY) {
            g.translate(x, y);
            g.scale(size, -size * 0.7);
            g.rotate(-tilt);
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER,
                    c.scene().water() == WaterState.CALM ? 0.35f : 0.18f));
            shape(c, boat);
            g.setTransform(saved);
            g.setComposite(composite);
            ripples(c, x, y, size);
        }
        g.translate(x, y);
        g.scale(size, size);
        g.rotate(tilt);
        shape(c, boat);
        g.setTransform(saved);
    }

    private static void ripples(Canvas c, double x, double y, double size) {
        Graphics2D g = c.g();
        g.setColor(Colors.alpha(Colors.mix(c.palette().skyHorizon(), Color.WHITE, 0.4), 0.35));
        g.setStroke(new BasicStroke((float) Math.max(1, size * 0.008)));
        for (int i = 1; i <= 2; i++) {
            double w = size * (0.6 + 0.25 * i);
            double h = size * (0.05 + 0.03 * i);
            g.draw(new Ellipse2D.Double(x - w, y - h / 2 + size * 0.02, w * 2, h));
        }
    }

    private static void shape(Canvas c, Subject boat) {
        switch (boat.kind()) {
            case PAPER_BOAT -> paperBoat(c, boat);
            case SHIP -> ship(c, boat);
            default -> sailboat(c, boat);
        }
    }

    /** The folded boat: a trapezoid hull, a tall middle sail and two side points, shaded by fold. */
    private static void paperBoat(Canvas c, Subject boat) {
        Graphics2D g = c.g();
        Palette p = c.palette();
        Color paper = boat.color().map(NamedColor::color).orElse(new Color(246, 244, 236));
        // Paper stays readable at dusk: it takes only part of the scene's darkening.
        Color lit = Colors.mix(p.lit(paper), paper, 0.45);
        g.setColor(Colors.scale(lit, 0.72));
        g.fill(poly(-0.5, -0.26, -0.3, -0.2, -0.38, -0.05));
        g.fill(poly(0.5, -0.26, 0.3, -0.2, 0.38, -0.05));
        g.setColor(Colors.scale(lit, 1.0));
        g.fill(poly(-0.24, -0.2, 0.0, -0.7, 0.0, -0.2));
        g.setColor(Colors.scale(lit, 0.8));
        g.fill(poly(0.0, -0.7, 0.24, -0.2, 0.0, -0.2));
        Path2D.Double hull = new Path2D.Double();
        hull.moveTo(-0.5, -0.26);
        hull.lineTo(0.5, -0.26);
        hull.lineTo(0.34, 0.03);
        hull.lineTo(-0.34, 0.03);
        hull.closePath();
        g.setColor(Colors.scale(lit, 0.92));
        g.fill(hull);
        g.setColor(Colors.scale(lit, 0.78));
        g.fill(poly(-0.5, -0.26, -0.34, 0.03, -0.28, -0.2));
        g.setColor(Colors.scale(lit, 0.6));
        g.setStroke(new BasicStroke(0.008f));
        g.draw(new Line2D.Double(-0.42, -0.16, 0.42, -0.16));
        g.draw(new Line2D.Double(0, -0.7, 0, -0.2));
    }

    private static void sailboat(Canvas c, Subject boat) {
        Graphics2D g = c.g();
        Palette p = c.palette();
        Color hull = p.lit(boat.color().map(NamedColor::color).orElse(new Color(120, 72, 44)));
        Color sail = Colors.mix(p.lit(new Color(248, 246, 238)), new Color(248, 246, 238), 0.35);
        g.setColor(p.lit(new Color(70, 50, 36)));
        g.fill(new Rectangle2D.Double(-0.012, -1.0, 0.024, 0.92));
        g.setColor(sail);
        g.fill(poly(0.03, -0.95, 0.03, -0.16, 0.42, -0.16));
        g.setColor(Colors.scale(sail, 0.86));
        g.fill(poly(-0.03, -0.86, -0.03, -0.16, -0.34, -0.16));
        Path2D.Double body = new Path2D.Double();
        body.moveTo(-0.5, -0.12);
        body.lineTo(0.52, -0.14);
        body.lineTo(0.36, 0.04);
        body.lineTo(-0.4, 0.04);
        body.closePath();
        g.setColor(hull);
        g.fill(body);
        g.setColor(Colors.scale(hull, 1.3));
        g.fill(new Rectangle2D.Double(-0.47, -0.12, 0.96, 0.03));
    }

    private static void ship(Canvas c, Subject boat) {
        Graphics2D g = c.g();
        Palette p = c.palette();
        Color hull = p.lit(boat.color().map(NamedColor::color).orElse(new Color(40, 46, 60)));
        g.setColor(p.lit(new Color(236, 232, 224)));
        g.fill(new Rectangle2D.Double(-0.3, -0.26, 0.5, 0.12));
        g.fill(new Rectangle2D.Double(-0.18, -0.36, 0.3, 0.1));
        g.setColor(p.lit(new Color(190, 50, 40)));
        g.fill(new Rectangle2D.Double(0.02, -0.5, 0.08, 0.14));
        Path2D.Double body = new Path2D.Double();
        body.moveTo(-0.5, -0.15);
        body.lineTo(0.5, -0.17);
        body.lineTo(0.4, 0.04);
        body.lineTo(-0.44, 0.04);
        body.closePath();
        g.setColor(hull);
        g.fill(body);
        g.setColor(p.lit(new Color(180, 40, 36)));
        g.fill(new Rectangle2D.Double(-0.46, -0.01, 0.88, 0.04));
        boolean night = c.scene().time().dark();
        g.setColor(night ? new Color(255, 210, 120) : p.lit(new Color(200, 220, 235)));
        for (int i = 0; i < 6; i++) {
            g.fill(new Ellipse2D.Double(-0.36 + i * 0.13, -0.1, 0.035, 0.035));
        }
    }

    private static Path2D.Double poly(double x1, double y1, double x2, double y2, double x3, double y3) {
        return BuildingPainter.triangle(x1, y1, x2, y2, x3, y3);
    }
}
