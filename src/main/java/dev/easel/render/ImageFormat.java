package dev.easel.render;

import java.util.Locale;
import java.util.Optional;

/** An encoded image format Easel can produce. */
public enum ImageFormat {
    PNG("png", "image/png"),
    JPEG("jpeg", "image/jpeg"),
    WEBP("webp", "image/webp");

    private final String wireName;
    private final String mimeType;

    ImageFormat(String wireName, String mimeType) {
        this.wireName = wireName;
        this.mimeType = mimeType;
    }

    /** The name used by OpenAI's {@code output_format} and as the file extension. */
    public String wireName() {
        return wireName;
    }

    public String mimeType() {
        return mimeType;
    }

    /** True when the format can carry an alpha channel. */
    public boolean supportsAlpha() {
        return this != JPEG;
    }

    public static Optional<ImageFormat> fromWireName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("jpg")) {
            return Optional.of(JPEG);
        }
        for (ImageFormat f : values()) {
            if (f.wireName.equals(lower)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
