package dev.easel.render;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Draws a {@link RenderSpec} as an image. Stateless, so one instance serves every thread; each call
 * owns its canvas and its random generator, seeded only from the spec.
 */
public final class SceneRenderer {

    /** Painting happens in these stages; partial images are snapshots taken between them. */
    private static final int STAGES = 4;

    public Scene interpret(String prompt) {
        Objects.requireNonNull(prompt, "prompt == null");
        return PromptReader.read(prompt);
    }

    public BufferedImage render(RenderSpec spec) {
        return render(spec, 0, image -> { });
    }

    /**
     * Renders progressively: after each of the last {@code partials} painting stages, hands a
     * preview to {@code onPartial}, coarse first (1/8, 1/4, then 1/2 resolution, scaled back up).
     * The returned image is identical to {@link #render(RenderSpec)}: previews are copies, never
     * drawn onto the canvas.
     */
    public BufferedImage render(RenderSpec spec, int partials, Consumer<BufferedImage> onPartial) {
        Objects.requireNonNull(spec, "spec == null");
        Objects.requireNonNull(onPartial, "onPartial == null");
        if (partials < 0 || partials > STAGES - 1) {
            throw new IllegalArgumentException("partials must be in [0, 3] but was " + partials);
        }
        Scene scene = interpret(spec.prompt());
        SplittableRandom root = new SplittableRandom(seed(spec));
        // One generator per painter, split in a fixed order, so detail or partials never shift another's stream.
        SplittableRandom[] r = new SplittableRandom[16];
        for (int i = 0; i < r.length; i++) {
            r[i] = root.split();
        }
        int type = spec.transparent() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage image = new BufferedImage(spec.width(), spec.height(), type);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            Layout layout = Layout.of(scene, spec.width(), spec.height(), r[0]);
            Canvas c = new Canvas(image, g, scene, Palette.of(scene), layout, spec.detail(), spec.transparent());
            for (int stage = 0; stage < STAGES; stage++) {
                paintStage(c, stage, r);
                int fromEnd = STAGES - 1 - stage;
                if (fromEnd >= 1 && fromEnd <= partials) {
                    onPartial.accept(Previews.coarse(image, 8 >> stage));
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void paintStage(Canvas c, int stage, SplittableRandom[] r) {
        Scene s = c.scene();
        switch (stage) {
            case 0 -> {
                if (s.abstractOnly()) {
                    AbstractPainter.paint(c, r[1]);
                } else if (s.studio()) {
                    ShapePainter.backdrop(c);
                } else {
                    SkyPainter.paint(c, r[2]);
                }
            }
            case 1 -> {
                FarPainter.paint(c, r[3]);
                GroundPainter.base(c, r[4]);
                GroundPainter.farShore(c, r[5]);
                TreePainter.far(c, r[6]);
                BuildingPainter.paint(c, r[7], true);
            }
            case 2 -> {
                WaterPainter.paint(c, r[8]);
                GroundPainter.nearBank(c, r[9]);
                GroundPainter.near(c, r[10]);
                BuildingPainter.paint(c, r[7], false);
                TreePainter.near(c, r[11]);
                BoatPainter.paint(c, r[12]);
                ShapePainter.paint(c, r[13]);
            }
            default -> {
                WeatherPainter.paint(c, r[14]);
                TexturePainter.paint(c, r[15]);
            }
        }
    }

    /** Mixes the seed with the prompt, so two prompts with the same seed still get their own layout. */
    private static long seed(RenderSpec spec) {
        long h = spec.seed() * 0x9E3779B97F4A7C15L;
        String p = spec.prompt();
        for (int i = 0; i < p.length(); i++) {
            h = (h ^ p.charAt(i)) * 0x100000001B3L;
        }
        return h;
    }
}
