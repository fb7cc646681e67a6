package dev.easel.api;

import dev.easel.catalog.ImageRequest;
import dev.easel.delivery.HostedImages;
import dev.easel.generation.GeneratedImage;
import dev.easel.generation.GenerationResult;
import dev.easel.generation.RequestParser;
import dev.easel.jobs.Job;
import dev.easel.jobs.JobResult;
import dev.easel.provider.EncodedImage;
import java.time.Instant;
import java.util.Optional;

/**
 * A job as clients see it, from {@code GET /v1/images/generations/{id}} and in webhooks: id, status,
 * and once done the ordinary images response under {@code result} (links or base64 as the request
 * asked) or the OpenAI error under {@code error}.
 */
public final class JobView {
    static final String OBJECT = "image.generation.job";

    private final RequestParser parser;
    private final HostedImages hosted;

    public JobView(RequestParser parser, HostedImages hosted) {
        this.parser = parser;
        this.hosted = hosted;
    }

    /** The job's JSON, as sent to webhooks. */
    public byte[] json(Job job) {
        return Json.MAPPER.writeValueAsBytes(view(job));
    }

    Wire.Job view(Job job) {
        return new Wire.Job(job.id(), OBJECT, job.status().wireName(), job.model(), job.createdAt().getEpochSecond(),
                job.finishedAt().map(Instant::getEpochSecond), job.expiresAt().getEpochSecond(),
                job.result().map(r -> ImagesResponses.of(result(job, r))),
                job.error().map(e -> new Wire.ErrorObject(e.message(), e.type(), e.param(), e.code())));
    }

    private GenerationResult result(Job job, JobResult r) {
        ImageRequest request = parser.parse(Json.MAPPER.readTree(job.requestBody()));
        var images = r.images().stream().map(image -> request.delivery() == ImageRequest.Delivery.URL
                ? new GeneratedImage(Optional.empty(), Optional.of(hosted.link(image.imageId(), job.expiresAt(),
                        job.baseUrl())), image.revisedPrompt())
                : new GeneratedImage(hosted.read(image.imageId()).map(bytes -> new EncodedImage(bytes,
                        request.outputFormat(), request.size(), Optional.empty())), Optional.empty(),
                        image.revisedPrompt()))
                .toList();
        return new GenerationResult(r.created(), request, images, r.usage(), r.channel());
    }
}
