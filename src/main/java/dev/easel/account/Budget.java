package dev.easel.account;

import java.util.Locale;

/**
 * How much a key may spend, in micro-dollars (1 USD = 1,000,000), over its whole life or per calendar
 * month UTC.
 */
public record Budget(long micros, Period period) {

    public enum Period {
        TOTAL, MONTH;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Period parse(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "total" -> TOTAL;
                case "month" -> MONTH;
                default -> throw new IllegalArgumentException("budget_period must be `total` or `month` but was `"
                        + value + "`");
            };
        }
    }

    public Budget {
        if (micros < 0) {
            throw new IllegalArgumentException("a budget must not be negative");
        }
    }
}
