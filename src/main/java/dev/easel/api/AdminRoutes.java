package dev.easel.api;

import dev.easel.account.ApiKey;
import dev.easel.account.ApiKeys;
import dev.easel.account.IpRange;
import dev.easel.account.IssuedKey;
import dev.easel.account.KeyPolicy;
import dev.easel.catalog.ModelCatalog;
import dev.easel.ledger.Money;
import dev.easel.error.EaselException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The admin API for keys: create (the secret is shown once), list, read, change (PATCH), revoke.
 * Admin keys only. Field reference: docs/ACCOUNTS.md.
 */
final class AdminRoutes implements HttpService {
    private static final Set<String> CREATE_FIELDS = union(Set.of("name", "role"), KeyFields.POLICY);
    private static final Set<String> PATCH_FIELDS = union(Set.of("name"), KeyFields.POLICY);
    private static final int MAX_NAME = 200;

    private final Authenticator auth;
    private final ApiKeys keys;
    private final ModelCatalog catalog;

    AdminRoutes(Authenticator auth, ApiKeys keys, ModelCatalog catalog) {
        this.auth = auth;
        this.keys = keys;
        this.catalog = catalog;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/admin/keys", this::create)
                .get("/admin/keys", this::list)
                .any("/admin/keys", Routes.methodNotAllowed("GET, POST"))
                .get("/admin/keys/{id}", this::read)
                .patch("/admin/keys/{id}", this::update)
                .delete("/admin/keys/{id}", this::revoke)
                .any("/admin/keys/{id}", Routes.methodNotAllowed("GET, PATCH, DELETE"));
    }

    private void create(ServerRequest req, ServerResponse res) {
        auth.require(req, ApiKey.Role.ADMIN);
        JsonNode body = object(req, CREATE_FIELDS);
        String name = text(body, "name").orElseThrow(() ->
                EaselException.missingParameter("name", "Missing required parameter: 'name'."));
        checkName(name);
        ApiKey.Role role = text(body, "role").map(AdminRoutes::role).orElse(ApiKey.Role.API);
        KeyPolicy policy = KeyFields.apply(body, KeyPolicy.UNLIMITED, catalog);
        IssuedKey issued = keys.create(name, role, policy);
        Routes.json(res, Status.CREATED_201, wire(issued.key(), Optional.of(issued.secret())));
    }

    private void read(ServerRequest req, ServerResponse res) {
        auth.require(req, ApiKey.Role.ADMIN);
        String id = req.path().pathParameters().get("id");
        ApiKey key = keys.find(id).orElseThrow(() -> EaselException.notFound("key_not_found", "No API key with id `" + id + "`."));
        Routes.json(res, Status.OK_200, wire(key, Optional.empty()));
    }

    /** Fields left out keep their value, {@code null} clears a limit; the role cannot change (issue a new key). */
    private void update(ServerRequest req, ServerResponse res) {
        auth.require(req, ApiKey.Role.ADMIN);
        JsonNode body = object(req, PATCH_FIELDS);
        Optional<String> name = text(body, "name");
        name.ifPresent(AdminRoutes::checkName);
        ApiKey updated = keys.update(req.path().pathParameters().get("id"), name,
                current -> KeyFields.apply(body, current, catalog));
        Routes.json(res, Status.OK_200, wire(updated, Optional.empty()));
    }

    private static JsonNode object(ServerRequest req, Set<String> known) {
        JsonNode body = JsonBody.read(req, 64 * 1024);
        if (!body.isObject()) {
            throw EaselException.badRequest("invalid_json", "The request body must be a JSON object such as {\"name\": \"ci\"}.");
        }
        for (Iterator<String> it = body.propertyNames().iterator(); it.hasNext(); ) {
            String field = it.next();
            if (!known.contains(field)) {
                throw EaselException.unknownParameter(field, "Unknown parameter: '" + field + "'. Known: "
                        + known.stream().sorted().toList() + ".");
            }
        }
        return body;
    }

    private static void checkName(String name) {
        if (name.isBlank() || name.length() > MAX_NAME) {
            throw EaselException.invalidParameter("name", "name must be 1 to " + MAX_NAME + " characters.");
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private void list(ServerRequest req, ServerResponse res) {
        auth.require(req, ApiKey.Role.ADMIN);
        Routes.json(res, Status.OK_200, new Wire.KeyList("list",
                keys.list().stream().map(k -> wire(k, Optional.empty())).toList()));
    }

    private void revoke(ServerRequest req, ServerResponse res) {
        auth.require(req, ApiKey.Role.ADMIN);
        ApiKey revoked = keys.revoke(req.path().pathParameters().get("id"));
        Routes.json(res, Status.OK_200, wire(revoked, Optional.empty()));
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isString()) {
            throw EaselException.invalidType(field, field + " must be a string.");
        }
        return Optional.of(node.asString());
    }

    private static ApiKey.Role role(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "api" -> ApiKey.Role.API;
            case "admin" -> ApiKey.Role.ADMIN;
            default -> throw EaselException.invalidParameter("role", "role must be `api` or `admin`.");
        };
    }

    static Wire.Key wire(ApiKey k, Optional<String> secret) {
        KeyPolicy p = k.policy();
        return new Wire.Key(k.id(), "api_key", k.name(), k.role().name().toLowerCase(Locale.ROOT), k.prefix(),
                k.createdAt().getEpochSecond(), k.revokedAt().map(Instant::getEpochSecond), secret,
                p.owner(), p.expiresAt().map(Instant::getEpochSecond), p.models().stream().sorted().toList(),
                p.allowedIps().stream().map(IpRange::toString).toList(),
                p.budget().map(b -> Money.usd(b.micros())), p.budget().map(b -> b.period().wireName()),
                p.limits().rpm(), p.limits().imagesPerMinute(), p.limits().maxConcurrency(), p.priceMultiplier());
    }
}
