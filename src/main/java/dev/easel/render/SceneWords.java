package dev.easel.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The phrases {@link Scene#describe()} is built from. */
final class SceneWords {

    private SceneWords() {
    }

    static String subject(Subject s) {
        String color = s.color().map(c -> c.name() + " ").orElse("");
        if (s.count() > 1) {
            return "a few " + color + s.kind().plural();
        }
        String size = s.kind() == SubjectKind.PAPER_BOAT ? "small " : "";
        String phrase = size + color + s.kind().singular();
        return (startsWithVowel(phrase) ? "an " : "a ") + phrase;
    }

    static List<String> scenery(Scene scene) {
        List<String> out = new ArrayList<>();
        String snowy = scene.has(Feature.SNOWCAPS) ? "snowy " : "";
        String tint = scene.tint(Surface.MOUNTAINS).map(c -> c.name() + " ").orElse("");
        if (scene.has(Feature.MOUNTAINS)) {
            out.add(snowy + tint + "mountains");
        }
        if (scene.has(Feature.HILLS)) {
            out.add((scene.has(Feature.MOUNTAINS) ? "" : tint) + "rolling hills");
        }
        if (scene.has(Feature.FOREST)) {
            out.add(scene.has(Feature.PINES) ? "a pine forest" : "a forest");
        } else if (scene.has(Feature.PINES)) {
            out.add("pine trees");
        } else if (scene.has(Feature.TREES)) {
            out.add("trees");
        }
        if (scene.has(Feature.DESERT)) {
            out.add("sand dunes");
        }
        if (scene.has(Feature.FLOWERS)) {
            out.add(scene.tint(Surface.FLOWERS).map(c -> c.name() + " ").orElse("") + "flowers");
        }
        if (scene.has(Feature.MEADOW) && out.isEmpty() && scene.water() == WaterState.NONE) {
            out.add("a green meadow");
        }
        return out;
    }

    static String waterAlone(Scene scene) {
        return switch (scene.water()) {
            case STORMY -> "a stormy sea";
            case WAVES -> "rolling waves";
            default -> "calm water";
        };
    }

    static String waterNear(Scene scene, boolean floating) {
        Feature body = scene.waterBody().orElse(Feature.SEA);
        String state = switch (scene.water()) {
            case STORMY -> "stormy ";
            case WAVES -> "wavy ";
            default -> "calm ";
        };
        String noun = switch (body) {
            case LAKE -> "lake";
            case RIVER -> "river";
            default -> floating && scene.water() == WaterState.CALM ? "water" : "sea";
        };
        String article = noun.equals("water") ? "" : "a ";
        return (floating ? "on " : "by ") + article + state + noun;
    }

    static String sky(Scene scene) {
        String kind = scene.weather() == Weather.STORM ? "dark storm"
                : scene.has(Feature.STARS) ? "starry " + scene.time().label()
                : scene.weather() == Weather.CLOUDY ? "cloudy " + scene.time().label()
                : scene.time() == TimeOfDay.DAY ? "clear blue day" : scene.time().label();
        kind = scene.tint(Surface.SKY).map(c -> c.name() + " ").orElse("") + kind;
        StringBuilder sky = new StringBuilder("under a ").append(kind).append(" sky");
        if (scene.has(Feature.SUN)) {
            sky.append(scene.time().lowSun() ? " with a low sun" : " with a bright sun");
        } else if (scene.has(Feature.MOON)) {
            sky.append(" with a moon");
        } else if (scene.has(Feature.CLOUDS) && scene.weather() == Weather.CLEAR) {
            sky.append(" with clouds");
        }
        return sky.toString();
    }

    static Optional<String> weather(Weather weather) {
        return switch (weather) {
            case RAIN, STORM -> Optional.of("in the rain");
            case SNOW -> Optional.of("in falling snow");
            case FOG -> Optional.of("in fog");
            default -> Optional.empty();
        };
    }

    static String join(List<String> parts) {
        if (parts.size() <= 1) {
            return parts.isEmpty() ? "" : parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    private static boolean startsWithVowel(String s) {
        return !s.isEmpty() && "aeiou".indexOf(s.charAt(0)) >= 0;
    }
}
