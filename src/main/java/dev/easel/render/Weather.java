package dev.easel.render;

/** What falls from or hangs in the sky. */
public enum Weather {
    CLEAR,
    CLOUDY,
    STORM,
    RAIN,
    SNOW,
    FOG
}
