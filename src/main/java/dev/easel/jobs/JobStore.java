package dev.easel.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jobs in the database. State changes are conditional updates, so two workers (or two instances)
 * can never both claim or both finish one job.
 */
public final class JobStore {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Jdbi jdbi;
    private final Clock clock;

    public JobStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Records a new job with the ledger hold its submission took. */
    public void insert(Job job, String reservationId) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO jobs (id, key_id, model, status, request_body, base_url, webhook_url, created_at,
                                          expires_at, reservation_id)
                        VALUES (:id, :key, :model, :status, :body, :base, :webhook, :created, :expires, :reservation)""")
                .bind("reservation", reservationId)
                .bind("id", job.id())
                .bind("key", job.keyId())
                .bind("model", job.model())
                .bind("status", job.status().name())
                .bind("body", job.requestBody())
                .bind("base", job.baseUrl())
                .bind("webhook", job.webhookUrl().orElse(null))
                .bind("created", job.createdAt().toEpochMilli())
                .bind("expires", job.expiresAt().toEpochMilli())
                .execute());
    }

    public Optional<Job> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM jobs WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> read(rs))
                .findOne());
    }

    /**
     * Takes a queued job for this worker, with a lease it must renew, and counts the attempt; false when
     * another worker took it. The conditional UPDATE is atomic on SQLite and PostgreSQL, so of several
     * instances exactly one wins.
     */
    public boolean claim(String id, String worker, Duration lease) {
        long now = clock.millis();
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE jobs SET status = 'IN_PROGRESS', claimed_by = :worker, lease_until = :lease,
                                        started_at = :now, attempts = attempts + 1
                        WHERE id = :id AND status = 'QUEUED'""")
                .bind("worker", worker)
                .bind("lease", now + lease.toMillis())
                .bind("now", now)
                .bind("id", id)
                .execute()) == 1;
    }

    /** Extends the lease of jobs this worker is running, so they are not taken for orphans. */
    public void renew(List<String> ids, String worker, Duration lease) {
        if (ids.isEmpty()) {
            return;
        }
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE jobs SET lease_until = :lease
                        WHERE id IN (<ids>) AND claimed_by = :worker AND status = 'IN_PROGRESS'""")
                .bindList("ids", ids)
                .bind("lease", clock.millis() + lease.toMillis())
                .bind("worker", worker)
                .execute());
    }

    /** Names the reservation of the job's latest attempt, which is also the id of its usage entry. */
    public void recordReservation(String id, String reservationId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE jobs SET reservation_id = :reservation WHERE id = :id")
                .bind("reservation", reservationId).bind("id", id).execute());
    }

    /**
     * Records success, only while {@code worker} still holds the job: a worker whose lease lapsed and whose
     * job was started again elsewhere must not overwrite (or be charged for) that attempt.
     */
    public boolean succeed(String id, String worker, JobResult result, boolean webhook) {
        return finish(id, worker, JobStatus.SUCCEEDED, "result", JSON.writeValueAsString(result), webhook);
    }

    /** Records failure, only while {@code worker} still holds the job. */
    public boolean fail(String id, String worker, JobError error, boolean webhook) {
        return finish(id, worker, JobStatus.FAILED, "error", JSON.writeValueAsString(error), webhook);
    }

    private boolean finish(String id, String worker, JobStatus status, String column, String json, boolean webhook) {
        long now = clock.millis();
        return jdbi.withHandle(h -> h.createUpdate("UPDATE jobs SET status = :status, " + column + " = :json, "
                        + "finished_at = :now, lease_until = NULL, webhook_next_at = :next "
                        + "WHERE id = :id AND status = 'IN_PROGRESS' AND claimed_by = :worker")
                .bind("status", status.name())
                .bind("json", json)
                .bind("now", now)
                .bind("next", webhook ? now : null)
                .bind("id", id)
                .bind("worker", worker)
                .execute()) == 1;
    }

    /**
     * Queues again a job whose worker stopped renewing its lease, when it has attempts left; false when it
     * has none, or another instance got there first.
     */
    public boolean requeue(String id, int maxAttempts) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE jobs SET status = 'QUEUED', claimed_by = NULL, lease_until = NULL
                        WHERE id = :id AND status = 'IN_PROGRESS' AND lease_until < :now AND attempts < :max""")
                .bind("id", id)
                .bind("now", clock.millis())
                .bind("max", maxAttempts)
                .execute()) == 1;
    }

    /** Fails a job whose worker died on its last attempt; false when it is not (or no longer) such a job. */
    public boolean interrupt(String id, int maxAttempts, JobError error, boolean webhook) {
        long now = clock.millis();
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE jobs SET status = 'FAILED', error = :json, finished_at = :now, lease_until = NULL,
                                        webhook_next_at = :next
                        WHERE id = :id AND status = 'IN_PROGRESS' AND lease_until < :now AND attempts >= :max""")
                .bind("json", JSON.writeValueAsString(error))
                .bind("now", now)
                .bind("next", webhook ? now : null)
                .bind("id", id)
                .bind("max", maxAttempts)
                .execute()) == 1;
    }

    /** Queued jobs nobody is running (after a restart, or a lost wake-up). */
    public List<String> queued() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM jobs WHERE status = 'QUEUED' ORDER BY created_at")
                .mapTo(String.class)
                .list());
    }

    /** Running jobs whose worker stopped renewing its lease: it died mid-job. */
    public List<String> orphaned() {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT id FROM jobs WHERE status = 'IN_PROGRESS' AND lease_until < :now")
                .bind("now", clock.millis())
                .mapTo(String.class)
                .list());
    }

    /** A job whose webhook is due, with the number of attempts already made. */
    public record DueWebhook(Job job, int attempts) {
    }

    /** Jobs whose webhook is due now. */
    public List<DueWebhook> webhooksDue() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT * FROM jobs WHERE webhook_next_at IS NOT NULL AND webhook_next_at <= :now
                        ORDER BY webhook_next_at LIMIT 50""")
                .bind("now", clock.millis())
                .map((rs, ctx) -> new DueWebhook(read(rs), rs.getInt("webhook_attempts")))
                .list());
    }

    /** Records a webhook attempt: delivered, retried at {@code next}, or given up (not delivered, no next). */
    public void webhookAttempted(String id, boolean delivered, Optional<Instant> next) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE jobs SET webhook_attempts = webhook_attempts + 1, webhook_next_at = :next,
                                        webhook_done_at = :done
                        WHERE id = :id""")
                .bind("next", next.map(Instant::toEpochMilli).orElse(null))
                .bind("done", delivered ? clock.millis() : null)
                .bind("id", id)
                .execute());
    }

    /** Deletes expired jobs; their images expire in the store at the same time. */
    public int deleteExpired() {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM jobs WHERE expires_at < :now")
                .bind("now", clock.millis())
                .execute());
    }

    private static Job read(ResultSet rs) throws SQLException {
        long finished = rs.getLong("finished_at");
        Optional<Instant> finishedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(finished));
        return new Job(
                rs.getString("id"),
                rs.getString("key_id"),
                rs.getString("model"),
                JobStatus.valueOf(rs.getString("status")),
                rs.getString("request_body"),
                rs.getString("base_url"),
                Optional.ofNullable(rs.getString("webhook_url")),
                Optional.ofNullable(rs.getString("result")).map(j -> JSON.readValue(j, JobResult.class)),
                Optional.ofNullable(rs.getString("error")).map(j -> JSON.readValue(j, JobError.class)),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                finishedAt,
                Instant.ofEpochMilli(rs.getLong("expires_at")));
    }
}
