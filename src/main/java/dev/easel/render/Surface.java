package dev.easel.render;

/** Parts of the scene a colour word can tint ("a pink sky", "purple mountains"). */
public enum Surface {
    SKY,
    WATER,
    GROUND,
    SUN,
    MOON,
    MOUNTAINS,
    TREES,
    FLOWERS
}
