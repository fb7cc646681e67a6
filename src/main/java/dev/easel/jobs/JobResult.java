package dev.easel.jobs;

import dev.easel.catalog.ImageUsage;
import java.util.List;
import java.util.Optional;

/**
 * What a finished job produced: its images stay in the image store (until the job expires) and are
 * turned into links or base64 when the job is read.
 *
 * @param created unix seconds when generation started, as in a synchronous response
 * @param images  the stored images in index order
 * @param usage   token usage, for token-metered models
 * @param channel the backend that served the job
 */
public record JobResult(long created, List<Image> images, Optional<ImageUsage> usage, String channel) {

    /** One stored image of the result. */
    public record Image(String imageId, Optional<String> revisedPrompt) {
    }
}
