package dev.easel.provider;

/** Receives images from a provider as they become ready. Implementations must be quick and not throw. */
public interface ImageSink {

    /** A coarse preview of image {@code imageIndex}; only sent when the request streams partial images. */
    default void partial(int imageIndex, int partialIndex, EncodedImage preview) {
    }

    /** The finished image {@code imageIndex} (0-based). */
    void completed(int imageIndex, EncodedImage image);
}
