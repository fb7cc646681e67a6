package dev.easel.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SizeRuleTest {
    private static final PixelSize SQUARE = new PixelSize(1024, 1024);

    private static SizeRule.Flexible gptImage2() {
        return new SizeRule.Flexible(16, 3840, 3, 655_360, 8_294_400, SQUARE);
    }

    @Test
    void flexibleBoundariesFromTheReference() {
        SizeRule.Flexible rule = gptImage2();

        assertThat(rule.violations(new PixelSize(1024, 640))).isEmpty();
        assertThat(rule.violations(new PixelSize(1024, 624))).hasSize(1);
        assertThat(rule.violations(new PixelSize(3840, 2160))).isEmpty();
        assertThat(rule.violations(new PixelSize(3856, 2160))).hasSize(2); // edge and pixel count
        assertThat(rule.violations(new PixelSize(3072, 1024))).isEmpty();
        assertThat(rule.violations(new PixelSize(3088, 1024))).hasSize(1);
    }

    @Test
    void flexibleDefaultMustSatisfyTheRule() {
        assertThatThrownBy(() -> new SizeRule.Flexible(16, 3840, 3, 655_360, 8_294_400, new PixelSize(256, 256)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void snapPrefersTheNearestAspectRatioAndKeepsListedSizes() {
        SizeRule.Snap rule = new SizeRule.Snap(List.of(new PixelSize(1664, 928), new PixelSize(1328, 1328),
                new PixelSize(928, 1664)), new PixelSize(1328, 1328));

        assertThat(rule.snap(new PixelSize(1664, 928))).isEqualTo(new PixelSize(1664, 928));
        assertThat(rule.snap(new PixelSize(100, 100))).isEqualTo(new PixelSize(1328, 1328));
        assertThat(rule.snap(new PixelSize(10, 100))).isEqualTo(new PixelSize(928, 1664));
    }

    @Test
    void fixedDescribesItsValuesWithAuto() {
        SizeRule.Fixed rule = new SizeRule.Fixed(List.of(SQUARE), true, SQUARE);

        assertThat(rule.describe()).isEqualTo("'1024x1024', 'auto'");
    }

    @Test
    void pixelSizeParsingIsStrict() {
        assertThat(PixelSize.parse("1024x768")).contains(new PixelSize(1024, 768));
        assertThat(PixelSize.parse("1024*768", '*')).contains(new PixelSize(1024, 768));
        assertThat(PixelSize.parse("1024X768")).isEmpty();
        assertThat(PixelSize.parse("-1x5")).isEmpty();
        assertThat(PixelSize.parse("0x5")).isEmpty();
        assertThat(PixelSize.parse("9999999999x5")).isEmpty();
        assertThat(PixelSize.parse("１０x5")).isEmpty();
    }
}
