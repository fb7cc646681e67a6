package dev.easel.delivery;

import dev.easel.render.ImageFormat;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Store ids of the form {@code img_<expiry epoch seconds>_<random>.<ext>}. Carrying the expiry and
 * format in the id lets the sweeper and the file route work from the name alone.
 */
final class ImageIds {
    private static final Pattern FORM = Pattern.compile("img_(\\d{1,12})_([0-9A-Za-z]{22})\\.(png|jpeg|webp)");
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ImageIds() {
    }

    static String newId(ImageFormat format, Instant expiresAt) {
        StringBuilder sb = new StringBuilder("img_").append(expiresAt.getEpochSecond()).append('_');
        for (int i = 0; i < 22; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.append('.').append(format.wireName()).toString();
    }

    /** The parts of a well-formed id; empty for anything else (which also rules out path tricks). */
    static Optional<Parsed> parse(String id) {
        Matcher m = FORM.matcher(id);
        if (!m.matches()) {
            return Optional.empty();
        }
        return ImageFormat.fromWireName(m.group(3))
                .map(f -> new Parsed(Instant.ofEpochSecond(Long.parseLong(m.group(1))), f));
    }

    record Parsed(Instant expiresAt, ImageFormat format) {
    }
}
