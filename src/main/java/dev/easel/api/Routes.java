package dev.easel.api;

import dev.easel.error.EaselException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerResponse;

/** Small pieces shared by the route classes. */
final class Routes {
    /** Names the backend that served a generation. */
    static final String CHANNEL_HEADER = "x-easel-channel";

    private Routes() {
    }

    /** A handler for the other methods of a known path: 405 with the {@code Allow} header. */
    static Handler methodNotAllowed(String allowed) {
        return (req, res) -> {
            res.header(HeaderNames.ALLOW, allowed);
            throw EaselException.methodNotAllowed(req.prologue().method().text(), req.path().path(), allowed);
        };
    }

    /** The last route: anything unmatched gets an OpenAI-shaped 404 rather than a bare one. */
    static Handler unknownPath() {
        return (req, res) -> {
            throw EaselException.notFound("unknown_url",
                    "Unknown request URL: " + req.prologue().method().text() + " " + req.path().path() + ".");
        };
    }

    /** Sends a small JSON body (lists, key objects); image responses stream instead. */
    static void json(ServerResponse res, Status status, Object body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.MAPPER.writeValueAsBytes(body));
    }
}
