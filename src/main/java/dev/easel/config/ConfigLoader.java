package dev.easel.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Resolves an {@link EaselConfig}: flags over environment over {@code easel.yaml} over defaults.
 * Unknown keys in the file fail at start with their name, so a typo never silently does nothing.
 */
public final class ConfigLoader {
    private static final Set<String> FILE_KEYS = Set.of("host", "port", "data_dir", "public_base_url", "database_url",
            "default_model", "url_ttl", "max_body_bytes", "sse_keepalive", "job_ttl", "job_concurrency", "job_lease",
            "webhook_hosts", "webhook_secret", "signing_secret", "models", "channels", "log_prompts", "redis_url",
            "reservation_ttl", "job_max_attempts", "s3_bucket", "s3_endpoint", "s3_region", "s3_access_key_id",
            "s3_secret_access_key", "s3_prefix", "s3_path_style", "s3_presigned_urls");

    private ConfigLoader() {
    }

    /**
     * @param flags   values given on the command line, by file key ({@code port}, {@code data_dir}...)
     * @param env     the process environment
     * @param file    an easel.yaml to read; when absent, {@code ./easel.yaml} is read if it exists
     */
    public static EaselConfig load(Map<String, String> flags, Map<String, String> env, Optional<Path> file) {
        JsonNode yaml = readFile(file);
        Settings s = new Settings(flags, env, yaml);
        EaselConfig d = EaselConfig.defaults();
        try {
            return new EaselConfig(
                    s.get("host", "EASEL_HOST").orElse(d.host()),
                    s.get("port", "EASEL_PORT").map(v -> parseInt("port", v)).orElse(d.port()),
                    s.get("data_dir", "EASEL_DATA_DIR").map(Path::of).orElse(d.dataDir()),
                    s.get("public_base_url", "EASEL_PUBLIC_BASE_URL"),
                    s.get("database_url", "EASEL_DATABASE_URL"),
                    s.get("default_model", "EASEL_DEFAULT_MODEL").orElse(d.defaultModel()),
                    s.get("url_ttl", "EASEL_URL_TTL").map(v -> Durations.parse("url_ttl", v)).orElse(d.urlTtl()),
                    s.get("max_body_bytes", "EASEL_MAX_BODY_BYTES").map(v -> parseLong("max_body_bytes", v))
                            .orElse(d.maxBodyBytes()),
                    s.get("sse_keepalive", "EASEL_SSE_KEEPALIVE").map(v -> Durations.parse("sse_keepalive", v))
                            .orElse(d.sseKeepAlive()),
                    s.get("job_ttl", "EASEL_JOB_TTL").map(v -> Durations.parse("job_ttl", v)).orElse(d.jobTtl()),
                    s.get("job_concurrency", "EASEL_JOB_CONCURRENCY").map(v -> parseInt("job_concurrency", v))
                            .orElse(d.jobConcurrency()),
                    s.get("job_lease", "EASEL_JOB_LEASE").map(v -> Durations.parse("job_lease", v)).orElse(d.jobLease()),
                    s.get("job_max_attempts", "EASEL_JOB_MAX_ATTEMPTS").map(v -> parseInt("job_max_attempts", v))
                            .orElse(d.jobMaxAttempts()),
                    s.list("webhook_hosts", "EASEL_WEBHOOK_HOSTS"),
                    s.get("webhook_secret", "EASEL_WEBHOOK_SECRET"),
                    s.get("signing_secret", "EASEL_SIGNING_SECRET"),
                    Optional.ofNullable(env.get("EASEL_API_KEY")).filter(v -> !v.isBlank()),
                    Optional.ofNullable(env.get("EASEL_ADMIN_KEY")).filter(v -> !v.isBlank()),
                    Optional.ofNullable(yaml.get("models")).filter(n -> !n.isNull()),
                    Optional.ofNullable(yaml.get("channels")).filter(n -> !n.isNull()),
                    Map.copyOf(env),
                    new MeteringConfig(
                            s.get("log_prompts", "EASEL_LOG_PROMPTS").map(v -> parseBoolean("log_prompts", v))
                                    .orElse(false),
                            s.get("redis_url", "EASEL_REDIS_URL"),
                            s.get("reservation_ttl", "EASEL_RESERVATION_TTL")
                                    .map(v -> Durations.parse("reservation_ttl", v))
                                    .orElse(MeteringConfig.DEFAULT_RESERVATION_TTL)),
                    bucket(s));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static Optional<BucketConfig> bucket(Settings s) {
        List<String> orphans = Stream.of("s3_endpoint", "s3_region", "s3_access_key_id", "s3_secret_access_key",
                "s3_prefix", "s3_path_style", "s3_presigned_urls")
                .filter(key -> s.get(key, "EASEL_" + key.toUpperCase(java.util.Locale.ROOT)).isPresent()).toList();
        if (s.get("s3_bucket", "EASEL_S3_BUCKET").isEmpty() && !orphans.isEmpty()) {
            // Without this, a forgotten bucket name would silently keep images on one instance's disk.
            throw new IllegalArgumentException(orphans + " set without s3_bucket: name the bucket, or remove them");
        }
        return s.get("s3_bucket", "EASEL_S3_BUCKET").map(bucket -> new BucketConfig(bucket,
                s.get("s3_endpoint", "EASEL_S3_ENDPOINT"),
                s.get("s3_region", "EASEL_S3_REGION"),
                s.get("s3_access_key_id", "EASEL_S3_ACCESS_KEY_ID"),
                s.get("s3_secret_access_key", "EASEL_S3_SECRET_ACCESS_KEY"),
                s.get("s3_prefix", "EASEL_S3_PREFIX").orElse(""),
                s.get("s3_path_style", "EASEL_S3_PATH_STYLE").map(v -> parseBoolean("s3_path_style", v)).orElse(false),
                s.get("s3_presigned_urls", "EASEL_S3_PRESIGNED_URLS").map(v -> parseBoolean("s3_presigned_urls", v))
                        .orElse(false)));
    }

    private static JsonNode readFile(Optional<Path> file) {
        Path path = file.orElse(Path.of("easel.yaml"));
        if (!Files.exists(path)) {
            if (file.isPresent()) {
                throw new ConfigException("config file " + path + " does not exist");
            }
            return YAMLMapper.builder().build().createObjectNode();
        }
        JsonNode root;
        try {
            root = YAMLMapper.builder().build().readTree(Files.readString(path));
        } catch (IOException | JacksonException e) {
            throw new ConfigException("cannot read config file " + path + ": " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return YAMLMapper.builder().build().createObjectNode();
        }
        if (!root.isObject()) {
            throw new ConfigException("config file " + path + " must be a YAML mapping");
        }
        for (Iterator<String> names = root.propertyNames().iterator(); names.hasNext(); ) {
            String key = names.next();
            if (!FILE_KEYS.contains(key)) {
                throw new ConfigException("unknown key `" + key + "` in " + path + "; known keys: "
                        + FILE_KEYS.stream().sorted().toList());
            }
        }
        return root;
    }

    private static int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer but was `" + value + "`");
        }
    }

    private static boolean parseBoolean(String key, String value) {
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false but was `" + value + "`");
        };
    }

