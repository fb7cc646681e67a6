package dev.easel.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.UnauthorizedException;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.images.Image;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;
import com.openai.models.models.Model;
import dev.easel.TestEasel;
import dev.easel.catalog.ModelCatalog;
import dev.easel.catalog.ModelFamily;
import dev.easel.catalog.ModelSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The official OpenAI Java SDK, as a real client of a running Easel, must parse everything Easel says. */
class OpenAiSdkConformanceTest {
    private static TestEasel easel;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        easel = TestEasel.start();
        client = sdk(TestEasel.API_KEY);
    }

    @AfterAll
    static void stop() {
        client.close();
        easel.close();
    }

    private static OpenAIClient sdk(String key) {
        return OpenAIOkHttpClient.builder().baseUrl(easel.baseUrl() + "/v1").apiKey(key).maxRetries(0).build();
    }

    static Stream<ModelSpec> catalogue() {
        return ModelCatalog.load(Optional.empty()).all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void everyCataloguedModelGeneratesThroughTheSdk(ModelSpec model) throws Exception {
        ImagesResponse response = client.images().generate(ImageGenerateParams.builder()
                .model(model.id())
                .prompt("A paper boat floating on calm water at sunrise")
                .build());

        assertThat(response.created()).isPositive();
        List<Image> data = response.data().orElseThrow();
        assertThat(data).hasSize(1);
        BufferedImage image = decode(data.get(0));
        assertThat(image.getWidth()).isGreaterThanOrEqualTo(256);
        if (model.family() == ModelFamily.GPT_IMAGE) {
            assertThat(data.get(0).b64Json()).isPresent();
            assertThat(response.usage()).hasValueSatisfying(u -> {
                assertThat(u.outputTokens()).isPositive();
                assertThat(u.totalTokens()).isEqualTo(u.inputTokens() + u.outputTokens());
            });
            assertThat(response.size()).isPresent();
            assertThat(response.quality()).isPresent();
            assertThat(response.background()).isPresent();
            assertThat(response.outputFormat()).isPresent();
        } else {
            assertThat(data.get(0).url()).isPresent();
            assertThat(response.usage()).isEmpty();
        }
        assertThat(data.get(0).revisedPrompt().isPresent()).isEqualTo(model.id().equals("dall-e-3"));
    }

    @Test
    void gptImage2GivesABoatAsBase64WithTheRequestedSizeAndFormat() throws Exception {
        ImagesResponse response = client.images().generate(ImageGenerateParams.builder()
                .model("gpt-image-2")
                .prompt("A paper boat floating on calm water at sunrise")
                .size(ImageGenerateParams.Size.of("1536x864"))
                .quality(ImageGenerateParams.Quality.LOW)
                .outputFormat(ImageGenerateParams.OutputFormat.JPEG)
                .n(2)
                .build());

        List<Image> data = response.data().orElseThrow();
        assertThat(data).hasSize(2);
        BufferedImage first = decode(data.get(0));
        assertThat(first.getWidth()).isEqualTo(1536);
        assertThat(first.getHeight()).isEqualTo(864);
        assertThat(data.get(0).b64Json()).isNotEqualTo(data.get(1).b64Json());
        assertThat(response.outputFormat().map(Object::toString)).hasValue("jpeg");
        assertThat(response.quality().map(Object::toString)).hasValue("low");
        assertThat(response.size().map(Object::toString)).hasValue("1536x864");
    }

    @Test
    void dallE3ReturnsAHostedUrlAndARevisedPromptByDefault() throws Exception {
        ImagesResponse response = client.images().generate(ImageGenerateParams.builder()
                .model("dall-e-3")
                .prompt("A paper boat floating on calm water at sunrise")
                .size(ImageGenerateParams.Size._1792X1024)
                .build());

        Image image = response.data().orElseThrow().get(0);
        assertThat(image.url()).hasValueSatisfying(u -> assertThat(u).startsWith(easel.baseUrl() + "/v1/files/images/"));
        assertThat(image.revisedPrompt()).hasValueSatisfying(p -> assertThat(p).isNotBlank());
        assertThat(decode(image).getWidth()).isEqualTo(1792);
    }

    @Test
    void aGptModelGivesAUrlWhenAskedExplicitly() throws Exception {
        ImagesResponse response = client.images().generate(ImageGenerateParams.builder()
                .model("gpt-image-1.5")
                .prompt("a red house by a lake")
                .responseFormat(ImageGenerateParams.ResponseFormat.URL)
                .build());

        assertThat(response.data().orElseThrow().get(0).url()).isPresent();
        assertThat(response.data().orElseThrow().get(0).b64Json()).isEmpty();
    }

    @Test
    void validationErrorsReachTheSdkAsBadRequestWithTheParam() {
        assertThatThrownBy(() -> client.images().generate(ImageGenerateParams.builder()
                .model("dall-e-3").prompt("two boats").n(2).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.param()).hasValue("n");
                });
    }

    @Test
    void unknownModelsReachTheSdkAsNotFound() {
        assertThatThrownBy(() -> client.images().generate(ImageGenerateParams.builder()
                .model("dall-e-9").prompt("a boat").build()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aBadKeyReachesTheSdkAsAuthenticationError() {
        OpenAIClient bad = sdk("sk-wrong-key-000000000000");
        try {
            assertThatThrownBy(() -> bad.models().list()).isInstanceOf(UnauthorizedException.class);
        } finally {
            bad.close();
        }
    }

    @Test
    void theSdkListsAndRetrievesModelsWithShutdownDates() {
        List<Model> models = client.models().list().data();

        assertThat(models).extracting(Model::id).contains("gpt-image-2", "dall-e-3", "qwen-image");
        Model dallE3 = client.models().retrieve("dall-e-3");
        assertThat(dallE3.ownedBy()).isEqualTo("openai");
        assertThat(dallE3.shutdownDate()).hasValue(java.time.LocalDate.parse("2026-05-12"));
        assertThat(client.models().retrieve("gpt-image-2").shutdownDate()).isEmpty();
    }

    private static BufferedImage decode(Image image) throws Exception {
        byte[] bytes;
        if (image.b64Json().isPresent()) {
            bytes = Base64.getDecoder().decode(image.b64Json().get());
        } else {
            HttpRequest get = HttpRequest.newBuilder(URI.create(image.url().orElseThrow())).GET().build();
            var response = easel.sendForBytes(get);
            assertThat(response.statusCode()).isEqualTo(200);
            bytes = response.body();
        }
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(decoded).as("decodable image").isNotNull();
        return decoded;
    }
}
