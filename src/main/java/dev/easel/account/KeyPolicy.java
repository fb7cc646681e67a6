package dev.easel.account;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a key may do. Empty lists mean "any model" and "any address".
 *
 * @param owner           a free tag (team, customer) for reports; empty when unset
 * @param expiresAt       after this instant the key is refused with 401
 * @param models          canonical model ids the key may use (aliases were resolved when the policy was set)
 * @param allowedIps      client address blocks the key may be used from
 * @param budget          spending cap
 * @param limits          rate and concurrency limits
 * @param priceMultiplier the key pays list price times this (1 by default)
 */
public record KeyPolicy(String owner, Optional<Instant> expiresAt, Set<String> models, List<IpRange> allowedIps,
                        Optional<Budget> budget, RateLimits limits, BigDecimal priceMultiplier) {

    public static final KeyPolicy UNLIMITED = new KeyPolicy("", Optional.empty(), Set.of(), List.of(),
            Optional.empty(), RateLimits.NONE, BigDecimal.ONE);

    public KeyPolicy {
        models = Set.copyOf(models);
        allowedIps = List.copyOf(allowedIps);
        if (owner.length() > 200) {
            throw new IllegalArgumentException("owner must be at most 200 characters");
        }
        if (priceMultiplier.signum() < 0 || priceMultiplier.compareTo(BigDecimal.valueOf(1000)) > 0) {
            throw new IllegalArgumentException("price_multiplier must be between 0 and 1000");
        }
    }

    public boolean expired(Instant now) {
        return expiresAt.map(e -> !now.isBefore(e)).orElse(false);
    }

    public boolean allowsAddress(InetAddress client) {
        return allowedIps.isEmpty() || allowedIps.stream().anyMatch(r -> r.contains(client));
    }

    public boolean allowsModel(String canonicalId) {
        return models.isEmpty() || models.contains(canonicalId);
    }

    public KeyPolicy withOwner(String v) {
        return new KeyPolicy(v, expiresAt, models, allowedIps, budget, limits, priceMultiplier);
    }

    public KeyPolicy withExpiresAt(Optional<Instant> v) {
        return new KeyPolicy(owner, v, models, allowedIps, budget, limits, priceMultiplier);
    }

    public KeyPolicy withModels(Set<String> v) {
        return new KeyPolicy(owner, expiresAt, v, allowedIps, budget, limits, priceMultiplier);
    }

    public KeyPolicy withAllowedIps(List<IpRange> v) {
        return new KeyPolicy(owner, expiresAt, models, v, budget, limits, priceMultiplier);
    }

    public KeyPolicy withBudget(Optional<Budget> v) {
        return new KeyPolicy(owner, expiresAt, models, allowedIps, v, limits, priceMultiplier);
    }

    public KeyPolicy withLimits(RateLimits v) {
        return new KeyPolicy(owner, expiresAt, models, allowedIps, budget, v, priceMultiplier);
    }

    public KeyPolicy withPriceMultiplier(BigDecimal v) {
        return new KeyPolicy(owner, expiresAt, models, allowedIps, budget, limits, v);
    }
}
