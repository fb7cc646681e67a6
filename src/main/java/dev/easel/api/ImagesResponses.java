package dev.easel.api;

import dev.easel.catalog.ImageRequest;
import dev.easel.catalog.ImageUsage;
import dev.easel.catalog.ModelFamily;
import dev.easel.generation.GenerationResult;
import java.util.Optional;

/** Builds OpenAI's images response from a generation result, for direct answers and job results alike. */
final class ImagesResponses {
    private ImagesResponses() {
    }

    static Wire.ImagesResponse of(GenerationResult result) {
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
                result.usage().map(ImagesResponses::usage));
    }

    static Wire.Usage usage(ImageUsage u) {
        return new Wire.Usage(u.totalTokens(), u.inputTokens(), u.outputTokens(),
                new Wire.InputTokensDetails(u.inputTextTokens(), u.inputImageTokens()),
                new Wire.OutputTokensDetails(u.outputImageTokens(), u.outputTextTokens()));
    }
}
