package dev.easel.generation;

import dev.easel.catalog.ImageRequest;
import dev.easel.catalog.ModelCatalog;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Builds request bodies for parser tests and parses them against the bundled catalogue. */
public final class Requests {
    public static final ModelCatalog CATALOG = ModelCatalog.bundled();
    public static final RequestParser PARSER = new RequestParser(CATALOG, "dall-e-3");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Requests() {
    }

    /** A body for the model with a harmless prompt. */
    public static ObjectNode body(String model) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        body.put("prompt", "a red fox in the snow");
        return body;
    }

    /** The body with one more field set to any Java value (string, number, boolean, null, list...). */
    public static ObjectNode with(ObjectNode body, String field, Object value) {
        ObjectNode copy = body.deepCopy();
        copy.set(field, JSON.valueToTree(value));
        return copy;
    }

    public static ImageRequest parse(JsonNode body) {
        return PARSER.parse(body);
    }

    public static ImageRequest parse(String model, String field, Object value) {
        return parse(with(body(model), field, value));
    }

    public static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
