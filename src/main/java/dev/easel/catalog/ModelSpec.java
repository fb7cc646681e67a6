package dev.easel.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One catalogued model: identity and lifecycle for {@code /v1/models}, the parameters it accepts
 * with their allowed values, and its price rule. An absent optional component means the model does
 * not take that request field; validation reads these, never the model's name.
 *
 * @param id                     the canonical id, as {@code /v1/models} lists it
 * @param aliases                other ids that resolve to this model (dated snapshots)
 * @param ownedBy                {@code owned_by} in {@code /v1/models}
 * @param created                unix seconds, {@code created} in {@code /v1/models}
 * @param shutdownDate           the upstream shutdown date, when announced
 * @param family                 decides the response shape
 * @param revisedPrompt          the response carries {@code revised_prompt} (dall-e-3)
 * @param promptMaxChars         prompt limit in characters (Unicode code points)
 * @param n                      how many images one request may ask for
 * @param size                   accepted sizes and the default
 * @param quality                quality values; absent when the model takes no quality
 * @param style                  style values (dall-e-3)
 * @param responseFormat         url / b64_json and the default delivery
 * @param outputFormat           encoded formats the client may pick (wire names)
 * @param outputCompression      accepted output_compression range
 * @param background             background values and what {@code auto} becomes
 * @param moderation             moderation values
 * @param stream                 present when the model streams; holds the partial_images range
 * @param seed                   accepted seed range (an Easel extension for every model)
 * @param negativePromptMaxChars limit of qwen's negative_prompt, when the model takes it
 * @param promptExtend           the model takes qwen's prompt_extend
 * @param watermark              the model takes qwen's watermark
 * @param price                  how a generation is priced
 */
public record ModelSpec(
        String id,
        List<String> aliases,
        String ownedBy,
        long created,
        Optional<LocalDate> shutdownDate,
        ModelFamily family,
        boolean revisedPrompt,
        int promptMaxChars,
        IntRange n,
        SizeRule size,
        Optional<Choice> quality,
        Optional<Choice> style,
        Optional<Choice> responseFormat,
        Optional<Choice> outputFormat,
        Optional<IntRange> outputCompression,
        Optional<Choice> background,
        Optional<Choice> moderation,
        Optional<StreamRule> stream,
        Optional<IntRange> seed,
        Optional<Integer> negativePromptMaxChars,
        boolean promptExtend,
        boolean watermark,
        PriceRule price) {

    /** Every request field Easel knows for image generation, in the order error messages list them. */
    public static final List<String> PARAMETERS = List.of(
            "model", "prompt", "n", "size", "quality", "style", "response_format", "output_format",
            "output_compression", "background", "moderation", "stream", "partial_images", "user", "seed",
            "negative_prompt", "prompt_extend", "watermark");

    /** The quality reported and priced for a model that takes no quality parameter (qwen-image). */
    public static final String DEFAULT_QUALITY = "standard";

    // Fields every model takes: OpenAI accepts `user` on all image models, and model/prompt/n/size
    // are the core of the request.
    private static final Set<String> UNIVERSAL = Set.of("model", "prompt", "n", "size", "user");

    /** Streaming support: the range of partial images a streamed request may ask for. */
    public record StreamRule(IntRange partialImages) {
    }

    public ModelSpec {
        aliases = List.copyOf(aliases);
    }

    /** True when the model can answer with server-sent events. */
    public boolean streams() {
        return stream.isPresent();
    }

    /** True when this model takes the named request field (a name from {@link #PARAMETERS}). */
    public boolean accepts(String parameter) {
        if (UNIVERSAL.contains(parameter)) {
            return true;
        }
        return switch (parameter) {
            case "quality" -> quality.isPresent();
            case "style" -> style.isPresent();
            case "response_format" -> responseFormat.isPresent();
            case "output_format" -> outputFormat.isPresent();
            case "output_compression" -> outputCompression.isPresent();
            case "background" -> background.isPresent();
            case "moderation" -> moderation.isPresent();
            case "stream", "partial_images" -> stream.isPresent();
            case "seed" -> seed.isPresent();
            case "negative_prompt" -> negativePromptMaxChars.isPresent();
            case "prompt_extend" -> promptExtend;
            case "watermark" -> watermark;
            default -> false;
        };
    }

    /** True for the id and for every alias. */
    public boolean answersTo(String idOrAlias) {
        return id.equals(idOrAlias) || aliases.contains(idOrAlias);
    }
}
