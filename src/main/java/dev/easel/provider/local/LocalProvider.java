package dev.easel.provider.local;

import dev.easel.catalog.ImageRequest;
import dev.easel.provider.EncodedImage;
import dev.easel.provider.ImageProvider;
import dev.easel.provider.ImageSink;
import dev.easel.render.Detail;
import dev.easel.render.ImageEncoder;
import dev.easel.render.RenderSpec;
import dev.easel.render.SceneRenderer;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The built-in backend: Easel's procedural renderer, with no network and no keys. The same prompt,
 * size, quality and seed always give the same bytes; the images of one request differ because each
 * gets its own seed derived from the request seed and its index.
 */
public final class LocalProvider implements ImageProvider {
    private final SceneRenderer renderer;

    public LocalProvider(SceneRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public void generate(ImageRequest request, ImageSink sink) {
        long baseSeed = request.seed().orElseGet(() -> promptSeed(request.prompt()));
        Optional<String> described = Optional.of(renderer.interpret(request.prompt()).describe());
        for (int i = 0; i < request.n(); i++) {
            int index = i;
            RenderSpec spec = new RenderSpec(request.prompt(), request.size().width(), request.size().height(),
                    detail(request.quality()), request.transparent(), imageSeed(baseSeed, index));
            int partials = request.stream() ? request.partialImages() : 0;
            int[] partialIndex = {0};
            BufferedImage image = renderer.render(spec, partials, preview -> sink.partial(index, partialIndex[0]++,
                    encode(request, preview, Optional.empty())));
            sink.completed(index, encode(request, image, described));
        }
    }

    private static EncodedImage encode(ImageRequest request, BufferedImage image, Optional<String> revisedPrompt) {
        byte[] bytes = ImageEncoder.encode(image, request.outputFormat(), request.compression());
        return new EncodedImage(bytes, request.outputFormat(), request.size(), revisedPrompt);
    }

    /** Maps every model's quality words onto the renderer's three levels of detail. */
    static Detail detail(String quality) {
        return switch (quality.toLowerCase(Locale.ROOT)) {
            case "low" -> Detail.LOW;
            case "medium", "standard" -> Detail.MEDIUM;
            default -> Detail.HIGH; // high, hd, xhigh, max
        };
    }

    /** Without a client seed, the prompt itself seeds the image, so a repeated request repeats the image. */
    static long promptSeed(String prompt) {
        long h = 0xcbf29ce484222325L; // FNV-1a 64-bit: stable across JVMs, unlike String.hashCode's 32 bits
        for (byte b : prompt.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** A well-mixed seed per image index (SplitMix64 finaliser), so neighbouring indexes look unrelated. */
    static long imageSeed(long baseSeed, int index) {
        long z = baseSeed + 0x9e3779b97f4a7c15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
