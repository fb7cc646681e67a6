package dev.easel.render;

import java.awt.Color;
import java.util.Objects;

/** A colour word of the prompt and the sRGB value it stands for. */
public record NamedColor(String name, int rgb) {

    public NamedColor {
        Objects.requireNonNull(name, "name == null");
    }

    Color color() {
        return new Color(rgb);
    }
}
