package dev.easel.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * One object of catalogue data with the model and field path it came from, so every problem is
 * reported as "model 'x', field 'a.b': ..." the moment the catalogue loads, never on first use.
 */
final class CatalogNode {
    private final String model;
    private final String path;
    private final JsonNode node;

    private CatalogNode(String model, String path, JsonNode node) {
        this.model = model;
        this.path = path;
        this.node = node;
    }

    static CatalogNode root(String model, JsonNode node) {
        CatalogNode root = new CatalogNode(model, "", node);
        if (!node.isObject()) {
            throw root.problem("", "must be a mapping of fields, but was " + node);
        }
        return root;
    }

    IllegalArgumentException problem(String key, String message) {
        String field = path.isEmpty() ? key : key.isEmpty() ? path : path + "." + key;
        String where = field.isEmpty() ? "" : ", field '" + field + "'";
        return new IllegalArgumentException("Invalid model catalogue: model '" + model + "'" + where + ": " + message);
    }

    /** Rejects keys this object does not define, so a typo fails loudly instead of being ignored. */
    void allowOnly(Collection<String> keys) {
        for (String key : node.propertyNames()) {
            if (!keys.contains(key)) {
                throw problem(key, "unknown field; expected one of " + new TreeSet<>(keys));
            }
        }
    }

    List<String> fieldNames() {
        return List.copyOf(node.propertyNames());
    }

    boolean has(String key) {
        return node.hasNonNull(key);
    }

    private JsonNode required(String key) {
        if (!has(key)) {
            throw problem(key, "is required");
        }
        return node.get(key);
    }

    String string(String key) {
        JsonNode value = required(key);
        if (!value.isString() || value.stringValue().isBlank()) {
            throw problem(key, "must be a non-empty string, but was " + value);
        }
        return value.stringValue();
    }

    Optional<String> optString(String key) {
        return has(key) ? Optional.of(string(key)) : Optional.empty();
    }

    long integer(String key) {
        JsonNode value = required(key);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw problem(key, "must be an integer, but was " + value);
        }
        return value.longValue();
    }

    long integer(String key, long min, long max) {
        long value = integer(key);
        if (value < min || value > max) {
            throw problem(key, "must be between " + min + " and " + max + ", but was " + value);
        }
        return value;
    }

    Optional<Long> optInteger(String key, long min, long max) {
        return has(key) ? Optional.of(integer(key, min, max)) : Optional.empty();
    }

    boolean flag(String key) {
        if (!has(key)) {
            return false;
        }
        JsonNode value = node.get(key);
        if (!value.isBoolean()) {
            throw problem(key, "must be true or false, but was " + value);
        }
        return value.booleanValue();
    }

    BigDecimal decimal(String key) {
        JsonNode value = required(key);
        if (!value.isNumber()) {
            throw problem(key, "must be a number, but was " + value);
        }
        // A YAML 0.035 may arrive as a double; decimalValue() goes through its shortest decimal text,
        // so prices stay exactly as written.
        return value.decimalValue();
    }

    List<String> strings(String key) {
        JsonNode value = required(key);
        if (!value.isArray()) {
            throw problem(key, "must be a list of strings, but was " + value);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isString() || item.stringValue().isBlank()) {
                throw problem(key, "must be a list of non-empty strings, but holds " + item);
            }
            out.add(item.stringValue());
        }
        return out;
    }

    List<String> optStrings(String key) {
        return has(key) ? strings(key) : List.of();
    }

    CatalogNode object(String key) {
        JsonNode value = required(key);
        if (!value.isObject()) {
            throw problem(key, "must be a mapping of fields, but was " + value);
        }
        return new CatalogNode(model, path.isEmpty() ? key : path + "." + key, value);
    }

    Optional<CatalogNode> optObject(String key) {
        return has(key) ? Optional.of(object(key)) : Optional.empty();
    }

    List<CatalogNode> objects(String key) {
        JsonNode value = required(key);
        if (!value.isArray()) {
            throw problem(key, "must be a list, but was " + value);
        }
        List<CatalogNode> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemPath = (path.isEmpty() ? key : path + "." + key) + "[" + i + "]";
            if (!item.isObject()) {
                throw new CatalogNode(model, itemPath, item)
                        .problem("", "must be a mapping of fields, but was " + item);
            }
            out.add(new CatalogNode(model, itemPath, item));
        }
        return out;
    }

    PixelSize size(String key) {
        String text = string(key);
        return PixelSize.parse(text).orElseThrow(() -> problem(key, "must be WIDTHxHEIGHT, but was '" + text + "'"));
    }

    /** Runs a value constructor and reports its complaint against this field. */
    <T> T build(String key, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw problem(key, e.getMessage());
        }
    }
}
