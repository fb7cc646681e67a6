package dev.easel.provider.http;

import dev.easel.provider.ImageBytes;
import dev.easel.render.ImageFormat;

/** Recognises an image's format from its first bytes, since upstream URLs and JSON rarely say. */
public final class ImageFormats {
    private ImageFormats() {
    }

    /** As {@link #sniff(byte[], ImageFormat)} for an image held in pieces. */
    public static ImageFormat sniff(ImageBytes image, ImageFormat fallback) {
        return sniff(image.head(12), fallback);
    }

    /** The format the bytes start with, or {@code fallback} when they match none Easel knows. */
    public static ImageFormat sniff(byte[] b, ImageFormat fallback) {
        int length = b.length;
        if (length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return ImageFormat.PNG;
        }
        if (length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return ImageFormat.JPEG;
        }
        if (length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
                && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return ImageFormat.WEBP;
        }
        return fallback;
    }
}
