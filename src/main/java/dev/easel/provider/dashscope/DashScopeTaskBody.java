package dev.easel.provider.dashscope;

import dev.easel.catalog.ImageRequest;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of a qwen-image task: prompt (and negative prompt) under {@code input}; size as
 * {@code W*H}, {@code n} 1, and only the extras the client actually sent under {@code parameters},
 * so DashScope's own defaults apply to the rest.
 */
final class DashScopeTaskBody {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DashScopeTaskBody() {
    }

    static ObjectNode build(ImageRequest request, String model) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        ObjectNode input = body.putObject("input");
        input.put("prompt", request.prompt());
        ObjectNode parameters = body.putObject("parameters");
        // The parser already snapped the size to one of the five sizes qwen-image renders.
        parameters.put("size", request.size().width() + "*" + request.size().height());
        parameters.put("n", 1); // DashScope rejects any other n for qwen-image; the catalogue caps n at 1
        request.qwen().ifPresent(q -> {
            q.negativePrompt().ifPresent(v -> input.put("negative_prompt", v));
            q.promptExtend().ifPresent(v -> parameters.put("prompt_extend", v));
            q.watermark().ifPresent(v -> parameters.put("watermark", v));
        });
        request.seed().ifPresent(s -> parameters.put("seed", s));
        return body;
    }
}
