package dev.easel.jobs;

import dev.easel.catalog.ImageRequest;
import dev.easel.delivery.HostedImages;
import dev.easel.error.EaselException;
import dev.easel.generation.GeneratedImage;
import dev.easel.generation.GenerationResult;
import dev.easel.generation.ImageGeneration;
import dev.easel.generation.RequestParser;
import dev.easel.ledger.Reservation;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs async jobs: each submitted job is claimed from the database with a lease and run on a
 * virtual thread through the same generation path as a synchronous request. The lease is renewed
 * while the job runs. A job whose lease lapses (its instance died) is queued again and run by any
 * instance, up to {@code maxAttempts} starts; one cut off on its last attempt fails with
 * {@code job_interrupted}. A restart can cost an upstream a second generation (the lost attempt may
 * have been billed there), which is why the attempts are bounded; the client is charged once.
 */
public final class JobRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);
    /**
     * How long a stop waits for interrupted jobs to unwind. Most end at once; one whose images had already
     * arrived records them and queues its booking, which must happen before the ledger's last write, or the
     * job would be done and never charged (or, once the database is closed, thrown away and run again).
     */
    private static final Duration UNWIND = Duration.ofSeconds(5);

    private final JobStore store;
    private final RequestParser parser;
    private final ImageGeneration generation;
    private final HostedImages hosted;
    private final Webhooks webhooks;
    private final Admission admission;
    /** Reservations taken when jobs were submitted here; a job resumed after a restart reserves anew. */
    private final Map<String, Reservation> reservations = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration lease;
    private final int maxAttempts;
    private final String worker = "w_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Semaphore slots;
    private volatile boolean closed;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("easel-jobs").factory());

    public JobRunner(JobStore store, RequestParser parser, ImageGeneration generation, HostedImages hosted,
                     Webhooks webhooks, Admission admission, int concurrency, Duration lease, int maxAttempts,
                     Clock clock) {
        this.store = store;
        this.admission = admission;
        this.parser = parser;
        this.generation = generation;
        this.hosted = hosted;
        this.webhooks = webhooks;
        this.slots = new Semaphore(concurrency);
        this.lease = lease;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
    }

    /** Starts the background duties: lease renewal, orphan and queue recovery, webhooks, expiry. */
    public JobRunner start() {
        long renewEvery = Math.max(100, lease.toMillis() / 3);
        timer.scheduleWithFixedDelay(guarded("lease renewal", () -> store.renew(List.copyOf(running), worker, lease)),
                renewEvery, renewEvery, TimeUnit.MILLISECONDS);
        long recoverEvery = Math.min(5000, Math.max(100, lease.toMillis() / 2));
        timer.scheduleWithFixedDelay(guarded("recovery", this::recover), 0, recoverEvery, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(guarded("webhooks", webhooks::deliverDue), 1, 1, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(guarded("expiry", store::deleteExpired), 1, 60, TimeUnit.SECONDS);
        return this;
    }

    /**
     * Holds a job's price for its key: the same admission a direct request passes. A job started on
     * another instance than the one that admitted it (a restart, a crash) is admitted again, since the
     * reservation object lived in the old process. The old hold is in its instance's allowance: given back
     * with it when that instance's allowance expires, or refunded by the old attempt itself if that
     * instance still runs. The key is charged once, by the attempt that succeeds.
     */
    @FunctionalInterface
    public interface Admission {
        Reservation reserve(String keyId, ImageRequest request, String requestId);
    }

    /** Records a validated, admitted request as a queued job and starts it; the job settles the reservation. */
    public Job submit(String keyId, ImageRequest request, String body, String baseUrl, Optional<String> webhookUrl,
                      Duration keepFor, Reservation reservation) {
        Instant now = clock.instant();
        Job job = new Job("imgjob_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12)), keyId,
                request.model().id(), JobStatus.QUEUED, body, baseUrl, webhookUrl, Optional.empty(), Optional.empty(),
                now, Optional.empty(), now.plus(keepFor));
        reservations.put(job.id(), reservation);
        try {
            store.insert(job, reservation.id());
        } catch (RuntimeException e) {
            reservations.remove(job.id()).close();
            throw e;
        }
        wake(job.id());
        return job;
    }

    /** Runs the job on its own virtual thread, unless this worker already has it in hand. */
    private void wake(String id) {
        if (running.add(id)) {
            executor.execute(() -> run(id));
        }
    }

    private void run(String id) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            running.remove(id);
            return; // shutting down: the job stays queued for the next start
        }
        try {
            if (closed) {
                // Stopping: a slot freed by the stop itself is not for new work. Started now, the job could
                // be recorded as done after the ledger had written its last bookings, and never be charged.
                return;
            }
            if (!store.claim(id, worker, lease)) {
                return; // another worker (or instance) has it
            }
            Job job = store.find(id).orElseThrow();
            boolean webhook = job.webhookUrl().isPresent();
            try (Reservation reservation = Optional.ofNullable(reservations.remove(id)).orElseGet(() -> readmit(job))) {
                JobResult result = generate(job);
                if (store.succeed(id, worker, result, webhook)) {
                    reservation.settle(generation.settlement(result.images().size(), result.usage(), result.channel()));
                } // else the job was started again elsewhere after our lease lapsed: that attempt is charged
            } catch (EaselException e) {
                // A failure caused by this server stopping is not the job's: it is left to lapse and run again.
                if (!closed) {
                    store.fail(id, worker, new JobError(e.status(), e.getMessage(), e.type(), e.param(), e.code()),
                            webhook);
                }
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.error("job {} failed unexpectedly", id, e);
                    store.fail(id, worker, new JobError(500, "The server had an error while generating the images.",
                            "server_error", Optional.empty(), Optional.empty()), webhook);
                }
            }
        } catch (RuntimeException e) {
            if (!closed) {
                throw e;
            }
            // Stopped mid-job: the job stays in progress until its lease lapses and recovery queues it again.
            LOG.info("job {} was still running when the server stopped", id);
        } finally {
            Optional.ofNullable(reservations.remove(id)).ifPresent(Reservation::close); // claimed elsewhere: refund
            running.remove(id);
            slots.release();
        }
    }

    /** Admits a job this instance did not admit (queued before a restart, or started again after its instance died). */
    private Reservation readmit(Job job) {
        Reservation reservation = admission.reserve(job.keyId(), parse(job), job.id());
        store.recordReservation(job.id(), reservation.id());
        return reservation;
    }

    /** Generates inline and keeps each image in the store for as long as the job is kept. */
    private ImageRequest parse(Job job) {
        return parser.parse(JSON.readTree(job.requestBody()));
    }

    private JobResult generate(Job job) {
        ImageRequest request = parse(job).withDelivery(ImageRequest.Delivery.B64_JSON);
        GenerationResult result = generation.generate(request, job.baseUrl());
        List<JobResult.Image> images = new ArrayList<>();
        for (GeneratedImage image : result.images()) {
            String imageId = hosted.keep(image.inline().orElseThrow().stream(), request.outputFormat(),
                    job.expiresAt()).id();
            images.add(new JobResult.Image(imageId, image.revisedPrompt()));
        }
        return new JobResult(result.created(), images, result.usage(), result.channel());
    }

    /** Picks up queued jobs nobody runs (after a restart), and queues again (or fails) jobs whose worker died. */
    private void recover() {
        for (String id : store.orphaned()) {
            if (running.contains(id)) {
                continue;
            }
            if (store.requeue(id, maxAttempts)) {
                LOG.warn("job {} lost its server mid-run; it is queued to run again", id);
                continue;
            }
            boolean failed = store.interrupt(id, maxAttempts, new JobError(500, "The server running this job stopped"
                    + " before it finished, on its last allowed attempt (" + maxAttempts + "). It was not run again,"
                    + " because its backend may already have produced and billed the images; submit it again.",
                    "server_error", Optional.empty(), Optional.of("job_interrupted")),
                    store.find(id).flatMap(Job::webhookUrl).isPresent());
            if (failed) { // its hold went with its instance's allowance, given back when that expires
                LOG.warn("job {} was interrupted on its last attempt and is marked failed", id);
            }
        }
        store.queued().forEach(this::wake);
    }

    private static Runnable guarded(String duty, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("job {} duty failed; it runs again shortly", duty, e); // one failure must not stop the schedule
            }
        };
    }

    /** Stops taking work and gives running jobs a few seconds to finish; the rest are left to recovery. */
    @Override
    public void close() {
        close(SHUTDOWN_GRACE);
    }

    /** Stops, giving running jobs {@code grace} to finish ({@code Duration.ZERO}: at once, as a crash would). */
    public void close(Duration grace) {
        closed = true;
        timer.shutdownNow();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
                if (!executor.awaitTermination(UNWIND.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("jobs still running {} s after the stop interrupted them; recovery runs them again",
                            UNWIND.toSeconds());
                }
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
