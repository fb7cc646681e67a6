package dev.easel.ledger;

/** Spent and reserved micro-dollars of one key over one period ({@code total} or a month such as {@code 2026-11}). */
public record Balance(long spentMicros, long reservedMicros) {
    public static final Balance EMPTY = new Balance(0, 0);
}
