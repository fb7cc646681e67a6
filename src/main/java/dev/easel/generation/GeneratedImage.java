package dev.easel.generation;

import java.util.Optional;

/**
 * One image as the client receives it: inline bytes (sent as {@code b64_json}) or a hosted link.
 *
 * @param inline        the encoded image, when delivered inline
 * @param url           the signed link, when hosted
 * @param revisedPrompt for models that report one
 */
public record GeneratedImage(Optional<byte[]> inline, Optional<String> url, Optional<String> revisedPrompt) {
}
