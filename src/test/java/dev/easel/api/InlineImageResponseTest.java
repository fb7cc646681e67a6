package dev.easel.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.TestEasel;
import dev.easel.catalog.ImageRequest;
import dev.easel.provider.EncodedImage;
import dev.easel.provider.ImageBytes;
import dev.easel.provider.ImageProvider;
import dev.easel.provider.ImageSink;
import dev.easel.render.ImageFormat;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A b64_json answer is streamed with its exact Content-Length, each image encoded from its own bytes only. */
class InlineImageResponseTest {
    /** Images of several sizes (none, one and two padding characters; more than one encode chunk), each in pieces. */
    static final int[] SIZES = {100_000, 100_001, 100_002};

    static byte[] image(int index) {
        byte[] bytes = new byte[SIZES[index]];
        new Random(index).nextBytes(bytes);
        bytes[0] = (byte) 0x89;
        bytes[1] = 'P';
        bytes[2] = 'N';
        bytes[3] = 'G';
        return bytes;
    }

    static final class BufferedBackend implements ImageProvider {
        @Override
        public String name() {
            return "buffered";
        }

        @Override
        public void generate(ImageRequest request, ImageSink sink) {
            for (int i = 0; i < request.n(); i++) {
                // In pieces whose last is longer than what it holds: the rest must never reach the client.
                byte[] image = image(i);
                byte[] last = Arrays.copyOfRange(image, 70_000, SIZES[i] + 777);
                Arrays.fill(last, SIZES[i] - 70_000, last.length, (byte) 0x55);
                ImageBytes pieces = new ImageBytes(List.of(Arrays.copyOfRange(image, 0, 30_001),
                        Arrays.copyOfRange(image, 30_001, 70_000), last), SIZES[i]);
                sink.completed(i, new EncodedImage(pieces, ImageFormat.PNG, request.size(), Optional.empty()));
            }
        }
    }

    @Test
    void inlineImagesAreSentWithTheirExactLengthAndBytes() {
        try (TestEasel easel = TestEasel.start("", new BufferedBackend())) {
            HttpResponse<String> response = easel.post("/v1/images/generations", TestEasel.API_KEY,
                    "{\"model\":\"gpt-image-1\",\"prompt\":\"three boats\",\"n\":3}");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValueAsLong("content-length")).hasValue(response.body().length());
            assertThat(response.headers().firstValue("transfer-encoding")).isEmpty();
            JsonNode data = Json.MAPPER.readTree(response.body()).get("data");
            assertThat(data.size()).isEqualTo(3);
            for (int i = 0; i < 3; i++) {
                assertThat(Base64.getDecoder().decode(data.get(i).get("b64_json").asString())).isEqualTo(image(i));
            }
        }
    }
}
