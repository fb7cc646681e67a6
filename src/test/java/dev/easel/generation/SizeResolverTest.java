package dev.easel.generation;

import static dev.easel.generation.Requests.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.error.EaselException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizeResolverTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1024x1024, 1328x1328",
        "1792x1024, 1664x928",
        "1536x864, 1664x928",
        "1536x1024, 1472x1104",
        "1024x1792, 928x1664",
        "864x1536, 928x1664",
        "1024x1536, 1104x1472",
        "1664*928, 1664x928",
        "1472x1104, 1472x1104",
        "512x512, 1328x1328",
        "4000x100, 1664x928",
        "auto, 1328x1328"
    })
    void qwenSnapsToTheLegalSizeWithTheNearestAspectRatio(String requested, String expected) {
        assertThat(parse("qwen-image", "size", requested).size().toString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"1024x640", "640x1024", "3840x2160", "2160x3840", "3072x1024", "1024x3072", "1536x864", "2048x2048"})
    void flexibleSizesInsideEveryLimitAreKeptAsGiven(String size) {
        assertThat(parse("gpt-image-2", "size", size).size().toString()).isEqualTo(size);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "1024x624  | total pixel count",
        "3856x2160 | longest edge must be at most 3840",
        "3088x1024 | aspect ratio (long:short) must be at most 3:1",
        "1000x1000 | multiples of 16",
        "256x256   | total pixel count"
    })
    void flexibleSizeOutsideALimitNamesThatLimit(String size, String rule) {
        assertThatThrownBy(() -> parse("gpt-image-2", "size", size)).isInstanceOfSatisfying(EaselException.class, e -> {
            assertThat(e.param()).contains("size");
            assertThat(e.code()).contains("invalid_value");
            assertThat(e.getMessage()).contains(rule);
        });
    }

    @Test
    void everyBrokenFlexibleLimitIsNamedAtOnce() {
        assertThatThrownBy(() -> parse("gpt-image-2", "size", "100x4000"))
                .hasMessageContaining("multiples of 16")
                .hasMessageContaining("longest edge")
                .hasMessageContaining("aspect ratio")
                .hasMessageContaining("total pixel count");
    }

    @Test
    void sizeThatIsNotWidthByHeightIsRejected() {
        for (String bad : new String[] {"1024", "1024x", "x1024", "1024x1024x2", "+1024x1024", "1024 x 1024", "0x0"}) {
            assertThatThrownBy(() -> parse("gpt-image-2", "size", bad)).as(bad)
                    .isInstanceOfSatisfying(EaselException.class, e -> assertThat(e.param()).contains("size"));
        }
    }

    @Test
    void asteriskSizesAreOnlyForSnappingModels() {
        assertThatThrownBy(() -> parse("gpt-image-2", "size", "1024*1024")).isInstanceOf(EaselException.class);
    }
}
