package dev.easel;

import dev.easel.cli.Application;
import dev.easel.config.EaselConfig;
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
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestEasel(Application app, Path dataDir) {
        this.app = app;
        this.dataDir = dataDir;
    }

    public static TestEasel start() {
        return start(c -> c);
    }

    public static TestEasel start(java.util.function.UnaryOperator<EaselConfig> customize) {
        try {
            Path dir = Files.createTempDirectory("easel-test");
            EaselConfig defaults = EaselConfig.defaults();
            EaselConfig config = customize.apply(new EaselConfig("127.0.0.1", 0, dir, Optional.empty(), Optional.empty(),
                    defaults.defaultModel(), defaults.urlTtl(), 1024 * 1024, Optional.empty(), Optional.of(API_KEY),
                    Optional.of(ADMIN_KEY), Optional.empty()));
            return new TestEasel(Application.start(config, new PrintStream(new ByteArrayOutputStream(), true,
                    StandardCharsets.UTF_8)), dir);
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

    @Override
    public void close() {
        app.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
