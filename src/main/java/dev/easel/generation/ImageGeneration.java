package dev.easel.generation;

import dev.easel.catalog.ImageRequest;
import dev.easel.catalog.ImageUsage;
import dev.easel.catalog.UsageCalculator;
import dev.easel.delivery.HostedImages;
import dev.easel.error.EaselException;
import dev.easel.provider.EncodedImage;
import dev.easel.provider.ImageProvider;
import dev.easel.provider.ImageSink;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The path of one validated generation request, in order: pick the backend, generate, deliver each
 * image inline or as a hosted link, and account the usage. Authentication and parsing happen before
 * (in the API layer); later steps (metering, failover across channels) slot in here, in this order.
 */
public final class ImageGeneration {
    private final ImageProvider provider;
    private final HostedImages hosted;
    private final UsageCalculator usage;
    private final Clock clock;

    public ImageGeneration(ImageProvider provider, HostedImages hosted, UsageCalculator usage, Clock clock) {
        this.provider = provider;
        this.hosted = hosted;
        this.usage = usage;
        this.clock = clock;
    }

    /**
     * Generates the images of a request.
     *
     * @param baseUrl absolute base for hosted links, as the client reached this server
     */
    public GenerationResult generate(ImageRequest request, String baseUrl) {
        long created = clock.instant().getEpochSecond();
        Collected collected = collect(request);
        EncodedImage[] images = collected.images;
        List<GeneratedImage> delivered = new ArrayList<>(images.length);
        for (EncodedImage image : images) {
            delivered.add(deliver(request, image, baseUrl));
        }
        // Usage the upstream reported is what it bills, so it wins over Easel's estimate.
        return new GenerationResult(created, request, delivered,
                collected.usage.or(() -> usage.usageFor(request)), collected.channel.orElse(provider.name()));
    }

    /** What the backend reported for one request. */
    private static final class Collected implements ImageSink {
        final EncodedImage[] images;
        Optional<ImageUsage> usage = Optional.empty();
        Optional<String> channel = Optional.empty();

        Collected(int n) {
            images = new EncodedImage[n];
        }

        @Override
        public void completed(int imageIndex, EncodedImage image) {
            images[imageIndex] = image;
        }

        @Override
        public void usage(ImageUsage reported) {
            usage = Optional.of(reported);
        }

        @Override
        public void servedBy(String name) {
            channel = Optional.of(name);
        }
    }

    private Collected collect(ImageRequest request) {
        Collected collected = new Collected(request.n());
        EncodedImage[] images = collected.images;
        provider.generate(request, collected);
        if (Arrays.stream(images).anyMatch(java.util.Objects::isNull)) {
            // A backend that returns fewer images than asked must not look like success with holes.
            throw EaselException.serverError("The backend `" + collected.channel.orElse(provider.name())
                    + "` returned fewer images than requested.");
        }
        return collected;
    }

    private GeneratedImage deliver(ImageRequest request, EncodedImage image, String baseUrl) {
        Optional<String> revised = request.model().revisedPrompt() ? image.revisedPrompt() : Optional.empty();
        return switch (request.delivery()) {
            case B64_JSON -> new GeneratedImage(Optional.of(image.bytes()), Optional.empty(), revised);
            case URL -> new GeneratedImage(Optional.empty(),
                    Optional.of(hosted.host(new ByteArrayInputStream(image.bytes()), image.format(), baseUrl)), revised);
        };
    }
}
