package dev.easel.render;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns a prompt into a {@link Scene}: known words become scenery, the rest becomes mood. */
final class PromptReader {

    /** A colour word binds to a noun at most this many words later ("a red wooden house"). */
    private static final int COLOR_REACH = 3;

    private PromptReader() {
    }

    static Scene read(String prompt) {
        String[] words = prompt.toLowerCase(Locale.ROOT).split("[^a-z]+");
        Optional<TimeOfDay> time = Optional.empty();
        Optional<Weather> weather = Optional.empty();
        WaterState water = WaterState.NONE;
        Set<Feature> features = EnumSet.noneOf(Feature.class);
        Map<SubjectKind, Subject> subjects = new LinkedHashMap<>();
        Map<Surface, NamedColor> tints = new EnumMap<>(Surface.class);
        List<NamedColor> accents = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        Optional<NamedColor> pending = Optional.empty();
        int pendingAt = 0;
        String previous = "";
        boolean vagueWater = false;

        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (w.isEmpty()) {
                continue;
            }
            if (pending.isPresent() && i - pendingAt > COLOR_REACH) {
                accents.add(pending.get());
                pending = Optional.empty();
            }
            Optional<NamedColor> color = Colors.named(w);
            if (color.isPresent()) {
                pending.ifPresent(accents::add);
                pending = color;
                pendingAt = i;
                previous = w;
                continue;
            }
            boolean known = false;
            SubjectKind kind = Vocabulary.SUBJECTS.get(w);
            if (kind != null && !(w.equals("buildings") && subjects.containsKey(SubjectKind.HOUSE))) {
                SubjectKind actual = Vocabulary.modified(previous, kind).orElse(kind);
                int count = Vocabulary.isPlural(w, kind) ? 3 : 1;
                Optional<NamedColor> own = pending;
                subjects.merge(actual, new Subject(actual, own, count),
                        (a, b) -> new Subject(actual, a.color().or(b::color), Math.max(a.count(), b.count())));
                pending = Optional.empty();
                known = true;
            }
            Surface surface = Vocabulary.SURFACES.get(w);
            if (surface != null && pending.isPresent()) {
                tints.put(surface, pending.get());
                pending = Optional.empty();
            }
            known |= surface != null;
            if (time.isEmpty() && Vocabulary.TIMES.containsKey(w)) {
                time = Optional.of(Vocabulary.TIMES.get(w));
            }
            if (Vocabulary.WEATHER.containsKey(w)) {
                Weather found = Vocabulary.WEATHER.get(w);
                // Storm wins over lighter weather: "a stormy sea in the rain" is a storm.
                if (weather.isEmpty() || found == Weather.STORM) {
                    weather = Optional.of(found);
                }
            }
            Feature feature = Vocabulary.FEATURES.get(w);
            if (feature != null) {
                features.add(feature);
                vagueWater |= w.equals("water");
            }
            WaterState state = Vocabulary.WATER_STATES.get(w);
            if (state != null && state.ordinal() > water.ordinal()) {
                water = state;
            }
            known |= Vocabulary.TIMES.containsKey(w) || Vocabulary.WEATHER.containsKey(w) || feature != null
                    || state != null || w.equals("paper") || w.equals("origami") || w.equals("sail");
            if (!known && w.length() > 2 && !Vocabulary.STOP_WORDS.contains(w)) {
                unknown.add(w);
            }
            previous = w;
        }
        pending.ifPresent(accents::add);
        return complete(time, weather, water, features, new ArrayList<>(subjects.values()), tints,
                Mood.of(unknown, accents), vagueWater);
    }

    /** Fills in what the words imply: a boat needs water, a night has a moon, a storm has clouds. */
    private static Scene complete(Optional<TimeOfDay> givenTime, Optional<Weather> givenWeather, WaterState water,
            Set<Feature> features, List<Subject> subjects, Map<Surface, NamedColor> tints, Mood mood,
            boolean vagueWater) {
        TimeOfDay time = givenTime.orElse(TimeOfDay.DAY);
        Weather weather = givenWeather.orElse(Weather.CLEAR);
        if (vagueWater && (features.contains(Feature.LAKE) || features.contains(Feature.RIVER))) {
            features.remove(Feature.SEA);
        }
        if (features.contains(Feature.LAKE) && features.contains(Feature.RIVER)) {
            features.remove(Feature.RIVER);
        }
        boolean boats = subjects.stream().anyMatch(s -> s.kind().floats());
        boolean hasWater = features.stream().anyMatch(Feature::isWater);
        if (boats && !hasWater) {
            features.add(Feature.SEA);
            hasWater = true;
        }
        if (hasWater && water == WaterState.NONE) {
            water = weather == Weather.STORM ? WaterState.STORMY : WaterState.CALM;
        }
        if (!hasWater) {
            water = WaterState.NONE;
        }
        if (time == TimeOfDay.SUNRISE || time == TimeOfDay.SUNSET) {
            features.add(Feature.SUN);
        }
        boolean overcast = weather == Weather.STORM || weather == Weather.CLOUDY || weather == Weather.RAIN;
        if (time == TimeOfDay.NIGHT && !features.contains(Feature.SUN)) {
            features.add(Feature.MOON);
            if (!overcast) {
                features.add(Feature.STARS);
            }
        }
        if (time == TimeOfDay.TWILIGHT && !overcast) {
            features.add(Feature.STARS);
        }
        if (overcast) {
            features.add(Feature.CLOUDS);
        }
        if (weather == Weather.SNOW && features.contains(Feature.MOUNTAINS)) {
            features.add(Feature.SNOWCAPS);
        }
        if (features.contains(Feature.FOREST)
                && (weather == Weather.SNOW || features.contains(Feature.MOUNTAINS))) {
            features.add(Feature.PINES);
        }
        boolean landThings = subjects.stream().anyMatch(s -> s.kind().isBuilding())
                || features.contains(Feature.TREES) || features.contains(Feature.FOREST)
                || features.contains(Feature.PINES) || features.contains(Feature.FLOWERS)
                || features.contains(Feature.HILLS) || features.contains(Feature.LAKE)
                || features.contains(Feature.RIVER) || features.contains(Feature.MOUNTAINS);
        if (landThings && !features.contains(Feature.DESERT)) {
            features.add(Feature.MEADOW);
        }
        return new Scene(time, weather, water, features, subjects, tints, mood, givenTime.isPresent());
    }
}
