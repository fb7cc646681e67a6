package dev.easel.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes sample renders to look at by eye: {@code SampleImages [dir]} (default /tmp/render-samples).
 * Not a test; a tool for tuning the painters.
 */
public final class SampleImages {

    static final List<String> PROMPTS = List.of(
            "A paper boat floating on calm water at sunrise",
            "a red house by a lake under a starry night sky",
            "snowy mountains and a pine forest at dusk",
            "a sailboat on a stormy sea",
            "a yellow circle and a blue triangle",
            "a castle on a hill at sunset with flowers",
            "a desert with dunes at noon",
            "a city skyline at night by the sea",
            "a lighthouse by the ocean in fog",
            "melancholy quantum entropy");

    private SampleImages() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/render-samples");
        Files.createDirectories(dir);
        SceneRenderer renderer = new SceneRenderer();
        int i = 0;
        var sheet = new java.awt.image.BufferedImage(1536, 512 * ((PROMPTS.size() + 2) / 3), java.awt.image.BufferedImage.TYPE_INT_RGB);
        var sg = sheet.createGraphics();
        sg.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        for (String prompt : PROMPTS) {
            Scene scene = renderer.interpret(prompt);
            long t0 = System.nanoTime();
            var image = renderer.render(new RenderSpec(prompt, 1024, 1024, Detail.HIGH, false, 42));
            long t1 = System.nanoTime();
            byte[] png = ImageEncoder.encode(image, ImageFormat.PNG, 100);
            long t2 = System.nanoTime();
            Path file = dir.resolve(String.format("%02d-%s.png", i++, prompt.replaceAll("[^a-zA-Z]+", "-").toLowerCase()));
            Files.write(file, png);
            sg.drawImage(image, ((i - 1) % 3) * 512, ((i - 1) / 3) * 512, 512, 512, null);
            System.out.printf("%s%n  -> %s%n  render %d ms, png %d ms, %d KB%n", file, scene.describe(),
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, png.length / 1024);
        }
        sg.dispose();
        javax.imageio.ImageIO.write(sheet, "png", dir.resolve("sheet.png").toFile());
    }
}
