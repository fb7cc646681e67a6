package dev.easel.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UpstreamTimeoutsTest {
    @Test
    void aTimeoutOfWholeSecondsIsSpokenInWholeSeconds() {
        assertThat(UpstreamTimeouts.spoken(Duration.ofMinutes(6))).isEqualTo("360 s");
        assertThat(UpstreamTimeouts.spoken(Duration.ofSeconds(1))).isEqualTo("1 s");
    }

    @Test
    void aTimeoutUnderASecondOrBetweenSecondsKeepsItsFraction() {
        assertThat(UpstreamTimeouts.spoken(Duration.ofMillis(300))).isEqualTo("0.3 s");
        assertThat(UpstreamTimeouts.spoken(Duration.ofMillis(1250))).isEqualTo("1.25 s");
        assertThat(UpstreamTimeouts.spoken(Duration.ofMillis(1))).isEqualTo("0.001 s");
    }

    @Test
    void aTimeoutThatIsNotPositiveIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new UpstreamTimeouts(Duration.ZERO,
                Duration.ofSeconds(1), Duration.ofSeconds(1))).withMessageContaining("connect");
    }
}
