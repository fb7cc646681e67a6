package dev.easel.generation;

import dev.easel.provider.EncodedImage;
import java.util.Optional;

/**
 * One image as the client receives it: inline bytes (sent as {@code b64_json}) or a hosted link.
 *
 * @param inline        the encoded image, when delivered inline (read it in place: {@link EncodedImage#stream()})
 * @param url           the signed link, when hosted
 * @param revisedPrompt for models that report one
 */
public record GeneratedImage(Optional<EncodedImage> inline, Optional<String> url, Optional<String> revisedPrompt) {
}
