package dev.easel.api;

import dev.easel.account.ApiKey;
import dev.easel.error.EaselException;
import dev.easel.jobs.Job;
import dev.easel.jobs.JobStore;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code GET /v1/images/generations/{id}}: an async job, for the key that submitted it only. */
final class JobsRoutes implements HttpService {
    private final Authenticator auth;
    private final JobStore jobs;
    private final JobView view;

    JobsRoutes(Authenticator auth, JobStore jobs, JobView view) {
        this.auth = auth;
        this.jobs = jobs;
        this.view = view;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/v1/images/generations/{id}", this::get)
                .any("/v1/images/generations/{id}", Routes.methodNotAllowed("GET"));
    }

    private void get(ServerRequest req, ServerResponse res) {
        ApiKey caller = auth.require(req, ApiKey.Role.API);
        String id = req.path().pathParameters().get("id");
        // Another key's job answers exactly like a missing one, so ids cannot be probed across tenants.
        Job job = jobs.find(id).filter(j -> j.keyId().equals(caller.id())).orElseThrow(() ->
                EaselException.notFound("job_not_found", "No image generation job with id `" + id + "`."));
        Routes.json(res, Status.OK_200, view.view(job));
    }
}
