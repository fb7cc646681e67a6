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

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaultsNeedNoFileAndNoEnvironment() {
        EaselConfig c = ConfigLoader.load(Map.of(), Map.of(), Optional.of(write("")));

        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.dataDir()).isEqualTo(Path.of("data"));
        assertThat(c.defaultModel()).isEqualTo("dall-e-3");
        assertThat(c.urlTtl()).isEqualTo(Duration.ofMinutes(60));
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFile() {
        Path file = write("port: 9000\nhost: 0.0.0.0\nurl_ttl: 2h\n");

        EaselConfig c = ConfigLoader.load(Map.of("port", "9002"), Map.of("EASEL_PORT", "9001", "EASEL_HOST", "::1"),
                Optional.of(file));

        assertThat(c.port()).isEqualTo(9002);
        assertThat(c.host()).isEqualTo("::1");
        assertThat(c.urlTtl()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void bootstrapKeysComeFromTheEnvironment() {
        EaselConfig c = ConfigLoader.load(Map.of(), Map.of("EASEL_API_KEY", "k1", "EASEL_ADMIN_KEY", "k2"),
                Optional.of(write("")));

        assertThat(c.bootstrapApiKey()).hasValue("k1");
        assertThat(c.bootstrapAdminKey()).hasValue("k2");
    }

    @Test
    void anUnknownKeyInTheFileFailsWithItsName() {
        Path file = write("prot: 9000\n");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of(), Optional.of(file)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("prot");
    }

    @Test
    void badValuesFailWithTheKeyAndTheValue() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("port", "eighty"), Map.of(), Optional.of(write(""))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("port").hasMessageContaining("eighty");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("EASEL_URL_TTL", "soon"), Optional.of(write(""))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("url_ttl");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("port", "70000"), Map.of(), Optional.of(write(""))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("port");
    }

    @Test
    void aMissingNamedFileIsAnError() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of(), Optional.of(dir.resolve("nope.yaml"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nope.yaml");
    }

    @Test
    void durationsTakeUnitsSecondsAndIso() {
        assertThat(ConfigLoader.Durations.parse("t", "250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(ConfigLoader.Durations.parse("t", "90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ConfigLoader.Durations.parse("t", "15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(ConfigLoader.Durations.parse("t", "1d")).isEqualTo(Duration.ofDays(1));
        assertThat(ConfigLoader.Durations.parse("t", "120")).isEqualTo(Duration.ofSeconds(120));
        assertThat(ConfigLoader.Durations.parse("t", "PT1H")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theModelsSectionIsPassedOnToTheCatalogue() {
        EaselConfig c = ConfigLoader.load(Map.of(), Map.of(), Optional.of(write("models:\n  - id: my-model\n")));
        assertThat(c.userModels()).hasValueSatisfying(n -> assertThat(n.isArray()).isTrue());
    }

    private Path write(String yaml) {
        try {
            Path file = dir.resolve("easel-" + System.nanoTime() + ".yaml");
            Files.writeString(file, yaml);
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
