package dev.easel.error;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The one exception family of Easel. Every failure a client can see is an {@code EaselException}
 * carrying the HTTP status and the four fields of an OpenAI error object; the API layer renders
 * it in one place. Anything else that escapes is a bug and is rendered as a generic 500.
 */
public class EaselException extends RuntimeException {
    private final int status;
    private final String type;
    private final Optional<String> param;
    private final Optional<String> code;
    private final Optional<Duration> retryAfter;
    private final Map<String, String> headers;

    public EaselException(int status, String type, Optional<String> param, Optional<String> code, String message) {
        this(status, type, param, code, message, Optional.empty());
    }

    public EaselException(int status, String type, Optional<String> param, Optional<String> code, String message,
                          Optional<Duration> retryAfter) {
        this(status, type, param, code, message, retryAfter, Map.of());
    }

    /** With extra response headers, such as the {@code x-ratelimit-*} family on a 429. */
    public EaselException(int status, String type, Optional<String> param, Optional<String> code, String message,
                          Optional<Duration> retryAfter, Map<String, String> headers) {
        super(message, null, false, false);
        this.headers = Map.copyOf(headers);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public Optional<String> param() {
        return param;
    }

    public Optional<String> code() {
        return code;
    }

    /** When the client may try again (sent as {@code Retry-After}), for 429 and 503. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    /** Headers to send with the error besides {@code Retry-After}. */
    public Map<String, String> headers() {
        return headers;
    }

    /** 400 about one field of the request. */
    public static EaselException invalidParameter(String param, String message) {
        return new EaselException(400, "invalid_request_error", Optional.of(param), Optional.of("invalid_value"), message);
    }

    /** 400 about a field the model does not take, as OpenAI reports it. */
    public static EaselException unknownParameter(String param, String message) {
        return new EaselException(400, "invalid_request_error", Optional.of(param), Optional.of("unknown_parameter"), message);
    }

    /** 400 about a field of the wrong JSON type. */
    public static EaselException invalidType(String param, String message) {
        return new EaselException(400, "invalid_request_error", Optional.of(param), Optional.of("invalid_type"), message);
    }

    /** 400 about a required field that is absent. */
    public static EaselException missingParameter(String param, String message) {
        return new EaselException(400, "invalid_request_error", Optional.of(param), Optional.of("missing_required_parameter"), message);
    }

    /** 400 about the request as a whole (for example, a body that is not JSON). */
    public static EaselException badRequest(String code, String message) {
        return new EaselException(400, "invalid_request_error", Optional.empty(), Optional.of(code), message);
    }

    public static EaselException invalidApiKey(String message) {
        return new EaselException(401, "invalid_request_error", Optional.empty(), Optional.of("invalid_api_key"), message);
    }

    public static EaselException permissionDenied(String message) {
        return new EaselException(403, "invalid_request_error", Optional.empty(), Optional.of("permission_denied"), message);
    }

    public static EaselException modelNotFound(String model) {
        return new EaselException(404, "invalid_request_error", Optional.of("model"), Optional.of("model_not_found"),
                "The model `" + model + "` does not exist or you do not have access to it. "
                        + "GET /v1/models lists the models this server offers.");
    }

    public static EaselException notFound(String code, String message) {
        return new EaselException(404, "invalid_request_error", Optional.empty(), Optional.of(code), message);
    }

    public static EaselException methodNotAllowed(String method, String path, String allowed) {
        return new EaselException(405, "invalid_request_error", Optional.empty(), Optional.of("method_not_allowed"),
                "Method " + method + " is not allowed on " + path + ". Allowed: " + allowed + ".");
    }

    public static EaselException payloadTooLarge(long limitBytes) {
        return new EaselException(413, "invalid_request_error", Optional.empty(), Optional.of("request_too_large"),
                "The request body is larger than this server accepts (" + limitBytes + " bytes).");
    }

    public static EaselException unsupportedMediaType(String contentType, String expected) {
        return new EaselException(415, "invalid_request_error", Optional.empty(), Optional.of("unsupported_media_type"),
                "Content-Type `" + contentType + "` is not supported here; send " + expected + ".");
    }

    public static EaselException serverError(String message) {
        return new EaselException(500, "server_error", Optional.empty(), Optional.empty(), message);
    }
}
