package dev.easel.api;

import dev.easel.error.EaselException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a generation was asked for, beyond its image parameters: {@code Prefer: respond-async} for a
 * job, {@code webhook_url} (an Easel body field, taken out before the model's rules see the body),
 * and an {@code Idempotency-Key}.
 *
 * @param body           the body without Easel's own fields, for the request parser
 * @param async          the client asked for a job ({@code Prefer: respond-async})
 * @param webhookUrl     where to POST the finished job
 * @param idempotencyKey the client's key for safe repeats
 */
record Submission(JsonNode body, boolean async, Optional<String> webhookUrl, Optional<String> idempotencyKey) {
    private static final int MAX_KEY_LENGTH = 255;

    static Submission read(ServerRequest req, JsonNode body) {
        boolean async = req.headers().values(HeaderNames.create("Prefer")).stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .anyMatch(p -> p.strip().toLowerCase(Locale.ROOT).equals("respond-async"));
        Optional<String> webhook = Optional.empty();
        if (body instanceof ObjectNode object && object.has("webhook_url")) {
            JsonNode value = object.remove("webhook_url");
            if (!value.isNull()) {
                if (!value.isString()) {
                    throw EaselException.invalidType("webhook_url", "webhook_url must be a string.");
                }
                if (!async) {
                    throw EaselException.invalidParameter("webhook_url",
                            "webhook_url needs an async request: send the header `Prefer: respond-async`.");
                }
                webhook = Optional.of(value.asString());
            }
        }
        Optional<String> key = req.headers().first(HeaderNames.create("Idempotency-Key")).map(String::strip);
        if (key.isPresent() && (key.get().isEmpty() || key.get().length() > MAX_KEY_LENGTH
                || !key.get().chars().allMatch(c -> c >= 0x21 && c <= 0x7e))) {
            throw EaselException.badRequest("invalid_idempotency_key",
                    "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters without spaces.");
        }
        return new Submission(body, async, webhook, key);
    }
}
