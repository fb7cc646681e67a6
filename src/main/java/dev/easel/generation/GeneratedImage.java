package dev.easel.generation;

import dev.easel.provider.EncodedImage;
import java.util.Optional;

/**
 * One image as the client receives it: inline bytes (sent as {@code b64_json}), a hosted link, or
 * neither when it was relayed as it arrived.
 *
 * @param inline        the encoded image, when delivered inline (read it in place: {@link EncodedImage#stream()})
 * @param url           the signed link, when hosted
 * @param revisedPrompt for models that report one
 */
public record GeneratedImage(Optional<EncodedImage> inline, Optional<String> url, Optional<String> revisedPrompt) {

    /** An image whose base64 text went to the client while the upstream sent it: neither bytes nor a link remain. */
    public static GeneratedImage relayed(Optional<String> revisedPrompt) {
        return new GeneratedImage(Optional.empty(), Optional.empty(), revisedPrompt);
    }

    public boolean wasRelayed() {
        return inline.isEmpty() && url.isEmpty();
    }
}
