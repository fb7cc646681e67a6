package dev.easel;

import dev.easel.cli.Application;
import dev.easel.config.ConfigLoader;
import dev.easel.config.EaselConfig;
import dev.easel.provider.ImageProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A real Easel on a free loopback port with its own data directory and known bootstrap keys, for
 * tests that speak HTTP to it. Close it to stop the server and delete the directory.
 */
public final class TestEasel implements AutoCloseable {
    public static final String API_KEY = "sk-easel-test-api-0123456789abcdef";
    public static final String ADMIN_KEY = "sk-easel-test-admin-0123456789abcdef";

    private final Application app;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private boolean halted;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestEasel(Application app, Path dataDir, boolean ownsDataDir) {
        this.app = app;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
    }

    public static TestEasel start() {
        return start("");
    }

    /** Starts with extra easel.yaml content (for example {@code url_ttl: 1s} or a {@code channels:} list). */
    public static TestEasel start(String yaml) {
        return start(yaml, Map.of());
    }

    /** Starts with extra easel.yaml content and extra environment variables. */
    public static TestEasel start(String yaml, Map<String, String> environment) {
        return start(yaml, environment, Optional.empty());
    }

    /** Starts on a test backend (a fake at the provider SPI) instead of the local renderer. */
    public static TestEasel start(String yaml, ImageProvider backend) {
        return start(yaml, Map.of(), Optional.of(backend));
    }

    private static TestEasel start(String yaml, Map<String, String> environment, Optional<ImageProvider> backend) {
        try {
            return start(Files.createTempDirectory("easel-test"), true, yaml, environment, backend);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts on a data directory the caller owns (kept on close), for restart tests. */
    public static TestEasel startIn(Path dir, String yaml) {
        return start(dir, false, yaml, Map.of(), Optional.empty());
    }

    /** Starts on a data directory the caller owns, on a test backend. */
    public static TestEasel startIn(Path dir, String yaml, ImageProvider backend) {
        return start(dir, false, yaml, Map.of(), Optional.of(backend));
    }

    private static TestEasel start(Path dir, boolean ownsDir, String yaml, Map<String, String> environment,
                                   Optional<ImageProvider> backend) {
        try {
            Path file = dir.resolve("easel.yaml");
            Files.writeString(file, yaml);
            Map<String, String> env = new HashMap<>(environment);
            env.put("EASEL_API_KEY", API_KEY);
            env.put("EASEL_ADMIN_KEY", ADMIN_KEY);
            Map<String, String> flags = new HashMap<>(Map.of("host", "127.0.0.1", "port", "0",
                    "data_dir", dir.toString()));
            if (!yaml.contains("max_body_bytes")) {
                flags.put("max_body_bytes", String.valueOf(1024 * 1024));
            }
            EaselConfig config = ConfigLoader.load(flags, env, Optional.of(file));
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            return new TestEasel(backend.map(b -> Application.start(config, quiet, b))
                    .orElseGet(() -> Application.start(config, quiet)), dir, ownsDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    public int port() {
        return app.port();
    }

    public Path dataDir() {
        return dataDir;
    }

    public HttpResponse<String> post(String path, String key, String json) {
        return send(request(path, key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> get(String path, String key) {
        return send(request(path, key).GET().build());
    }

    public HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : baseUrl() + path))
                .timeout(Duration.ofSeconds(60));
        if (!key.isEmpty()) {
            b.header("Authorization", "Bearer " + key);
        }
        return b;
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<byte[]> sendForBytes(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops this instance at once, as a crash would (running jobs are cut off). */
    public void halt() {
        app.halt();
        halted = true;
    }

    @Override
    public void close() {
        if (!halted) {
            app.close();
        }
        if (!ownsDataDir) {
            return;
        }
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
