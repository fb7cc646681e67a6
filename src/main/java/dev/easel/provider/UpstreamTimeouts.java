package dev.easel.provider;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * How long an upstream call may take.
 *
 * @param connect   to open the connection; failing here means nothing was sent, so another channel may try
 * @param firstByte from sending the request to the response headers; for a non-streamed generation that is
 *                  the whole generation time, so it is long by default
 * @param total     the whole call, body and image downloads included (for DashScope: submit, polling, fetch)
 */
public record UpstreamTimeouts(Duration connect, Duration firstByte, Duration total) {
    public UpstreamTimeouts {
        positive("connect", connect);
        positive("first_byte", firstByte);
        positive("total", total);
    }

    /** Defaults for OpenAI-compatible upstreams: a 4K gpt-image-2 image can take several minutes. */
    public static UpstreamTimeouts openAiDefaults() {
        return new UpstreamTimeouts(Duration.ofSeconds(10), Duration.ofMinutes(6), Duration.ofMinutes(10));
    }

    /** Defaults for DashScope: Alibaba advises giving a qwen-image task about two minutes in all. */
    public static UpstreamTimeouts dashScopeDefaults() {
        return new UpstreamTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(120));
    }

    /** A timeout as an error message gives it: {@code 90 s}, {@code 0.3 s} (whole seconds alone would say 0). */
    public static String spoken(Duration d) {
        return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    private static void positive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive but was " + d);
        }
    }
}
