package dev.easel.api;

import dev.easel.catalog.ImageRequest;
import dev.easel.error.EaselException;
import dev.easel.generation.ImageGeneration;
import dev.easel.provider.EncodedImage;
import dev.easel.provider.ImageSink;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns a generation's progress into OpenAI's image stream events: {@code partial_image} events as
 * previews arrive, one {@code completed} event per image, and an {@code error} event if the
 * generation fails after the stream started. {@code image_index} (an Easel extension) tells the
 * images of an {@code n > 1} request apart; OpenAI's events have no such field.
 */
final class ImageEvents implements ImageSink {
    static final String PARTIAL = "image_generation.partial_image";
    static final String COMPLETED = "image_generation.completed";

    private final SseStream sse;
    private final ImageRequest request;
    private final ImageGeneration generation;
    private final Clock clock;
    private final AtomicInteger delivered = new AtomicInteger();
    private volatile String channel = "";

    ImageEvents(SseStream sse, ImageRequest request, ImageGeneration generation, Clock clock) {
        this.sse = sse;
        this.request = request;
        this.generation = generation;
        this.clock = clock;
    }

    @Override
    public void partial(int imageIndex, int partialIndex, EncodedImage preview) {
        sse.event(PARTIAL, new Wire.PartialImageEvent(PARTIAL, preview.bytes(), now(), request.size().toString(),
                request.quality(), background(), request.outputFormat().wireName(), partialIndex, imageIndex));
    }

    @Override
    public void completed(int imageIndex, EncodedImage image) {
        Wire.Usage usage = generation.usageOfImage(request, imageIndex).map(ImagesResponses::usage)
                .orElseGet(() -> new Wire.Usage(0, 0, 0, new Wire.InputTokensDetails(0, 0),
                        new Wire.OutputTokensDetails(0, 0)));
        sse.event(COMPLETED, new Wire.CompletedImageEvent(COMPLETED, image.bytes(), now(), request.size().toString(),
                request.quality(), background(), request.outputFormat().wireName(), usage, imageIndex));
        delivered.incrementAndGet(); // only once the event went out: a client gone mid-event did not get it
    }

    /** Images whose completed event reached the client, for settling a stream that broke off. */
    int delivered() {
        return delivered.get();
    }

    @Override
    public void servedBy(String name) {
        channel = name;
    }

    /** The channel serving the stream, once routing named it; empty before. */
    String channel() {
        return channel;
    }

    /** After the stream started, a failure can only be told as an event; the stream then ends. */
    void failed(EaselException e) {
        sse.event("error", new Wire.ErrorResponse(new Wire.ErrorObject(e.getMessage(), e.type(), e.param(), e.code())));
    }

    private String background() {
        return request.transparent() ? "transparent" : "opaque";
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

}
