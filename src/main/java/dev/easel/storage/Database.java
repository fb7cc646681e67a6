package dev.easel.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * The relational store: an SQLite file by default, PostgreSQL when a {@code jdbc:postgresql:} URL is
 * configured. Both run the same Flyway migrations from {@code db/migration}.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Runnable stopHousekeeping;
    private final Jdbi jdbi;

    private Database(HikariDataSource dataSource, boolean sqlite) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        if (sqlite) {
            jdbi.setTransactionHandler(new OneWriterAtATime(jdbi.getTransactionHandler()));
            jdbi.setStatementBuilderFactory(new ReusedStatements());
        }
        this.stopHousekeeping = sqlite ? new WalCheckpoints(dataSource)::close : () -> { };
    }

    /** Opens (creating if needed) the SQLite file {@code easel.db} in the given directory and migrates it. */
    public static Database sqlite(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDir, e);
        }
        return open("jdbc:sqlite:" + dataDir.resolve("easel.db").toAbsolutePath(), "", "");
    }

    /** Opens the database at a JDBC URL and migrates it. */
    public static Database open(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("easel-db");
        if (!user.isEmpty()) {
            config.setUsername(user);
            config.setPassword(password);
        }
        boolean sqlite = jdbcUrl.startsWith("jdbc:sqlite:");
        if (sqlite) {
            // WAL lets readers run beside the single writer; busy_timeout makes another process's writers wait
            // instead of failing (this process's take turns in OneWriterAtATime).
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("busy_timeout", "5000");
            config.addDataSourceProperty("foreign_keys", "true");
            config.addDataSourceProperty("synchronous", "NORMAL");
            // WalCheckpoints copies the log back into the file in the background, not the commit that fills it;
            // after a burst the log file shrinks back to 64 MB.
            config.addDataSourceProperty("wal_autocheckpoint", "0");
            config.addDataSourceProperty("journal_size_limit", String.valueOf(64 * 1024 * 1024));
            // Nothing reads generated keys (ids are made here), and sqlite-jdbc would otherwise prepare and run
            // a "SELECT last_insert_rowid()" after every INSERT.
            config.addDataSourceProperty("jdbc.get_generated_keys", "false");
            config.setMaximumPoolSize(4);
        } else {
            config.setMaximumPoolSize(16);
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource, sqlite);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public void close() {
        try {
            stopHousekeeping.run();
        } finally {
            dataSource.close();
        }
    }
}
