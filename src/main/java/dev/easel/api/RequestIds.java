package dev.easel.api;

import io.helidon.webserver.http.ServerRequest;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Request ids ({@code req_} + 24 hex digits), put on every response as {@code x-request-id}. */
final class RequestIds {
    static final String CONTEXT_KEY = "easel.request-id";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {
    }

    static String next() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return "req_" + HexFormat.of().formatHex(b);
    }

    static String current(ServerRequest req) {
        return req.context().get(CONTEXT_KEY, String.class).orElse("unknown");
    }
}
