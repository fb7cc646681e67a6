package dev.easel.routing;

import dev.easel.provider.UpstreamKey;
import dev.easel.provider.UpstreamTimeouts;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One configured backend: a provider instance with its address, key, the models it serves and how
 * routing treats it. The key is held as an {@link UpstreamKey}, so printing a channel never shows it.
 *
 * @param name           unique; shown in {@code x-easel-channel} and in errors
 * @param type           which provider serves it
 * @param baseUrl        the upstream's address (none for {@code local})
 * @param key            the upstream key (none for {@code local})
 * @param apiVersion     Azure's {@code api-version}
 * @param models         catalogued model id to the id the upstream knows it by
 * @param priority       higher tiers are tried first
 * @param weight         share of traffic inside its priority tier
 * @param timeouts       connect, first byte, total
 * @param maxConcurrency requests in flight at most; a full channel is skipped
 * @param cooldown       how long a failing channel rests before a probe request
 * @param pollFirst      DashScope: wait before the first poll
 * @param pollMax        DashScope: longest wait between polls
 * @param costMultiplier what the operator pays this channel, as a multiple of the catalogue's list
 *                       price (an aggregator's discount, a reseller's margin); the ledger records it
 *                       as the request's cost
 */
public record Channel(
        String name,
        ChannelType type,
        Optional<URI> baseUrl,
        Optional<UpstreamKey> key,
        String apiVersion,
        Map<String, String> models,
        int priority,
        int weight,
        UpstreamTimeouts timeouts,
        Optional<Integer> maxConcurrency,
        Duration cooldown,
        Duration pollFirst,
        Duration pollMax,
        BigDecimal costMultiplier) {

    public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(30);

    public Channel {
        models = Map.copyOf(models);
        if (costMultiplier.signum() < 0) {
            throw new IllegalArgumentException("cost_multiplier must not be negative but was " + costMultiplier);
        }
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be at least 1 but was " + weight);
        }
    }

    /** The built-in renderer as a channel: every model, no limits, last resort for unrouted models. */
    public static Channel local(Map<String, String> models) {
        return new Channel("local", ChannelType.LOCAL, Optional.empty(), Optional.empty(), "", models, 0, 1,
                UpstreamTimeouts.openAiDefaults(), Optional.empty(), DEFAULT_COOLDOWN, Duration.ofSeconds(1),
                Duration.ofSeconds(5), BigDecimal.ZERO); // the built-in renderer costs the operator nothing upstream
    }

    public boolean serves(String modelId) {
        return models.containsKey(modelId);
    }
}
