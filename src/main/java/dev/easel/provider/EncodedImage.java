package dev.easel.provider;

import dev.easel.catalog.PixelSize;
import dev.easel.render.ImageFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One encoded image from a provider. The bytes may be the first {@link #length()} bytes of a larger
 * buffer (an upstream image decoded into a buffer sized from the body's length), so relaying a large
 * image needs no exact-size copy; {@link #stream()} and {@link #writeTo} read the image in place, and
 * only {@link #bytes()} makes (once) an exact-size array.
 */
public final class EncodedImage {
    private final byte[] buffer;
    private final int length;
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
        this(bytes, bytes.length, format, size, revisedPrompt);
    }

    private EncodedImage(byte[] buffer, int length, ImageFormat format, PixelSize size,
                         Optional<String> revisedPrompt) {
        Objects.checkFromIndexSize(0, length, buffer.length);
        this.buffer = buffer;
        this.length = length;
        this.format = Objects.requireNonNull(format);
        this.size = Objects.requireNonNull(size);
        this.revisedPrompt = Objects.requireNonNull(revisedPrompt);
        this.exact = length == buffer.length ? buffer : null;
    }

    /** An image held in the first {@code length} bytes of {@code buffer}, which the image now owns. */
    public static EncodedImage of(byte[] buffer, int length, ImageFormat format, PixelSize size,
                                  Optional<String> revisedPrompt) {
        return new EncodedImage(buffer, length, format, size, revisedPrompt);
    }

    /** The encoded file as an exact-size array (a copy, made once, when the image sits in a larger buffer). */
    public synchronized byte[] bytes() {
        if (exact == null) {
            exact = Arrays.copyOf(buffer, length);
        }
        return exact;
    }

    /** The size of the encoded file in bytes. */
    public int length() {
        return length;
    }

    /** Reads the encoded file in place. */
    public InputStream stream() {
        return new ByteArrayInputStream(buffer, 0, length);
    }

    /** Writes {@code count} bytes of the file from {@code offset}, in place. */
    public void writeTo(OutputStream out, int offset, int count) throws IOException {
        Objects.checkFromIndexSize(offset, count, length);
        out.write(buffer, offset, count);
    }

    /** The raw buffer, valid up to {@link #length()}: for encoders that read the image in place. */
    public byte[] buffer() {
        return buffer;
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
        return "EncodedImage[" + format + ", " + size + ", " + length + " bytes]";
    }
}
