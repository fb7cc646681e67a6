package dev.easel.catalog;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Resolves {@code like: <id>}: an entry that starts as a copy of an earlier model's behaviour
 * (parameters, sizes, price) and then applies its own fields. Identity and lifecycle are never
 * copied, so a new model cannot silently inherit another's shutdown date.
 */
final class Likeness {
    static final List<String> NOT_INHERITED = List.of("id", "aliases", "like", "owned_by", "created", "shutdown_date");

    private Likeness() {
    }

    static ObjectNode resolve(String id, ObjectNode entry, Map<String, ObjectNode> earlier) {
        JsonNode like = entry.path("like");
        if (like.isMissingNode() || like.isNull()) {
            return entry;
        }
        if (!like.isString() || !earlier.containsKey(like.stringValue())) {
            throw new IllegalArgumentException("Invalid model catalogue: model '" + id + "', field 'like': "
                    + like + " must name a model defined before this one (by id)");
        }
        ObjectNode base = earlier.get(like.stringValue()).deepCopy();
        NOT_INHERITED.forEach(base::remove);
        entry.properties().forEach(p -> base.set(p.getKey(), p.getValue().deepCopy()));
        base.remove("like");
        return base;
    }
}
