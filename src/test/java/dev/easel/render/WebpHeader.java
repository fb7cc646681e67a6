package dev.easel.render;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads the canvas size from a WebP file's RIFF header (VP8, VP8L or VP8X chunk), as tests need it. */
final class WebpHeader {

    private WebpHeader() {
    }

    static boolean isWebp(byte[] b) {
        return b.length > 30 && ascii(b, 0).equals("RIFF") && ascii(b, 8).equals("WEBP");
    }

    static String chunk(byte[] b) {
        return ascii(b, 12);
    }

    /** Width and height in pixels. */
    static int[] size(byte[] b) {
        String chunk = chunk(b);
        int p = 20;
        return switch (chunk) {
            case "VP8X" -> new int[] {u24(b, p + 4) + 1, u24(b, p + 7) + 1};
            case "VP8L" -> {
                long bits = (b[p + 1] & 0xFFL) | (b[p + 2] & 0xFFL) << 8 | (b[p + 3] & 0xFFL) << 16 | (b[p + 4] & 0xFFL) << 24;
                yield new int[] {(int) (bits & 0x3FFF) + 1, (int) ((bits >> 14) & 0x3FFF) + 1};
            }
            case "VP8 " -> {
                if ((b[p + 3] & 0xFF) != 0x9D || (b[p + 4] & 0xFF) != 0x01 || (b[p + 5] & 0xFF) != 0x2A) {
                    throw new IllegalArgumentException("no VP8 start code");
                }
                yield new int[] {u16(b, p + 6) & 0x3FFF, u16(b, p + 8) & 0x3FFF};
            }
            default -> throw new IllegalArgumentException("unknown chunk " + chunk);
        };
    }

    private static String ascii(byte[] b, int at) {
        return new String(Arrays.copyOfRange(b, at, at + 4), StandardCharsets.US_ASCII);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static int u24(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16;
    }
}
