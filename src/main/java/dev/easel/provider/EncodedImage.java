package dev.easel.provider;

import dev.easel.catalog.PixelSize;
import dev.easel.render.ImageFormat;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * One encoded image from a provider. Its bytes are kept as they were received ({@link ImageBytes}: an
 * upstream image decoded in pieces stays in them); {@link #stream()} reads them in place, and only
 * {@link #bytes()} makes (once) one exact array.
 */
public final class EncodedImage {
    private final ImageBytes data;
    private final ImageFormat format;
    private final PixelSize size;
    private final Optional<String> revisedPrompt;
    private byte[] exact;

    /**
     * @param bytes         the encoded file
     * @param format        its format
     * @param size          its pixel size
     * @param revisedPrompt the prompt as the backend understood or rewrote it, when it says
     */
    public EncodedImage(byte[] bytes, ImageFormat format, PixelSize size, Optional<String> revisedPrompt) {
        this(ImageBytes.of(bytes), format, size, revisedPrompt);
    }

    /** An image of the bytes {@code data}, which the image now owns. */
    public EncodedImage(ImageBytes data, ImageFormat format, PixelSize size, Optional<String> revisedPrompt) {
        this.data = Objects.requireNonNull(data);
        this.format = Objects.requireNonNull(format);
        this.size = Objects.requireNonNull(size);
        this.revisedPrompt = Objects.requireNonNull(revisedPrompt);
    }

    /** The encoded file as one exact array (joined once, when the image is held in pieces). */
    public synchronized byte[] bytes() {
        if (exact == null) {
            exact = data.toArray();
        }
        return exact;
    }

    /** The size of the encoded file in bytes. */
    public int length() {
        return data.length();
    }

    /** Reads the encoded file in place. */
    public InputStream stream() {
        return data.stream();
    }

    public ImageFormat format() {
        return format;
    }

    public PixelSize size() {
        return size;
    }

    public Optional<String> revisedPrompt() {
        return revisedPrompt;
    }

    @Override
    public String toString() {
        return "EncodedImage[" + format + ", " + size + ", " + length() + " bytes]";
    }
}
