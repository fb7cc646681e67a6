package dev.easel.provider.openai;

import dev.easel.catalog.ImageRequest;
import dev.easel.catalog.ModelFamily;
import dev.easel.catalog.ModelSpec;
import dev.easel.render.ImageFormat;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the JSON sent upstream from the validated request and the model's spec: every field the
 * model takes is forwarded with its resolved value (nothing the client chose is silently dropped),
 * and nothing the model does not take is sent (OpenAI answers 400 {@code unknown_parameter}).
 */
final class OpenAiRequestBody {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OpenAiRequestBody() {
    }

    static ObjectNode build(ImageRequest request, String upstreamModel, OpenAiEndpoint.Flavor flavor) {
        ModelSpec model = request.model();
        ObjectNode body = JSON.createObjectNode();
        if (flavor == OpenAiEndpoint.Flavor.OPENAI) {
            body.put("model", upstreamModel); // Azure names the model by the deployment in the path
        }
        body.put("prompt", request.prompt());
        body.put("n", request.n());
        body.put("size", request.size().toString());
        if (model.accepts("quality")) {
            body.put("quality", request.quality());
        }
        request.style().ifPresent(s -> body.put("style", s));
        // GPT image models always answer in base64 and reject the field. For the others, ask for
        // base64 too: an upstream link expires, and Easel re-hosts url deliveries itself anyway.
        if (model.family() != ModelFamily.GPT_IMAGE && model.accepts("response_format")) {
            body.put("response_format", "b64_json");
        }
        if (model.accepts("output_format")) {
            body.put("output_format", request.outputFormat().wireName());
        }
        // OpenAI takes a compression only for lossy formats and rejects one below 100 for PNG.
        if (model.accepts("output_compression") && request.outputFormat() != ImageFormat.PNG) {
            body.put("output_compression", request.compression());
        }
        if (model.accepts("background")) {
            body.put("background", request.transparent() ? "transparent" : "opaque");
        }
        request.moderation().ifPresent(m -> body.put("moderation", m));
        if (request.stream() && model.streams()) {
            body.put("stream", true);
            body.put("partial_images", request.partialImages());
        }
        request.user().ifPresent(u -> body.put("user", u));
        if (model.family() == ModelFamily.QWEN) {
            qwenExtras(request, body); // aggregators take DashScope's extras as extra body fields
        }
        return body;
    }

    private static void qwenExtras(ImageRequest request, ObjectNode body) {
        request.qwen().ifPresent(q -> {
            q.negativePrompt().ifPresent(v -> body.put("negative_prompt", v));
            q.promptExtend().ifPresent(v -> body.put("prompt_extend", v));
            q.watermark().ifPresent(v -> body.put("watermark", v));
        });
        request.seed().ifPresent(s -> body.put("seed", s));
    }
}
