package dev.easel.generation;

import dev.easel.error.EaselException;
import java.math.BigDecimal;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Typed reads of the fields of a request body. A JSON null reads as absent, because every OpenAI
 * image field is nullable; any other wrong type is a 400 {@code invalid_type} naming the field.
 */
final class BodyFields {
    private final ObjectNode body;

    BodyFields(ObjectNode body) {
        this.body = body;
    }

    /** The field's value, empty when it is absent or null. */
    Optional<JsonNode> value(String name) {
        JsonNode v = body.get(name);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    Optional<String> string(String name) {
        return value(name).map(v -> {
            if (!v.isString()) {
                throw wrongType(name, "a string", v);
            }
            return v.stringValue();
        });
    }

    Optional<Boolean> bool(String name) {
        return value(name).map(v -> {
            if (!v.isBoolean()) {
                throw wrongType(name, "a boolean", v);
            }
            return v.booleanValue();
        });
    }

    /**
     * An integer field. A number with no fraction ({@code 1.0}) is read as that integer, since some
     * JSON encoders write every number as a double; {@code 1.5} is the wrong type.
     */
    Optional<Long> integer(String name) {
        return value(name).map(v -> {
            if (!v.isNumber()) {
                throw wrongType(name, "an integer", v);
            }
            BigDecimal exact = v.isIntegralNumber() ? new BigDecimal(v.bigIntegerValue()) : v.decimalValue();
            try {
                return exact.longValueExact();
            } catch (ArithmeticException e) {
                if (exact.stripTrailingZeros().scale() > 0) {
                    throw wrongType(name, "an integer", v);
                }
                throw EaselException.invalidParameter(name, "Invalid value for '" + name + "': " + v
                        + " is outside the 64-bit integer range.");
            }
        });
    }

    private static EaselException wrongType(String name, String expected, JsonNode got) {
        return EaselException.invalidType(name, "Invalid type for '" + name + "': expected " + expected
                + ", but got " + typeName(got) + " instead.");
    }

    static String typeName(JsonNode v) {
        if (v.isString()) {
            return "a string";
        }
        if (v.isBoolean()) {
            return "a boolean";
        }
        if (v.isIntegralNumber()) {
            return "an integer";
        }
        if (v.isNumber()) {
            return "a decimal number";
        }
        if (v.isArray()) {
            return "an array";
        }
        return v.isObject() ? "an object" : "a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
