package dev.easel.render;

import java.awt.Color;

/**
 * The colours of one image, from the time of day, the weather, the colour words and the mood.
 *
 * @param light per-channel multiplier applied to everything lit by the sky (night is dark blue)
 */
record Palette(Color skyTop, Color skyMid, Color skyHorizon, Color sun, Color glow, Color light, Color water,
        Color grass, Color sand, Color snow, Color rock, Color foliage, Color cloud, Color cloudShade, Color fog) {

    static Palette of(Scene scene) {
        Color[] sky = skyOf(scene.time());
        Color light = lightOf(scene.time());
        Color sun = switch (scene.time()) {
            case SUNRISE, DAWN -> new Color(255, 214, 130);
            case SUNSET, DUSK -> new Color(255, 160, 80);
            default -> new Color(255, 246, 210);
        };
        if (scene.weather() == Weather.STORM || scene.weather() == Weather.RAIN) {
            Color grey = new Color(78, 84, 96);
            for (int i = 0; i < sky.length; i++) {
                sky[i] = Colors.mix(sky[i], Colors.scale(grey, 0.6 + 0.25 * i), 0.75);
            }
            light = Colors.scale(light, 0.7);
        } else if (scene.weather() == Weather.CLOUDY || scene.weather() == Weather.SNOW) {
            Color grey = new Color(170, 176, 186);
            for (int i = 0; i < sky.length; i++) {
                sky[i] = Colors.mix(sky[i], Colors.mix(grey, sky[i], 0.3), 0.45);
            }
        } else if (scene.weather() == Weather.FOG) {
            for (int i = 0; i < sky.length; i++) {
                sky[i] = Colors.mix(sky[i], new Color(200, 202, 206), 0.55);
            }
        }
        Mood mood = scene.mood();
        Color tint = scene.tint(Surface.SKY).map(NamedColor::color)
                .or(() -> mood.accents().stream().findFirst().map(NamedColor::color)).orElse(sky[1]);
        double tintWeight = scene.tint(Surface.SKY).isPresent() ? 0.55 : mood.accents().isEmpty() ? 0 : 0.2;
        for (int i = 0; i < sky.length; i++) {
            sky[i] = Colors.shift(Colors.mix(sky[i], Colors.scale(tint, 0.5 + 0.25 * i), tintWeight),
                    mood.hueShift(), mood.saturation());
        }
        sun = scene.tint(Surface.SUN).map(NamedColor::color).map(c -> Colors.mix(c, Color.WHITE, 0.2)).orElse(sun);
        Color water = scene.tint(Surface.WATER).map(NamedColor::color)
                .orElse(Colors.mix(new Color(30, 80, 120), sky[2], 0.25));
        Color grass = scene.tint(Surface.GROUND).map(NamedColor::color).orElse(new Color(86, 150, 62));
        Color rock = scene.tint(Surface.MOUNTAINS).map(NamedColor::color).orElse(new Color(104, 110, 128));
        Color foliage = scene.tint(Surface.TREES).map(NamedColor::color).orElse(new Color(46, 110, 52));
        Color cloudShade = Colors.mix(sky[0], new Color(90, 90, 110), 0.4);
        if (scene.time().lowSun()) {
            cloudShade = Colors.mix(sun, sky[1], 0.5);
        }
        return new Palette(sky[0], sky[1], sky[2], sun, Colors.mix(sun, sky[2], 0.3), light,
                Colors.shift(water, mood.hueShift() / 2f, mood.saturation()),
                Colors.shift(grass, mood.hueShift() / 2f, mood.saturation()),
                new Color(222, 190, 128), new Color(236, 242, 250), rock, foliage,
                Colors.mix(Color.WHITE, sky[2], 0.15), cloudShade, Colors.mix(new Color(215, 218, 224), sky[2], 0.3));
    }

    /** Top, middle and horizon colours of the sky. */
    private static Color[] skyOf(TimeOfDay time) {
        return switch (time) {
            case SUNRISE -> new Color[] {new Color(86, 110, 170), new Color(236, 150, 128), new Color(255, 204, 128)};
            case SUNSET -> new Color[] {new Color(62, 52, 122), new Color(226, 102, 86), new Color(255, 172, 72)};
            case DAWN -> new Color[] {new Color(62, 82, 142), new Color(178, 150, 184), new Color(248, 202, 172)};
            case DUSK -> new Color[] {new Color(28, 30, 78), new Color(116, 70, 122), new Color(228, 128, 96)};
            case TWILIGHT -> new Color[] {new Color(18, 24, 68), new Color(66, 60, 128), new Color(156, 110, 150)};
            case NIGHT -> new Color[] {new Color(4, 7, 22), new Color(14, 24, 58), new Color(34, 50, 92)};
            case DAY -> new Color[] {new Color(58, 118, 196), new Color(116, 170, 226), new Color(196, 224, 244)};
        };
    }

    private static Color lightOf(TimeOfDay time) {
        return switch (time) {
            case SUNRISE -> new Color(255, 222, 196);
            case SUNSET -> new Color(250, 196, 160);
            case DAWN -> new Color(206, 200, 220);
            case DUSK -> new Color(150, 130, 170);
            case TWILIGHT -> new Color(100, 104, 150);
            case NIGHT -> new Color(56, 66, 108);
            case DAY -> new Color(255, 255, 255);
        };
    }

    /** A surface colour as the light of this scene shows it. */
    Color lit(Color base) {
        return new Color(base.getRed() * light.getRed() / 255, base.getGreen() * light.getGreen() / 255,
                base.getBlue() * light.getBlue() / 255);
    }

    /** Far things fade into the horizon colour (aerial perspective); 0 is near, 1 is gone. */
    Color hazed(Color base, double distance) {
        return Colors.mix(lit(base), skyHorizon, distance);
    }
}
