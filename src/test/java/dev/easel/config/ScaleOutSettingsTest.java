package dev.easel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings of several instances: the bucket, job attempts, and the shared secret PostgreSQL needs. */
class ScaleOutSettingsTest {
    private static final String SECRET = "signing_secret: 0123456789abcdef0123456789abcdef\n";

    @TempDir
    Path dir;

    @Test
    void theBucketIsReadFromTheFileAndTheEnvironmentWins() {
        EaselConfig c = load(Map.of("EASEL_S3_SECRET_ACCESS_KEY", "from-env"), """
                s3_bucket: images
                s3_endpoint: "http://minio:9000"
                s3_region: auto
                s3_access_key_id: easel
                s3_secret_access_key: from-file
                s3_prefix: easel/
                s3_path_style: true
                s3_presigned_urls: yes
                """);

        assertThat(c.bucket()).hasValue(new BucketConfig("images", Optional.of("http://minio:9000"), Optional.of("auto"),
                Optional.of("easel"), Optional.of("from-env"), "easel/", true, true));
    }

    @Test
    void withoutABucketImagesStayOnDiskAndJobsGetTwoAttempts() {
        EaselConfig c = load(Map.of(), "");
        assertThat(c.bucket()).isEmpty();
        assertThat(c.jobMaxAttempts()).isEqualTo(2);
        assertThat(load(Map.of("EASEL_JOB_MAX_ATTEMPTS", "1"), "").jobMaxAttempts()).isEqualTo(1);
    }

    @Test
    void bucketSettingsWithoutABucketAndHalfACredentialAreRefused() {
        assertThatThrownBy(() -> load(Map.of("EASEL_S3_ENDPOINT", "http://minio:9000"), ""))
                .isInstanceOf(ConfigException.class).hasMessageContaining("s3_endpoint").hasMessageContaining("s3_bucket");
        assertThatThrownBy(() -> load(Map.of(), "s3_bucket: b\ns3_access_key_id: only-the-id\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("s3_secret_access_key");
        assertThatThrownBy(() -> load(Map.of(), "job_max_attempts: 0\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("job_max_attempts");
    }

    @Test
    void postgresWithoutAConfiguredSigningSecretRefusesToStartAndSaysWhy() {
        String pg = "database_url: \"jdbc:postgresql://db:5432/easel\"\n";

        assertThatThrownBy(() -> load(Map.of(), pg)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("signing_secret").hasMessageContaining("would not verify on another");
        assertThat(load(Map.of(), pg + SECRET).signingSecret()).isPresent();
        assertThat(load(Map.of("EASEL_SIGNING_SECRET", "0123456789abcdef0123456789abcdef"), pg).databaseUrl())
                .isPresent();
    }

    @Test
    void presignedUrlsCannotOutliveSevenDays() {
        assertThatThrownBy(() -> load(Map.of(), "s3_bucket: b\ns3_presigned_urls: true\njob_ttl: 8d\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("7 days");
        assertThat(load(Map.of(), "s3_bucket: b\njob_ttl: 8d\n").jobTtl()).hasDays(8); // Easel links have no such cap
    }

    private EaselConfig load(Map<String, String> env, String yaml) {
        try {
            Path file = dir.resolve("easel-" + System.nanoTime() + ".yaml");
            Files.writeString(file, yaml);
            return ConfigLoader.load(Map.of(), env, Optional.of(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
