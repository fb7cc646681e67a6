package dev.easel;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.net.URI;
import java.util.Optional;
import com.robothy.s3.rest.LocalS3;
import com.robothy.s3.rest.bootstrap.LocalS3Mode;
import redis.embedded.RedisServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The real PostgreSQL and Redis servers of this test JVM: the ones named by EASEL_TEST_POSTGRES_URL
 * (a JDBC URL whose user may create databases) and EASEL_TEST_REDIS_URL when set, else one embedded
 * server of each, started on first use and stopped when the JVM exits. Each caller gets its own
 * database; Redis keys are per API key id, which is random, so tests never share counters.
 */
public final class TestServers {
    private TestServers() {
    }

    /** A JDBC URL of a new, empty PostgreSQL database. */
    public static String newPostgresDatabase() {
        String server = Postgres.URL;
        String name = "easel_" + HexFormat.of().formatHex(randomBytes());
        try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + server, e);
        }
        return withDatabase(server, name);
    }

    public static String redisUrl() {
        return Redis.URL;
    }

    /**
     * The endpoint of the S3-compatible server of this test JVM: EASEL_TEST_S3_ENDPOINT when set (with
     * EASEL_TEST_S3_ACCESS_KEY_ID / _SECRET_ACCESS_KEY), else an in-memory local-s3 started on first use.
     */
    public static String s3Endpoint() {
        return S3.ENDPOINT;
    }

    public static String s3AccessKeyId() {
        return Optional.ofNullable(System.getenv("EASEL_TEST_S3_ACCESS_KEY_ID")).orElse("test-access-key");
    }

    public static String s3SecretAccessKey() {
        return Optional.ofNullable(System.getenv("EASEL_TEST_S3_SECRET_ACCESS_KEY")).orElse("test-secret-key");
    }

    /** Creates a new, empty bucket and returns its name. */
    public static String newS3Bucket() {
        String name = "easel-" + HexFormat.of().formatHex(randomBytes());
        try (S3Client s3 = s3Client()) {
            s3.createBucket(b -> b.bucket(name));
        }
        return name;
    }

    /** A client of the test S3 server, path-style, for tests that look inside a bucket. */
    public static S3Client s3Client() {
        return S3Client.builder().endpointOverride(URI.create(s3Endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3AccessKeyId(), s3SecretAccessKey())))
                .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** easel.yaml lines that put hosted images in a new bucket of the test S3 server. */
    public static String s3Yaml() {
        return "s3_bucket: " + newS3Bucket() + "\ns3_endpoint: \"" + s3Endpoint() + "\"\ns3_path_style: true\n"
                + "s3_access_key_id: " + s3AccessKeyId() + "\ns3_secret_access_key: " + s3SecretAccessKey() + "\n";
    }

    /** Replaces the database name of {@code jdbc:postgresql://host:port/db?params}. */
    static String withDatabase(String jdbcUrl, String database) {
        int hostStart = jdbcUrl.indexOf("//") + 2;
        int pathStart = jdbcUrl.indexOf('/', hostStart);
        int query = jdbcUrl.indexOf('?');
        String head = jdbcUrl.substring(0, pathStart < 0 ? (query < 0 ? jdbcUrl.length() : query) : pathStart);
        String tail = query < 0 ? "" : jdbcUrl.substring(query);
        return head + "/" + database + tail;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[6];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    // Holder classes: each server starts only when a test first asks for it.
    /** A server the environment names, so CI or a developer can use a real one instead of an embedded one. */
    private static Optional<String> configured(String env) {
        return Optional.ofNullable(System.getenv(env)).filter(v -> !v.isBlank());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static final class Postgres {
        static final String URL = start();

        private static String start() {
            Optional<String> given = configured("EASEL_TEST_POSTGRES_URL");
            if (given.isPresent()) {
                return given.get();
            }
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException e) {
                        // the JVM is exiting; the temp directory is cleaned by the OS
                    }
                }));
                return pg.getJdbcUrl("postgres", "postgres");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
        }
    }

    private static final class S3 {
        static final String ENDPOINT = start();

        private static String start() {
            Optional<String> given = configured("EASEL_TEST_S3_ENDPOINT");
            if (given.isPresent()) {
                return given.get();
            }
            try {
                int port = freePort();
                LocalS3 s3 = LocalS3.builder().port(port).mode(LocalS3Mode.IN_MEMORY).build();
                s3.start();
                Runtime.getRuntime().addShutdownHook(new Thread(s3::shutdown));
                return "http://127.0.0.1:" + port;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the in-process S3 server", e);
            }
        }
    }

    private static final class Redis {
        static final String URL = start();

        private static String start() {
            Optional<String> given = configured("EASEL_TEST_REDIS_URL");
            if (given.isPresent()) {
                return given.get();
            }
            try {
                int port = freePort();
                // No snapshots: a dump file left in the server's folder kept that folder from being removed at exit.
                RedisServer redis = RedisServer.newRedisServer().port(port).setting("save \"\"").setting("appendonly no")
                        .build();
                redis.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        redis.stop();
                    } catch (IOException e) {
                        // the JVM is exiting
                    }
                }));
                return "redis://127.0.0.1:" + port;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded Redis", e);
            }
        }
    }
}
