package dev.easel.api;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every request its id (echoed as {@code x-request-id}) and logs one line when it ends: method,
 * path, status, time, key id and model. Never the key, the prompt or image bytes.
 */
final class AccessLog implements Filter {
    static final String MODEL_KEY = "easel.model";
    private static final Logger LOG = LoggerFactory.getLogger("easel.access");

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String id = RequestIds.next();
        req.context().register(RequestIds.CONTEXT_KEY, id);
        res.header("x-request-id", id);
        long start = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            if (LOG.isInfoEnabled()) {
                LOG.info("{} {} {} {}ms {} key={} model={}", req.prologue().method().text(), req.path().path(),
                        res.status().code(), (System.nanoTime() - start) / 1_000_000, id,
                        req.context().get(Authenticator.CONTEXT_KEY, String.class).orElse("-"),
                        req.context().get(MODEL_KEY, String.class).orElse("-"));
            }
        }
    }
}
