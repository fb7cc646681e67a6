package dev.easel.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class RenderPropertiesTest {

    private static final SceneRenderer RENDERER = new SceneRenderer();
    private static final String[] PROMPTS = {"A paper boat floating on calm water at sunrise",
        "a red house by a lake under a starry night sky", "snowy mountains and a pine forest at dusk",
        "a sailboat on a stormy sea", "a yellow circle and a blue triangle", "a castle in a desert", "unheard words"};

    @Property(tries = 25)
    void anySizeUpToThreeToOneRendersAtExactlyThatSize(@ForAll @IntRange(min = 256, max = 1400) int width,
            @ForAll @IntRange(min = 256, max = 1400) int height, @ForAll @IntRange(min = 0, max = 6) int prompt,
            @ForAll boolean transparent, @ForAll long seed) {
        Assume.that(Math.max(width, height) <= 3 * Math.min(width, height));

        BufferedImage image = RENDERER.render(new RenderSpec(PROMPTS[prompt], width, height, Detail.LOW, transparent, seed));

        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
    }

    @Property(tries = 50)
    void describeIsOneCapitalisedSentence(@ForAll @IntRange(min = 0, max = 6) int prompt) {
        String text = RENDERER.interpret(PROMPTS[prompt]).describe();

        assertThat(text).matches("[A-Z][^.]*\\.");
    }
}
