package dev.easel.generation;

import dev.easel.catalog.ImageRequest;
import dev.easel.catalog.ImageUsage;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one generation request.
 *
 * @param created  unix seconds when the request was accepted
 * @param request  the validated request
 * @param images   the delivered images, in index order
 * @param usage    token usage, for token-metered models
 * @param channel  which backend served it
 */
public record GenerationResult(long created, ImageRequest request, List<GeneratedImage> images,
                               Optional<ImageUsage> usage, String channel) {
}
