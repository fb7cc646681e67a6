package dev.easel.provider;

import dev.easel.catalog.ImageUsage;

/** Receives images from a provider as they become ready. Implementations must be quick and not throw. */
public interface ImageSink {

    /** A coarse preview of image {@code imageIndex}; only sent when the request streams partial images. */
    default void partial(int imageIndex, int partialIndex, EncodedImage preview) {
    }

    /** The finished image {@code imageIndex} (0-based). */
    void completed(int imageIndex, EncodedImage image);

    /**
     * The usage the upstream itself reported for the whole request. It is what the upstream bills,
     * so callers prefer it over their own estimate. Sent at most once, after the images.
     */
    default void usage(ImageUsage reported) {
    }

    /** Which channel served the request; routing calls it once it knows. */
    default void servedBy(String channel) {
    }
}
