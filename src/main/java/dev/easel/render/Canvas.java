package dev.easel.render;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/** What every painter draws on and with; one per render, never shared between threads. */
record Canvas(BufferedImage image, Graphics2D g, Scene scene, Palette palette, Layout layout, Detail detail,
        boolean transparent) {

    int width() {
        return layout.width();
    }

    int height() {
        return layout.height();
    }

    double unit() {
        return layout.unit();
    }

    /** Number of small elements for this canvas: per megapixel at MEDIUM, scaled by area and detail. */
    int count(double perMegapixelAtMedium) {
        double area = (double) width() * height() / 1_000_000.0;
        return (int) Math.round(perMegapixelAtMedium * area * detail.density() / 2.0);
    }
}
