package dev.easel.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Houses, cabins, castles and lighthouses, standing on the far shore or in the field. */
final class BuildingPainter {

    private static final Color WINDOW_LIT = new Color(255, 206, 110);

    private BuildingPainter() {
    }

    /**
     * Buildings across the water are drawn before it, so they are mirrored; buildings in a field
     * after the grass, so blades do not cover their walls. Only one of the two calls draws.
     */
    static void paint(Canvas c, SplittableRandom random, boolean beforeWater) {
        if (Layout.hasFarShore(c.scene()) != beforeWater) {
            return;
        }
        List<Subject> buildings = new ArrayList<>();
        for (Subject s : c.scene().subjects()) {
            for (int i = 0; i < s.count() && s.kind().isBuilding(); i++) {
                buildings.add(s);
            }
        }
        if (buildings.isEmpty()) {
            return;
        }
        boolean shore = Layout.hasFarShore(c.scene());
        double base = shore ? c.layout().waterline() - (c.layout().waterline() - c.layout().horizon()) * 0.3 : c.layout().horizon() + (c.height() - c.layout().horizon()) * 0.32;
        double size = c.unit() * (shore ? 0.17 : 0.26) * (buildings.size() > 2 ? 0.7 : 1);
        double slot = c.width() * 0.7 / buildings.size();
        double start = c.width() * (0.15 + (random.nextDouble() - 0.5) * 0.1);
        for (int i = 0; i < buildings.size(); i++) {
            Subject b = buildings.get(i);
            double x = start + slot * (i + 0.5) + (random.nextDouble() - 0.5) * slot * 0.3;
            double s = size * (i == 0 ? 1 : 0.8 + 0.2 * random.nextDouble());
            switch (b.kind()) {
                case CABIN -> cabin(c, x, base, s, b);
                case CASTLE -> castle(c, random, x, base, s * 1.3, b);
                case LIGHTHOUSE -> lighthouse(c, x, base, s * 1.2, b);
                default -> house(c, random, x, base, s, b);
            }
        }
    }

    private static boolean nightLights(Canvas c) {
        TimeOfDay t = c.scene().time();
        return t.dark() || t == TimeOfDay.DUSK || c.scene().weather() == Weather.STORM;
    }

    private static Color window(Canvas c) {
        return nightLights(c) ? WINDOW_LIT : c.palette().lit(new Color(120, 160, 190));
    }

    private static void house(Canvas c, SplittableRandom random, double x, double base, double s, Subject subject) {
        Graphics2D g = c.g();
        Palette p = c.palette();
        Color wall = subject.color().map(NamedColor::color).orElse(new Color(232, 216, 184));
        Color roof = subject.color().isPresent() ? new Color(70, 62, 60) : new Color(150, 62, 48);
        double wallH = s * 0.62;
        g.setColor(p.lit(Colors.scale(roof, 0.9)));
        g.fill(new Rectangle2D.Double(x + s * 0.22, base - wallH - s * 0.45, s * 0.1, s * 0.3));
        g.setColor(p.lit(wall));
        g.fill(new Rectangle2D.Double(x - s / 2, base - wallH, s, wallH));
        g.setColor(p.lit(Colors.scale(wall, 0.8)));
        g.fill(new Rectangle2D.Double(x + s * 0.25, base - wallH, s * 0.25, wallH));
        g.setColor(p.lit(roof));
        g.fill(triangle(x - s * 0.6, base - wallH, x, base - wallH - s * 0.45, x + s * 0.6, base - wallH));
        if (c.scene().weather() == Weather.SNOW) {
            g.setColor(p.lit(p.snow()));
            g.fill(triangle(x - s * 0.3, base - wallH - s * 0.22, x, base - wallH - s * 0.45, x + s * 0.3,
                    base - wallH - s * 0.22));
        }
        g.setColor(p.lit(new Color(96, 62, 40)));
        g.fill(new Rectangle2D.Double(x - s * 0.08, base - s * 0.32, s * 0.16, s * 0.32));
        g.setColor(window(c));
        double win = s * 0.15;
        g.fill(new Rectangle2D.Double(x - s * 0.36, base - wallH * 0.72, win, win));
        g.fill(new Rectangle2D.Double(x + s * 0.2, base - wallH * 0.72, win, win));
        if (random.nextBoolean()) {
            g.fill(new Rectangle2D.Double(x - win / 2, base - wallH - s * 0.25, win, win * 0.9));
        }
    }

    private static void cabin(Canvas c, double x, double base, double s, Subject subject) {
        Graphics2D g = c.g();
        Palette p = c.palette();
        Color logs = subject.color().map(NamedColor::color).orElse(new Color(122, 80, 48));
        double wallH = s * 0.5;
        g.setColor(p.lit(logs));
        g.fill(new Rectangle2D.Double(x - s / 2, base - wallH, s, wallH));
        g.setColor(p.lit(Colors.scale(logs, 0.7)));
        int logsCount = 3 + c.detail().density();
        for (int i = 1; i < logsCount; i++) {
            g.fill(new Rectangle2D.Double(x - s / 2, base - wallH * i / logsCount, s, Math.max(1, s * 0.012)));
        }
        g.setColor(p.lit(new Color(64, 46, 36)));
        g.fill(triangle(x - s * 0.62, base - wallH, x, base - wallH - s * 0.4, x + s * 0.62, base - wallH));
        if (c.scene().weather() == Weather.SNOW) {
            g.setColor(p.lit(p.snow()));
            g.fill(triangle(x - s * 0.62, base - wallH, x, base - wallH - s * 0.4, x + s * 0.62, base - wallH - s * 0.04));
        }
        g.setColor(window(c));
        g.fill(new Rectangle2D.Double(x - s * 0.3, base - wallH * 0.7, s * 0.18, s * 0.16));
        g.setColor(p.lit(new Color(70, 44, 28)));
        g.fill(new Rectangle2D.Double(x + s * 0.08, base - wallH * 0.75, s * 0.16, wallH * 0.75));
    }

