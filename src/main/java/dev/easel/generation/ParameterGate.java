package dev.easel.generation;

import dev.easel.catalog.ModelCatalog;
import dev.easel.catalog.ModelSpec;
import dev.easel.error.EaselException;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rejects request fields the chosen model does not take, before any value is read, so a client
 * learns which models would accept the field instead of having it silently dropped.
 */
final class ParameterGate {
    private final ModelCatalog catalog;

    ParameterGate(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    void check(ObjectNode body, ModelSpec model) {
        for (String field : body.propertyNames()) {
            // null means "absent" for every OpenAI image field, so it is never an unsupported field.
            if (body.get(field).isNull() || model.accepts(field)) {
                continue;
            }
            List<String> takers = ModelSpec.PARAMETERS.contains(field)
                    ? catalog.all().stream().filter(m -> m.accepts(field)).map(ModelSpec::id).toList()
                    : List.of();
            if (takers.isEmpty()) {
                throw EaselException.unknownParameter(field, "Unknown parameter: '" + field + "'.");
            }
            throw EaselException.unknownParameter(field, "Unknown parameter for " + model.id() + ": '" + field
                    + "'. " + field + " is only supported by " + String.join(", ", takers) + ".");
        }
    }
}
