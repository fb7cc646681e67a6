package dev.easel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.account.ApiKey;
import dev.easel.account.ApiKeys;
import dev.easel.account.Budget;
import dev.easel.account.IpRange;
import dev.easel.account.KeyPolicy;
import dev.easel.storage.Database;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code easel keys create} and {@code keys update} take the same policy as the admin API, as flags. */
class KeysCommandTest {
    @TempDir
    Path dir;

    private int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setErr(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }

    private ApiKey onlyApiKey() {
        try (Database db = Database.sqlite(dir)) {
            return new ApiKeys(db.jdbi(), Clock.systemUTC()).list().stream()
                    .filter(k -> k.role() == ApiKey.Role.API).findFirst().orElseThrow();
        }
    }

    @Test
    void createAndUpdateMirrorTheAdminFieldsAndNoneClearsAValue() throws Exception {
        assertThat(Files.exists(dir.resolve("easel.db"))).isFalse();
        assertThat(run("keys", "create", "--data-dir", dir.toString(), "--name", "ci", "--owner", "team-a",
                "--expires-at", "2030-01-01T00:00:00Z", "--models", "gpt-image-2-2026-04-21,dall-e-2",
                "--allowed-ips", "10.0.0.0/8, ::1", "--budget-usd", "2.5", "--budget-period", "month", "--rpm", "30",
                "--images-per-minute", "60", "--max-concurrency", "3", "--price-multiplier", "1.2")).isZero();
        KeyPolicy created = onlyApiKey().policy();
        assertThat(created.owner()).isEqualTo("team-a");
        assertThat(created.expiresAt()).contains(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(created.models()).isEqualTo(Set.of("gpt-image-2", "dall-e-2"));
        assertThat(created.allowedIps()).containsExactly(IpRange.parse("10.0.0.0/8"), IpRange.parse("::1"));
        assertThat(created.budget()).contains(new Budget(2_500_000, Budget.Period.MONTH));
        assertThat(created.limits().rpm()).contains(30);
        assertThat(created.limits().imagesPerMinute()).contains(60);
        assertThat(created.limits().maxConcurrency()).contains(3);
        assertThat(created.priceMultiplier()).isEqualByComparingTo("1.2");

        String id = onlyApiKey().id();
        assertThat(run("keys", "update", id, "--data-dir", dir.toString(), "--rpm", "none", "--budget-usd", "4",
                "--name", "ci-2")).isZero();
        ApiKey updated = onlyApiKey();
        assertThat(updated.name()).isEqualTo("ci-2");
        assertThat(updated.policy().limits().rpm()).isEmpty();
        assertThat(updated.policy().budget()).contains(new Budget(4_000_000, Budget.Period.MONTH));
        assertThat(updated.policy().limits().maxConcurrency()).contains(3);
        assertThat(updated.policy().priceMultiplier()).isEqualByComparingTo(new BigDecimal("1.2"));
    }

    @Test
    void aBadFlagValueFailsWithoutCreatingAKey() {
        assertThat(run("keys", "create", "--data-dir", dir.toString(), "--name", "ci", "--rpm", "many"))
                .isNotZero();
        assertThat(run("keys", "create", "--data-dir", dir.toString(), "--name", "ci", "--models", "nope"))
                .isNotZero();
        try (Database db = Database.sqlite(dir)) {
            assertThat(new ApiKeys(db.jdbi(), Clock.systemUTC()).list()).isEmpty();
        }
    }
}
