package dev.easel.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The HMAC secret for image links: the configured one, else one generated once into the data
 * directory (readable by the owner only) so links survive restarts. Instances that share links must
 * share a configured secret.
 */
public final class SigningSecret {
    private static final String FILE = "signing.secret";

    private SigningSecret() {
    }

    public static byte[] resolve(Optional<String> configured, Path dataDir) {
        if (configured.isPresent()) {
            byte[] bytes = configured.get().getBytes(StandardCharsets.UTF_8);
            if (bytes.length < 32) {
                throw new IllegalArgumentException("signing_secret must be at least 32 characters");
            }
            return bytes;
        }
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return HexFormat.of().parseHex(Files.readString(file).strip());
            }
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Files.createDirectories(dataDir);
            Files.writeString(file, HexFormat.of().formatHex(secret) + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system (Windows): rely on the directory's permissions
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}
