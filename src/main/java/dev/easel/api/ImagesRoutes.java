package dev.easel.api;

import dev.easel.account.ApiKey;
import dev.easel.catalog.ImageRequest;
import dev.easel.catalog.ImageUsage;
import dev.easel.catalog.ModelFamily;
import dev.easel.generation.RequestParser;
import dev.easel.generation.GenerationResult;
import dev.easel.generation.ImageGeneration;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** {@code POST /v1/images/generations}: the whole request path, readable top to bottom. */
final class ImagesRoutes implements HttpService {
    private final Authenticator auth;
    private final RequestParser parser;
    private final ImageGeneration generation;
    private final long maxBodyBytes;
    private final Function<ServerRequest, String> baseUrl;

    ImagesRoutes(Authenticator auth, RequestParser parser, ImageGeneration generation, long maxBodyBytes,
                 Function<ServerRequest, String> baseUrl) {
        this.auth = auth;
        this.parser = parser;
        this.generation = generation;
        this.maxBodyBytes = maxBodyBytes;
        this.baseUrl = baseUrl;
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
        GenerationResult result = generation.generate(request, baseUrl.apply(req));
        res.header(Routes.CHANNEL_HEADER, result.channel());
        respond(res, toWire(result));
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
