package dev.easel.generation;

import dev.easel.catalog.ImageRequest;
import dev.easel.catalog.ModelSpec;
import dev.easel.error.EaselException;
import dev.easel.catalog.ImageRequest.QwenOptions;
import java.util.Optional;

/** The prompt and the texts that travel with it (qwen's negative prompt and switches). */
final class PromptRules {
    private PromptRules() {
    }

    static String prompt(ModelSpec model, BodyFields fields) {
        String prompt = fields.string("prompt").orElseThrow(
                () -> EaselException.missingParameter("prompt", "Missing required parameter: 'prompt'."));
        if (prompt.isBlank()) {
            throw EaselException.invalidParameter("prompt", "Invalid value for 'prompt': it must not be empty.");
        }
        // Limits are in characters as people count them, so a surrogate pair counts once.
        int length = prompt.codePointCount(0, prompt.length());
        if (length > model.promptMaxChars()) {
            throw EaselException.invalidParameter("prompt", "Invalid value for 'prompt': it is " + length
                    + " characters long, and " + model.id() + " accepts at most " + model.promptMaxChars() + ".");
        }
        return prompt;
    }

    /** Present when the model takes any of the qwen extras, even if the client sent none. */
    static Optional<QwenOptions> qwenOptions(ModelSpec model, BodyFields fields) {
        if (model.negativePromptMaxChars().isEmpty() && !model.promptExtend() && !model.watermark()) {
            return Optional.empty();
        }
        Optional<String> negative = fields.string("negative_prompt");
        if (negative.isPresent()) {
            int max = model.negativePromptMaxChars().orElse(0);
            int length = negative.get().codePointCount(0, negative.get().length());
            if (length > max) {
                throw EaselException.invalidParameter("negative_prompt", "Invalid value for 'negative_prompt': it is "
                        + length + " characters long, and " + model.id() + " accepts at most " + max + ".");
            }
        }
        return Optional.of(new QwenOptions(negative, fields.bool("prompt_extend"), fields.bool("watermark")));
    }
}
