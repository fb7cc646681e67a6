package dev.easel.render;

import java.util.SplittableRandom;

/**
 * Where the big parts of the scene go, in pixels, all derived from proportions of the canvas so a
 * 256x256 thumbnail and a 3840x2160 wallpaper show the same composition.
 *
 * @param horizon y where the sky meets land or sea
 * @param waterline y where open water starts (below a far shore when there is land across the water)
 * @param unit the shorter side; sizes of things are fractions of it, so they keep their shape at 3:1
 */
record Layout(int width, int height, int horizon, int waterline, double unit, double sunX, double sunY,
        double sunR, double moonX, double moonY, double moonR) {

    static Layout of(Scene scene, int width, int height, SplittableRandom random) {
        double unit = Math.min(width, height);
        double h = height;
        double horizonFraction = scene.studio() ? 0.72
                : scene.has(Feature.MOUNTAINS) || scene.subjects().stream().anyMatch(s -> s.kind() == SubjectKind.CITY)
                ? 0.62 : 0.58;
        int horizon = (int) Math.round(h * horizonFraction);
        int waterline = hasFarShore(scene) ? horizon + (int) Math.round(h * 0.05) : horizon;
        double sunR = unit * 0.06;
        double sunX = width * (0.3 + 0.4 * random.nextDouble());
        boolean ridges = scene.has(Feature.MOUNTAINS) || scene.has(Feature.HILLS);
        double sunY = scene.time().lowSun() ? horizon - (ridges ? h * 0.16 : sunR * 0.35) : horizon * (0.2 + 0.12 * random.nextDouble());
        double moonR = unit * 0.05;
        double moonX = width * (scene.has(Feature.SUN) ? 0.15 : 0.62 + 0.22 * random.nextDouble());
        double moonY = horizon * (0.18 + 0.14 * random.nextDouble());
        return new Layout(width, height, horizon, waterline, unit, sunX, sunY, sunR, moonX, moonY, moonR);
    }

    /**
     * A lake has land across it; so has a sea when the prompt puts houses or trees in the picture,
     * which then stand on the far shore and are mirrored in the water.
     */
    static boolean hasFarShore(Scene scene) {
        if (scene.has(Feature.LAKE)) {
            return true;
        }
        if (!scene.has(Feature.SEA)) {
            return false;
        }
        return scene.subjects().stream().anyMatch(s -> s.kind().isBuilding()) || scene.has(Feature.FOREST)
                || scene.has(Feature.TREES) || scene.has(Feature.PINES);
    }

    /** Lowest point of the sky: painters of land and water start here. */
    int groundTop() {
        return horizon;
    }
}
