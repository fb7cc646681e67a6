package dev.easel.provider.openai;

import static dev.easel.provider.openai.B64JsonExtractorTest.JSON;
import static dev.easel.provider.openai.B64JsonExtractorTest.image;
import static dev.easel.provider.openai.B64JsonExtractorTest.inChunks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/** Relaying: the base64 text of the first images goes to the caller's outputs, checked and padded. */
class B64JsonRelayTest {

    /** What a parse relayed (the text per output, in order) and what became of each value. */
    record Relayed(List<String> texts, List<B64JsonExtractor.Value> values) {
    }

    /** Parses {@code body}, relaying the values of the first {@code relayed} image indexes. */
    static Relayed parse(InputStream body, long sizeHint, int relayed) throws IOException {
        List<ByteArrayOutputStream> outputs = new ArrayList<>();
        B64JsonExtractor in = new B64JsonExtractor(body, sizeHint, index -> {
            if (index >= relayed) {
                return Optional.empty();
            }
            outputs.add(new ByteArrayOutputStream());
            return Optional.of(outputs.getLast());
        });
        List<B64JsonExtractor.Value> values = new ArrayList<>();
        try (JsonParser p = JSON.createParser(in)) {
            for (JsonToken t; (t = p.nextToken()) != null; ) {
                if (t == JsonToken.VALUE_STRING && "b64_json".equals(p.currentName())) {
                    values.add(in.value(p));
                }
            }
        } catch (JacksonException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
        return new Relayed(outputs.stream().map(o -> o.toString(StandardCharsets.US_ASCII)).toList(), values);
    }

    static InputStream ascii(String s) {
        return new java.io.ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Property(tries = 60)
    void theRelayedTextIsTheCanonicalBase64WhateverTheSizesAndReads(
            @ForAll @IntRange(min = 0, max = 200_000) int size, @ForAll @IntRange(min = 1, max = 20_000) int chunk,
            @ForAll boolean hinted, @ForAll long seed) throws IOException {
        byte[] image = image(new Random(seed), size);
        String canonical = Base64.getEncoder().encodeToString(image);
        // As some encoders send it: escaped slashes, a line break every 76 characters, no padding.
        String sent = canonical.replace("=", "").replaceAll("(.{76})", "$1\\\\n").replace("/", "\\/");
        String body = "{\"data\":[{\"b64_json\":\"" + sent + "\",\"revised_prompt\":\"a fox\"}]}";

        Relayed relayed = parse(inChunks(body.getBytes(StandardCharsets.US_ASCII), chunk), hinted ? size : 0, 1);

        assertThat(relayed.texts()).containsExactly(canonical);
        assertThat(relayed.values()).containsExactly(new B64JsonExtractor.Relayed(0));
    }

    @Property(tries = 60)
    void plainTextOfSeveralImagesIsRelayedWhateverTheSizesAndReads(
            @ForAll @IntRange(min = 1, max = 3) int n, @ForAll @IntRange(min = 0, max = 150_000) int size,
            @ForAll @IntRange(min = 1, max = 20_000) int chunk, @ForAll boolean padded, @ForAll boolean hinted,
            @ForAll long seed) throws IOException {
        // As OpenAI sends it: no escapes, so every block is checked by the decoder before any search.
        Random random = new Random(seed);
        List<String> canonical = new ArrayList<>();
        StringBuilder body = new StringBuilder("{\"created\":1,\"data\":[");
        for (int i = 0; i < n; i++) {
            canonical.add(Base64.getEncoder().encodeToString(image(random, size + 37 * i)));
            String sent = padded ? canonical.getLast() : canonical.getLast().replace("=", "");
            body.append(i == 0 ? "" : ",").append("{\"b64_json\":\"").append(sent).append("\",\"revised_prompt\":\"p")
                    .append(i).append("\"}");
        }
        body.append("],\"usage\":{\"total_tokens\":5}}");

        Relayed relayed = parse(inChunks(body.toString().getBytes(StandardCharsets.US_ASCII), chunk), hinted ? size : 0, n);

        assertThat(relayed.texts()).isEqualTo(canonical);
        assertThat(relayed.values()).hasSize(n).allSatisfy(v -> assertThat(v).isInstanceOf(B64JsonExtractor.Relayed.class));
    }

    @Test
    void aBadCharacterStopsTheRelayBeforeTheBlockHoldingIt() {
        String text = "QUJD".repeat(ValueText.MAX_BLOCK / 2);
        int second = ValueText.MAX_BLOCK + 1_000; // in the second block
        String bad = text.substring(0, second) + "!" + text.substring(second + 1);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        B64JsonExtractor in = new B64JsonExtractor(ascii("{\"b64_json\":\"" + bad + "\"}"), 0,
                index -> Optional.of(written));

        assertThatThrownBy(() -> {
            try (JsonParser p = JSON.createParser(in)) {
                while (p.nextToken() != null) {
                    if (p.currentToken() == JsonToken.VALUE_STRING) {
                        in.value(p);
                    }
                }
            }
        }).hasRootCauseInstanceOf(B64JsonExtractor.Malformed.class);
        assertThat(written.size()).isEqualTo(ValueText.MAX_BLOCK);
    }

    @Test
    void aBodyCutOffInsideARelayedImageIsRefused() {
        String body = "{\"data\":[{\"b64_json\":\"" + "QUJD".repeat(5_000);

        assertThatThrownBy(() -> parse(ascii(body), 0, 1)).isInstanceOf(B64JsonExtractor.Malformed.class)
                .hasMessageContaining("ends inside an image");
    }

    @Test
    void onlyTheImagesAskedForAreRelayedTheOthersAreDecoded() throws IOException {
        byte[] first = image(new Random(1), 3000);
        byte[] second = image(new Random(2), 3001);
        String body = "{\"data\":[{\"b64_json\":\"" + Base64.getEncoder().encodeToString(first) + "\"},"
                + "{\"b64_json\":\"" + Base64.getEncoder().encodeToString(second) + "\"}]}";

        Relayed relayed = parse(ascii(body), 0, 1);

        assertThat(relayed.texts()).containsExactly(Base64.getEncoder().encodeToString(first));
        assertThat(relayed.values().get(0)).isEqualTo(new B64JsonExtractor.Relayed(0));
        assertThat(relayed.values().get(1)).isInstanceOfSatisfying(B64JsonExtractor.Decoded.class,
                decoded -> assertThat(decoded.image().image().toArray()).isEqualTo(second));
    }

    @Test
    void textThatCannotBeBase64IsRefusedBeforeItsBlockIsRelayed() {
        String bad = "QUJD".repeat(100) + "Q!JD" + "QUJD".repeat(100);

        List<String> written = new ArrayList<>();
        assertThatThrownBy(() -> written.addAll(parse(ascii("{\"b64_json\":\"" + bad + "\"}"), 0, 1).texts()))
                .isInstanceOf(B64JsonExtractor.Malformed.class);
        assertThat(written).isEmpty();
    }

    @Test
    void textAfterThePaddingIsRefused() {
        // Each 4 kB block is valid base64 on its own; together they are not one image.
        String body = "{\"b64_json\":\"" + "QUJD".repeat(1023) + "QQ==" + "QUJD".repeat(10) + "\"}";

        assertThatThrownBy(() -> parse(ascii(body), 0, 1)).isInstanceOf(B64JsonExtractor.Malformed.class);
    }

    @Test
    void aLengthNoPaddingCanCompleteIsRefused() {
        assertThatThrownBy(() -> parse(ascii("{\"b64_json\":\"QUJDQ\"}"), 0, 1))
                .isInstanceOf(B64JsonExtractor.Malformed.class);
    }

    @Test
    void eachImageIsAskedForOnlyOnceTheParserHasFinishedThePreviousEntry() throws IOException {
        // Both values arrive in one read: the stream must still let the parser close entry 0 (and its
        // caller end that image) before it asks where image 1 goes.
        String a = Base64.getEncoder().encodeToString(image(new Random(1), 300));
        String b = Base64.getEncoder().encodeToString(image(new Random(2), 300));
        String body = "{\"data\":[{\"b64_json\":\"" + a + "\",\"revised_prompt\":\"x\"},{\"b64_json\":\"" + b + "\"}]}";
        List<String> events = new ArrayList<>();
        B64JsonExtractor in = new B64JsonExtractor(ascii(body), 0, index -> {
            events.add("relay " + index);
            return Optional.of(OutputStream.nullOutputStream());
        });

        try (JsonParser p = JSON.createParser(in)) {
            for (JsonToken t; (t = p.nextToken()) != null; ) {
                if (t == JsonToken.VALUE_STRING && "b64_json".equals(p.currentName())) {
                    in.value(p);
                } else if (t == JsonToken.END_OBJECT) {
                    events.add("end");
                }
            }
        }

        assertThat(events).containsExactly("relay 0", "end", "relay 1", "end", "end");
    }
}
