package dev.easel.render;

import java.awt.Color;
import java.util.Map;
import java.util.Optional;

/** Named colours of the vocabulary and small colour arithmetic shared by the painters. */
final class Colors {

    private static final Map<String, Integer> NAMED = Map.ofEntries(
            Map.entry("red", 0xD62828), Map.entry("crimson", 0xB0122D), Map.entry("scarlet", 0xE0301E),
            Map.entry("maroon", 0x7A1F2B), Map.entry("orange", 0xF08A24), Map.entry("amber", 0xF5A623),
            Map.entry("yellow", 0xF6D33C), Map.entry("gold", 0xE2B33A), Map.entry("golden", 0xE2B33A),
            Map.entry("lemon", 0xF2E55C), Map.entry("green", 0x3E9B4F), Map.entry("lime", 0x9BD444),
            Map.entry("olive", 0x7D8A2E), Map.entry("emerald", 0x1E9E6A), Map.entry("jade", 0x2F9C7A),
            Map.entry("mint", 0x9FE2BF), Map.entry("teal", 0x178A8A), Map.entry("turquoise", 0x2CC6C0),
            Map.entry("cyan", 0x33C8E0), Map.entry("aqua", 0x4FD6E0), Map.entry("blue", 0x2D62C8),
            Map.entry("navy", 0x1B2A5C), Map.entry("azure", 0x3A8EE6), Map.entry("cobalt", 0x1F4BB0),
            Map.entry("sapphire", 0x1D3F9E), Map.entry("indigo", 0x3F2E8C), Map.entry("violet", 0x8A4FD0),
            Map.entry("purple", 0x7B3FA8), Map.entry("lavender", 0xB9A3E3), Map.entry("magenta", 0xD23A9A),
            Map.entry("pink", 0xF08CB4), Map.entry("rose", 0xE0607E), Map.entry("coral", 0xF27B63),
            Map.entry("salmon", 0xF29A80), Map.entry("peach", 0xF6B98E), Map.entry("brown", 0x7A4E2D),
            Map.entry("chocolate", 0x5C3A21), Map.entry("tan", 0xCFAE82), Map.entry("beige", 0xE6D8B8),
            Map.entry("cream", 0xF4ECD2), Map.entry("ivory", 0xF6F1DE), Map.entry("white", 0xF5F5F2),
            Map.entry("silver", 0xBFC3C8), Map.entry("grey", 0x8A8D91), Map.entry("gray", 0x8A8D91),
            Map.entry("charcoal", 0x36393D), Map.entry("black", 0x1B1C1E), Map.entry("copper", 0xB8693A),
            Map.entry("bronze", 0xA6793D), Map.entry("rust", 0xA5452A), Map.entry("ruby", 0xB3173A),
            Map.entry("plum", 0x7D3A6E), Map.entry("burgundy", 0x7A1732));

    private Colors() {
    }

    static Optional<NamedColor> named(String word) {
        Integer rgb = NAMED.get(word);
        return rgb == null ? Optional.empty() : Optional.of(new NamedColor(word, rgb));
    }

    static Color mix(Color a, Color b, double t) {
        double u = 1 - t;
        return new Color(
                clamp((int) Math.round(a.getRed() * u + b.getRed() * t)),
                clamp((int) Math.round(a.getGreen() * u + b.getGreen() * t)),
                clamp((int) Math.round(a.getBlue() * u + b.getBlue() * t)));
    }

    static Color scale(Color c, double f) {
        return new Color(clamp((int) Math.round(c.getRed() * f)), clamp((int) Math.round(c.getGreen() * f)),
                clamp((int) Math.round(c.getBlue() * f)));
    }

    static Color alpha(Color c, double a) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), clamp((int) Math.round(a * 255)));
    }

    /** Rotates the hue and scales the saturation; used for the mood of unknown words. */
    static Color shift(Color c, float hueDegrees, float saturation) {
        float[] hsb = Color.RGBtoHSB(c.getRed(), c.getGreen(), c.getBlue(), null);
        float hue = hsb[0] + hueDegrees / 360f;
        float sat = Math.min(1f, hsb[1] * saturation);
        return new Color(Color.HSBtoRGB(hue - (float) Math.floor(hue), sat, hsb[2]));
    }

    /** A plain English name for a colour, for descriptions of abstract images. */
    static String hueName(Color c) {
        float[] hsb = Color.RGBtoHSB(c.getRed(), c.getGreen(), c.getBlue(), null);
        if (hsb[1] < 0.15f) {
            return hsb[2] > 0.6f ? "white" : hsb[2] < 0.25f ? "black" : "grey";
        }
        String[] names = {"red", "orange", "yellow", "green", "green", "teal", "blue", "blue", "purple", "pink", "red"};
        return names[Math.min(names.length - 1, Math.round(hsb[0] * 10))];
    }

    static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }
}
