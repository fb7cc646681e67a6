package dev.easel.render;

import java.awt.Color;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the renderer understood from a prompt, and so what it draws.
 *
 * @param timeGiven whether the prompt named a time of day; shapes alone are drawn on a plain backdrop
 */
public record Scene(TimeOfDay time, Weather weather, WaterState water, Set<Feature> features,
        List<Subject> subjects, Map<Surface, NamedColor> tints, Mood mood, boolean timeGiven) {

    public Scene {
        Objects.requireNonNull(time, "time == null");
        Objects.requireNonNull(weather, "weather == null");
        Objects.requireNonNull(water, "water == null");
        Objects.requireNonNull(mood, "mood == null");
        features = features.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(features));
        subjects = List.copyOf(subjects);
        tints = tints.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(tints));
    }

    public boolean has(Feature feature) {
        return features.contains(feature);
    }

    public Optional<NamedColor> tint(Surface surface) {
        return Optional.ofNullable(tints.get(surface));
    }

    /** True when the prompt named no scenery at all, only shapes: they get a plain backdrop. */
    public boolean studio() {
        return !subjects.isEmpty() && subjects.stream().allMatch(s -> s.kind().isShape())
                && features.isEmpty() && !timeGiven && weather == Weather.CLEAR;
    }

    /** True when nothing of the prompt was drawable: the image is an abstract of its mood. */
    public boolean abstractOnly() {
        return subjects.isEmpty() && features.isEmpty() && !timeGiven && weather == Weather.CLEAR;
    }

    public Optional<Feature> waterBody() {
        return features.stream().filter(Feature::isWater).findFirst();
    }

    /** One English sentence saying what is drawn; the {@code revised_prompt} of dall-e-3 answers. */
    public String describe() {
        if (abstractOnly()) {
            Color a = Color.getHSBColor(mood.baseHue() / 360f, 0.6f, 0.8f);
            Color b = Color.getHSBColor(((mood.baseHue() + 150) % 360) / 360f, 0.6f, 0.8f);
            String first = mood.accents().isEmpty() ? Colors.hueName(a) : mood.accents().get(0).name();
            String second = Colors.hueName(b);
            String tones = first.equals(second) ? first : first + " and " + second;
            return "An abstract composition of soft shapes in " + tones + " tones.";
        }
        List<String> things = new ArrayList<>();
        for (Subject s : subjects) {
            things.add(SceneWords.subject(s));
        }
        if (studio()) {
            return capitalize(SceneWords.join(things)) + " on a plain light backdrop.";
        }
        List<String> scenery = SceneWords.scenery(this);
        StringBuilder text = new StringBuilder();
        if (things.isEmpty()) {
            text.append(SceneWords.join(scenery.isEmpty() ? List.of(SceneWords.waterAlone(this)) : scenery));
            if (!scenery.isEmpty() && water != WaterState.NONE) {
                text.append(' ').append(SceneWords.waterNear(this, false));
            }
        } else {
            text.append(SceneWords.join(things));
            boolean boats = subjects.stream().anyMatch(s -> s.kind().floats());
            if (water != WaterState.NONE) {
                text.append(' ').append(SceneWords.waterNear(this, boats));
            }
            if (!scenery.isEmpty()) {
                text.append(" with ").append(SceneWords.join(scenery));
            }
        }
        text.append(' ').append(SceneWords.sky(this));
        SceneWords.weather(weather).ifPresent(w -> text.append(' ').append(w));
        return capitalize(text.toString()) + ".";
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
