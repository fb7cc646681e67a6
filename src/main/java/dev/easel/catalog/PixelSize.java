package dev.easel.catalog;

import java.util.Optional;

/** A width and height in pixels: catalogue sizes, request sizes, image sizes. */
public record PixelSize(int width, int height) {
    public PixelSize {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size must be positive but was " + width + "x" + height);
        }
    }

    /** Parses {@code WIDTHxHEIGHT}; empty when the text is not two positive decimal integers. */
    public static Optional<PixelSize> parse(String text) {
        return parse(text, 'x');
    }

    /** Parses {@code WIDTH<separator>HEIGHT}; empty when the text is not two positive decimal integers. */
    public static Optional<PixelSize> parse(String text, char separator) {
        int cut = text.indexOf(separator);
        if (cut <= 0 || cut != text.lastIndexOf(separator)) {
            return Optional.empty();
        }
        Optional<Integer> w = positiveInt(text.substring(0, cut));
        Optional<Integer> h = positiveInt(text.substring(cut + 1));
        return w.isPresent() && h.isPresent() ? Optional.of(new PixelSize(w.get(), h.get())) : Optional.empty();
    }

    // Digits only, at most 9 of them: no signs, spaces or overflow can sneak through Integer.parseInt.
    private static Optional<Integer> positiveInt(String digits) {
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        int value = Integer.parseInt(digits);
        return value > 0 ? Optional.of(value) : Optional.empty();
    }

    public long pixels() {
        return (long) width * height;
    }

    public PixelSize transposed() {
        return new PixelSize(height, width);
    }

    /** The OpenAI wire form, {@code WIDTHxHEIGHT}. */
    @Override
    public String toString() {
        return width + "x" + height;
    }
}
