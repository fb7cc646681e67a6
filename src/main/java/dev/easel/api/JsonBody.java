package dev.easel.api;

import dev.easel.error.EaselException;
import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;

/**
 * Reads a JSON request body within a size limit. Every way a body can be wrong (type, size, syntax)
 * becomes a precise 4xx, never a 500.
 */
final class JsonBody {
    private JsonBody() {
    }

    static JsonNode read(ServerRequest req, long limitBytes) {
        return parse(readBytes(req, limitBytes));
    }

    /** The raw body (checked for content type and size), for callers that also hash or keep it. */
    static byte[] readBytes(ServerRequest req, long limitBytes) {
        Optional<HttpMediaType> type = req.headers().contentType();
        if (type.isPresent() && !isJson(type.get())) {
            throw EaselException.unsupportedMediaType(type.get().mediaType().text(), "application/json");
        }
        return readLimited(req, limitBytes);
    }

    static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw EaselException.badRequest("invalid_json", "The request body is empty; send a JSON object.");
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw EaselException.badRequest("invalid_json", "The request body is not valid JSON: "
                    + withoutSourceNote(e.getOriginalMessage()) + where(e.getLocation()) + ".");
        }
    }

    private static boolean isJson(HttpMediaType type) {
        String subtype = type.mediaType().subtype();
        return type.mediaType().type().equals("application") && (subtype.equals("json") || subtype.endsWith("+json"));
    }

    private static byte[] readLimited(ServerRequest req, long limitBytes) {
        OptionalLong declared = req.headers().contentLength();
        try (InputStream in = req.content().inputStream()) {
            if (declared.isPresent() && declared.getAsLong() > limitBytes) {
                throw tooLarge(in, limitBytes);
            }
            // A declared length is read exactly: for a body of a few hundred bytes that is one small array,
            // where reading up to the limit fills 16 kB first and copies out of it.
            long expected = declared.isPresent() ? declared.getAsLong() : limitBytes + 1;
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, expected));
            if (body.length > limitBytes) {
                throw tooLarge(in, limitBytes);
            }
            return body;
        } catch (EaselException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // The transport failed mid-body: a client that hung up early, or broken chunked framing.
            throw EaselException.badRequest("invalid_body",
                    "The request body could not be read: it ended early or its chunked encoding is malformed.");
        }
    }

    /**
     * Reads and discards the rest of an oversized body before answering 413: a client still sending
     * when the server closes gets a connection reset instead of the error. The server's hard cap
     * ({@link EaselServer#hardBodyCap}) bounds how much is drained; past it the connection is dropped.
     */
    private static EaselException tooLarge(InputStream in, long limitBytes) {
        try {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
            // over the hard cap, or the client gave up: nothing more to read either way
        }
        return EaselException.payloadTooLarge(limitBytes);
    }

    /** Jackson appends notes about its redacted source; the client needs only the problem and the position. */
    private static String withoutSourceNote(String message) {
        String first = message.lines().findFirst().orElse(message);
        return first.replaceAll("\\s*\\(start marker at \\[Source:.*$", "").replaceAll("\\s*at \\[Source:.*$", "");
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
