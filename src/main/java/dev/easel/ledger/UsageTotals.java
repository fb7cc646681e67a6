package dev.easel.ledger;

/** Sums over usage entries: requests, images delivered, cost and price. */
public record UsageTotals(long requests, long images, long costMicros, long priceMicros) {
}
