package dev.easel.config;

/** A configuration mistake, reported at start with what to fix. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
