package dev.easel.catalog;

/** An inclusive range of integers, such as the {@code n} a model accepts. */
public record IntRange(long min, long max) {
    public IntRange {
        if (min > max) {
            throw new IllegalArgumentException("range min " + min + " is above max " + max);
        }
    }

    public boolean contains(long value) {
        return value >= min && value <= max;
    }

    /** Reads as "between 0 and 100", or "exactly 1" for a single value. */
    public String describe() {
        return min == max ? "exactly " + min : "between " + min + " and " + max;
    }
}
