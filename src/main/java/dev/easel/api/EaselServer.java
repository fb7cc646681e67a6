package dev.easel.api;

import dev.easel.account.ApiKeys;
import dev.easel.catalog.ModelCatalog;
import dev.easel.generation.RequestParser;
import dev.easel.delivery.HostedImages;
import dev.easel.error.EaselException;
import dev.easel.generation.ImageGeneration;
import dev.easel.jobs.IdempotencyKeys;
import dev.easel.jobs.JobRunner;
import dev.easel.jobs.JobStore;
import dev.easel.jobs.Webhooks;
import dev.easel.ledger.Metering;
import dev.easel.ledger.UsageQueries;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http2.Http2Config;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The HTTP server: every route of Easel, assembled in one place. */
public final class EaselServer implements AutoCloseable {
    private final WebServer server;

    private EaselServer(WebServer server) {
        this.server = server;
    }

    /**
     * Listening settings.
     *
     * @param publicBaseUrl base for hosted links; when absent, taken from the request's Host header
     * @param sseKeepAlive  how long a stream may stay silent before a keep-alive comment is sent
     * @param jobTtl        how long async jobs and their images are kept
     */
    public record Settings(String host, int port, long maxBodyBytes, Optional<String> publicBaseUrl,
                           Duration sseKeepAlive, Duration jobTtl) {
    }

    /** Everything the routes call into, built by the composition root. */
    public record Parts(ApiKeys keys, ModelCatalog catalog, RequestParser parser, ImageGeneration generation,
                        HostedImages hosted, JobRunner jobs, JobStore jobStore, JobView jobView,
                        IdempotencyKeys idempotency, Webhooks.WebhookPolicy webhooks, Metering metering,
                        UsageQueries usage) {
    }

    public static EaselServer start(Settings settings, Parts parts) {
        Authenticator auth = new Authenticator(parts.keys(), Clock.systemUTC());
        ImagesRoutes images = new ImagesRoutes(
                new ImagesRoutes.Parts(auth, parts.parser(), parts.generation(), parts.jobs(), parts.jobStore(),
                        parts.jobView(), parts.idempotency(), parts.webhooks(), parts.metering()),
                new ImagesRoutes.Settings(settings.maxBodyBytes(), req -> baseUrl(settings, req), settings.sseKeepAlive(),
                        settings.jobTtl(), Clock.systemUTC()));
        HttpRouting.Builder routing = HttpRouting.builder()
                .addFilter(new AccessLog())
                .error(EaselException.class, ErrorRenderer::render)
                .error(Throwable.class, ErrorRenderer::renderUnexpected)
                .get("/health", (req, res) -> Routes.json(res, Status.OK_200, new Wire.Health("ok")))
                .register(images)
                .register(new JobsRoutes(auth, parts.jobStore(), parts.jobView()))
                .register(new ModelsRoutes(auth, parts.catalog()))
                .register(new FilesRoutes(parts.hosted()))
                .register(new AdminRoutes(auth, parts.keys(), parts.catalog()))
                .register(new UsageRoutes(auth, parts.usage(), parts.metering(), Clock.systemUTC()))
                .any(Routes.unknownPath());
        WebServer server = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                .maxPayloadSize(hardBodyCap(settings.maxBodyBytes()))
                // Small last writes (a final chunk, an SSE event) must not wait for the client's delayed ACK.
                .connectionOptions(socket -> socket.tcpNoDelay(true))
                .useNio(false)
                // HTTP/1.1, and HTTP/2 for clients that open with its preface (h2c by prior knowledge)
                .protocolsDiscoverServices(false)
                .addProtocol(Http2Config.create())
                .addConnectionSelector(new Http1UnlessPreface())
                .directHandlers(b -> transportErrors(b, settings.maxBodyBytes()))
                .routing(routing)
                .build()
                .start();
        return new EaselServer(server);
    }

    /**
     * Bodies over the configured limit get a 413 after Easel drains them, up to this cap; bodies over
     * the cap are cut off by Helidon itself (413, connection closed) so a huge upload costs bounded work.
     */
    static long hardBodyCap(long maxBodyBytes) {
        return maxBodyBytes > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : maxBodyBytes * 4;
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }

    private static String baseUrl(Settings settings, ServerRequest req) {
        return settings.publicBaseUrl()
                .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u)
                .orElseGet(() -> {
                    var uri = req.requestedUri();
                    String host = uri.host().contains(":") ? "[" + uri.host() + "]" : uri.host();
                    return uri.scheme() + "://" + host + ":" + uri.port();
                });
    }

    /** Failures Helidon answers before routing (unparseable HTTP, oversized bodies) get OpenAI-shaped bodies too. */
    private static void transportErrors(DirectHandlers.Builder builder, long maxBodyBytes) {
        DirectHandler handler = (request, eventType, status, headers, message) -> DirectHandler.TransportResponse.builder()
                .status(status)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .header(HeaderNames.create("x-request-id"), RequestIds.next())
                .entity(status.code() == 413
                        ? ErrorRenderer.bytes(EaselException.payloadTooLarge(maxBodyBytes))
                        : ErrorRenderer.bytes(status.code(), status.code() >= 500
                                ? "The server had an error while processing your request."
                                : "The HTTP request could not be understood: " + status.reasonPhrase() + "."))
                .build();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            builder.addHandler(type, handler);
        }
    }
}
