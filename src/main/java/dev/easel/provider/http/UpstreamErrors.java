package dev.easel.provider.http;

import dev.easel.provider.UpstreamException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an upstream's non-2xx answer into an {@link UpstreamException} of the right kind. The rules
 * follow what the status says about the upstream's side: a 429 or 5xx answered at once means no
 * image was made; 504/524 and 408 mean one may still be in the making; 400 is about the request;
 * 401/403/404 mean the channel itself is wrong. The upstream's message is passed on only for
 * rejections, where it tells the client what to change; otherwise it may name keys or hosts.
 */
public final class UpstreamErrors {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_MESSAGE_CHARS = 1000;

    private UpstreamErrors() {
    }

    /** What an upstream error body says, in OpenAI's shape or DashScope's. */
    public record Detail(Optional<String> code, Optional<String> message, Optional<String> param) {
        public static Detail none() {
            return new Detail(Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /** Reads {@code {"error":{code,message,param}}} (OpenAI) or {@code {code,message}} (DashScope). */
    public static Detail detail(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            return Detail.none();
        }
        JsonNode error = root.path("error").isObject() ? root.path("error") : root;
        return new Detail(text(error, "code"), text(error, "message"), text(error, "param"));
    }

    /** @param header the answer's first value of a header, by name */
    public static UpstreamException classify(String channel, int status, Function<String, Optional<String>> header,
            byte[] body) {
        Detail detail = detail(body);
        String upstream = "The upstream of channel `" + channel + "` answered HTTP " + status;
        Optional<String> code = detail.code();
        if (code.filter(c -> c.equals("DataInspectionFailed")).isPresent()) {
            return contentPolicy(detail.message()); // DashScope's safety check, whatever status carries it
        }
        if (code.filter(c -> c.startsWith("Throttling")).isPresent()) {
            return UpstreamException.notStarted(upstream + ": it is throttling (" + code.get() + ").",
                    Optional.of(retryAfter(header).orElse(Duration.ofSeconds(1))));
        }
        if (status == 400 || status == 409 || status == 413 || status == 415 || status == 422) {
            return UpstreamException.rejected(detail.param(), detail.code(),
                    detail.message().map(UpstreamErrors::clip).orElse(upstream + " (the request was refused)."));
        }
        if (status == 401 || status == 403) {
            return UpstreamException.misconfigured(upstream + ": it refused the channel's credentials. "
                    + "The operator must fix the channel's key.");
        }
        if (status == 404 || status == 405 || (status >= 300 && status < 400)) {
            return UpstreamException.misconfigured(upstream + ": the channel's address or model mapping is wrong.");
        }
        if (status == 429) {
            return UpstreamException.notStarted(upstream + ": it is rate limited.",
                    Optional.of(retryAfter(header).orElse(Duration.ofSeconds(1))));
        }
        if (status == 408 || status == 504 || status == 524) {
            return UpstreamException.mayHaveGenerated(true, upstream + ": it timed out. The image may still "
                    + "be generated (and billed) upstream, so Easel does not retry it on another channel.");
        }
        if (status >= 500) {
            return UpstreamException.notStarted(upstream + ".", retryAfter(header));
        }
        return UpstreamException.rejected(detail.param(), detail.code(),
                detail.message().map(UpstreamErrors::clip).orElse(upstream + "."));
    }

    /** 400 {@code content_policy_violation}, OpenAI's code for a prompt its safety system refused. */
    public static UpstreamException contentPolicy(Optional<String> upstreamMessage) {
        return UpstreamException.rejected(Optional.of("prompt"), Optional.of("content_policy_violation"),
                "Your request was rejected by the upstream's safety system"
                        + upstreamMessage.map(m -> ": " + clip(m)).orElse("."));
    }

    /** {@code retry-after-ms} (OpenAI), or {@code Retry-After} in seconds or as an HTTP date. */
    public static Optional<Duration> retryAfter(Function<String, Optional<String>> header) {
        try {
            Optional<String> ms = header.apply("retry-after-ms");
            if (ms.isPresent()) {
                return Optional.of(Duration.ofMillis((long) Double.parseDouble(ms.get().strip())));
            }
            Optional<String> value = header.apply("retry-after").map(String::strip);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            if (value.get().chars().allMatch(Character::isDigit)) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.get())));
            }
            Instant at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(Instant.now(), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (RuntimeException e) {
            return Optional.empty(); // an unreadable hint is no hint
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isString() || v.isNumber() ? Optional.of(v.asString()).filter(s -> !s.isBlank()) : Optional.empty();
    }

    private static String clip(String message) {
        return message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
}
