package dev.easel.render;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The words the renderer draws, and what each one means for the scene. */
final class Vocabulary {

    static final Map<String, TimeOfDay> TIMES = Map.ofEntries(
            Map.entry("sunrise", TimeOfDay.SUNRISE), Map.entry("morning", TimeOfDay.SUNRISE),
            Map.entry("sunset", TimeOfDay.SUNSET), Map.entry("evening", TimeOfDay.SUNSET),
            Map.entry("dawn", TimeOfDay.DAWN), Map.entry("daybreak", TimeOfDay.DAWN),
            Map.entry("dusk", TimeOfDay.DUSK), Map.entry("twilight", TimeOfDay.TWILIGHT),
            Map.entry("night", TimeOfDay.NIGHT), Map.entry("midnight", TimeOfDay.NIGHT),
            Map.entry("nighttime", TimeOfDay.NIGHT), Map.entry("starry", TimeOfDay.NIGHT),
            Map.entry("moonlit", TimeOfDay.NIGHT), Map.entry("noon", TimeOfDay.DAY),
            Map.entry("day", TimeOfDay.DAY), Map.entry("daytime", TimeOfDay.DAY),
            Map.entry("afternoon", TimeOfDay.DAY), Map.entry("sunny", TimeOfDay.DAY));

    static final Map<String, Weather> WEATHER = Map.ofEntries(
            Map.entry("storm", Weather.STORM), Map.entry("stormy", Weather.STORM),
            Map.entry("thunderstorm", Weather.STORM), Map.entry("tempest", Weather.STORM),
            Map.entry("rain", Weather.RAIN), Map.entry("rainy", Weather.RAIN), Map.entry("raining", Weather.RAIN),
            Map.entry("drizzle", Weather.RAIN), Map.entry("snow", Weather.SNOW), Map.entry("snowy", Weather.SNOW),
            Map.entry("snowing", Weather.SNOW), Map.entry("blizzard", Weather.SNOW), Map.entry("winter", Weather.SNOW),
            Map.entry("fog", Weather.FOG), Map.entry("foggy", Weather.FOG), Map.entry("mist", Weather.FOG),
            Map.entry("misty", Weather.FOG), Map.entry("haze", Weather.FOG), Map.entry("cloudy", Weather.CLOUDY),
            Map.entry("overcast", Weather.CLOUDY));

    static final Map<String, Feature> FEATURES = Map.ofEntries(
            Map.entry("sun", Feature.SUN), Map.entry("sunny", Feature.SUN), Map.entry("moon", Feature.MOON), Map.entry("stars", Feature.STARS),
            Map.entry("starry", Feature.STARS), Map.entry("starlit", Feature.STARS), Map.entry("moonlit", Feature.MOON),
            Map.entry("cloud", Feature.CLOUDS), Map.entry("clouds", Feature.CLOUDS), Map.entry("cloudy", Feature.CLOUDS),
            Map.entry("mountain", Feature.MOUNTAINS), Map.entry("mountains", Feature.MOUNTAINS),
            Map.entry("peak", Feature.MOUNTAINS), Map.entry("peaks", Feature.MOUNTAINS), Map.entry("alps", Feature.MOUNTAINS),
            Map.entry("hill", Feature.HILLS), Map.entry("hills", Feature.HILLS), Map.entry("valley", Feature.HILLS),
            Map.entry("forest", Feature.FOREST), Map.entry("woods", Feature.FOREST), Map.entry("jungle", Feature.FOREST),
            Map.entry("tree", Feature.TREES), Map.entry("trees", Feature.TREES), Map.entry("oak", Feature.TREES),
            Map.entry("pine", Feature.PINES), Map.entry("pines", Feature.PINES), Map.entry("fir", Feature.PINES),
            Map.entry("spruce", Feature.PINES), Map.entry("evergreen", Feature.PINES),
            Map.entry("desert", Feature.DESERT), Map.entry("sand", Feature.DESERT), Map.entry("dunes", Feature.DESERT),
            Map.entry("dune", Feature.DESERT), Map.entry("sandy", Feature.DESERT), Map.entry("beach", Feature.DESERT),
            Map.entry("grass", Feature.MEADOW), Map.entry("meadow", Feature.MEADOW), Map.entry("field", Feature.MEADOW),
            Map.entry("fields", Feature.MEADOW), Map.entry("prairie", Feature.MEADOW), Map.entry("grassy", Feature.MEADOW),
            Map.entry("flower", Feature.FLOWERS), Map.entry("flowers", Feature.FLOWERS), Map.entry("tulips", Feature.FLOWERS),
            Map.entry("roses", Feature.FLOWERS), Map.entry("daisies", Feature.FLOWERS), Map.entry("garden", Feature.FLOWERS),
            Map.entry("sea", Feature.SEA), Map.entry("ocean", Feature.SEA), Map.entry("bay", Feature.SEA),
            Map.entry("harbor", Feature.SEA), Map.entry("harbour", Feature.SEA), Map.entry("water", Feature.SEA),
            Map.entry("lake", Feature.LAKE), Map.entry("pond", Feature.LAKE), Map.entry("lagoon", Feature.LAKE),
            Map.entry("river", Feature.RIVER), Map.entry("stream", Feature.RIVER), Map.entry("creek", Feature.RIVER));

    static final Map<String, WaterState> WATER_STATES = Map.ofEntries(
            Map.entry("calm", WaterState.CALM), Map.entry("still", WaterState.CALM), Map.entry("tranquil", WaterState.CALM),
            Map.entry("serene", WaterState.CALM), Map.entry("peaceful", WaterState.CALM), Map.entry("glassy", WaterState.CALM),
            Map.entry("waves", WaterState.WAVES), Map.entry("wave", WaterState.WAVES), Map.entry("choppy", WaterState.WAVES),
            Map.entry("surf", WaterState.WAVES), Map.entry("rough", WaterState.STORMY), Map.entry("stormy", WaterState.STORMY),
            Map.entry("storm", WaterState.STORMY), Map.entry("raging", WaterState.STORMY));

