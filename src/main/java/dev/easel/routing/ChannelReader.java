package dev.easel.routing;

import dev.easel.catalog.ModelCatalog;
import dev.easel.catalog.ModelSpec;
import dev.easel.provider.UpstreamKey;
import dev.easel.provider.UpstreamTimeouts;
import dev.easel.provider.dashscope.DashScopeEndpoint;
import dev.easel.provider.openai.OpenAiEndpoint;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code channels:} list of easel.yaml. Everything is checked at start, and the first
 * problem stops the server with a message naming the channel and the field. Keys are taken by
 * reference only ({@code api_key_env} or {@code api_key_file}), so the config file can be shared
 * and committed; a literal key is refused.
 */
final class ChannelReader {
    private static final Set<String> FIELDS = Set.of("name", "type", "base_url", "api_key_env", "api_key_file",
            "api_key", "api_version", "models", "priority", "weight", "timeouts", "max_concurrency", "cooldown",
            "poll", "cost_multiplier");
    /** Names go into a response header and log lines. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final ModelCatalog catalog;
    private final Map<String, String> environment;

    ChannelReader(ModelCatalog catalog, Map<String, String> environment) {
        this.catalog = catalog;
        this.environment = environment;
    }

    List<Channel> read(JsonNode list) {
        if (!list.isArray()) {
            throw new IllegalArgumentException("Invalid channels: `channels` must be a list of channels");
        }
        List<Channel> channels = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Channel channel = channel(list.get(i), i);
            if (!names.add(channel.name())) {
                throw new IllegalArgumentException("Invalid channel '" + channel.name() + "', field 'name': "
                        + "two channels have this name");
            }
            channels.add(channel);
        }
        return channels;
    }

    private Channel channel(JsonNode node, int index) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("Invalid channels[" + index + "]: each channel must be a mapping");
        }
        String name = node.path("name").isString() ? node.path("name").asString() : "channels[" + index + "]";
        Field f = new Field(name, node);
        if (!NAME.matcher(name).matches()) {
            throw f.error("name", "a channel needs a name of letters, digits, '.', '_' or '-' (at most 64)");
        }
        for (String given : node.propertyNames()) {
            if (!FIELDS.contains(given)) {
                throw f.error(given, "unknown field; channels take " + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        ChannelType type = f.string("type").flatMap(ChannelType::fromConfigName)
                .orElseThrow(() -> f.error("type", "must be one of openai, azure, dashscope, local"));
        UpstreamTimeouts defaults = type == ChannelType.DASHSCOPE
                ? UpstreamTimeouts.dashScopeDefaults() : UpstreamTimeouts.openAiDefaults();
        JsonNode timeouts = node.path("timeouts");
        Field t = new Field(name, timeouts);
        JsonNode poll = node.path("poll");
        Field p = new Field(name, poll);
        return new Channel(name, type, baseUrl(f, type), key(f, type),
                f.string("api_version").orElse(OpenAiEndpoint.DEFAULT_AZURE_API_VERSION),
                models(f, type, node.path("models")),
                f.integer("priority", Integer.MIN_VALUE).orElse(0),
                f.integer("weight", 1).orElse(1),
                new UpstreamTimeouts(t.duration("timeouts.connect").orElse(defaults.connect()),
                        t.duration("timeouts.first_byte").orElse(defaults.firstByte()),
                        t.duration("timeouts.total").orElse(defaults.total())),
                f.integer("max_concurrency", 1),
                f.duration("cooldown").orElse(Channel.DEFAULT_COOLDOWN),
                p.duration("poll.first").orElse(DashScopeEndpoint.DEFAULT_POLL_FIRST),
                p.duration("poll.max").orElse(DashScopeEndpoint.DEFAULT_POLL_MAX),
                f.decimal("cost_multiplier").orElse(BigDecimal.ONE));
    }

    private static Optional<URI> baseUrl(Field f, ChannelType type) {
        Optional<String> given = f.string("base_url");
        if (type == ChannelType.LOCAL) {
            return Optional.empty();
        }
        String url = switch (type) {
            case OPENAI -> given.orElse(OpenAiEndpoint.OPENAI_BASE_URL);
            case DASHSCOPE -> given.orElse(DashScopeEndpoint.DEFAULT_BASE_URL);
            default -> given.orElseThrow(() -> f.error("base_url", "an azure channel needs its resource URL, "
                    + "e.g. https://NAME.openai.azure.com"));
        };
        try {
            URI uri = URI.create(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return Optional.of(uri);
        } catch (IllegalArgumentException e) {
            throw f.error("base_url", "must be an http(s) URL");
        }
    }

    private Optional<UpstreamKey> key(Field f, ChannelType type) {
        if (f.node().has("api_key")) {
            throw f.error("api_key", "a literal key in the config file is refused; put it in an environment "
                    + "variable named by api_key_env, or in a file named by api_key_file");
        }
        Optional<String> env = f.string("api_key_env");
        Optional<String> file = f.string("api_key_file");
        if (env.isPresent() && file.isPresent()) {
            throw f.error("api_key_env", "give api_key_env or api_key_file, not both");
        }
        if (type == ChannelType.LOCAL) {
            return Optional.empty();
        }
        if (env.isPresent()) {
            String value = environment.getOrDefault(env.get(), "");
            if (value.isBlank()) {
                throw f.error("api_key_env", "the environment variable " + env.get() + " is not set");
            }
            return Optional.of(new UpstreamKey(value));
        }
        if (file.isPresent()) {
            try {
                String value = Files.readString(Path.of(file.get()));
                if (value.isBlank()) {
                    throw f.error("api_key_file", "the file " + file.get() + " is empty");
                }
                return Optional.of(new UpstreamKey(value));
            } catch (IOException e) {
                throw f.error("api_key_file", "cannot read " + file.get() + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        throw f.error("api_key_env", "a " + type.configName() + " channel needs its key: name an environment "
                + "variable with api_key_env or a file with api_key_file");
    }

    /** {@code "*"}, a list of ids (each may be {@code id: upstream-id}), or a mapping of id to upstream id. */
    private Map<String, String> models(Field f, ChannelType type, JsonNode models) {
        Map<String, String> selected = new LinkedHashMap<>();
        if (models.isMissingNode() || models.isNull() || (models.isString() && models.asString().equals("*"))) {
            addAll(selected, type);
        } else if (models.isArray()) {
            for (JsonNode entry : models) {
                if (entry.isString() && entry.asString().equals("*")) {
                    addAll(selected, type);
                } else if (entry.isString()) {
                    add(f, type, selected, entry.asString(), Optional.empty());
                } else if (entry.isObject() && entry.size() == 1) {
                    var mapping = entry.properties().iterator().next();
                    add(f, type, selected, mapping.getKey(), upstreamId(f, mapping.getValue()));
                } else {
                    throw f.error("models", "list entries must be model ids or `id: upstream-id`");
                }
            }
        } else if (models.isObject()) {
            for (var mapping : models.properties()) {
                add(f, type, selected, mapping.getKey(), upstreamId(f, mapping.getValue()));
            }
        } else {
            throw f.error("models", "must be \"*\", a list of model ids, or a mapping of model id to upstream id");
        }
        if (selected.isEmpty()) {
            throw f.error("models", "selects no model");
        }
        return selected;
    }

