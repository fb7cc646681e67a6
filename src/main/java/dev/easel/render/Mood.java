package dev.easel.render;

import java.util.List;
import java.util.Objects;

/**
 * The part of the look that comes from words the renderer does not draw: they still shift the
 * palette and pick a texture, so "a calm lake, melancholy" and "a calm lake, euphoric" differ.
 *
 * @param hueShift degrees added to the hue of sky and land, in [-24, 24]
 * @param saturation multiplier for the saturation, in [0.75, 1.25]
 * @param grain strength of the noise texture, in [0, 1]
 * @param baseHue hue in degrees for abstract images, where no scenery sets the colours
 * @param accents colour words not tied to a subject; they tint the whole palette
 */
public record Mood(int hueShift, float saturation, float grain, int baseHue, List<NamedColor> accents) {

    public Mood {
        Objects.requireNonNull(accents, "accents == null");
        accents = List.copyOf(accents);
    }

    /** The mood of a prompt made only of known words: no shift, a light grain. */
    static Mood neutral(List<NamedColor> accents) {
        return new Mood(0, 1f, 0.3f, 210, accents);
    }

    /** Derives the mood from the unknown words by a stable hash (FNV-1a), never from the seed. */
    static Mood of(List<String> unknownWords, List<NamedColor> accents) {
        if (unknownWords.isEmpty()) {
            return neutral(accents);
        }
        long h = 0xcbf29ce484222325L;
        for (String word : unknownWords) {
            for (int i = 0; i < word.length(); i++) {
                h = (h ^ word.charAt(i)) * 0x100000001b3L;
            }
            h = (h ^ ' ') * 0x100000001b3L;
        }
        h ^= h >>> 29;
        int hueShift = (int) Math.floorMod(h, 49L) - 24;
        float saturation = 0.75f + Math.floorMod(h >>> 8, 51L) / 100f;
        float grain = Math.floorMod(h >>> 16, 81L) / 100f + 0.1f;
        int baseHue = (int) Math.floorMod(h >>> 24, 360L);
        return new Mood(hueShift, saturation, grain, baseHue, accents);
    }
}
