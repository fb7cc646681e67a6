package dev.easel.render;

import java.util.Objects;

/**
 * Everything that decides the pixels of one image. Two equal specs always give identical images.
 *
 * @param transparent background (sky) fully transparent and subjects opaque; only for PNG and WebP
 * @param seed the caller passes a different seed for each of the {@code n} images of one request
 */
public record RenderSpec(String prompt, int width, int height, Detail detail, boolean transparent, long seed) {

    /** Far above any size the API accepts; only guards against allocating absurd rasters. */
    static final int MAX_SIDE = 8192;

    public RenderSpec {
        Objects.requireNonNull(prompt, "prompt == null");
        Objects.requireNonNull(detail, "detail == null");
        if (width < 16 || width > MAX_SIDE) {
            throw new IllegalArgumentException("width must be in [16, " + MAX_SIDE + "] but was " + width);
        }
        if (height < 16 || height > MAX_SIDE) {
            throw new IllegalArgumentException("height must be in [16, " + MAX_SIDE + "] but was " + height);
        }
    }
}
