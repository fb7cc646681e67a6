package dev.easel.delivery;

import dev.easel.render.ImageFormat;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;

/** Where hosted images live until they expire: local files by default, a bucket at scale. */
public interface ImageStore extends AutoCloseable {

    /** Stores the bytes, streaming them; the stream is read to its end but not closed. */
    StoredImage put(InputStream bytes, ImageFormat format, Instant expiresAt);

    /** Stores bytes already in memory; a store that knows the length up front sends them without a copy. */
    default StoredImage put(byte[] bytes, ImageFormat format, Instant expiresAt) {
        return put(new java.io.ByteArrayInputStream(bytes), format, expiresAt);
    }

    /**
     * A URL at which the store itself serves the image until {@code expiresAt} (a presigned bucket URL),
     * when it is configured to; empty means Easel serves it behind its own signed link.
     */
    default Optional<String> directUrl(String id, Instant expiresAt) {
        return Optional.empty();
    }

    /** Opens a stored image for reading; empty when it does not exist (never stored, or swept). */
    Optional<OpenedImage> open(String id);

    /** Deletes every image that expired before {@code now}; returns how many were deleted. */
    int deleteExpired(Instant now);

    /** Releases connections; the images stay. */
    @Override
    default void close() {
    }

    /** A stored image being read; the caller closes it. */
    record OpenedImage(StoredImage image, InputStream content) implements AutoCloseable {
        @Override
        public void close() throws java.io.IOException {
            content.close();
        }
    }
}
