package dev.easel.cli;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The key policy flags of {@code keys create} and {@code keys update}, mirroring the admin API fields.
 * They become the same JSON the API reads, so one set of rules checks both; {@code none} clears a value.
 */
final class PolicyFlags {
    @Option(names = "--owner", description = "Owner tag (team, customer) for reports.")
    Optional<String> owner = Optional.empty();

    @Option(names = "--expires-at", description = "Expiry: ISO-8601 instant (2027-01-01T00:00:00Z) or unix seconds.")
    Optional<String> expiresAt = Optional.empty();

    @Option(names = "--models", description = "Comma-separated models (ids or aliases) the key may use.")
    Optional<String> models = Optional.empty();

    @Option(names = "--allowed-ips", description = "Comma-separated CIDR blocks (IPv4 or IPv6) the key may call from.")
    Optional<String> allowedIps = Optional.empty();

    @Option(names = "--budget-usd", description = "Spending cap in USD (micro-dollar precision).")
    Optional<String> budgetUsd = Optional.empty();

    @Option(names = "--budget-period", description = "`total` (default) or `month` (calendar month UTC).")
    Optional<String> budgetPeriod = Optional.empty();

    @Option(names = "--rpm", description = "Requests per minute.")
    Optional<String> rpm = Optional.empty();

    @Option(names = "--images-per-minute", description = "Images per minute (n counts).")
    Optional<String> imagesPerMinute = Optional.empty();

    @Option(names = "--max-concurrency", description = "Requests in flight at once.")
    Optional<String> maxConcurrency = Optional.empty();

    @Option(names = "--price-multiplier", description = "The key pays list price times this (default 1).")
    Optional<String> priceMultiplier = Optional.empty();

    ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        put(o, "owner", owner, f::stringNode);
        put(o, "expires_at", expiresAt, v -> v.matches("\\d+") ? f.numberNode(Long.parseLong(v)) : f.stringNode(v));
        put(o, "models", models, v -> list(f, v));
        put(o, "allowed_ips", allowedIps, v -> list(f, v));
        put(o, "budget_usd", budgetUsd, v -> f.numberNode(decimal("--budget-usd", v)));
        put(o, "budget_period", budgetPeriod, f::stringNode);
        put(o, "rpm", rpm, v -> f.numberNode(integer("--rpm", v)));
        put(o, "images_per_minute", imagesPerMinute, v -> f.numberNode(integer("--images-per-minute", v)));
        put(o, "max_concurrency", maxConcurrency, v -> f.numberNode(integer("--max-concurrency", v)));
        put(o, "price_multiplier", priceMultiplier, v -> f.numberNode(decimal("--price-multiplier", v)));
        return o;
    }

    private static void put(ObjectNode o, String field, Optional<String> flag,
                            java.util.function.Function<String, JsonNode> value) {
        flag.map(String::strip).ifPresent(v -> o.set(field, v.equalsIgnoreCase("none") ? o.nullNode() : value.apply(v)));
    }

    private static ArrayNode list(JsonNodeFactory f, String csv) {
        ArrayNode a = f.arrayNode();
        Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(a::add);
        return a;
    }

    private static int integer(String flag, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be an integer or `none` but was `" + v + "`");
        }
    }

    private static BigDecimal decimal(String flag, String v) {
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a number or `none` but was `" + v + "`");
        }
    }
}
