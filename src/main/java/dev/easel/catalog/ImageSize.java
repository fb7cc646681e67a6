package dev.easel.catalog;

/** A width and height in pixels. */
public record ImageSize(int width, int height) {
    public ImageSize {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size must be positive but was " + width + "x" + height);
        }
    }

    public long pixels() {
        return (long) width * height;
    }

    /** The OpenAI wire form, {@code WIDTHxHEIGHT}. */
    @Override
    public String toString() {
        return width + "x" + height;
    }
}
