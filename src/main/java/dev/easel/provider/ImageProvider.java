package dev.easel.provider;

import dev.easel.catalog.ImageRequest;

/**
 * A backend that turns a validated request into images: the built-in local renderer, or an upstream
 * service. Calls block (Easel runs each request on its own virtual thread) and report each image to
 * the sink as soon as it is ready, partial previews first when the request streams.
 */
public interface ImageProvider {

    /** A short name shown to operators and in the {@code x-easel-channel} header. */
    String name();

    /**
     * Produces {@code request.n()} images, calling {@link ImageSink#completed} once per image index.
     *
     * @throws dev.easel.error.EaselException when the images cannot be produced
     */
    void generate(ImageRequest request, ImageSink sink);
}
