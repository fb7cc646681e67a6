package dev.easel.delivery;

import dev.easel.error.EaselException;
import dev.easel.render.ImageFormat;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Hosts images behind signed, expiring links ({@code GET /v1/files/images/{id}?exp=..&sig=..}) and
 * checks those links when they are fetched.
 */
public final class HostedImages {
    /** The path under which Easel serves hosted images. */
    public static final String PATH = "/v1/files/images/";

    private final ImageStore store;
    private final UrlSigner signer;
    private final Duration ttl;
    private final Clock clock;

    public HostedImages(ImageStore store, UrlSigner signer, Duration ttl, Clock clock) {
        this.store = store;
        this.signer = signer;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Stores the image for the link lifetime and returns its signed absolute URL under {@code baseUrl}. */
    public String host(InputStream bytes, ImageFormat format, String baseUrl) {
        StoredImage stored = store.put(bytes, format, clock.instant().plus(ttl));
        return link(stored.id(), stored.expiresAt(), baseUrl);
    }

    /** Stores an image until {@code expiresAt} without handing out a link yet (async job results). */
    public StoredImage keep(InputStream bytes, ImageFormat format, Instant expiresAt) {
        return store.put(bytes, format, expiresAt);
    }

    /**
     * A link to a stored image, valid until {@code expiresAt}: a presigned bucket URL when the store is
     * configured for them, else Easel's own signed link, which any instance sharing the secret verifies.
     */
    public String link(String imageId, Instant expiresAt, String baseUrl) {
        return store.directUrl(imageId, expiresAt).orElseGet(() -> signedLink(imageId, expiresAt, baseUrl));
    }

    private String signedLink(String imageId, Instant expiresAt, String baseUrl) {
        long exp = expiresAt.getEpochSecond();
        return baseUrl + PATH + imageId + "?exp=" + exp + "&sig=" + signer.sign(imageId, exp);
    }

    /** The bytes of a stored image, when it still exists. */
    public Optional<byte[]> read(String imageId) {
        return store.open(imageId).map(opened -> {
            try (opened) {
                return opened.content().readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read image " + imageId, e);
            }
        });
    }

    /**
     * Opens the image a link points to, after checking its signature and expiry.
     *
     * @throws EaselException 403 for a bad signature, 410 for an expired link, 404 for a swept image
     */
    public ImageStore.OpenedImage open(String id, Optional<String> exp, Optional<String> sig) {
        long expiry = exp.flatMap(HostedImages::parseLong).orElseThrow(() -> invalidSignature());
        if (sig.isEmpty() || !signer.verify(id, expiry, sig.get())) {
            throw invalidSignature();
        }
        if (Instant.ofEpochSecond(expiry).isBefore(clock.instant())) {
            throw new EaselException(410, "invalid_request_error", Optional.empty(), Optional.of("url_expired"),
                    "This image link expired. Hosted images are kept for " + ttl.toMinutes()
                            + " minutes; request the image again, or ask for b64_json.");
        }
        return store.open(id).orElseThrow(() -> EaselException.notFound("image_not_found",
                "The image this link points to no longer exists."));
    }

    /** Deletes expired images; returns how many. */
    public int sweep() {
        return store.deleteExpired(clock.instant());
    }

    /** Seconds until the link's expiry, for caching headers. */
    public long secondsLeft(StoredImage image) {
        return Math.max(0, image.expiresAt().getEpochSecond() - clock.instant().getEpochSecond());
    }

    private static EaselException invalidSignature() {
        return new EaselException(403, "invalid_request_error", Optional.empty(), Optional.of("invalid_signature"),
                "This image link is not valid: its signature does not match. Use the URL exactly as it was returned.");
    }

    private static Optional<Long> parseLong(String s) {
        try {
            return Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
