package dev.easel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.config.EaselConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstStartTest {
    private static final Pattern API_KEY = Pattern.compile("sk-easel-(?!admin)[0-9A-Za-z]{32}");

    @TempDir
    Path dir;

    private EaselConfig config(Optional<String> apiKey, Optional<String> adminKey) {
        java.util.Map<String, String> env = new java.util.HashMap<>();
        apiKey.ifPresent(k -> env.put("EASEL_API_KEY", k));
        adminKey.ifPresent(k -> env.put("EASEL_ADMIN_KEY", k));
        try {
            Path empty = java.nio.file.Files.writeString(dir.resolve("easel.yaml"), "");
            return dev.easel.config.ConfigLoader.load(
                    java.util.Map.of("port", "0", "data_dir", dir.toString()), env, Optional.of(empty));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String startAndStop(EaselConfig config) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Application app = Application.start(config, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertThat(app.port()).isPositive();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theFirstStartPrintsBothKeysAndACurlLineAndLaterStartsPrintNothing() {
        String first = startAndStop(config(Optional.empty(), Optional.empty()));

        Matcher api = API_KEY.matcher(first);
        assertThat(api.find()).as(first).isTrue();
        assertThat(first).contains("sk-easel-admin-").contains("curl http://127.0.0.1:")
                .contains("Authorization: Bearer " + api.group());
        assertThat(startAndStop(config(Optional.empty(), Optional.empty()))).isEmpty();
    }

    @Test
    void keysGivenInTheEnvironmentAreUsedAndNeverPrinted() {
        String out = startAndStop(config(Optional.of("env-api-key-0123456789"), Optional.of("env-admin-key-0123456789")));

        assertThat(out).doesNotContain("env-api-key-0123456789").doesNotContain("env-admin-key-0123456789")
                .contains("EASEL_API_KEY").contains("EASEL_ADMIN_KEY");
        assertThat(API_KEY.matcher(out).find()).isFalse();
    }
}
