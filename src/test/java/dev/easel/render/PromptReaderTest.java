package dev.easel.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptReaderTest {

    private final SceneRenderer renderer = new SceneRenderer();

    @Test
    void paperBoatPromptIsABoatOnCalmWaterAtSunrise() {
        Scene scene = renderer.interpret("A paper boat floating on calm water at sunrise");

        assertThat(scene.time()).isEqualTo(TimeOfDay.SUNRISE);
        assertThat(scene.water()).isEqualTo(WaterState.CALM);
        assertThat(scene.features()).contains(Feature.SEA, Feature.SUN);
        assertThat(scene.subjects()).extracting(Subject::kind).containsExactly(SubjectKind.PAPER_BOAT);
    }

    @Test
    void describeSaysWhatIsDrawnInOneSentence() {
        assertThat(renderer.interpret("A paper boat floating on calm water at sunrise").describe())
                .isEqualTo("A small paper boat on calm water under a sunrise sky with a low sun.");
        assertThat(renderer.interpret("a red house by a lake under a starry night sky").describe())
                .isEqualTo("A red house by a calm lake under a starry night sky with a moon.");
        assertThat(renderer.interpret("a yellow circle and a blue triangle").describe())
                .isEqualTo("A yellow circle and a blue triangle on a plain light backdrop.");
    }

    @Test
    void colourWordBindsToTheSubjectThatFollowsIt() {
        Scene scene = renderer.interpret("a yellow circle and a blue triangle");

        assertThat(scene.subjects()).extracting(s -> s.color().orElseThrow().name()).containsExactly("yellow", "blue");
        assertThat(scene.studio()).isTrue();
    }

    @Test
    void colourWordBeforeASurfaceTintsIt() {
        Scene scene = renderer.interpret("a pink sky over purple mountains");

        assertThat(scene.tint(Surface.SKY).orElseThrow().name()).isEqualTo("pink");
        assertThat(scene.tint(Surface.MOUNTAINS).orElseThrow().name()).isEqualTo("purple");
    }

    @Test
    void nightBringsAMoonAndStars() {
        Scene scene = renderer.interpret("a cabin in the woods at night");

        assertThat(scene.features()).contains(Feature.MOON, Feature.STARS, Feature.FOREST);
    }

    @Test
    void aBoatWithoutWaterStillGetsASea() {
        Scene scene = renderer.interpret("a sailboat");

        assertThat(scene.features()).contains(Feature.SEA);
        assertThat(scene.water()).isEqualTo(WaterState.CALM);
    }

    @Test
    void stormySeaIsStormyWaterUnderAStormSky() {
        Scene scene = renderer.interpret("a sailboat on a stormy sea");

        assertThat(scene.weather()).isEqualTo(Weather.STORM);
        assertThat(scene.water()).isEqualTo(WaterState.STORMY);
        assertThat(scene.features()).contains(Feature.CLOUDS);
    }

    @Test
    void snowyMountainsGetSnowCapsAndTheForestBecomesPines() {
        Scene scene = renderer.interpret("snowy mountains and a pine forest at dusk");

        assertThat(scene.time()).isEqualTo(TimeOfDay.DUSK);
        assertThat(scene.features()).contains(Feature.MOUNTAINS, Feature.SNOWCAPS, Feature.FOREST, Feature.PINES);
    }

    @Test
    void unknownWordsShiftTheMoodTheSameWayEveryTime() {
        Mood calm = renderer.interpret("a calm lake, melancholy").mood();

        assertThat(renderer.interpret("a calm lake, melancholy").mood()).isEqualTo(calm);
        assertThat(renderer.interpret("a calm lake, euphoric").mood()).isNotEqualTo(calm);
        assertThat(renderer.interpret("a calm lake").mood().hueShift()).isZero();
    }

    @Test
    void promptWithNoDrawableWordBecomesAnAbstractImage() {
        Scene scene = renderer.interpret("melancholy quantum entropy");

        assertThat(scene.abstractOnly()).isTrue();
        assertThat(scene.describe()).startsWith("An abstract composition").endsWith("tones.");
    }

    @Test
    void pluralSubjectsAreDrawnSeveralTimes() {
        Scene scene = renderer.interpret("red hearts");

        assertThat(scene.subjects()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(SubjectKind.HEART);
            assertThat(s.count()).isGreaterThan(1);
        });
    }
}
