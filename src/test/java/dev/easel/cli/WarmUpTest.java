package dev.easel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WarmUpTest {

    @Test
    void theTrainingRunGetsWhatEaselAnswersEachRequestAndLeavesNoScratchDirectory() throws Exception {
        List<WarmUp.Exchange> exchanges = WarmUp.run();

        assertThat(exchanges).extracting(WarmUp.Exchange::what).containsExactly("the models", "an image as base64",
                "an image as a link", "the linked image", "streamed partial images",
                "a request the model's rules refuse", "a body that is not JSON");
        assertThat(exchanges).allSatisfy(e -> assertThat(e.status()).as(e.what()).isEqualTo(e.expected()));
        assertThat(scratchDirectories()).isEmpty();
    }

    @Test
    void anAnswerOtherThanTheExpectedOneIsNotAsExpected() {
        assertThat(new WarmUp.Exchange("an image as base64", 200, 500).asExpected()).isFalse();
        assertThat(new WarmUp.Exchange("a body that is not JSON", 400, 400).asExpected()).isTrue();
    }

    private static List<Path> scratchDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("easel-warm-up")).toList();
        }
    }
}
