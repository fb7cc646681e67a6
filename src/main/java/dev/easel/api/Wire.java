package dev.easel.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/** The records Easel writes on the wire, in OpenAI's shapes (names become snake_case). */
final class Wire {
    private Wire() {
    }

    /** {@code {"error": {...}}}: all four keys always present, {@code null} when absent. */
    record ErrorResponse(ErrorObject error) {
    }

    record ErrorObject(String message, String type, Optional<String> param, Optional<String> code) {
    }

    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    record ImagesResponse(long created, List<ImageData> data, Optional<String> background,
                          Optional<String> outputFormat, Optional<String> quality, Optional<String> size,
                          Optional<Usage> usage) {
    }

    /** {@code b64_json} is written by Jackson straight from the bytes, without an intermediate String. */
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    record ImageData(Optional<byte[]> b64Json, Optional<String> url, Optional<String> revisedPrompt) {
    }

    /** {@code image_generation.partial_image}; {@code image_index} is an Easel extension for n > 1. */
    record PartialImageEvent(String type, byte[] b64Json, long createdAt, String size, String quality,
                             String background, String outputFormat, int partialImageIndex, int imageIndex) {
    }

    /** {@code image_generation.completed}: one per image, each with that image's usage. */
    record CompletedImageEvent(String type, byte[] b64Json, long createdAt, String size, String quality,
                               String background, String outputFormat, Usage usage, int imageIndex) {
    }

    record Usage(long totalTokens, long inputTokens, long outputTokens, InputTokensDetails inputTokensDetails,
                 OutputTokensDetails outputTokensDetails) {
    }

    record InputTokensDetails(long textTokens, long imageTokens) {
    }

    record OutputTokensDetails(long imageTokens, long textTokens) {
    }

    /** {@code shutdown_date} is always written, {@code null} for models without one, as OpenAI does. */
    record Model(String id, String object, long created, String ownedBy, Optional<String> shutdownDate) {
    }

    record ModelList(String object, List<Model> data) {
    }

    /** Limits are always written, {@code null} when unset, so a client sees what PATCH can change. */
    record Key(String id, String object, String name, String role, String prefix, long createdAt,
               @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<Long> revokedAt,
               @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> key,
               String owner, Optional<Long> expiresAt, List<String> models, List<String> allowedIps,
               Optional<java.math.BigDecimal> budgetUsd, Optional<String> budgetPeriod, Optional<Integer> rpm,
               Optional<Integer> imagesPerMinute, Optional<Integer> maxConcurrency,
               java.math.BigDecimal priceMultiplier) {
    }

    record KeyList(String object, List<Key> data) {
    }

    /** An async job; {@code result} and {@code error} are null until it finishes. */
    record Job(String id, String object, String status, String model, long created, Optional<Long> completedAt,
               long expiresAt, Optional<ImagesResponse> result, Optional<ErrorObject> error) {
    }

    record Health(String status) {
    }
}
