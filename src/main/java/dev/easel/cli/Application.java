package dev.easel.cli;

import dev.easel.account.ApiKeys;
import dev.easel.api.EaselServer;
import dev.easel.catalog.ModelCatalog;
import dev.easel.generation.RequestParser;
import dev.easel.catalog.UsageCalculator;
import dev.easel.config.EaselConfig;
import dev.easel.delivery.FileImageStore;
import dev.easel.delivery.HostedImages;
import dev.easel.delivery.SigningSecret;
import dev.easel.delivery.UrlSigner;
import dev.easel.generation.ImageGeneration;
import dev.easel.provider.local.LocalProvider;
import dev.easel.render.SceneRenderer;
import dev.easel.routing.Router;
import dev.easel.routing.Routing;
import dev.easel.storage.Database;
import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: builds every part of Easel from its configuration and starts the server. */
public final class Application implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private final Database database;
    private final EaselServer server;
    private final ScheduledExecutorService sweeper;
    private final EaselConfig config;

    private Application(Database database, EaselServer server, ScheduledExecutorService sweeper, EaselConfig config) {
        this.database = database;
        this.server = server;
        this.sweeper = sweeper;
        this.config = config;
    }

    /** Starts Easel; first-start keys and how to use them are printed to {@code console}. */
    public static Application start(EaselConfig config, PrintStream console) {
        Clock clock = Clock.systemUTC();
        Database database = openDatabase(config);
        try {
            ApiKeys keys = new ApiKeys(database.jdbi(), clock);
            ModelCatalog catalog = ModelCatalog.load(config.userModels());
            RequestParser parser = new RequestParser(catalog, config.defaultModel());
            HostedImages hosted = new HostedImages(new FileImageStore(config.dataDir().resolve("images")),
                    new UrlSigner(SigningSecret.resolve(config.signingSecret(), config.dataDir())), config.urlTtl(), clock);
            Router router = Routing.create(config.channels(), config.environment(), catalog,
                    new LocalProvider(new SceneRenderer()), clock);
            ImageGeneration generation = new ImageGeneration(router, hosted, new UsageCalculator(), clock);
            EaselServer server = EaselServer.start(
                    new EaselServer.Settings(config.host(), config.port(), config.maxBodyBytes(), config.publicBaseUrl()),
                    keys, catalog, parser, generation, hosted);
            ScheduledExecutorService sweeper = startSweeper(hosted);
            Application app = new Application(database, server, sweeper, config);
            FirstStart.ensureKeys(keys, config, app.baseUrl(), console);
            LOG.info("Easel listening on {} (data in {})", app.baseUrl(), config.dataDir().toAbsolutePath());
            return app;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public static Database openDatabase(EaselConfig config) {
        return config.databaseUrl()
                .map(url -> Database.open(url, "", ""))
                .orElseGet(() -> Database.sqlite(config.dataDir()));
    }

    private static ScheduledExecutorService startSweeper(HostedImages hosted) {
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("easel-image-sweeper").factory());
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                int deleted = hosted.sweep();
                if (deleted > 0) {
                    LOG.debug("swept {} expired images", deleted);
                }
            } catch (RuntimeException e) {
                LOG.warn("image sweep failed; retrying in a minute", e); // a failed sweep must not stop later ones
            }
        }, 1, 60, TimeUnit.SECONDS);
        return sweeper;
    }

    public int port() {
        return server.port();
    }

    public String baseUrl() {
        return config.baseUrl(server.port());
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        server.close();
        database.close();
    }
}
