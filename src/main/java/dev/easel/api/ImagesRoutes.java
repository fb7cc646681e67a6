package dev.easel.api;

import dev.easel.account.ApiKey;
import dev.easel.catalog.ImageRequest;
import dev.easel.catalog.ImageUsage;
import dev.easel.catalog.ModelFamily;
import dev.easel.generation.RequestParser;
import dev.easel.generation.GenerationResult;
import dev.easel.generation.ImageGeneration;
import dev.easel.error.EaselException;
import dev.easel.ledger.Metering;
import dev.easel.ledger.Reservation;
import dev.easel.ledger.Settlement;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/** {@code POST /v1/images/generations}: the whole request path, readable top to bottom. */
final class ImagesRoutes implements HttpService {
    private static final Logger LOG = LoggerFactory.getLogger(ImagesRoutes.class);
    private final Authenticator auth;
    private final RequestParser parser;
    private final ImageGeneration generation;
    private final long maxBodyBytes;
    private final Function<ServerRequest, String> baseUrl;
    private final Duration keepAlive;
    private final Clock clock;
    private final Metering metering;

    ImagesRoutes(Authenticator auth, RequestParser parser, ImageGeneration generation, long maxBodyBytes,
                 Function<ServerRequest, String> baseUrl, Duration keepAlive, Clock clock, Metering metering) {
        this.auth = auth;
        this.metering = metering;
        this.parser = parser;
        this.generation = generation;
        this.maxBodyBytes = maxBodyBytes;
        this.baseUrl = baseUrl;
        this.keepAlive = keepAlive;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/v1/images/generations", this::generate)
                .any("/v1/images/generations", Routes.methodNotAllowed("POST"));
    }

    private void generate(ServerRequest req, ServerResponse res) {
        ApiKey caller = auth.require(req, ApiKey.Role.API);
        JsonNode body = JsonBody.read(req, maxBodyBytes);
        ImageRequest request = parser.parse(body);
        req.context().register(AccessLog.MODEL_KEY, request.model().id());
        // Closing the reservation refunds it unless settled, and always frees the concurrency slot.
        try (Reservation reservation = metering.reserve(caller, request, RequestIds.current(req))) {
            reservation.headers().forEach(res::header);
            if (request.stream()) {
                stream(res, request, reservation);
                return;
            }
            GenerationResult result = generation.generate(request, baseUrl.apply(req));
            reservation.settle(Settlement.of(result.images().size(), result.usage(), result.channel()));
            res.header(Routes.CHANNEL_HEADER, result.channel());
            respond(res, toWire(result));
        }
    }

    /**
     * Streams the generation as server-sent events. The stream opens (200) before generating so
     * keep-alives can flow during long generations; a later failure becomes an {@code error} event.
     */
    private void stream(ServerResponse res, ImageRequest request, Reservation reservation) {
        try (SseStream sse = SseStream.open(res, keepAlive)) {
            ImageEvents events = new ImageEvents(sse, request, generation, clock);
            try {
                GenerationResult result = generation.generate(request, "", events);
                reservation.settle(Settlement.of(result.images().size(), result.usage(), result.channel()));
            } catch (SseStream.ClientGoneException e) {
                LOG.debug("client disconnected mid-stream; generation stopped");
            } catch (EaselException e) {
                events.failed(e);
            } catch (RuntimeException e) {
                LOG.error("unexpected failure mid-stream", e);
                events.failed(EaselException.serverError("The server had an error while generating the images."));
            } finally {
                // A stream that broke off is charged for the images whose completed event went out, no more
                // (a no-op when the generation already settled).
                reservation.settle(Settlement.of(events.delivered(), Optional.empty(), ""));
            }
        } catch (SseStream.ClientGoneException e) {
            LOG.debug("client disconnected before the error event could be sent");
        }
    }

    private static Wire.ImagesResponse toWire(GenerationResult result) {
        ImageRequest request = result.request();
        var data = result.images().stream()
                .map(i -> new Wire.ImageData(i.inline(), i.url(), i.revisedPrompt()))
                .toList();
        if (request.model().family() != ModelFamily.GPT_IMAGE) {
            return new Wire.ImagesResponse(result.created(), data, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }
        return new Wire.ImagesResponse(result.created(), data,
                Optional.of(request.transparent() ? "transparent" : "opaque"),
                Optional.of(request.outputFormat().wireName()),
                Optional.of(request.quality()),
                Optional.of(request.size().toString()),
                result.usage().map(ImagesRoutes::usage));
    }

    static Wire.Usage usage(ImageUsage u) {
        return new Wire.Usage(u.totalTokens(), u.inputTokens(), u.outputTokens(),
                new Wire.InputTokensDetails(u.inputTextTokens(), u.inputImageTokens()),
                new Wire.OutputTokensDetails(u.outputImageTokens(), u.outputTextTokens()));
    }

    /** Streams the JSON straight to the socket: base64 is encoded on the way out, never held as a String. */
    private static void respond(ServerResponse res, Wire.ImagesResponse body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        try (OutputStream out = res.outputStream()) {
            Json.MAPPER.writeValue(out, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
