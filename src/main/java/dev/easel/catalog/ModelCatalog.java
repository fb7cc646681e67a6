package dev.easel.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The models this server offers, loaded once at start-up from the bundled {@code models.yaml}
 * merged with the {@code models:} list of the user's configuration. Every entry is validated
 * eagerly, so a bad catalogue stops the server with a message naming the model and field instead
 * of failing some request later.
 */
public final class ModelCatalog {
    static final String BUNDLED = "/models.yaml";

    private final List<ModelSpec> models;
    private final Map<String, ModelSpec> byIdOrAlias;

    private ModelCatalog(List<ModelSpec> models) {
        this.models = List.copyOf(models);
        Map<String, ModelSpec> index = new HashMap<>();
        for (ModelSpec spec : models) {
            for (String name : names(spec)) {
                ModelSpec clash = index.putIfAbsent(name, spec);
                if (clash != null) {
                    throw new IllegalArgumentException("Invalid model catalogue: model '" + spec.id() + "', field "
                            + (name.equals(spec.id()) ? "'id'" : "'aliases'") + ": '" + name
                            + "' is already used by model '" + clash.id() + "'");
                }
            }
        }
        this.byIdOrAlias = Map.copyOf(index);
    }

    /** The bundled catalogue only. */
    public static ModelCatalog bundled() {
        return load(Optional.empty());
    }

    /**
     * Loads the bundled catalogue and applies the user's entries: an entry whose {@code id} names a
     * bundled model replaces just the top-level fields it gives; any other entry adds a model.
     *
     * @param userModels the {@code models:} list of the user's easel.yaml, when it has one
     * @throws IllegalArgumentException naming the model and field of the first problem found
     */
    public static ModelCatalog load(Optional<JsonNode> userModels) {
        Objects.requireNonNull(userModels, "userModels == null");
        LinkedHashMap<String, ObjectNode> entries = new LinkedHashMap<>();
        addEntries(entries, readBundled().path("models"), "models.yaml", false);
        userModels.ifPresent(list -> addEntries(entries, list, "easel.yaml models", true));
        List<ModelSpec> specs = new ArrayList<>();
        Map<String, ObjectNode> resolved = new HashMap<>();
        for (Map.Entry<String, ObjectNode> e : entries.entrySet()) {
            ObjectNode entry = Likeness.resolve(e.getKey(), e.getValue(), resolved);
            resolved.put(e.getKey(), entry);
            specs.add(ModelSpecReader.read(e.getKey(), entry));
        }
        return new ModelCatalog(specs);
    }

    private static JsonNode readBundled() {
        try (InputStream in = ModelCatalog.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("models.yaml is missing from the classpath");
            }
            return YAMLMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled models.yaml", e);
        }
    }

    private static void addEntries(Map<String, ObjectNode> entries, JsonNode list, String source, boolean mayOverride) {
        if (!list.isArray()) {
            throw new IllegalArgumentException("Invalid model catalogue: " + source + " must be a list of models");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            JsonNode id = entry.path("id");
            if (!entry.isObject() || !id.isString() || id.stringValue().isBlank()) {
                throw new IllegalArgumentException("Invalid model catalogue: " + source + "[" + i
                        + "], field 'id': every model needs a non-empty string id");
            }
            String key = id.stringValue();
            ObjectNode existing = entries.get(key);
            if (existing != null && !mayOverride) {
                throw new IllegalArgumentException("Invalid model catalogue: model '" + key + "', field 'id': "
                        + "defined twice in " + source);
            }
            // Top-level replacement: a field the user gives replaces the whole bundled field, so
            // switching e.g. a size rule from fixed to flexible never mixes the two.
            ObjectNode merged = existing == null ? ((ObjectNode) entry).deepCopy() : existing.deepCopy();
            if (existing != null) {
                entry.properties().forEach(p -> merged.set(p.getKey(), p.getValue().deepCopy()));
            }
            entries.put(key, merged);
        }
    }

    private static List<String> names(ModelSpec spec) {
        List<String> names = new ArrayList<>(spec.aliases());
        names.add(0, spec.id());
        return names;
    }

    /** The model with this id or alias. Ids are matched exactly, as OpenAI does. */
    public Optional<ModelSpec> find(String idOrAlias) {
        return Optional.ofNullable(byIdOrAlias.get(idOrAlias));
    }

    /** Every model: bundled ones in models.yaml order, then the user's additions in their order. */
    public List<ModelSpec> all() {
        return models;
    }
}
