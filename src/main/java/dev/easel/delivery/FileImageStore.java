package dev.easel.delivery;

import dev.easel.render.ImageFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * Images as files in one directory. Writes go to a temporary file first and are moved into place,
 * so a reader never sees half an image.
 */
public final class FileImageStore implements ImageStore {
    private final Path dir;

    public FileImageStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create image directory " + dir, e);
        }
    }

    @Override
    public StoredImage put(InputStream bytes, ImageFormat format, Instant expiresAt) {
        String id = ImageIds.newId(format, expiresAt);
        Path target = dir.resolve(id);
        Path temp = dir.resolve(id + ".part");
        try {
            long size = Files.copy(bytes, temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return new StoredImage(id, format, expiresAt, size);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("cannot store image " + id, e);
        }
    }

    @Override
    public Optional<OpenedImage> open(String id) {
        Optional<ImageIds.Parsed> parsed = ImageIds.parse(id);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Path file = dir.resolve(id);
        try {
            InputStream in = Files.newInputStream(file);
            long size = Files.size(file);
            return Optional.of(new OpenedImage(new StoredImage(id, parsed.get().format(), parsed.get().expiresAt(), size), in));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image " + id, e);
        }
    }

    @Override
    public int deleteExpired(Instant now) {
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                // A `.part` file left by a crash mid-write expires with the image it was meant to become.
                String name = file.getFileName().toString().replaceFirst("\\.part$", "");
                boolean expired = ImageIds.parse(name).map(p -> p.expiresAt().isBefore(now)).orElse(false);
                if (expired && deleteQuietly(file)) {
                    deleted++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list image directory " + dir, e);
        }
        return deleted;
    }

    private static boolean deleteQuietly(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            return false; // a file still open elsewhere is retried on the next sweep
        }
    }
}
