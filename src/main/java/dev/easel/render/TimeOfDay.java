package dev.easel.render;

/** The light of the scene; it picks the sky gradient and how bright the ground is. */
public enum TimeOfDay {
    DAY("day"),
    SUNRISE("sunrise"),
    SUNSET("sunset"),
    DAWN("dawn"),
    DUSK("dusk"),
    TWILIGHT("twilight"),
    NIGHT("night");

    private final String label;

    TimeOfDay(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** Times when the sun sits on the horizon, so it is drawn low and reflected as a long path. */
    boolean lowSun() {
        return this == SUNRISE || this == SUNSET || this == DAWN || this == DUSK;
    }

    boolean dark() {
        return this == NIGHT || this == TWILIGHT;
    }
}
