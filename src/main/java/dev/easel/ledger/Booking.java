package dev.easel.ledger;

/**
 * A finished request on its way into the ledger: its entry, and whether it closes a hold (a key with a
 * budget) or only records the request (a key without one).
 */
record Booking(ReservationRow row, UsageEntry entry, boolean held) {
    /** What the booking takes off the key's reservations: the whole hold, whatever the price. */
    long releasedMicros() {
        return held ? row.amountMicros() : 0;
    }
}
