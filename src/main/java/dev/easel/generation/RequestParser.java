package dev.easel.generation;

import dev.easel.catalog.PixelSize;
import dev.easel.catalog.ImageRequest;
import dev.easel.catalog.Choice;
import dev.easel.catalog.IntRange;
import dev.easel.catalog.ModelCatalog;
import dev.easel.catalog.ModelSpec;
import dev.easel.error.EaselException;
import dev.easel.catalog.ImageRequest.Delivery;
import dev.easel.render.ImageFormat;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates a {@code POST /v1/images/generations} body against the rules of its model and resolves
 * every default and {@code auto}. All rules come from the model's {@link ModelSpec}; nothing here
 * looks at a model's name. Failures are 400s (404 for an unknown model) whose {@code param} names
 * the offending field.
 */
public final class RequestParser {
    private final ModelCatalog catalog;
    private final String defaultModel;
    private final ParameterGate gate;

    /**
     * @param catalog      the models this server offers
     * @param defaultModel the model used when a request names none (must be in the catalogue)
     */
    public RequestParser(ModelCatalog catalog, String defaultModel) {
        this.catalog = Objects.requireNonNull(catalog, "catalog == null");
        this.defaultModel = Objects.requireNonNull(defaultModel, "defaultModel == null");
        if (catalog.find(defaultModel).isEmpty()) {
            throw new IllegalArgumentException("default model '" + defaultModel + "' is not in the model catalogue");
        }
        this.gate = new ParameterGate(catalog);
    }

    /** Parses any JSON value a client sent as the request body. */
    public ImageRequest parse(JsonNode body) {
        if (!(body instanceof ObjectNode object)) {
            throw EaselException.badRequest("invalid_json", "The request body must be a JSON object, but got "
                    + BodyFields.typeName(body) + ".");
        }
        BodyFields fields = new BodyFields(object);
        ModelSpec model = model(fields);
        gate.check(object, model);

        String prompt = PromptRules.prompt(model, fields);
        int n = (int) integerIn(model, model.n(), "n", fields).orElse(1L).longValue();
        PixelSize size = SizeResolver.resolve(model, fields.string("size"));
        String quality = model.quality()
                .map(c -> c.resolve(choose(model, c, "quality", fields)))
                .orElse(ModelSpec.DEFAULT_QUALITY);
        Optional<String> style = model.style().map(c -> choose(model, c, "style", fields));
        Delivery delivery = model.responseFormat()
                .map(c -> choose(model, c, "response_format", fields).equals("url") ? Delivery.URL : Delivery.B64_JSON)
                .orElse(Delivery.B64_JSON);
        ImageFormat format = OutputOptions.format(model, fields);
        int compression = (int) model.outputCompression()
                .flatMap(r -> integerIn(model, r, "output_compression", fields))
                .orElse(100L).longValue();
        boolean transparent = OutputOptions.transparent(model, fields, format);
        Optional<String> moderation = model.moderation().map(c -> choose(model, c, "moderation", fields));
        boolean stream = fields.bool("stream").orElse(false);
        int partialImages = (int) model.stream()
                .flatMap(s -> integerIn(model, s.partialImages(), "partial_images", fields))
                .orElse(0L).longValue();
        Optional<Long> seed = model.seed().flatMap(r -> integerIn(model, r, "seed", fields));
        Optional<String> user = fields.string("user");
        Optional<ImageRequest.QwenOptions> qwen = PromptRules.qwenOptions(model, fields);

        // Partial images only exist on a stream; without one the count is meaningless.
        return new ImageRequest(model, prompt, n, size, quality, style, delivery, format, compression, transparent,
                moderation, stream, stream ? partialImages : 0, seed, user, qwen);
    }

    private ModelSpec model(BodyFields fields) {
        String id = fields.string("model").orElse(defaultModel);
        return catalog.find(id).orElseThrow(() -> EaselException.modelNotFound(id));
    }

    /** The value the client chose, or the default; anything outside the allowed values is a 400. */
    static String choose(ModelSpec model, Choice choice, String field, BodyFields fields) {
        String value = fields.string(field).orElse(choice.defaultValue());
        if (!choice.allows(value)) {
            throw EaselException.invalidParameter(field, "Invalid value for '" + field + "': '" + value + "'. "
                    + model.id() + " supports " + choice.describe() + ".");
        }
        return value;
    }

    static Optional<Long> integerIn(ModelSpec model, IntRange range, String field, BodyFields fields) {
        Optional<Long> value = fields.integer(field);
        if (value.isPresent() && !range.contains(value.get())) {
            throw EaselException.invalidParameter(field, "Invalid value for '" + field + "': " + value.get() + ". "
                    + model.id() + " accepts " + range.describe() + ".");
        }
        return value;
    }
}
