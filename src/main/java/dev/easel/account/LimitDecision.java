package dev.easel.account;

import dev.easel.error.EaselException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of one admission against a key's windows, the same for both limiters.
 *
 * @param refusedBy   which limit refused the request, or {@code NONE} when it was admitted
 * @param requests    requests counted in the current window (including this one when admitted)
 * @param images      images counted in the current window
 * @param resetMillis milliseconds until the window ends
 * @param inFlight    requests in flight for the key (including this one when admitted)
 */
record LimitDecision(Refusal refusedBy, long requests, long images, long resetMillis, long inFlight) {

    enum Refusal { NONE, REQUESTS, IMAGES, CONCURRENCY }

    /** OpenAI's header names; the images pair follows the same pattern (OpenAI limits images per minute too). */
    Map<String, String> headers(RateLimits limits) {
        Map<String, String> h = new LinkedHashMap<>();
        String reset = resetMillis + "ms";
        limits.rpm().ifPresent(rpm -> {
            h.put("x-ratelimit-limit-requests", String.valueOf(rpm));
            h.put("x-ratelimit-remaining-requests", String.valueOf(Math.max(0, rpm - requests)));
            h.put("x-ratelimit-reset-requests", reset);
        });
        limits.imagesPerMinute().ifPresent(ipm -> {
            h.put("x-ratelimit-limit-images", String.valueOf(ipm));
            h.put("x-ratelimit-remaining-images", String.valueOf(Math.max(0, ipm - images)));
            h.put("x-ratelimit-reset-images", reset);
        });
        limits.maxConcurrency().ifPresent(max -> {
            h.put("x-ratelimit-limit-concurrency", String.valueOf(max));
            h.put("x-ratelimit-remaining-concurrency", String.valueOf(Math.max(0, max - inFlight)));
        });
        return h;
    }

    /** The 429 for a refused request. A concurrency refusal has no window, so it suggests one second. */
    EaselException exceeded(RateLimits limits, int asked) {
        String message = switch (refusedBy) {
            case REQUESTS -> "Rate limit reached for requests per minute: limit " + limits.rpm().orElseThrow()
                    + ", used " + requests + ". Retry after the window resets.";
            case IMAGES -> "Rate limit reached for images per minute: limit " + limits.imagesPerMinute().orElseThrow()
                    + ", used " + images + ", requested " + asked + ". Retry after the window resets.";
            case CONCURRENCY -> "Too many concurrent requests for this key: limit " + limits.maxConcurrency().orElseThrow()
                    + " in flight. Retry when one finishes.";
            case NONE -> throw new IllegalStateException("an admitted request is not an error");
        };
        Duration retry = refusedBy == Refusal.CONCURRENCY ? Duration.ofSeconds(1) : Duration.ofMillis(resetMillis);
        String type = refusedBy == Refusal.IMAGES ? "images" : "requests";
        return new EaselException(429, type, Optional.empty(), Optional.of("rate_limit_exceeded"), message,
                Optional.of(retry), headers(limits));
    }
}
