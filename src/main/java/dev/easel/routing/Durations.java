package dev.easel.routing;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the durations of channel settings: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, or ISO-8601. */
final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private Durations() {
    }

    static Optional<Duration> parse(String text) {
        String v = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return Optional.of(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
        }
        try {
            return Optional.of(Duration.parse(v.toUpperCase(Locale.ROOT)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
