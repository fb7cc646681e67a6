package dev.easel.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

class B64JsonExtractorTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the parser saw: every string value by key, and the images taken at {@code b64_json}. */
    record Parsed(List<String> strings, List<byte[]> images) {
    }

    static Parsed parse(InputStream body) throws IOException {
        B64JsonExtractor in = new B64JsonExtractor(body, 0);
        List<String> strings = new ArrayList<>();
        List<byte[]> images = new ArrayList<>();
        try (JsonParser p = JSON.createParser(in)) {
            for (JsonToken t; (t = p.nextToken()) != null; ) {
                if (t == JsonToken.VALUE_STRING) {
                    if (p.currentName() != null && p.currentName().equals("b64_json")) {
                        images.add(in.decoded(p).image().toArray());
                    } else {
                        strings.add(p.currentName() + "=" + p.getString());
                    }
                }
            }
        } catch (JacksonException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
        return new Parsed(strings, images);
    }

    static byte[] image(Random random, int size) {
        byte[] image = new byte[size];
        random.nextBytes(image);
        return image;
    }

    static InputStream utf8(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Hands out at most {@code chunk} bytes per read, so values straddle every possible boundary. */
    static InputStream inChunks(byte[] bytes, int chunk) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    @Property(tries = 60)
    void imagesComeOutAsTheJdkDecodesThemWhateverTheReadSizes(@ForAll @IntRange(min = 0, max = 70_000) int size,
            @ForAll @IntRange(min = 1, max = 20_000) int chunk, @ForAll long seed) throws IOException {
        byte[] image = image(new Random(seed), size);
        String body = "{\"created\":1,\"data\":[{\"revised_prompt\":\"a fox\",\"b64_json\":\""
                + Base64.getEncoder().encodeToString(image) + "\"}],\"usage\":{\"note\":\"after\"}}";

        Parsed parsed = parse(inChunks(body.getBytes(StandardCharsets.US_ASCII), chunk));

        assertThat(parsed.images()).hasSize(1);
        assertThat(parsed.images().get(0)).isEqualTo(image);
        assertThat(parsed.strings()).containsExactly("revised_prompt=a fox", "note=after");
    }

    @Property(tries = 300)
    void theWordAtATimeSearchFindsTheSameByteAsAPlainLoop(@ForAll long seed,
            @ForAll @IntRange(min = 0, max = 40) int length, @ForAll @IntRange(min = 0, max = 8) int from) {
        Random random = new Random(seed);
        byte[] bytes = new byte[length + from];
        for (int i = 0; i < bytes.length; i++) {
            int pick = random.nextInt(12);
            // mostly base64, some high bytes and near misses (0x21, 0x23, 0x5B, 0x5D), now and then a hit
            bytes[i] = (byte) switch (pick) {
                case 0 -> '"';
                case 1 -> '\\';
                case 2 -> 0x80 | random.nextInt(128);
                case 3 -> 0x21 + 2 * random.nextInt(2);
                case 4 -> 0x5B + 2 * random.nextInt(2);
                default -> 'A' + random.nextInt(26);
            };
        }
        int expected = bytes.length;
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '"' || bytes[i] == '\\') {
                expected = i;
                break;
            }
        }

        assertThat(B64JsonExtractor.quoteOrBackslash(bytes, from, bytes.length)).isEqualTo(expected);
    }

    /** The decoder's buffers are shared between threads: no image may come out with another's bytes. */
    @Test
    void imagesDecodedOnManyThreadsAtOnceAreEachTheirOwn() throws Exception {
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<Boolean>> sameImage = new ArrayList<>();
            for (int t = 0; t < 64; t++) {
                Random random = new Random(t);
                sameImage.add(threads.submit(() -> {
                    byte[] image = image(random, 100_000 + random.nextInt(100_000));
                    String body = "{\"data\":[{\"b64_json\":\"" + Base64.getEncoder().encodeToString(image) + "\"}]}";
                    return Arrays.equals(parse(utf8(body)).images().getFirst(), image);
                }));
            }
            for (Future<Boolean> same : sameImage) {
                assertThat(same.get()).isTrue();
            }
        }
    }

    @Test
    void severalImagesArriveInTheirOrder() throws IOException {
        Random random = new Random(7);
        byte[] first = image(random, 3000);
        byte[] second = image(random, 5);
        String body = "{\"data\":[{\"b64_json\" : \"" + Base64.getEncoder().encodeToString(first) + "\"},"
                + "{\"b64_json\":\"" + Base64.getEncoder().encodeToString(second) + "\"}]}";

        Parsed parsed = parse(utf8(body));

        assertThat(parsed.images()).containsExactly(first, second);
    }

    @Test
    void escapedSlashesAndLineBreaksInsideTheValueAreDecoded() throws IOException {
        byte[] image = image(new Random(3), 400);
        String b64 = Base64.getEncoder().encodeToString(image);
        String escaped = b64.substring(0, 76) + "\\n" + b64.substring(76).replace("/", "\\/");

        Parsed parsed = parse(utf8("{\"b64_json\":\"" + escaped + "\"}"));

        assertThat(parsed.images()).containsExactly(image);
    }

    @Test
    void aQuotedKeyInsideAnotherStringIsLeftAlone() throws IOException {
        String tricky = "say \\\"b64_json\\\":\\\"QUJD\\\" please";

        Parsed parsed = parse(utf8("{\"revised_prompt\":\"" + tricky + "\",\"b64_json\":\"QUJD\"}"));

        assertThat(parsed.strings()).containsExactly("revised_prompt=say \"b64_json\":\"QUJD\" please");
        assertThat(parsed.images()).containsExactly("ABC".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aKeyWrittenWithEscapesIsStillDecodedByTheFallback() throws IOException {
        Parsed parsed = parse(utf8("{\"b64\\u005fjson\":\"QUJD\"}"));

        assertThat(parsed.images()).containsExactly("ABC".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void otherValueTypesUnderTheKeyReachTheParserUntouched() throws IOException {
        Parsed parsed = parse(utf8("{\"b64_json\":null,\"x\":[\"b64_json\",\"y\"],\"url\":\"https://a/b.png\"}"));

        assertThat(parsed.images()).isEmpty();
        assertThat(parsed.strings()).containsExactly("null=b64_json", "null=y", "url=https://a/b.png");
    }

    @Test
    void aCharacterOutsideTheAlphabetIsMalformed() {
        assertThatThrownBy(() -> parse(utf8("{\"b64_json\":\"QUJD*QUJD\"}")))
                .isInstanceOf(B64JsonExtractor.Malformed.class);
        assertThatThrownBy(() -> parse(utf8("{\"b64_json\":\"QU\\tJD\"}")))
                .isInstanceOf(B64JsonExtractor.Malformed.class);
        assertThatThrownBy(() -> parse(utf8("{\"b64_json\":\"Q===QUJD\"}")))
                .isInstanceOf(B64JsonExtractor.Malformed.class);
    }

    @Test
    void aBodyEndingInsideTheValueIsAnEarlyEnd() {
        assertThatThrownBy(() -> parse(utf8("{\"b64_json\":\"QUJDQUJD")))
                .isInstanceOf(B64JsonExtractor.Malformed.class).hasMessageContaining("ends inside an image");
    }

    @Test
    void aCompleteDocumentIsParsedWithoutWaitingForMoreInput() throws IOException {
        InputStream neverMore = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("read past a complete event: the relay would stall until the next one");
            }
        };
        InputStream event = new SequenceInputStream(utf8("{\"type\":\"image_generation.partial_image\","
                + "\"b64_json\":\"QUJD\"}"), neverMore);

        B64JsonExtractor in = new B64JsonExtractor(event, 0);
        try (JsonParser p = JSON.createParser(in)) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                p.nextToken();
                if (p.currentName().equals("b64_json")) {
                    assertThat(in.decoded(p).image().toArray()).isEqualTo("ABC".getBytes(StandardCharsets.US_ASCII));
                }
            }
            assertThat(p.currentToken()).isEqualTo(JsonToken.END_OBJECT);
        }
    }
}