    private static long parseLong(String key, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer but was `" + value + "`");
        }
    }

    /** One lookup over the three sources. */
    private record Settings(Map<String, String> flags, Map<String, String> env, JsonNode yaml) {
        /** A list: a YAML sequence in the file, comma-separated in a flag or the environment. */
        java.util.List<String> list(String key, String envName) {
            JsonNode node = yaml.get(key);
            if (flags.get(key) == null && (env.get(envName) == null || env.get(envName).isBlank())
                    && node != null && node.isArray()) {
                java.util.List<String> values = new java.util.ArrayList<>();
                node.forEach(n -> values.add(n.asString().strip()));
                return java.util.List.copyOf(values);
            }
            return get(key, envName).map(v -> java.util.Arrays.stream(v.split(",")).map(String::strip)
                    .filter(x -> !x.isEmpty()).toList()).orElse(java.util.List.of());
        }

        Optional<String> get(String key, String envName) {
            String flag = flags.get(key);
            if (flag != null) {
                return Optional.of(flag);
            }
            String fromEnv = env.get(envName);
            if (fromEnv != null && !fromEnv.isBlank()) {
                return Optional.of(fromEnv);
            }
            JsonNode node = yaml.get(key);
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
            if (!node.isValueNode()) {
                throw new ConfigException("config key `" + key + "` must be a single value");
            }
            return Optional.of(node.asString());
        }
    }

    /** A {@link Duration} from {@code 500ms}, {@code 90s}, {@code 60m}, {@code 2h}, {@code 1d}, plain seconds, or ISO-8601. */
    static final class Durations {
        private Durations() {
        }

        static Duration parse(String key, String value) {
            String v = value.strip().toLowerCase(java.util.Locale.ROOT);
            try {
                if (v.startsWith("p")) {
                    return Duration.parse(v.toUpperCase(java.util.Locale.ROOT));
                }
                if (v.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
                }
                char unit = v.charAt(v.length() - 1);
                if (Character.isDigit(unit)) {
                    return Duration.ofSeconds(Long.parseLong(v));
                }
                long amount = Long.parseLong(v.substring(0, v.length() - 1));
                return switch (unit) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    case 'd' -> Duration.ofDays(amount);
                    default -> throw new NumberFormatException();
                };
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(key + " must be a duration such as 500ms, 90s, 60m, 2h or PT1H but was `"
                        + value + "`");
            }
        }
    }
}
