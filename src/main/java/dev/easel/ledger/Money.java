package dev.easel.ledger;

import java.math.BigDecimal;

/** Micro-dollars to and from USD decimals, exactly. */
public final class Money {
    private Money() {
    }

    /** USD as an exact decimal ({@code 1500000} is {@code 1.5}). */
    public static BigDecimal usd(long micros) {
        BigDecimal v = BigDecimal.valueOf(micros, 6).stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v; // 10, never 1E+1
    }

    /**
     * Micro-dollars of a USD amount.
     *
     * @throws IllegalArgumentException for a negative amount or one finer than a micro-dollar
     */
    public static long micros(BigDecimal usd) {
        if (usd.signum() < 0) {
            throw new IllegalArgumentException("an amount must not be negative");
        }
        try {
            return usd.movePointRight(6).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("an amount must be whole micro-dollars (at most 6 decimals)");
        }
    }
}
