package dev.easel.account;

import dev.easel.error.EaselException;
import java.net.InetAddress;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The checks every authenticated call passes before anything else: the caller's address is allowed
 * (checked first, so a key used from elsewhere does not even learn whether it expired), and the key has
 * not expired.
 */
public final class KeyAccess {
    private KeyAccess() {
    }

    public static void check(ApiKey key, InetAddress client, Instant now) {
        if (!key.policy().allowsAddress(client)) {
            throw new EaselException(403, "invalid_request_error", java.util.Optional.empty(),
                    java.util.Optional.of("ip_not_allowed"), "This API key may not be used from address "
                    + client.getHostAddress() + "; its allowed_ips do not include it.");
        }
        if (key.policy().expired(now)) {
            throw new EaselException(401, "invalid_request_error", java.util.Optional.empty(),
                    java.util.Optional.of("key_expired"), "This API key expired at "
                    + DateTimeFormatter.ISO_INSTANT.format(key.policy().expiresAt().orElseThrow())
                    + "; ask the administrator for a new key or a later expiry.");
        }
    }
}
