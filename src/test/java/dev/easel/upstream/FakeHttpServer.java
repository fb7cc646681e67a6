package dev.easel.upstream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scripted HTTP server on a free loopback port: replies are queued per path prefix (one-shot) or
 * given by a standing answer, and every request is recorded. Faults: a delay before the headers,
 * and a body cut off half-way (the connection closes with bytes still owed).
 */
public final class FakeHttpServer implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A request as the server received it. */
    /** @param clientPort the client's side of the connection: equal ports mean a kept-alive connection was reused */
    public record Recorded(String method, String path, String query, Map<String, List<String>> headers, byte[] body,
            int clientPort) {
        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst();
        }

        public JsonNode json() {
            return JSON.readTree(new String(body, StandardCharsets.UTF_8));
        }
    }

    /** How to answer one request. */
    public record Reply(int status, Map<String, String> headers, byte[] body, Duration delay, Optional<Integer> cutAfter,
            Optional<Trickle> trickle, boolean unsized) {
        public static Reply json(int status, String json) {
            return new Reply(status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8),
                    Duration.ZERO, Optional.empty(), Optional.empty(), false);
        }

        public static Reply bytes(int status, String contentType, byte[] body) {
            return new Reply(status, Map.of("Content-Type", contentType), body, Duration.ZERO, Optional.empty(),
                    Optional.empty(), false);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> h = new java.util.HashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body, delay, cutAfter, trickle, unsized);
        }

        /** Waits this long before sending the headers (a slow first byte). */
        public Reply delayed(Duration d) {
            return new Reply(status, headers, body, d, cutAfter, trickle, unsized);
        }

        /** Sends only the first {@code bytes} of the body, then drops the connection. */
        public Reply cutAfter(int bytes) {
            return new Reply(status, headers, body, delay, Optional.of(bytes), trickle, unsized);
        }

        /** Sends the body {@code chunk} bytes at a time with {@code gap} between them (a slow or stalling body). */
        public Reply trickled(int chunk, Duration gap) {
            return new Reply(status, headers, body, delay, cutAfter, Optional.of(new Trickle(chunk, gap, Duration.ZERO)),
                    unsized);
        }

        /** Sends the headers at once and the body after {@code pause} (an upstream that answers before its image is ready). */
        public Reply bodyAfter(Duration pause) {
            return new Reply(status, headers, body, delay, cutAfter,
                    Optional.of(new Trickle(Math.max(1, body.length), Duration.ZERO, pause)), unsized);
        }

        /** Sends the body chunked, without saying its length. */
        public Reply chunked() {
            return new Reply(status, headers, body, delay, cutAfter, trickle, true);
        }
    }

    public record Trickle(int chunk, Duration gap, Duration pause) {
    }

    private final HttpServer server;
    private final List<Recorded> recorded = new CopyOnWriteArrayList<>();
    private final Map<String, Queue<Reply>> queued = new ConcurrentHashMap<>();
    private final Map<String, Function<Recorded, Reply>> standing = new ConcurrentHashMap<>();

    public FakeHttpServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers the next request under {@code prefix} with {@code reply}, once. */
    public FakeHttpServer enqueue(String prefix, Reply reply) {
        queued.computeIfAbsent(prefix, p -> new ConcurrentLinkedQueue<>()).add(reply);
        return this;
    }

    /** Answers every request under {@code prefix} that finds no queued reply. */
    public FakeHttpServer always(String prefix, Function<Recorded, Reply> answer) {
        standing.put(prefix, answer);
        return this;
    }

    public List<Recorded> requests() {
        return List.copyOf(recorded);
    }

    public List<Recorded> requests(String prefix) {
        return recorded.stream().filter(r -> r.path().startsWith(prefix)).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        Recorded request = new Recorded(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                Optional.ofNullable(ex.getRequestURI().getRawQuery()).orElse(""),
                Map.copyOf(ex.getRequestHeaders()), ex.getRequestBody().readAllBytes(), ex.getRemoteAddress().getPort());
        recorded.add(request);
        Reply reply = answer(request);
        try {
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.sendResponseHeaders(reply.status(), reply.unsized() ? 0 : reply.body().length == 0 ? -1 : reply.body().length);
        try (OutputStream out = ex.getResponseBody()) {
            if (reply.cutAfter().isPresent()) {
                out.write(reply.body(), 0, reply.cutAfter().get());
                out.flush();
                ex.close(); // fewer bytes than Content-Length: the server drops the connection
                return;
            }
            if (reply.trickle().isPresent()) {
                Trickle trickle = reply.trickle().get();
                out.flush(); // the headers go out before the pause
                Thread.sleep(trickle.pause());
                for (int at = 0; at < reply.body().length; at += trickle.chunk()) {
                    out.write(reply.body(), at, Math.min(trickle.chunk(), reply.body().length - at));
                    out.flush();
                    Thread.sleep(trickle.gap());
                }
                return;
            }
            out.write(reply.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away (a timeout on its side); nothing to do
        }
    }

    private Reply answer(Recorded request) {
        List<String> prefixes = new ArrayList<>(queued.keySet());
        prefixes.addAll(standing.keySet());
        prefixes.sort(Comparator.comparingInt(String::length).reversed());
        for (String prefix : prefixes) {
            if (!request.path().startsWith(prefix)) {
                continue;
            }
            Reply next = Optional.ofNullable(queued.get(prefix)).map(Queue::poll).orElse(null);
            if (next != null) {
                return next;
            }
            if (standing.containsKey(prefix)) {
                return standing.get(prefix).apply(request);
            }
        }
        return Reply.json(404, "{\"error\":{\"message\":\"no such path in the fake\",\"type\":\"invalid_request_error\"}}");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