    static final Map<String, SubjectKind> SUBJECTS = Map.ofEntries(
            Map.entry("boat", SubjectKind.SAILBOAT), Map.entry("boats", SubjectKind.SAILBOAT),
            Map.entry("sailboat", SubjectKind.SAILBOAT), Map.entry("sailboats", SubjectKind.SAILBOAT),
            Map.entry("yacht", SubjectKind.SAILBOAT), Map.entry("ship", SubjectKind.SHIP), Map.entry("ships", SubjectKind.SHIP),
            Map.entry("steamer", SubjectKind.SHIP), Map.entry("ferry", SubjectKind.SHIP),
            Map.entry("house", SubjectKind.HOUSE), Map.entry("houses", SubjectKind.HOUSE), Map.entry("home", SubjectKind.HOUSE),
            Map.entry("cottage", SubjectKind.HOUSE), Map.entry("village", SubjectKind.HOUSE), Map.entry("farmhouse", SubjectKind.HOUSE),
            Map.entry("cabin", SubjectKind.CABIN), Map.entry("cabins", SubjectKind.CABIN), Map.entry("hut", SubjectKind.CABIN),
            Map.entry("castle", SubjectKind.CASTLE), Map.entry("castles", SubjectKind.CASTLE), Map.entry("fortress", SubjectKind.CASTLE),
            Map.entry("palace", SubjectKind.CASTLE), Map.entry("lighthouse", SubjectKind.LIGHTHOUSE),
            Map.entry("city", SubjectKind.CITY), Map.entry("skyline", SubjectKind.CITY), Map.entry("town", SubjectKind.CITY),
            Map.entry("skyscrapers", SubjectKind.CITY), Map.entry("buildings", SubjectKind.CITY),
            Map.entry("circle", SubjectKind.CIRCLE), Map.entry("circles", SubjectKind.CIRCLE), Map.entry("ball", SubjectKind.CIRCLE),
            Map.entry("disc", SubjectKind.CIRCLE), Map.entry("sphere", SubjectKind.CIRCLE), Map.entry("dot", SubjectKind.CIRCLE),
            Map.entry("square", SubjectKind.SQUARE), Map.entry("squares", SubjectKind.SQUARE), Map.entry("box", SubjectKind.SQUARE),
            Map.entry("cube", SubjectKind.SQUARE), Map.entry("rectangle", SubjectKind.SQUARE),
            Map.entry("triangle", SubjectKind.TRIANGLE), Map.entry("triangles", SubjectKind.TRIANGLE),
            Map.entry("pyramid", SubjectKind.TRIANGLE), Map.entry("star", SubjectKind.STAR),
            Map.entry("heart", SubjectKind.HEART), Map.entry("hearts", SubjectKind.HEART));

    /** Colour words bound to these tint a surface instead of a subject. */
    static final Map<String, Surface> SURFACES = Map.ofEntries(
            Map.entry("sky", Surface.SKY), Map.entry("skies", Surface.SKY), Map.entry("water", Surface.WATER),
            Map.entry("sea", Surface.WATER), Map.entry("ocean", Surface.WATER), Map.entry("lake", Surface.WATER),
            Map.entry("river", Surface.WATER), Map.entry("grass", Surface.GROUND), Map.entry("field", Surface.GROUND),
            Map.entry("fields", Surface.GROUND), Map.entry("meadow", Surface.GROUND), Map.entry("sand", Surface.GROUND),
            Map.entry("desert", Surface.GROUND), Map.entry("sun", Surface.SUN), Map.entry("moon", Surface.MOON),
            Map.entry("mountains", Surface.MOUNTAINS), Map.entry("mountain", Surface.MOUNTAINS),
            Map.entry("hills", Surface.MOUNTAINS), Map.entry("trees", Surface.TREES), Map.entry("forest", Surface.TREES),
            Map.entry("tree", Surface.TREES), Map.entry("leaves", Surface.TREES), Map.entry("flowers", Surface.FLOWERS),
            Map.entry("flower", Surface.FLOWERS), Map.entry("tulips", Surface.FLOWERS), Map.entry("roses", Surface.FLOWERS));

    /** Words that only glue a sentence together; they must not change the mood. */
    static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "of", "on", "in", "at", "by", "with", "and", "under",
            "over", "above", "below", "near", "beside", "behind", "into", "onto", "to", "from", "is", "are", "its", "it",
            "floating", "sailing", "standing", "sitting", "small", "little", "tiny", "big", "large", "huge", "some",
            "two", "three", "four", "five", "several", "many", "few", "very", "light", "dark", "bright", "deep", "pale",
            "lots", "full", "across", "along", "through", "against", "between", "during", "while", "upon", "next");

    private Vocabulary() {
    }

    /** "paper" right before a boat makes it a paper boat; other modifiers come here as they are learnt. */
    static Optional<SubjectKind> modified(String modifier, SubjectKind kind) {
        if ((modifier.equals("paper") || modifier.equals("origami")) && kind.floats()) {
            return Optional.of(SubjectKind.PAPER_BOAT);
        }
        if (modifier.equals("sail") && kind.floats()) {
            return Optional.of(SubjectKind.SAILBOAT);
        }
        return Optional.empty();
    }

    static boolean isPlural(String word, SubjectKind kind) {
        return word.endsWith("s") && !word.equals(kind.singular()) && !word.equals("glass") && !word.equals("box");
    }
}
