package dev.easel.cli;

import dev.easel.config.ConfigLoader;
import dev.easel.config.EaselConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The training run of the JVM's start-up cache ({@code ./easel build} runs it; docs/DEPLOY.md): starts
 * Easel on embedded defaults in a scratch directory, sends the requests a client sends first over real
 * HTTP, and stops. The JVM records the classes this loads and links (and, on JDK 25, their profiles),
 * so a later start loads them from the cache instead of the jar: about half of the start-up time.
 *
 * <p>Nothing of the operator's setup is read (no environment, no easel.yaml): a training run must not
 * call a configured upstream or touch a shared database.
 */
final class WarmUp {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WarmUp() {
    }

    /** What one warm-up request got, and what Easel answers it when all is well. */
    record Exchange(String what, int expected, int status) {
        boolean asExpected() {
            return status == expected;
        }
    }

    /** Runs the warm-up and returns what each request got; the scratch directory is gone afterwards. */
    static List<Exchange> run() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("easel-warm-up");
        try {
            String key = "sk-warm-up-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            Path noFile = Files.writeString(dir.resolve("easel.yaml"), "");
            EaselConfig config = ConfigLoader.load(Map.of("host", "127.0.0.1", "port", "0",
                    "data_dir", dir.resolve("data").toString()), Map.of("EASEL_API_KEY", key), Optional.of(noFile));
            try (Application app = Application.start(config, new PrintStream(OutputStream.nullOutputStream()));
                 HttpClient http = HttpClient.newHttpClient()) {
                return requests(new Client(http, URI.create(app.baseUrl()), key));
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static List<Exchange> requests(Client client) throws IOException, InterruptedException {
        List<Exchange> got = new ArrayList<>();
        got.add(client.fetch("the models", 200, client.base().resolve("/v1/models")));
        got.add(client.generate("an image as base64", 200,
                "{\"model\":\"dall-e-2\",\"prompt\":\"a paper boat\",\"size\":\"256x256\",\"response_format\":\"b64_json\"}"));
        HttpResponse<String> linked = client.post(
                "{\"model\":\"dall-e-2\",\"prompt\":\"a paper boat\",\"size\":\"256x256\",\"response_format\":\"url\"}");
        got.add(new Exchange("an image as a link", 200, linked.statusCode()));
        JsonNode url = JSON.readTree(linked.body()).path("data").path(0).path("url");
        if (url.isString()) {
            got.add(client.fetch("the linked image", 200, URI.create(url.stringValue())));
        }
        got.add(client.generate("streamed partial images", 200, "{\"model\":\"gpt-image-1\",\"prompt\":\"a paper boat\","
                + "\"size\":\"1024x1024\",\"quality\":\"low\",\"stream\":true,\"partial_images\":1}"));
        got.add(client.generate("a request the model's rules refuse", 400,
                "{\"model\":\"dall-e-3\",\"prompt\":\"a paper boat\",\"n\":2}"));
        got.add(client.generate("a body that is not JSON", 400, "{\"model\":"));
        return got;
    }

    /** Calls the warm-up instance with its key. */
    private record Client(HttpClient http, URI base, String key) {
        Exchange fetch(String what, int expected, URI uri) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key).build();
            return new Exchange(what, expected, http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        }

        Exchange generate(String what, int expected, String body) throws IOException, InterruptedException {
            return new Exchange(what, expected, post(body).statusCode());
        }

        HttpResponse<String> post(String body) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/images/generations"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
