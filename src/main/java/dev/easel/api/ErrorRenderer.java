package dev.easel.api;

import dev.easel.error.EaselException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become OpenAI error responses. An {@link EaselException} is rendered
 * as it says; anything else is a bug, logged with its stack trace and shown to the client only as a
 * generic 500 carrying the request id.
 */
final class ErrorRenderer {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorRenderer.class);

    private ErrorRenderer() {
    }

    static void render(ServerRequest req, ServerResponse res, EaselException e) {
        if (res.isSent()) {
            return; // the response already started (a stream); nothing more can be said on it
        }
        e.retryAfter().ifPresent(d -> res.header(HeaderNames.RETRY_AFTER,
                String.valueOf(Math.max(1, (d.toMillis() + 999) / 1000))));
        e.headers().forEach(res::header);
        res.status(Status.create(e.status()));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(bytes(e));
    }

    static void renderUnexpected(ServerRequest req, ServerResponse res, Throwable t) {
        LOG.error("unexpected failure on {} {} ({})", req.prologue().method().text(), req.path().path(),
                RequestIds.current(req), t);
        render(req, res, EaselException.serverError(
                "The server had an error while processing your request. Request id: " + RequestIds.current(req) + "."));
    }

    static byte[] bytes(EaselException e) {
        return Json.MAPPER.writeValueAsBytes(new Wire.ErrorResponse(
                new Wire.ErrorObject(e.getMessage(), e.type(), e.param(), e.code())));
    }

    /** For failures Helidon reports before routing, named by their status. */
    static byte[] bytes(int status, String message) {
        String type = status >= 500 ? "server_error" : "invalid_request_error";
        Optional<String> code = status >= 500 ? Optional.empty() : Optional.of("bad_request");
        return bytes(new EaselException(status, type, Optional.empty(), code, message));
    }
}