    private static Optional<String> upstreamId(Field f, JsonNode value) {
        if (!value.isString() || value.asString().isBlank()) {
            throw f.error("models", "an upstream model id must be a non-empty string");
        }
        return Optional.of(value.asString());
    }

    private void addAll(Map<String, String> selected, ChannelType type) {
        catalog.all().stream().filter(type::speaks).forEach(m -> selected.putIfAbsent(m.id(), m.id()));
    }

    private void add(Field f, ChannelType type, Map<String, String> selected, String id, Optional<String> upstream) {
        ModelSpec model = catalog.find(id).orElseThrow(() -> f.error("models", "`" + id + "` is not in the model catalogue"));
        if (!type.mayServe(model)) {
            throw f.error("models", "a " + type.configName() + " channel cannot serve `" + id + "`");
        }
        // An alias maps to its model, and its name is what the upstream is asked for unless mapped.
        selected.put(model.id(), upstream.orElse(id));
    }

    /** Typed access to one channel's fields, with errors that name the channel and field. */
    private record Field(String channel, JsonNode node) {
        IllegalArgumentException error(String field, String message) {
            return new IllegalArgumentException("Invalid channel '" + channel + "', field '" + field + "': " + message);
        }

        private JsonNode at(String path) {
            return node.path(path.substring(path.indexOf('.') + 1));
        }

        Optional<String> string(String field) {
            JsonNode v = at(field);
            if (v.isMissingNode() || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isString() || v.asString().isBlank()) {
                throw error(field, "must be a non-empty string");
            }
            return Optional.of(v.asString().strip());
        }

        Optional<Integer> integer(String field, int min) {
            JsonNode v = at(field);
            if (v.isMissingNode() || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min) {
                throw error(field, "must be an integer" + (min > Integer.MIN_VALUE ? " of at least " + min : ""));
            }
            return Optional.of(v.asInt());
        }

        Optional<BigDecimal> decimal(String field) {
            JsonNode v = at(field);
            if (v.isMissingNode() || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isNumber() || v.decimalValue().signum() < 0) {
                throw error(field, "must be a number of at least 0, such as 0.8 for 20% under list price");
            }
            return Optional.of(v.decimalValue());
        }

        Optional<Duration> duration(String field) {
            return string(field).map(text -> Durations.parse(text)
                    .filter(d -> !d.isZero() && !d.isNegative())
                    .orElseThrow(() -> error(field, "must be a positive duration such as 500ms, 10s, 5m or 1h")));
        }
    }
}
