package dev.easel.provider;

import dev.easel.error.EaselException;
import java.time.Duration;
import java.util.Optional;

/**
 * A failure of an upstream call, classified by what it means for the request: whether another
 * channel may safely be tried. Routing decides failover from {@link #kind()} alone; the client sees
 * the status and message like any other {@link EaselException}, never the upstream's key or URL.
 */
public final class UpstreamException extends EaselException {

    /** What the failure says about the upstream's side of the request. */
    public enum Kind {
        /** Nothing was generated upstream (connection refused, DNS, 429, 500/502/503 before any image). */
        NOT_STARTED,
        /** The upstream may be generating or may have billed an image: never retry elsewhere. */
        MAY_HAVE_GENERATED,
        /** The upstream refused the request itself (validation, content policy): the client's to fix. */
        REJECTED,
        /** The channel's credentials, model mapping or address are wrong (401, 403, 404). */
        MISCONFIGURED
    }

    private final Kind kind;

    private UpstreamException(Kind kind, int status, String type, Optional<String> param, Optional<String> code,
                              String message, Optional<Duration> retryAfter) {
        super(status, type, param, code, message, retryAfter);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** 502, or 503 with {@code Retry-After} when the upstream said when to come back. */
    public static UpstreamException notStarted(String message, Optional<Duration> retryAfter) {
        int status = retryAfter.isPresent() ? 503 : 502;
        return new UpstreamException(Kind.NOT_STARTED, status, "server_error", Optional.empty(),
                Optional.of("upstream_unavailable"), message, retryAfter);
    }

    /** 504 when the upstream ran out of time, else 502. */
    public static UpstreamException mayHaveGenerated(boolean timedOut, String message) {
        return new UpstreamException(Kind.MAY_HAVE_GENERATED, timedOut ? 504 : 502, "server_error", Optional.empty(),
                Optional.of(timedOut ? "upstream_timeout" : "upstream_error"), message, Optional.empty());
    }

    /** 400 carrying the upstream's own code and param, so the client learns what to change. */
    public static UpstreamException rejected(Optional<String> param, Optional<String> code, String message) {
        return new UpstreamException(Kind.REJECTED, 400, "invalid_request_error", param,
                Optional.of(code.orElse("upstream_rejected")), message, Optional.empty());
    }

    /** 502 that names the channel as misconfigured; the operator, not the client, has to act. */
    public static UpstreamException misconfigured(String message) {
        return new UpstreamException(Kind.MISCONFIGURED, 502, "server_error", Optional.empty(),
                Optional.of("channel_misconfigured"), message, Optional.empty());
    }
}
