package dev.easel.catalog;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.easel.catalog.PixelSize;
import dev.easel.catalog.PriceRule;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Estimates the token usage a request implies, for models priced by the token: the prompt counted
 * with o200k_base (the tokenizer of OpenAI's GPT image models), and image output tokens from the
 * model's rule. When an upstream reports its own usage, that figure is the one to bill.
 */
public final class UsageCalculator {
    /** OpenAI's image generation guide: each partial image costs 100 more image output tokens. */
    static final long TOKENS_PER_PARTIAL_IMAGE = 100;

    // Building the encoding reads its vocabulary once; it is immutable and thread-safe afterwards.
    private static final class Tokenizer {
        static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }

    /** Usage for all {@code n} images of the request; empty for models priced per image. */
    public Optional<ImageUsage> usageFor(ImageRequest request) {
        return usageFor(request, request.n());
    }

    /** Usage for {@code images} images of the request (fewer than n when some failed). */
    public Optional<ImageUsage> usageFor(ImageRequest request, int images) {
        return outputTokens(request, images).stream()
                .mapToObj(output -> ImageUsage.of(textTokens(request.prompt()), 0, output, 0))
                .findFirst();
    }

    /**
     * The image output tokens the model's rule gives {@code images} images of the request, partial images
     * included; empty for models priced per image. Unlike {@link #usageFor} it counts no prompt.
     */
    public OptionalLong outputTokens(ImageRequest request, int images) {
        if (!(request.model().price() instanceof PriceRule.PerToken rule)) {
            return OptionalLong.empty();
        }
        PixelSize size = new PixelSize(request.size().width(), request.size().height());
        // The catalogue checked at load that its rule covers every quality and size it accepts.
        long perImage = rule.imageTokens(request.quality(), size).orElseThrow(() -> new IllegalStateException(
                "no token estimate for " + request.model().id() + " at " + request.quality() + " " + size));
        long partials = (long) request.partialImages() * TOKENS_PER_PARTIAL_IMAGE;
        return OptionalLong.of((perImage + partials) * images);
    }

    /** Tokens of a text under o200k_base. */
    public long textTokens(String text) {
        return Tokenizer.O200K.countTokensOrdinary(text);
    }
}
