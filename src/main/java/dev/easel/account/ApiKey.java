package dev.easel.account;

import java.time.Instant;
import java.util.Optional;

/**
 * An API key as stored: never the clear key, only its id, a short display prefix and metadata.
 *
 * @param id        stable public id ({@code key_...}), used by the admin API to revoke
 * @param prefix    the first characters of the clear key, so an operator can tell keys apart
 * @param name      a label chosen at creation
 * @param role      what the key may do
 * @param createdAt when it was created
 * @param revokedAt when it was revoked, if it was
 * @param policy    expiry, allowed models and addresses, budget, limits and price multiplier
 */
public record ApiKey(String id, String prefix, String name, Role role, Instant createdAt, Optional<Instant> revokedAt,
                     KeyPolicy policy) {

    /** A key is either for the image API or for administration, never both (least privilege). */
    public enum Role { API, ADMIN }

    public boolean active() {
        return revokedAt.isEmpty();
    }
}
