package dev.easel.render;

/** The surface of the water, when the scene has any. */
public enum WaterState {
    NONE,
    CALM,
    WAVES,
    STORMY
}
