package dev.easel.routing;

import dev.easel.catalog.ModelCatalog;
import dev.easel.catalog.ModelSpec;
import dev.easel.provider.ImageProvider;
import dev.easel.provider.UpstreamKey;
import dev.easel.provider.dashscope.DashScopeEndpoint;
import dev.easel.provider.dashscope.DashScopeProvider;
import dev.easel.provider.openai.OpenAiEndpoint;
import dev.easel.provider.openai.OpenAiProvider;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Builds the router from configuration: the {@code channels:} list when there is one; otherwise
 * zero-config channels from well-known environment variables ({@code OPENAI_API_KEY},
 * {@code DASHSCOPE_API_KEY}). Models no channel serves stay on the built-in {@code local} renderer.
 */
public final class Routing {
    private static final Logger LOG = LoggerFactory.getLogger(Routing.class);
    /** The built-in channel's name, reserved for the local renderer. */
    public static final String LOCAL = "local";

    private Routing() {
    }

    /**
     * @throws IllegalArgumentException naming the channel and field of the first configuration problem
     */
    public static Router create(Optional<JsonNode> channelsConfig, Map<String, String> environment,
                                ModelCatalog catalog, ImageProvider local, Clock clock) {
        List<Channel> channels = channelsConfig
                .map(list -> new ChannelReader(catalog, environment).read(list))
                .orElseGet(() -> zeroConfig(environment, catalog, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)));
        List<Router.Route> routes = new ArrayList<>();
        for (Channel channel : channels) {
            if (channel.name().equals(LOCAL) && channel.type() != ChannelType.LOCAL) {
                throw new IllegalArgumentException("Invalid channel 'local', field 'name': the name is reserved for "
                        + "the built-in renderer");
            }
            routes.add(new Router.Route(channel, provider(channel, local)));
            LOG.info("channel {} ({}): {} models, priority {}, weight {}", channel.name(), channel.type().configName(),
                    channel.models().size(), channel.priority(), channel.weight());
        }
        Map<String, String> everything = new LinkedHashMap<>();
        catalog.all().forEach(m -> everything.put(m.id(), m.id()));
        Channel builtIn = channels.stream().filter(c -> c.name().equals(LOCAL)).findFirst()
                .orElseGet(() -> Channel.local(everything));
        return new Router(routes, new Router.Route(builtIn, local), clock, ThreadLocalRandom.current());
    }

    /** Channels implied by the environment alone, so a key is all it takes to use a real upstream. */
    static List<Channel> zeroConfig(Map<String, String> env, ModelCatalog catalog, LocalDate today) {
        List<Channel> channels = new ArrayList<>();
        key(env, "OPENAI_API_KEY").ifPresent(key -> {
            // Models OpenAI has shut down stay local: sending them upstream would only fetch 404s.
            Map<String, String> models = ids(catalog.all().stream()
                    .filter(m -> m.ownedBy().equals("openai") && ChannelType.OPENAI.speaks(m))
                    .filter(m -> m.shutdownDate().map(today::isBefore).orElse(true))
                    .toList());
            if (!models.isEmpty()) {
                channels.add(upstream("openai", ChannelType.OPENAI,
                        env.getOrDefault("OPENAI_BASE_URL", OpenAiEndpoint.OPENAI_BASE_URL), key, models));
            }
        });
        key(env, "DASHSCOPE_API_KEY").ifPresent(key -> {
            Map<String, String> models = ids(catalog.all().stream().filter(ChannelType.DASHSCOPE::speaks).toList());
            if (!models.isEmpty()) {
                channels.add(upstream("dashscope", ChannelType.DASHSCOPE,
                        env.getOrDefault("DASHSCOPE_BASE_URL", DashScopeEndpoint.DEFAULT_BASE_URL), key, models));
            }
        });
        return channels;
    }

    private static Channel upstream(String name, ChannelType type, String baseUrl, UpstreamKey key,
                                    Map<String, String> models) {
        var timeouts = type == ChannelType.DASHSCOPE
                ? dev.easel.provider.UpstreamTimeouts.dashScopeDefaults()
                : dev.easel.provider.UpstreamTimeouts.openAiDefaults();
        return new Channel(name, type, Optional.of(URI.create(baseUrl.strip())), Optional.of(key),
                OpenAiEndpoint.DEFAULT_AZURE_API_VERSION, models, 0, 1, timeouts, Optional.empty(),
                Channel.DEFAULT_COOLDOWN, DashScopeEndpoint.DEFAULT_POLL_FIRST, DashScopeEndpoint.DEFAULT_POLL_MAX,
                java.math.BigDecimal.ONE); // zero-config upstreams bill at list price
    }

    private static Optional<UpstreamKey> key(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank()).map(UpstreamKey::new);
    }

    private static Map<String, String> ids(List<ModelSpec> models) {
        Map<String, String> ids = new LinkedHashMap<>();
        models.forEach(m -> ids.put(m.id(), m.id()));
        return ids;
    }

    /** The provider that talks to a channel's backend. */
    static ImageProvider provider(Channel channel, ImageProvider local) {
        return switch (channel.type()) {
            case LOCAL -> local;
            case OPENAI, AZURE -> new OpenAiProvider(channel.name(), new OpenAiEndpoint(
                    channel.type() == ChannelType.AZURE ? OpenAiEndpoint.Flavor.AZURE : OpenAiEndpoint.Flavor.OPENAI,
                    channel.baseUrl().orElseThrow(), channel.key().orElseThrow(), channel.apiVersion(),
                    channel.models(), channel.timeouts()));
            case DASHSCOPE -> new DashScopeProvider(channel.name(), new DashScopeEndpoint(
                    channel.baseUrl().orElseThrow(), channel.key().orElseThrow(), channel.models(),
                    channel.timeouts(), channel.pollFirst(), channel.pollMax()));
        };
    }
}
