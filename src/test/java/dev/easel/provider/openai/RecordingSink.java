package dev.easel.provider.openai;

import dev.easel.catalog.ImageUsage;
import dev.easel.provider.EncodedImage;
import dev.easel.provider.ImageSink;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Keeps what a provider reports, for assertions. */
final class RecordingSink implements ImageSink {
    final Map<Integer, EncodedImage> images = new TreeMap<>();
    Optional<ImageUsage> usage = Optional.empty();

    @Override
    public void completed(int imageIndex, EncodedImage image) {
        images.put(imageIndex, image);
    }

    @Override
    public void usage(ImageUsage reported) {
        usage = Optional.of(reported);
    }
}
