package dev.easel.cli;

import dev.easel.account.ApiKeys;
import dev.easel.account.LocalRateLimiter;
import dev.easel.account.RateLimiter;
import dev.easel.account.RedisRateLimiter;
import dev.easel.catalog.PriceCalculator;
import dev.easel.ledger.Ledger;
import dev.easel.ledger.Metering;
import dev.easel.ledger.UsageQueries;
import dev.easel.provider.ImageProvider;
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

    private final RateLimiter limiter;

    private Application(Database database, EaselServer server, ScheduledExecutorService sweeper, EaselConfig config,
                        RateLimiter limiter) {
        this.database = database;
        this.server = server;
        this.sweeper = sweeper;
        this.config = config;
        this.limiter = limiter;
    }

    /** Starts Easel; first-start keys and how to use them are printed to {@code console}. */
    public static Application start(EaselConfig config, PrintStream console) {
        return start(config, console, new LocalProvider(new SceneRenderer()));
    }

    /** Starts Easel on the given backend (tests put a fake at the provider SPI here). */
    public static Application start(EaselConfig config, PrintStream console, ImageProvider backend) {
        Clock clock = Clock.systemUTC();
        Database database = openDatabase(config);
        RateLimiter limiter = config.metering().redisUrl().<RateLimiter>map(RedisRateLimiter::new)
                .orElseGet(() -> new LocalRateLimiter(clock));
        try {
            ApiKeys keys = new ApiKeys(database.jdbi(), clock);
            ModelCatalog catalog = ModelCatalog.load(config.userModels());
            RequestParser parser = new RequestParser(catalog, config.defaultModel());
            HostedImages hosted = new HostedImages(new FileImageStore(config.dataDir().resolve("images")),
                    new UrlSigner(SigningSecret.resolve(config.signingSecret(), config.dataDir())), config.urlTtl(), clock);
            ImageGeneration generation = new ImageGeneration(backend, hosted, new UsageCalculator(), clock);
            Ledger ledger = new Ledger(database.jdbi());
            Metering metering = new Metering(ledger, limiter, new PriceCalculator(new UsageCalculator()),
                    new UsageCalculator(), clock, config.metering().reservationTtl(), config.metering().logPrompts());
            reconcile(ledger, clock); // reservations a crash left behind, before taking new ones
            EaselServer server = EaselServer.start(
                    new EaselServer.Settings(config.host(), config.port(), config.maxBodyBytes(), config.publicBaseUrl(),
                            config.sseKeepAlive()),
                    keys, catalog, parser, generation, hosted, metering, new UsageQueries(database.jdbi()));
            ScheduledExecutorService sweeper = startSweeper(hosted);
            sweeper.scheduleWithFixedDelay(() -> reconcile(ledger, clock), 1, 1, TimeUnit.MINUTES);
            Application app = new Application(database, server, sweeper, config, limiter);
            FirstStart.ensureKeys(keys, config, app.baseUrl(), console);
            LOG.info("Easel listening on {} (data in {})", app.baseUrl(), config.dataDir().toAbsolutePath());
            return app;
        } catch (RuntimeException e) {
            limiter.close();
            database.close();
            throw e;
        }
    }

    private static void reconcile(Ledger ledger, Clock clock) {
        try {
            int released = ledger.reconcile(clock.instant());
            if (released > 0) {
                LOG.warn("released {} reservations left open by a crashed or killed instance (refunded in full)", released);
            }
        } catch (RuntimeException e) {
            LOG.warn("reconciling open reservations failed; retrying in a minute", e);
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
        limiter.close();
        database.close();
    }
}
