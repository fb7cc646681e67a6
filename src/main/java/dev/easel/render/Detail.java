package dev.easel.render;

/**
 * How much work the renderer spends on texture and small elements. The caller maps the request's
 * {@code quality}: low to LOW, medium/standard to MEDIUM, high/hd and above to HIGH.
 */
public enum Detail {
    LOW(1),
    MEDIUM(2),
    HIGH(4);

    private final int density;

    Detail(int density) {
        this.density = density;
    }

    /** Relative amount of small elements (stars, leaves, wave crests): 1, 2 or 4. */
    int density() {
        return density;
    }
}
