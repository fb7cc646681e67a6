package dev.easel.catalog;

import java.util.List;
import java.util.Optional;

/**
 * A string parameter that takes one of a fixed set of values, such as {@code quality} or
 * {@code background}.
 *
 * @param values       the values a client may send, in the order error messages list them
 * @param defaultValue what an absent (or null) field means
 * @param auto         what {@code auto} resolves to, when the model resolves it server-side
 */
public record Choice(List<String> values, String defaultValue, Optional<String> auto) {
    public Choice {
        values = List.copyOf(values);
        if (!values.contains(defaultValue)) {
            throw new IllegalArgumentException("default '" + defaultValue + "' is not one of " + values);
        }
    }

    public boolean allows(String value) {
        return values.contains(value);
    }

    /** The value the model will actually use: {@code auto} becomes its resolution. */
    public String resolve(String value) {
        return value.equals("auto") && auto.isPresent() ? auto.get() : value;
    }

    /** The resolved value of an absent field. */
    public String resolvedDefault() {
        return resolve(defaultValue);
    }

    /** The allowed values quoted for an error message: {@code 'low', 'medium', 'high'}. */
    public String describe() {
        return quoted(values);
    }

    static String quoted(List<String> values) {
        return String.join(", ", values.stream().map(v -> "'" + v + "'").toList());
    }
}
