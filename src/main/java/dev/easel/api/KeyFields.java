package dev.easel.api;

import dev.easel.account.Budget;
import dev.easel.account.IpRange;
import dev.easel.account.KeyPolicy;
import dev.easel.account.RateLimits;
import dev.easel.catalog.ModelCatalog;
import dev.easel.catalog.ModelSpec;
import dev.easel.error.EaselException;
import dev.easel.ledger.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The policy fields of {@code POST /admin/keys} and {@code PATCH /admin/keys/{id}}, with PATCH
 * semantics for both: a field left out keeps its value, {@code null} clears it (no limit), a value sets
 * it. Models are checked against the catalogue and stored by canonical id, so an alias allows its model.
 * The CLI builds the same JSON from its flags, so both read one set of rules.
 */
public final class KeyFields {
    static final Set<String> POLICY = Set.of("owner", "expires_at", "models", "allowed_ips", "budget_usd",
            "budget_period", "rpm", "images_per_minute", "max_concurrency", "price_multiplier");

    private KeyFields() {
    }

    public static KeyPolicy apply(JsonNode body, KeyPolicy current, ModelCatalog catalog) {
        KeyPolicy p = current;
        if (body.has("owner")) {
            p = checked("owner", p, field(body, "owner", n -> text(n, "owner")).orElse(""), KeyPolicy::withOwner);
        }
        if (body.has("expires_at")) {
            p = p.withExpiresAt(field(body, "expires_at", KeyFields::instant));
        }
        if (body.has("models")) {
            p = p.withModels(Set.copyOf(field(body, "models", n -> models(n, catalog)).orElse(List.of())));
        }
        if (body.has("allowed_ips")) {
            p = p.withAllowedIps(field(body, "allowed_ips", n -> strings(n, "allowed_ips").stream()
                    .map(s -> parse("allowed_ips", s, IpRange::parse)).toList()).orElse(List.of()));
        }
        p = p.withBudget(budget(body, p.budget()));
        p = p.withLimits(new RateLimits(
                limit(body, "rpm", p.limits().rpm()),
                limit(body, "images_per_minute", p.limits().imagesPerMinute()),
                limit(body, "max_concurrency", p.limits().maxConcurrency())));
        if (body.has("price_multiplier")) {
            BigDecimal m = field(body, "price_multiplier", n -> decimal(n, "price_multiplier")).orElse(BigDecimal.ONE);
            p = checked("price_multiplier", p, m, KeyPolicy::withPriceMultiplier);
        }
        return p;
    }

    private static Optional<Budget> budget(JsonNode body, Optional<Budget> current) {
        Optional<Budget.Period> period = body.has("budget_period")
                ? field(body, "budget_period", n -> parse("budget_period", text(n, "budget_period"), Budget.Period::parse))
                : Optional.empty();
        if (body.has("budget_usd")) {
            Optional<Long> micros = field(body, "budget_usd",
                    n -> parse("budget_usd", decimal(n, "budget_usd"), Money::micros));
            return micros.map(m -> new Budget(m, period.or(() -> current.map(Budget::period)).orElse(Budget.Period.TOTAL)));
        }
        if (period.isPresent()) {
            if (current.isEmpty()) {
                throw EaselException.invalidParameter("budget_period", "budget_period needs a budget: send budget_usd too.");
            }
            return Optional.of(new Budget(current.get().micros(), period.get()));
        }
        return current;
    }

    private static Optional<Integer> limit(JsonNode body, String name, Optional<Integer> current) {
        if (!body.has(name)) {
            return current;
        }
        Optional<Integer> value = field(body, name, n -> {
            if (!n.isIntegralNumber() || !n.canConvertToInt()) {
                throw EaselException.invalidType(name, name + " must be an integer, or null for no limit.");
            }
            return n.asInt();
        });
        if (value.isPresent() && value.get() < 1) {
            throw EaselException.invalidParameter(name, name + " must be at least 1, or null for no limit.");
        }
        return value;
    }

    private static <T> Optional<T> field(JsonNode body, String name, Function<JsonNode, T> read) {
        JsonNode node = body.get(name);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(read.apply(node));
    }

    private static Instant instant(JsonNode n) {
        if (n.isIntegralNumber()) {
            return Instant.ofEpochSecond(n.asLong());
        }
        if (n.isString()) {
            try {
                return Instant.parse(n.asString());
            } catch (DateTimeParseException e) {
                // fall through to the error below
            }
        }
        throw EaselException.invalidParameter("expires_at",
                "expires_at must be unix seconds or an ISO-8601 instant such as 2027-01-01T00:00:00Z, or null.");
    }

    private static List<String> models(JsonNode n, ModelCatalog catalog) {
        Set<String> ids = new LinkedHashSet<>();
        for (String name : strings(n, "models")) {
            ids.add(catalog.find(name).map(ModelSpec::id).orElseThrow(() -> EaselException.invalidParameter("models",
                    "models lists `" + name + "`, which is not a model of this server (GET /v1/models lists them).")));
        }
        return List.copyOf(ids);
    }

    private static List<String> strings(JsonNode n, String name) {
        if (!n.isArray()) {
            throw EaselException.invalidType(name, name + " must be an array of strings, or null.");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : n) {
            out.add(text(item, name));
        }
        return out;
    }

    static String text(JsonNode n, String name) {
        if (!n.isString()) {
            throw EaselException.invalidType(name, name + " must be a string.");
        }
        return n.asString();
    }

    private static BigDecimal decimal(JsonNode n, String name) {
        try {
            if (n.isNumber()) {
                return n.decimalValue();
            }
            if (n.isString()) {
                return new BigDecimal(n.asString().strip());
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw EaselException.invalidType(name, name + " must be a number.");
    }

    /** Turns a value check that failed (IllegalArgumentException) into a 400 naming the field. */
    private static <T, R> R parse(String name, T value, Function<T, R> parse) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw EaselException.invalidParameter(name, e.getMessage() + ".");
        }
    }

    private static <T> KeyPolicy checked(String name, KeyPolicy p, T value,
                                         java.util.function.BiFunction<KeyPolicy, T, KeyPolicy> set) {
        try {
            return set.apply(p, value);
        } catch (IllegalArgumentException e) {
            throw EaselException.invalidParameter(name, e.getMessage() + ".");
        }
    }
}
