package dev.easel.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.catalog.ImageRequest;
import dev.easel.catalog.UsageCalculator;
import dev.easel.delivery.FileImageStore;
import dev.easel.delivery.HostedImages;
import dev.easel.delivery.ImageStore;
import dev.easel.delivery.StoredImage;
import dev.easel.delivery.UrlSigner;
import dev.easel.error.EaselException;
import dev.easel.provider.EncodedImage;
import dev.easel.provider.ImageProvider;
import dev.easel.provider.ImageSink;
import dev.easel.provider.http.AnswerBudget;
import dev.easel.provider.http.Deadline;
import dev.easel.render.ImageFormat;
import dev.easel.upstream.TestImages;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoded images keep their share of the answer budget until they are delivered, and give it back whatever happens. */
class ImageGenerationBudgetTest {
    static final long BUDGET = 1024 * 1024;
    static final long SHARE = 512 * 1024;
    static final byte[] IMAGE = TestImages.png(8, 8, 0x336699);

    @TempDir
    Path dir;
    final AnswerBudget budget = new AnswerBudget(BUDGET);
    /** What the budget had free each time an image was stored. */
    final List<Long> freeWhileStoring = new ArrayList<>();

    /** A backend whose answer took {@code SHARE} of the budget, like an upstream's decoded answer. */
    ImageProvider answeringWithAShare(boolean failAfterwards) {
        return new ImageProvider() {
            @Override
            public String name() {
                return "decoding";
            }

            @Override
            public void generate(ImageRequest request, ImageSink sink) {
                try {
                    sink.holding(budget.take(SHARE, new Deadline(Duration.ofSeconds(5))));
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
                sink.completed(0, new EncodedImage(IMAGE, ImageFormat.PNG, request.size(), Optional.empty()));
                if (failAfterwards) {
                    throw EaselException.serverError("the backend broke after its image");
                }
            }
        };
    }

    ImageGeneration generation(ImageProvider provider) {
        ImageStore files = new FileImageStore(dir);
        ImageStore recording = new ImageStore() {
            @Override
            public StoredImage put(InputStream bytes, ImageFormat format, Instant expiresAt) {
                freeWhileStoring.add(budget.freeBytes());
                return files.put(bytes, format, expiresAt);
            }

            @Override
            public Optional<OpenedImage> open(String id) {
                return files.open(id);
            }

            @Override
            public int deleteExpired(Instant now) {
                return files.deleteExpired(now);
            }
        };
        HostedImages hosted = new HostedImages(recording, new UrlSigner("0123456789abcdef0123456789abcdef".getBytes()),
                Duration.ofMinutes(60), Clock.systemUTC());
        return new ImageGeneration(provider, hosted, new UsageCalculator(), Clock.systemUTC());
    }

    static ImageRequest aLinkToAFox() {
        return Requests.parse(Requests.json("{\"model\":\"dall-e-3\",\"prompt\":\"a fox\",\"response_format\":\"url\"}"));
    }

    @Test
    void anImageKeepsItsShareWhileItIsStoredAndGivesItBackOnceDelivered() {
        GenerationResult result = generation(answeringWithAShare(false)).generate(aLinkToAFox(), "http://easel.test");

        assertThat(result.images().get(0).url()).isPresent();
        assertThat(freeWhileStoring).containsExactly(BUDGET - SHARE);
        assertThat(budget.freeBytes()).isEqualTo(BUDGET);
    }

    @Test
    void aShareIsGivenBackWhenTheGenerationFailsAfterItsImageArrived() {
        assertThatThrownBy(() -> generation(answeringWithAShare(true)).generate(aLinkToAFox(), "http://easel.test"))
                .isInstanceOf(EaselException.class);

        assertThat(freeWhileStoring).isEmpty();
        assertThat(budget.freeBytes()).isEqualTo(BUDGET);
    }
}
