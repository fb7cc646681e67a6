package dev.easel.cli;

import dev.easel.account.ApiKey;
import dev.easel.account.ApiKeys;
import dev.easel.account.LocalRateLimiter;
import dev.easel.account.RateLimiter;
import dev.easel.account.RedisRateLimiter;
import dev.easel.catalog.PriceCalculator;
import dev.easel.error.EaselException;
import dev.easel.ledger.Ledger;
import dev.easel.ledger.LedgerWriter;
import dev.easel.ledger.Metering;
import dev.easel.ledger.UsageQueries;
import dev.easel.provider.ImageProvider;
import dev.easel.api.EaselServer;
import dev.easel.api.JobView;
import dev.easel.catalog.ModelCatalog;
import dev.easel.generation.RequestParser;
import dev.easel.catalog.UsageCalculator;
import dev.easel.config.EaselConfig;
import dev.easel.delivery.BucketSettings;
import dev.easel.delivery.FileImageStore;
import dev.easel.delivery.ImageStore;
import dev.easel.delivery.S3ImageStore;
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
import dev.easel.storage.Leases;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
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
    /** Longer than a sweep takes; the holder renews it each minute, so it moves only when the holder stops. */
    private static final Duration SWEEP_LEASE = Duration.ofMinutes(3);

    private final Database database;
    private final EaselServer server;
    private final ScheduledExecutorService sweeper;
    private final ScheduledExecutorService ledgerTimer;
    private final JobRunner jobs;
    private final Metering metering;
    private final EaselConfig config;
    private final RateLimiter limiter;
    private final ImageStore store;
    private final LedgerWriter ledgerWriter;

    private Application(Database database, EaselServer server, ScheduledExecutorService sweeper,
                        ScheduledExecutorService ledgerTimer, JobRunner jobs, Metering metering, EaselConfig config,
                        RateLimiter limiter, ImageStore store, LedgerWriter ledgerWriter) {
        this.database = database;
        this.ledgerWriter = ledgerWriter;
        this.server = server;
        this.sweeper = sweeper;
        this.ledgerTimer = ledgerTimer;
        this.jobs = jobs;
        this.metering = metering;
        this.config = config;
        this.limiter = limiter;
        this.store = store;
    }

    /** Starts Easel; first-start keys and how to use them are printed to {@code console}. */
    public static Application start(EaselConfig config, PrintStream console) {
        return start(config, console, new LocalProvider(new SceneRenderer()));
    }

    /**
     * Starts Easel with {@code builtIn} as the backend of models no upstream channel serves (the local
     * renderer; tests put a fake at the provider SPI here).
     */
    public static Application start(EaselConfig config, PrintStream console, ImageProvider builtIn) {
        Clock clock = Clock.systemUTC();
        Database database = openDatabase(config);
        RateLimiter limiter = config.metering().redisUrl().<RateLimiter>map(RedisRateLimiter::new)
                .orElseGet(() -> new LocalRateLimiter(clock));
        ImageStore store;
        try {
            store = imageStore(config, clock);
        } catch (RuntimeException e) {
            limiter.close();
            database.close();
            throw e;
        }
        Ledger ledger = new Ledger(database.jdbi());
        LedgerWriter ledgerWriter = LedgerWriter.start(ledger);
        try {
            ApiKeys keys = new ApiKeys(database.jdbi(), clock);
            ModelCatalog catalog = ModelCatalog.load(config.userModels());
            RequestParser parser = new RequestParser(catalog, config.defaultModel());
            HostedImages hosted = new HostedImages(store,
                    new UrlSigner(SigningSecret.resolve(config.signingSecret(), config.dataDir())), config.urlTtl(), clock);
            Router router = Routing.create(config.channels(), config.environment(), catalog, builtIn, clock);
            ImageGeneration generation = new ImageGeneration(router, hosted, new UsageCalculator(), clock,
                    router::costMultiplier);
            Metering metering = new Metering(ledger, ledgerWriter, limiter, new PriceCalculator(new UsageCalculator()),
                    new UsageCalculator(), clock, config.metering().reservationTtl(), config.metering().logPrompts());
            reconcile(ledger, clock); // allowances a crash left behind, before drawing new ones
            JobStore jobStore = new JobStore(database.jdbi(), clock);
            JobView jobView = new JobView(parser, hosted);
            Webhooks.WebhookPolicy webhookPolicy = config.webhookSecret()
                    .map(secret -> Webhooks.WebhookPolicy.of(config.webhookHosts(), secret))
                    .orElseGet(Webhooks.WebhookPolicy::disabled);
            JobRunner jobs = new JobRunner(jobStore, parser, generation, hosted,
                    new Webhooks(jobStore, webhookPolicy, jobView::json, clock), jobAdmission(keys, metering),
                    config.jobConcurrency(), config.jobLease(), config.jobMaxAttempts(), clock).start();
            IdempotencyKeys idempotency = new IdempotencyKeys(database.jdbi(), clock, Duration.ofMinutes(10));
            EaselServer server = EaselServer.start(
                    new EaselServer.Settings(config.host(), config.port(), config.maxBodyBytes(), config.publicBaseUrl(),
                            config.sseKeepAlive(), config.jobTtl()),
                    new EaselServer.Parts(keys, catalog, parser, generation, hosted, jobs, jobStore, jobView,
                            idempotency, webhookPolicy, metering, new UsageQueries(database.jdbi(), ledgerWriter)));
            ScheduledExecutorService sweeper = startSweeper(hosted, idempotency, new Leases(database.jdbi(), clock));
            ScheduledExecutorService ledgerTimer = startLedgerTimer(ledger, metering, clock,
                    config.metering().reservationTtl());
            Application app = new Application(database, server, sweeper, ledgerTimer, jobs, metering, config, limiter,
                    store, ledgerWriter);
            FirstStart.ensureKeys(keys, config, app.baseUrl(), console);
            LOG.info("Easel listening on {} (data in {})", app.baseUrl(), config.dataDir().toAbsolutePath());
            return app;
        } catch (RuntimeException e) {
            ledgerWriter.close();
            store.close();
            limiter.close();
            database.close();
            throw e;
        }
    }

    /** Files under the data directory, or the configured bucket when several instances share the images. */
    private static ImageStore imageStore(EaselConfig config, Clock clock) {
        return config.bucket().<ImageStore>map(b -> S3ImageStore.connect(new BucketSettings(b.bucket(),
                        b.endpoint().map(URI::create), b.region().orElse("us-east-1"),
                        b.accessKeyId().map(id -> new BucketSettings.Credentials(id, b.secretAccessKey().orElseThrow())),
                        b.prefix(), b.pathStyle(), b.presignedUrls()), clock))
                .orElseGet(() -> new FileImageStore(config.dataDir().resolve("images")));
    }

    /** A job resumed after a restart passes the same admission as a request, for the key that sent it. */
    private static JobRunner.Admission jobAdmission(ApiKeys keys, Metering metering) {
        return (keyId, request, requestId) -> metering.reserve(keys.find(keyId).filter(ApiKey::active)
                .orElseThrow(() -> EaselException.invalidApiKey("The API key that submitted this job was revoked.")),
                request, requestId);
    }

    /**
     * Tends this instance's allowances every second (renewing them keeps them from the reconciler) and
     * reconciles the ledger twice per {@code reservation_ttl}, at most a minute apart. A thread of its own:
     * an image sweep listing a large bucket must not delay a renewal.
     */
    private static ScheduledExecutorService startLedgerTimer(Ledger ledger, Metering metering, Clock clock,
                                                             Duration ttl) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("easel-ledger-timer").factory());
        timer.scheduleWithFixedDelay(() -> {
            try {
                metering.tend();
            } catch (RuntimeException e) {
                LOG.warn("tending budget allowances failed; retrying in a second", e);
            }
        }, 1, 1, TimeUnit.SECONDS);
        long every = Math.clamp(ttl.toMillis() / 2, 1_000, 60_000);
        timer.scheduleWithFixedDelay(() -> reconcile(ledger, clock), every, every, TimeUnit.MILLISECONDS);
        return timer;
    }

    private static void reconcile(Ledger ledger, Clock clock) {
        try {
            int released = ledger.reconcile(clock.instant());
            if (released > 0) {
                LOG.warn("gave back {} budget allowances of a crashed or killed instance", released);
            }
        } catch (RuntimeException e) {
            LOG.warn("reconciling the ledger failed; retrying shortly", e);
        }
    }

    public static Database openDatabase(EaselConfig config) {
        return config.databaseUrl()
                .map(url -> Database.open(url, "", ""))
                .orElseGet(() -> Database.sqlite(config.dataDir()));
    }

    /**
     * Deletes expired images and idempotency records every minute. Any instance may sweep; a lease in the
     * database makes one do it at a time, so a bucket is not listed by every instance at once.
     */
    private static ScheduledExecutorService startSweeper(HostedImages hosted, IdempotencyKeys idempotency,
                                                         Leases leases) {
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("easel-image-sweeper").factory());
        String holder = "sweeper_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                if (!leases.tryAcquire("sweep", holder, SWEEP_LEASE)) {
                    return; // another instance sweeps this round
                }
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
        ledgerTimer.shutdownNow();
        metering.giveBackAll();
        ledgerWriter.close(); // what finished requests left waiting, before the database closes
        limiter.close();
        store.close();
        database.close();
    }

    /** Stops at once without letting running jobs finish, as a crash would; for failure drills and tests. */
    public void halt() {
        sweeper.shutdownNow();
        ledgerTimer.shutdownNow();
        server.close();
        jobs.close(Duration.ZERO);
        ledgerWriter.close();
        limiter.close();
        store.close();
        database.close();
    }
}
