package dev.easel.ledger;

/**
 * What the ledger stores about money held for a request in flight: enough to release it, and to
 * record a usage entry, without the process that made it.
 */
record ReservationRow(String id, String keyId, String month, long amountMicros, long createdAt, long expiresAt,
                      String requestId, String model, String size, String quality, int nRequested) {
}
