package dev.easel.delivery;

import dev.easel.render.ImageFormat;
import java.time.Instant;

/**
 * An image kept in the store until it expires.
 *
 * @param id        the store id; it encodes the format and expiry so any instance can serve or sweep it
 *                  without a database row
 * @param format    encoded format of the bytes
 * @param expiresAt when links to it stop working and it may be deleted
 * @param sizeBytes length of the stored bytes
 */
public record StoredImage(String id, ImageFormat format, Instant expiresAt, long sizeBytes) {
}
