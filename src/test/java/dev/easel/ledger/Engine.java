package dev.easel.ledger;

import dev.easel.TestServers;
import dev.easel.storage.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The two engines every ledger test runs on: an SQLite file and a real PostgreSQL database. */
enum Engine {
    SQLITE, POSTGRES;

    /**
     * Where a fresh database lives, an SQLite file's folder made inside {@code scratch}; {@link #open} can be
     * called again on it to simulate a restart.
     */
    String newLocation(Path scratch) {
        if (this == POSTGRES) {
            return TestServers.newPostgresDatabase();
        }
        try {
            return Files.createTempDirectory(scratch, "sqlite").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Database open(String location) {
        return this == POSTGRES ? Database.open(location, "", "") : Database.sqlite(Path.of(location));
    }
}
