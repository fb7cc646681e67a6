package dev.easel.cli;

import dev.easel.account.ApiKeys;
import dev.easel.api.EaselServer;
import dev.easel.api.JobView;
import dev.easel.catalog.ModelCatalog;
import dev.easel.generation.RequestParser;
import dev.easel.catalog.UsageCalculator;
import dev.easel.config.EaselConfig;
import dev.easel.delivery.FileImageStore;
import dev.easel.delivery.HostedImages;
import dev.easel.delivery.SigningSecret;
import dev.easel.delivery.UrlSigner;
import dev.easel.generation.ImageGeneration;
import dev.easel.jobs.IdempotencyKeys;
import dev.easel.jobs.JobRunner;
import dev.easel.jobs.JobStore;
import dev.easel.jobs.Webhooks;
import dev.easel.provider.local.LocalProvider;
import dev.easel.render.SceneRenderer;
import dev.easel.routing.Router;
import dev.easel.routing.Routing;
import dev.easel.storage.Database;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
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
    private final JobRunner jobs;
    private final EaselConfig config;

    private Application(Database database, EaselServer server, ScheduledExecutorService sweeper, JobRunner jobs,
                        EaselConfig config) {
        this.database = database;
        this.server = server;
        this.sweeper = sweeper;
        this.jobs = jobs;
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
            JobStore jobStore = new JobStore(database.jdbi(), clock);
            JobView jobView = new JobView(parser, hosted);
            Webhooks.WebhookPolicy webhookPolicy = config.webhookSecret()
                    .map(secret -> Webhooks.WebhookPolicy.of(config.webhookHosts(), secret))
                    .orElseGet(Webhooks.WebhookPolicy::disabled);
            JobRunner jobs = new JobRunner(jobStore, parser, generation, hosted,
                    new Webhooks(jobStore, webhookPolicy, jobView::json, clock), config.jobConcurrency(),
                    config.jobLease(), clock).start();
            IdempotencyKeys idempotency = new IdempotencyKeys(database.jdbi(), clock, Duration.ofMinutes(10));
            EaselServer server = EaselServer.start(
                    new EaselServer.Settings(config.host(), config.port(), config.maxBodyBytes(), config.publicBaseUrl(),
                            config.sseKeepAlive(), config.jobTtl()),
                    new EaselServer.Parts(keys, catalog, parser, generation, hosted, jobs, jobStore, jobView,
                            idempotency, webhookPolicy));
            ScheduledExecutorService sweeper = startSweeper(hosted, idempotency);
            Application app = new Application(database, server, sweeper, jobs, config);
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

    private static ScheduledExecutorService startSweeper(HostedImages hosted, IdempotencyKeys idempotency) {
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("easel-image-sweeper").factory());
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                idempotency.deleteExpired();
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
        jobs.close();
        database.close();
    }

    /** Stops at once without letting running jobs finish, as a crash would; for failure drills and tests. */
    public void halt() {
        sweeper.shutdownNow();
        server.close();
        jobs.close(Duration.ZERO);
        database.close();
    }
}
