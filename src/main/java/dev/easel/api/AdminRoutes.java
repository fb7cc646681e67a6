package dev.easel.api;

import dev.easel.account.ApiKey;
import dev.easel.account.ApiKeys;
import dev.easel.account.IssuedKey;
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

/** The admin API for keys: create (the secret is shown once), list, revoke. Admin keys only. */
final class AdminRoutes implements HttpService {
    private static final Set<String> CREATE_FIELDS = Set.of("name", "role");
    private static final int MAX_NAME = 200;

    private final Authenticator auth;
    private final ApiKeys keys;

    AdminRoutes(Authenticator auth, ApiKeys keys) {
        this.auth = auth;
        this.keys = keys;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/admin/keys", this::create)
                .get("/admin/keys", this::list)
                .any("/admin/keys", Routes.methodNotAllowed("GET, POST"))
                .delete("/admin/keys/{id}", this::revoke)
                .any("/admin/keys/{id}", Routes.methodNotAllowed("DELETE"));
    }

    private void create(ServerRequest req, ServerResponse res) {
        auth.require(req, ApiKey.Role.ADMIN);
        JsonNode body = JsonBody.read(req, 64 * 1024);
        if (!body.isObject()) {
            throw EaselException.badRequest("invalid_json", "The request body must be a JSON object such as {\"name\": \"ci\"}.");
        }
        for (Iterator<String> it = body.propertyNames().iterator(); it.hasNext(); ) {
            String field = it.next();
            if (!CREATE_FIELDS.contains(field)) {
                throw EaselException.unknownParameter(field, "Unknown parameter: '" + field + "'. Known: name, role.");
            }
        }
        String name = text(body, "name").orElseThrow(() ->
                EaselException.missingParameter("name", "Missing required parameter: 'name'."));
        if (name.isBlank() || name.length() > MAX_NAME) {
            throw EaselException.invalidParameter("name", "name must be 1 to " + MAX_NAME + " characters.");
        }
        ApiKey.Role role = text(body, "role").map(AdminRoutes::role).orElse(ApiKey.Role.API);
        IssuedKey issued = keys.create(name, role);
        Routes.json(res, Status.CREATED_201, wire(issued.key(), Optional.of(issued.secret())));
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
        return new Wire.Key(k.id(), "api_key", k.name(), k.role().name().toLowerCase(Locale.ROOT), k.prefix(),
                k.createdAt().getEpochSecond(), k.revokedAt().map(Instant::getEpochSecond), secret);
    }
}
