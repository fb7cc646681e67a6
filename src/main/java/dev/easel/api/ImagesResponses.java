package dev.easel.api;

import dev.easel.catalog.ImageRequest;
import dev.easel.catalog.ImageUsage;
import dev.easel.catalog.ModelFamily;
import dev.easel.generation.GeneratedImage;
import dev.easel.generation.GenerationResult;
import dev.easel.provider.EncodedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Builds OpenAI's images response from a generation result, for direct answers and job results alike. */
final class ImagesResponses {
    private static final byte[] NO_BYTES = new byte[0];
    /** An empty {@code b64_json} value in the skeleton; a JSON string value can never contain it unescaped. */
    private static final byte[] EMPTY_B64 = "\"b64_json\":\"\"".getBytes(StandardCharsets.US_ASCII);
    /** Image bytes base64-encoded per write: 48 KiB in, 64 KiB out (a multiple of 3, so no padding inside). */
    private static final int ENCODE_CHUNK = 48 * 1024;

    private ImagesResponses() {
    }

    static Wire.ImagesResponse of(GenerationResult result) {
        return of(result, false);
    }

    /**
     * A response ready to stream: its JSON with every {@code b64_json} left empty, the images that fill
     * them in order, and the exact length of the whole. Writing it base64-encodes each image straight
     * from its bytes through one small buffer, so the base64 text never exists whole, and the length
     * is known up front (a {@code Content-Length} answer instead of a chunked one).
     */
    record Streamed(byte[] skeleton, int[] holes, List<EncodedImage> images, long length) {
        void writeTo(OutputStream out) throws IOException {
            int from = 0;
            byte[] in = new byte[Math.min(ENCODE_CHUNK, maxLength(images))];
            byte[] encoded = new byte[base64Length(in.length)];
            Base64.Encoder encoder = Base64.getEncoder();
            for (int i = 0; i < holes.length; i++) {
                out.write(skeleton, from, holes[i] - from);
                EncodedImage image = images.get(i);
                InputStream bytes = image.stream();
                for (int at = 0; at < image.length(); at += in.length) {
                    int n = Math.min(in.length, image.length() - at);
                    bytes.readNBytes(in, 0, n);
                    int written = n == in.length ? encoder.encode(in, encoded)
                            : encoder.encode(java.util.Arrays.copyOf(in, n), encoded);
                    out.write(encoded, 0, written);
                }
                from = holes[i];
            }
            out.write(skeleton, from, skeleton.length - from);
        }

        private static int maxLength(List<EncodedImage> images) {
            return Math.max(3, images.stream().mapToInt(EncodedImage::length).max().orElse(0));
        }
    }

    static Streamed streamed(GenerationResult result) {
        byte[] skeleton = Json.MAPPER.writeValueAsBytes(of(result, true));
        List<EncodedImage> images = new ArrayList<>();
        result.images().stream().map(GeneratedImage::inline).flatMap(Optional::stream).forEach(images::add);
        int[] holes = new int[images.size()];
        long length = skeleton.length;
        int found = 0;
        for (int at = indexOf(skeleton, EMPTY_B64, 0); at >= 0; at = indexOf(skeleton, EMPTY_B64, at + 1)) {
            if (found == holes.length) {
                throw new IllegalStateException("more empty b64_json values than inline images");
            }
            holes[found] = at + EMPTY_B64.length - 1; // just before the closing quote
            length += base64Length(images.get(found).length());
            found++;
        }
        if (found != holes.length) {
            throw new IllegalStateException("fewer empty b64_json values than inline images");
        }
        return new Streamed(skeleton, holes, images, length);
    }

    private static Wire.ImagesResponse of(GenerationResult result, boolean skeleton) {
        ImageRequest request = result.request();
        var data = result.images().stream()
                .map(i -> new Wire.ImageData(i.inline().map(image -> skeleton ? NO_BYTES : image.bytes()), i.url(),
                        i.revisedPrompt()))
                .toList();
        if (request.model().family() != ModelFamily.GPT_IMAGE) {
            return new Wire.ImagesResponse(result.created(), data, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }
        return new Wire.ImagesResponse(result.created(), data,
                Optional.of(request.transparent() ? "transparent" : "opaque"),
                Optional.of(request.outputFormat().wireName()),
                Optional.of(request.quality()),
                Optional.of(request.size().toString()),
                result.usage().map(ImagesResponses::usage));
    }

    static Wire.Usage usage(ImageUsage u) {
        return new Wire.Usage(u.totalTokens(), u.inputTokens(), u.outputTokens(),
                new Wire.InputTokensDetails(u.inputTextTokens(), u.inputImageTokens()),
                new Wire.OutputTokensDetails(u.outputImageTokens(), u.outputTextTokens()));
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Padded base64 length of {@code n} bytes. */
    private static int base64Length(int n) {
        return Math.toIntExact(4L * ((n + 2L) / 3));
    }
}
