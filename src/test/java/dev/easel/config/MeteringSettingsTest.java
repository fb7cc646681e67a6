package dev.easel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeteringSettingsTest {
    @TempDir
    Path dir;

    private EaselConfig load(String yaml, Map<String, String> env) throws Exception {
        Path file = dir.resolve("easel.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(Map.of(), env, Optional.of(file));
    }

    @Test
    void promptLoggingIsOffAndLimitsAreLocalByDefault() throws Exception {
        MeteringConfig m = load("", Map.of()).metering();
        assertThat(m.logPrompts()).isFalse();
        assertThat(m.redisUrl()).isEmpty();
        assertThat(m.reservationTtl()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void theFileAndTheEnvironmentSetPromptLoggingRedisAndTheReservationTtl() throws Exception {
        MeteringConfig fromFile = load("log_prompts: true\nredis_url: redis://r:6379\nreservation_ttl: 45m\n",
                Map.of()).metering();
        assertThat(fromFile.logPrompts()).isTrue();
        assertThat(fromFile.redisUrl()).contains("redis://r:6379");
        assertThat(fromFile.reservationTtl()).isEqualTo(Duration.ofMinutes(45));
        MeteringConfig fromEnv = load("log_prompts: true\n", Map.of("EASEL_LOG_PROMPTS", "false",
                "EASEL_REDIS_URL", "redis://other:6379")).metering();
        assertThat(fromEnv.logPrompts()).isFalse();
        assertThat(fromEnv.redisUrl()).contains("redis://other:6379");
    }

    @Test
    void aValueThatIsNotABooleanIsRefusedWithItsKey() {
        assertThatThrownBy(() -> load("log_prompts: sometimes\n", Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("log_prompts");
        assertThatThrownBy(() -> load("reservation_ttl: 0s\n", Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("reservation_ttl");
    }

    @Test
    void aReservationTtlShorterThanTwoRenewalsIsRefused() throws Exception {
        assertThatThrownBy(() -> load("reservation_ttl: 1s\n", Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("reservation_ttl must be at least 2s");
        assertThat(load("reservation_ttl: 2s\n", Map.of()).metering().reservationTtl()).isEqualTo(Duration.ofSeconds(2));
    }
}
