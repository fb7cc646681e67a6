package dev.easel.ledger;

import java.util.Optional;

/**
 * A finished request on its way into the ledger: its entry, the month it counts in, and for a key with a
 * budget the allowance it was held from and what it takes out of it (its price, at most what the
 * allowance still held when it finished). A key without a budget has no allowance: its request is only
 * recorded and charged.
 */
record Booking(UsageEntry entry, String month, Optional<String> allowanceId, long releasedMicros) implements Posting {
}
