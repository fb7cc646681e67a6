package dev.easel.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.MutableClock;
import dev.easel.error.EaselException;
import dev.easel.storage.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {
    @TempDir
    Path dir;

    private Database db;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T10:00:00Z"));
    private ApiKeys keys;

    @BeforeEach
    void open() {
        db = Database.sqlite(dir);
        keys = new ApiKeys(db.jdbi(), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aCreatedKeyAuthenticatesAndIsStoredOnlyAsAHash() throws Exception {
        IssuedKey issued = keys.create("ci", ApiKey.Role.API);

        assertThat(keys.authenticate(issued.secret())).map(ApiKey::id).hasValue(issued.key().id());
        assertThat(issued.secret()).startsWith("sk-easel-").hasSize("sk-easel-".length() + 32);
        db.close();
        byte[] file = Files.readAllBytes(dir.resolve("easel.db"));
        assertThat(new String(file, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(issued.secret())
                .contains(ApiKeys.hash(issued.secret()));
        db = Database.sqlite(dir);
    }

    @Test
    void aRevokedKeyNoLongerAuthenticates() {
        IssuedKey issued = keys.create("ci", ApiKey.Role.API);
        assertThat(keys.authenticate(issued.secret())).isPresent(); // remembered from here on

        ApiKey revoked = keys.revoke(issued.key().id());

        assertThat(revoked.active()).isFalse();
        assertThat(keys.authenticate(issued.secret())).isEmpty();
    }

    @Test
    void aKeyRevokedElsewhereStopsAuthenticatingWithinASecond() {
        IssuedKey issued = keys.create("ci", ApiKey.Role.API);
        assertThat(keys.authenticate(issued.secret())).isPresent();

        new ApiKeys(db.jdbi(), clock).revoke(issued.key().id()); // the keys command, or another instance

        clock.advance(Duration.ofMillis(999));
        assertThat(keys.authenticate(issued.secret())).as("remembered for a second").isPresent();
        clock.advance(Duration.ofMillis(1));
        assertThat(keys.authenticate(issued.secret())).isEmpty();
    }

    @Test
    void aPolicyChangedHereAppliesToTheNextRequest() {
        IssuedKey issued = keys.create("ci", ApiKey.Role.API);
        assertThat(keys.authenticate(issued.secret())).map(k -> k.policy().models()).hasValue(java.util.Set.of());

        keys.update(issued.key().id(), java.util.Optional.empty(), p -> p.withModels(java.util.Set.of("dall-e-3")));

        assertThat(keys.authenticate(issued.secret())).map(k -> k.policy().models())
                .hasValue(java.util.Set.of("dall-e-3"));
    }

    @Test
    void revokingAnUnknownKeyIs404() {
        assertThatThrownBy(() -> keys.revoke("key_nope"))
                .isInstanceOfSatisfying(EaselException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void aWrongSecretDoesNotAuthenticate() {
        IssuedKey issued = keys.create("ci", ApiKey.Role.API);
        assertThat(keys.authenticate(issued.secret() + "x")).isEmpty();
        assertThat(keys.authenticate("")).isEmpty();
    }

    @Test
    void aRegisteredBootstrapKeyKeepsTheChosenSecret() {
        IssuedKey issued = keys.register("bootstrap", ApiKey.Role.ADMIN, "my-chosen-admin-secret-1");

        assertThat(keys.authenticate("my-chosen-admin-secret-1")).map(ApiKey::role).hasValue(ApiKey.Role.ADMIN);
        assertThat(issued.key().prefix()).isEqualTo("my-chosen-ad");
    }

    @Test
    void aShortBootstrapKeyIsRefused() {
        assertThatThrownBy(() -> keys.register("b", ApiKey.Role.API, "short"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysListInCreationOrderWithTheirRoles() {
        keys.create("a", ApiKey.Role.ADMIN);
        clock.advance(Duration.ofMillis(1)); // keys made in the same millisecond have no order between them
        keys.create("b", ApiKey.Role.API);

        assertThat(keys.list()).extracting(ApiKey::name).containsExactly("a", "b");
        assertThat(keys.noneWithRole(ApiKey.Role.API)).isFalse();
    }
}
