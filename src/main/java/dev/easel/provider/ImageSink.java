package dev.easel.provider;

import dev.easel.catalog.ImageUsage;
import dev.easel.provider.http.AnswerBudget;
import java.io.OutputStream;
import java.util.Optional;
import java.util.OptionalLong;

/** Receives images from a provider as they become ready. Implementations must be quick and not throw. */
public interface ImageSink {

    /** A coarse preview of image {@code imageIndex}; only sent when the request streams partial images. */
    default void partial(int imageIndex, int partialIndex, EncodedImage preview) {
    }

    /** The finished image {@code imageIndex} (0-based). */
    void completed(int imageIndex, EncodedImage image);

    /**
     * Where the base64 text of image {@code imageIndex} may go while it arrives, instead of being
     * decoded: the caller is writing its answer as the upstream sends it. Empty (the default) asks for
     * the image decoded, through {@link #completed}. A provider that relays sends only checked,
     * padded base64 and ends the image with {@link #relayed}; once it asked, the image is the
     * client's, and a failure can no longer move to another channel.
     *
     * @param answerLength the length of the upstream's whole answer, when it said: the relayed
     *                     answer is no longer than it plus what the caller adds
     */
    default Optional<OutputStream> relay(int imageIndex, OptionalLong answerLength) {
        return Optional.empty();
    }

    /**
     * Whether this sink takes images as text through {@link #relay} rather than decoded: asked before an
     * answer is read, to know what reading it will hold (a block of its text at a time, or its images
     * whole). {@link #relay} still decides image by image.
     */
    default boolean relays() {
        return false;
    }

    /**
     * The part of the answer budget that the images of this answer occupy, passed on before they are:
     * a sink that keeps images after the provider returns (to store them, or encode them for the client)
     * keeps the share until it has let them go, so a burst of answers cannot pile up decoded images past
     * the budget. By default it is given back at once. It must be closed exactly once, whatever happens.
     */
    default void holding(AnswerBudget.Share share) {
        share.close();
    }

    /** The end of image {@code imageIndex}, whose base64 text went to {@link #relay}. */
    default void relayed(int imageIndex, Optional<String> revisedPrompt) {
        throw new IllegalStateException("image " + imageIndex + " was relayed to a sink that never asked for it");
    }

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
