package dev.easel.render;

/** Things placed in the scene, each drawn by a painter and named in {@link Scene#describe()}. */
public enum SubjectKind {
    PAPER_BOAT("paper boat", "paper boats", true),
    SAILBOAT("sailboat", "sailboats", true),
    SHIP("ship", "ships", true),
    HOUSE("house", "houses", false),
    CABIN("cabin", "cabins", false),
    CASTLE("castle", "castles", false),
    LIGHTHOUSE("lighthouse", "lighthouses", false),
    CITY("city skyline", "city skylines", false),
    CIRCLE("circle", "circles", false),
    SQUARE("square", "squares", false),
    TRIANGLE("triangle", "triangles", false),
    STAR("star", "stars", false),
    HEART("heart", "hearts", false);

    private final String singular;
    private final String plural;
    private final boolean floats;

    SubjectKind(String singular, String plural, boolean floats) {
        this.singular = singular;
        this.plural = plural;
        this.floats = floats;
    }

    String singular() {
        return singular;
    }

    String plural() {
        return plural;
    }

    /** Boats need water under them: a prompt with a boat and no water still gets a sea. */
    boolean floats() {
        return floats;
    }

    boolean isShape() {
        return ordinal() >= CIRCLE.ordinal();
    }

    boolean isBuilding() {
        return this == HOUSE || this == CABIN || this == CASTLE || this == LIGHTHOUSE;
    }
}
