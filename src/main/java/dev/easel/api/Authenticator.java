package dev.easel.api;

import dev.easel.account.ApiKey;
import dev.easel.account.ApiKeys;
import dev.easel.account.KeyAccess;
import dev.easel.error.EaselException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;

/**
 * Resolves the {@code Authorization: Bearer} key of a request and checks its role. Messages never
 * repeat the presented key, not even masked.
 */
final class Authenticator {
    static final String CONTEXT_KEY = "easel.key-id";
    private final ApiKeys keys;
    private final Clock clock;

    Authenticator(ApiKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    ApiKey require(ServerRequest req, ApiKey.Role role) {
        String secret = bearer(req).orElseThrow(() -> EaselException.invalidApiKey(
                "You didn't provide an API key. Send it in the Authorization header as `Authorization: Bearer <key>`."));
        ApiKey key = keys.authenticate(secret).orElseThrow(() -> EaselException.invalidApiKey(
                "Incorrect API key provided. The key is unknown or was revoked."));
        req.context().register(CONTEXT_KEY, key.id());
        KeyAccess.check(key, clientAddress(req), clock.instant());
        if (key.role() != role) {
            throw EaselException.permissionDenied(role == ApiKey.Role.ADMIN
                    ? "This endpoint needs an admin key; the key provided is an API key."
                    : "Admin keys only manage the server; use an API key to call the API.");
        }
        return key;
    }

    /**
     * The peer address of the connection. Forwarded headers are not trusted: any client can send them,
     * so behind a proxy allow the proxy's address (or terminate at Easel) until trusted proxies exist.
     */
    static InetAddress clientAddress(ServerRequest req) {
        if (req.remotePeer().address() instanceof InetSocketAddress socket && socket.getAddress() != null) {
            return socket.getAddress();
        }
        return InetAddress.getLoopbackAddress(); // not an IP connection (tests over in-memory transports)
    }

    private static Optional<String> bearer(ServerRequest req) {
        return req.headers().first(HeaderNames.AUTHORIZATION)
                .map(String::strip)
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(v -> v.substring(7).strip())
                .filter(v -> !v.isEmpty());
    }
}
