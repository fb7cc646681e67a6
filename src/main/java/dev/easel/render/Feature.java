package dev.easel.render;

/** Scenery the renderer knows how to draw; a scene holds a set of them. */
public enum Feature {
    SUN,
    MOON,
    STARS,
    CLOUDS,
    MOUNTAINS,
    HILLS,
    FOREST,
    TREES,
    PINES,
    DESERT,
    MEADOW,
    FLOWERS,
    SNOWCAPS,
    SEA,
    LAKE,
    RIVER;

    boolean isWater() {
        return this == SEA || this == LAKE || this == RIVER;
    }
}