    private static void castle(Canvas c, SplittableRandom random, double x, double base, double s, Subject subject) {
        Graphics2D g = c.g();
        Palette p = c.palette();
        Color stone = p.lit(subject.color().map(NamedColor::color).orElse(new Color(156, 150, 142)));
        Color roof = p.lit(new Color(60, 70, 120));
        double bodyW = s * 1.1;
        double bodyH = s * 0.55;
        g.setColor(stone);
        g.fill(new Rectangle2D.Double(x - bodyW / 2, base - bodyH, bodyW, bodyH));
        battlements(g, x - bodyW / 2, base - bodyH, bodyW, s * 0.07);
        double[] towers = {-bodyW / 2, bodyW / 2, 0};
        double[] heights = {s * 0.9, s * 0.9, s * 1.2};
        for (int i = 0; i < towers.length; i++) {
            double tw = s * (i == 2 ? 0.3 : 0.24);
            double tx = x + towers[i] - tw / 2;
            g.setColor(Colors.scale(stone, i == 2 ? 1.0 : 0.9));
            g.fill(new Rectangle2D.Double(tx, base - heights[i], tw, heights[i]));
            g.setColor(roof);
            g.fill(triangle(tx - tw * 0.12, base - heights[i], tx + tw / 2, base - heights[i] - tw * 1.2, tx + tw * 1.12,
                    base - heights[i]));
            g.setColor(window(c));
            g.fill(new Rectangle2D.Double(tx + tw * 0.38, base - heights[i] * 0.75, tw * 0.24, tw * 0.35));
        }
        g.setColor(p.lit(new Color(60, 44, 34)));
        double gateW = s * 0.2;
        g.fill(new Rectangle2D.Double(x - gateW / 2 - bodyW * 0.25, base - s * 0.26, gateW, s * 0.26));
        if (random.nextBoolean()) {
            g.setColor(p.lit(new Color(200, 40, 40)));
            g.fill(triangle(x, base - s * 1.2 - s * 0.36, x + s * 0.14, base - s * 1.2 - s * 0.32, x, base - s * 1.2 - s * 0.28));
        }
    }

    private static void battlements(Graphics2D g, double x, double y, double w, double size) {
        int n = Math.max(3, (int) (w / (size * 2)));
        double step = w / n;
        for (int i = 0; i < n; i++) {
            g.fill(new Rectangle2D.Double(x + i * step, y - size, step * 0.55, size + 1));
        }
    }

    private static void lighthouse(Canvas c, double x, double base, double s, Subject subject) {
        Graphics2D g = c.g();
        Palette p = c.palette();
        double h = s * 1.1;
        Path2D.Double tower = new Path2D.Double();
        tower.moveTo(x - s * 0.2, base);
        tower.lineTo(x - s * 0.12, base - h);
        tower.lineTo(x + s * 0.12, base - h);
        tower.lineTo(x + s * 0.2, base);
        tower.closePath();
        g.setColor(p.lit(new Color(240, 238, 230)));
        g.fill(tower);
        Shape clip = g.getClip();
        g.clip(tower);
        g.setColor(p.lit(subject.color().map(NamedColor::color).orElse(new Color(200, 40, 40))));
        for (int i = 0; i < 4; i++) {
            g.fill(new Rectangle2D.Double(x - s * 0.2, base - h * (i * 0.25 + 0.125), s * 0.4, h * 0.125));
        }
        g.setClip(clip);
        g.setColor(p.lit(new Color(50, 50, 56)));
        g.fill(new Rectangle2D.Double(x - s * 0.16, base - h - s * 0.03, s * 0.32, s * 0.04));
        g.setColor(nightLights(c) ? new Color(255, 240, 170) : p.lit(new Color(200, 220, 230)));
        g.fill(new Rectangle2D.Double(x - s * 0.09, base - h - s * 0.15, s * 0.18, s * 0.12));
        g.setColor(p.lit(new Color(50, 50, 56)));
        g.fill(triangle(x - s * 0.14, base - h - s * 0.15, x, base - h - s * 0.28, x + s * 0.14, base - h - s * 0.15));
        if (nightLights(c) && !c.transparent()) {
            g.setColor(new Color(255, 240, 170, 60));
            double ly = base - h - s * 0.09;
            g.fill(triangle(x, ly, x + c.width() * 0.3, ly - s * 0.12, x + c.width() * 0.3, ly + s * 0.12));
        }
    }

    static Path2D.Double triangle(double x1, double y1, double x2, double y2, double x3, double y3) {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(x1, y1);
        path.lineTo(x2, y2);
        path.lineTo(x3, y3);
        path.closePath();
        return path;
    }
}
