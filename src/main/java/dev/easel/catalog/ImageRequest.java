package dev.easel.catalog;

import dev.easel.render.ImageFormat;
import java.util.Optional;

/**
 * A generation request that passed validation against its model's rules, with every default and
 * {@code auto} resolved. Nothing downstream of the parser re-validates it.
 *
 * @param model          the catalogued model (aliases resolved)
 * @param prompt         the prompt, within the model's limit
 * @param n              number of images, within the model's range
 * @param size           resolved pixel size ({@code auto} resolved, qwen sizes snapped)
 * @param quality        resolved quality value as the model names it ({@code high}, {@code hd}, {@code standard}...)
 * @param style          dall-e-3 style, when the model has one
 * @param delivery       how images travel back: inline base64 or a hosted URL
 * @param outputFormat   encoded format of the images
 * @param compression    0-100, the requested output_compression (100 when absent)
 * @param transparent    resolved background: true for a transparent background
 * @param moderation     the requested moderation level, when the model takes one
 * @param stream         the client asked for server-sent events
 * @param partialImages  0-3 partial images per image when streaming
 * @param seed           the client's seed (an Easel extension), when given
 * @param user           the client's end-user id, when given
 * @param qwen           qwen-image extras, when the model is a qwen model
 */
public record ImageRequest(
        ModelSpec model,
        String prompt,
        int n,
        PixelSize size,
        String quality,
        Optional<String> style,
        Delivery delivery,
        ImageFormat outputFormat,
        int compression,
        boolean transparent,
        Optional<String> moderation,
        boolean stream,
        int partialImages,
        Optional<Long> seed,
        Optional<String> user,
        Optional<QwenOptions> qwen) {

    /** The same request delivered another way (async jobs keep their images in the store themselves). */
    public ImageRequest withDelivery(Delivery newDelivery) {
        return new ImageRequest(model, prompt, n, size, quality, style, newDelivery, outputFormat, compression,
                transparent, moderation, stream, partialImages, seed, user, qwen);
    }

    /** How the images reach the client. */
    public enum Delivery { B64_JSON, URL }

    /** DashScope extras a client may send for qwen-image models. */
    public record QwenOptions(
            Optional<String> negativePrompt, Optional<Boolean> promptExtend, Optional<Boolean> watermark) {
    }
}
