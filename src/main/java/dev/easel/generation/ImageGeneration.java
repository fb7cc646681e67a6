package dev.easel.generation;

import dev.easel.catalog.ImageRequest;
import dev.easel.catalog.ImageUsage;
import dev.easel.catalog.UsageCalculator;
import dev.easel.delivery.HostedImages;
import dev.easel.error.EaselException;
import dev.easel.ledger.Settlement;
import dev.easel.provider.EncodedImage;
import dev.easel.provider.ImageProvider;
import dev.easel.provider.ImageSink;
import dev.easel.provider.http.AnswerBudget;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.IntStream;

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
    private final Function<String, Optional<BigDecimal>> channelCost;

    /**
     * @param channelCost what the operator pays a channel, as a multiple of list price (empty: list price)
     */
    public ImageGeneration(ImageProvider provider, HostedImages hosted, UsageCalculator usage, Clock clock,
                           Function<String, Optional<BigDecimal>> channelCost) {
        this.provider = provider;
        this.hosted = hosted;
        this.usage = usage;
        this.clock = clock;
        this.channelCost = channelCost;
    }

    public ImageGeneration(ImageProvider provider, HostedImages hosted, UsageCalculator usage, Clock clock) {
        this(provider, hosted, usage, clock, channel -> Optional.empty());
    }

    /** What to charge for a result: the images delivered, their usage, and the serving channel's cost. */
    public Settlement settlement(GenerationResult result) {
        return settlement(result.images().size(), result.usage(), result.channel());
    }

    /** What to charge for {@code delivered} images served by {@code channel}. */
    public Settlement settlement(int delivered, Optional<ImageUsage> usage, String channel) {
        return Settlement.of(delivered, usage, channel).withCostMultiplier(channelCost.apply(channel));
    }

    /**
     * Generates the images of a request.
     *
     * @param baseUrl absolute base for hosted links, as the client reached this server
     */
    public GenerationResult generate(ImageRequest request, String baseUrl) {
        return generate(request, baseUrl, new ImageSink() {
            @Override
            public void completed(int imageIndex, EncodedImage image) {
            }
        });
    }

    /**
     * Generates the images of a request, reporting partial and finished images to {@code progress}
     * as they arrive (streaming). An exception thrown by {@code progress} stops the generation.
     */
    public GenerationResult generate(ImageRequest request, String baseUrl, ImageSink progress) {
        long created = clock.instant().getEpochSecond();
        Collected collected = new Collected(request, progress);
        try {
            collect(collected);
            List<GeneratedImage> delivered = new ArrayList<>(request.n());
            for (int i = 0; i < request.n(); i++) {
                delivered.add(collected.relayed[i] != null ? collected.relayed[i]
                        : deliver(request, collected.images[i], baseUrl));
            }
            // Usage the upstream reported is what it bills, so it wins over Easel's estimate.
            return new GenerationResult(created, request, delivered,
                    collected.usage.or(() -> usage.usageFor(request)), collected.channel.orElse(provider.name()));
        } finally {
            collected.shares.forEach(AnswerBudget.Share::close); // the images are stored or handed on by now
        }
    }

    /**
     * Usage of one image of a request, for streams that report each image as it completes: the
     * prompt's input tokens count once, with the first image, so the events add up to the request.
     */
    public Optional<ImageUsage> usageOfImage(ImageRequest request, int imageIndex) {
        return usage.usageFor(request, 1).map(one -> imageIndex == 0 ? one
                : ImageUsage.of(0, 0, one.outputImageTokens(), one.outputTextTokens()));
    }

    /** What the backend reported for one request, passing images on to the caller as they arrive. */
    private static final class Collected implements ImageSink {
        final EncodedImage[] images;
        /** Images whose text went straight to the client (null: not relayed, like a missing image above). */
        final GeneratedImage[] relayed;
        final ImageSink progress;
        final ImageRequest request;
        Optional<ImageUsage> usage = Optional.empty();
        Optional<String> channel = Optional.empty();
        /** What the images occupy of the answer budget, until they are delivered. */
        final List<AnswerBudget.Share> shares = new ArrayList<>(1);

        Collected(ImageRequest request, ImageSink progress) {
            this.request = request;
            this.images = new EncodedImage[request.n()];
            this.relayed = new GeneratedImage[request.n()];
            this.progress = progress;
        }

        @Override
        public boolean relays() {
            return progress.relays();
        }

        @Override
        public Optional<OutputStream> relay(int imageIndex, OptionalLong answerLength) {
            return progress.relay(imageIndex, answerLength);
        }

        @Override
        public void relayed(int imageIndex, Optional<String> revisedPrompt) {
            Optional<String> revised = revisedPrompt(request, revisedPrompt);
            relayed[imageIndex] = GeneratedImage.relayed(revised);
            progress.relayed(imageIndex, revised);
        }

        boolean missing(int imageIndex) {
            return images[imageIndex] == null && relayed[imageIndex] == null;
        }

        @Override
        public void partial(int imageIndex, int partialIndex, EncodedImage preview) {
            progress.partial(imageIndex, partialIndex, preview);
        }

        @Override
        public void completed(int imageIndex, EncodedImage image) {
            images[imageIndex] = image;
            progress.completed(imageIndex, image);
        }

        @Override
        public void usage(ImageUsage reported) {
            usage = Optional.of(reported);
        }

        @Override
        public void servedBy(String name) {
            channel = Optional.of(name);
            progress.servedBy(name);
        }

        @Override
        public void holding(AnswerBudget.Share share) {
            shares.add(share);
        }
    }

    private void collect(Collected collected) {
        ImageRequest request = collected.request;
        provider.generate(request, collected);
        if (IntStream.range(0, request.n()).anyMatch(collected::missing)) {
            // A backend that returns fewer images than asked must not look like success with holes.
            throw EaselException.serverError("The backend `" + collected.channel.orElse(provider.name())
                    + "` returned fewer images than requested.");
        }
    }

    private static Optional<String> revisedPrompt(ImageRequest request, Optional<String> reported) {
        return request.model().revisedPrompt() ? reported : Optional.empty();
    }

    private GeneratedImage deliver(ImageRequest request, EncodedImage image, String baseUrl) {
        Optional<String> revised = revisedPrompt(request, image.revisedPrompt());
        if (request.stream()) {
            return new GeneratedImage(Optional.of(image), Optional.empty(), revised); // events carry b64_json
        }
        return switch (request.delivery()) {
            case B64_JSON -> new GeneratedImage(Optional.of(image), Optional.empty(), revised);
            case URL -> new GeneratedImage(Optional.empty(),
                    Optional.of(hosted.host(image.stream(), image.format(), baseUrl)), revised);
        };
    }
}
