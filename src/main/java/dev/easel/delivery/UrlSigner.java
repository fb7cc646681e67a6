package dev.easel.delivery;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies hosted image links with HMAC-SHA256 over the image id and expiry, so a link can
 * be neither guessed nor altered (a changed id or a later expiry breaks the signature). Any instance
 * sharing the secret can verify a link another minted.
 */
public final class UrlSigner {
    private final SecretKeySpec key;

    public UrlSigner(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("signing secret must be at least 32 bytes but was " + secret.length);
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    public String sign(String imageId, long expiresEpochSecond) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] sig = mac.doFinal((imageId + "\n" + expiresEpochSecond).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
        }
    }

    /** Constant-time check, so the signature cannot be found byte by byte through timing. */
    public boolean verify(String imageId, long expiresEpochSecond, String signature) {
        byte[] expected = sign(imageId, expiresEpochSecond).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }
}
