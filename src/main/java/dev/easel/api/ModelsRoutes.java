package dev.easel.api;

import dev.easel.account.ApiKey;
import dev.easel.catalog.ModelCatalog;
import dev.easel.catalog.ModelSpec;
import dev.easel.error.EaselException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /v1/models} and {@code GET /v1/models/{id}} in OpenAI's shape; aliases are listed as models too. */
final class ModelsRoutes implements HttpService {
    private final Authenticator auth;
    private final ModelCatalog catalog;

    ModelsRoutes(Authenticator auth, ModelCatalog catalog) {
        this.auth = auth;
        this.catalog = catalog;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/v1/models", this::list)
                .any("/v1/models", Routes.methodNotAllowed("GET"))
                .get("/v1/models/{id}", this::one)
                .any("/v1/models/{id}", Routes.methodNotAllowed("GET"));
    }

    private void list(ServerRequest req, ServerResponse res) {
        auth.require(req, ApiKey.Role.API);
        List<Wire.Model> models = new ArrayList<>();
        for (ModelSpec spec : catalog.all()) {
            models.add(model(spec.id(), spec));
            spec.aliases().forEach(alias -> models.add(model(alias, spec)));
        }
        Routes.json(res, Status.OK_200, new Wire.ModelList("list", models));
    }

    private void one(ServerRequest req, ServerResponse res) {
        auth.require(req, ApiKey.Role.API);
        String id = req.path().pathParameters().get("id");
        ModelSpec spec = catalog.find(id).orElseThrow(() -> EaselException.modelNotFound(id));
        Routes.json(res, Status.OK_200, model(id, spec));
    }

    private static Wire.Model model(String id, ModelSpec spec) {
        return new Wire.Model(id, "model", spec.created(), spec.ownedBy(), spec.shutdownDate().map(Object::toString));
    }
}
