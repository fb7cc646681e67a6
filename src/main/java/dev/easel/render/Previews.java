package dev.easel.render;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Coarse copies of a canvas for partial images: shrunk by a factor, then scaled back to full size. */
final class Previews {

    private Previews() {
    }

    static BufferedImage coarse(BufferedImage source, int factor) {
        int w = source.getWidth();
        int h = source.getHeight();
        int sw = Math.max(1, w / factor);
        int sh = Math.max(1, h / factor);
        BufferedImage small = new BufferedImage(sw, sh, source.getType());
        draw(small, source);
        BufferedImage preview = new BufferedImage(w, h, source.getType());
        draw(preview, small);
        return preview;
    }

    private static void draw(BufferedImage target, BufferedImage source) {
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, target.getWidth(), target.getHeight(), null);
        } finally {
            g.dispose();
        }
    }
}
