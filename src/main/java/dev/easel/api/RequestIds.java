package dev.easel.api;

import io.helidon.webserver.http.ServerRequest;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids ({@code req_} + 24 hex digits), put on every response as {@code x-request-id}. They tie a
 * client's report to the logs and guard nothing, so they need no secret randomness: the JDK's secure
 * source reads the kernel's under one lock, a cost every request paid in turn.
 */
final class RequestIds {
    static final String CONTEXT_KEY = "easel.request-id";

    private RequestIds() {
    }

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "req_" + HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextInt());
    }

    static String current(ServerRequest req) {
        return req.context().get(CONTEXT_KEY, String.class).orElse("unknown");
    }
}
