package dev.easel.delivery;

import dev.easel.render.ImageFormat;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;

/** Where hosted images live until they expire: local files by default, a bucket at scale. */
public interface ImageStore {

    /** Stores the bytes, streaming them; the stream is read to its end but not closed. */
    StoredImage put(InputStream bytes, ImageFormat format, Instant expiresAt);

    /** Opens a stored image for reading; empty when it does not exist (never stored, or swept). */
    Optional<OpenedImage> open(String id);

    /** Deletes every image that expired before {@code now}; returns how many were deleted. */
    int deleteExpired(Instant now);

    /** A stored image being read; the caller closes it. */
    record OpenedImage(StoredImage image, InputStream content) implements AutoCloseable {
        @Override
        public void close() throws java.io.IOException {
            content.close();
        }
    }
}
