package dev.easel.ledger;

/**
 * What identifies an admitted request in the ledger: its reservation id (which becomes its usage entry's),
 * its key, the month it counts in, and the maximum price it holds (0 when its key has no budget: then
 * nothing is held).
 */
record Reserved(String id, String keyId, String month, long amountMicros, String requestId) {
}
