package dev.easel.provider;

import java.util.Objects;

/**
 * An upstream API key. It is a class rather than a string so that it cannot be printed by accident:
 * {@link #toString()} never shows it, and only the code that builds a request header calls
 * {@link #reveal()}.
 */
public final class UpstreamKey {
    private final String value;

    public UpstreamKey(String value) {
        Objects.requireNonNull(value, "value == null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an upstream key must not be blank");
        }
        this.value = value.strip();
    }

    /** The key itself, for the request header and nothing else. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "UpstreamKey[redacted]";
    }
}
