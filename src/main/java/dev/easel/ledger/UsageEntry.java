package dev.easel.ledger;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One finished request as the ledger recorded it. Never image bytes; the prompt only when the operator
 * turned prompt logging on.
 *
 * @param id           the reservation id, so one request can never be recorded twice
 * @param costMicros   what the request cost the operator upstream
 * @param priceMicros  what the key was charged (list price times its multiplier); 0 when refunded
 * @param latencyMillis from reservation to settlement
 */
public record UsageEntry(String id, String keyId, Instant createdAt, String requestId, String model, String channel,
                         String size, String quality, int nRequested, int nDelivered, long inputTokens,
                         long outputTokens, long costMicros, long priceMicros, long latencyMillis, Status status,
                         Optional<String> prompt) {

    public enum Status {
        /** Every requested image was delivered and charged. */
        SETTLED,
        /** Some images were delivered; only those were charged. */
        PARTIAL,
        /** Nothing was delivered; the reservation went back in full. */
        REFUNDED,
        /** A crash left the reservation open; it was released in full after it expired. */
        RECONCILED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
