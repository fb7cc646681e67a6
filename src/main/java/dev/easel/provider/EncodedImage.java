package dev.easel.provider;

import dev.easel.catalog.PixelSize;
import dev.easel.render.ImageFormat;
import java.util.Optional;

/**
 * One encoded image from a provider.
 *
 * @param bytes         the encoded file
 * @param format        its format
 * @param size          its pixel size
 * @param revisedPrompt the prompt as the backend understood or rewrote it, when it says
 */
public record EncodedImage(byte[] bytes, ImageFormat format, PixelSize size, Optional<String> revisedPrompt) {
}
