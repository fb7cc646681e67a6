package dev.easel.jobs;

import dev.easel.error.EaselException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Idempotency-Key records. The first request with a key runs and its response is stored; a repeat
 * with the same body within the retention window gets that response (or the job it started)
 * without generating or charging again; a repeat with a different body is refused. Concurrent
 * repeats wait for the first to finish, so the work runs once. Rows are keyed by API key too, so
 * two tenants can never collide on a key or read each other's responses.
 */
public final class IdempotencyKeys {
    /** How long a key is remembered. */
    public static final Duration RETENTION = Duration.ofHours(24);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration maxWait;

    /**
     * @param maxWait how long a repeat waits for the first request to finish before answering 409
     */
    public IdempotencyKeys(Jdbi jdbi, Clock clock, Duration maxWait) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.maxWait = maxWait;
    }

    /** What to do with a request that carries a key. */
    public sealed interface Outcome {
        /** First use: run the request, then {@link Ticket#complete} or {@link Ticket#release}. */
        record Proceed(Ticket ticket) implements Outcome {
        }

        /** A repeat: answer with the stored response, or with the job it started. */
        record Replay(int status, String contentType, byte[] body, Optional<String> jobId) implements Outcome {
        }
    }

    /** The right to run a keyed request once. */
    public final class Ticket {
        private final String keyId;
        private final String idemKey;

        private Ticket(String keyId, String idemKey) {
            this.keyId = keyId;
            this.idemKey = idemKey;
        }

        /** Stores the response for replays. */
        public void complete(int status, String contentType, byte[] body, Optional<String> jobId) {
            jdbi.useHandle(h -> h.createUpdate("""
                            UPDATE idempotency_keys SET state = 'DONE', status_code = :status, content_type = :type,
                                                        response = :body, job_id = :job
                            WHERE key_id = :key AND idem_key = :idem""")
                    .bind("status", status)
                    .bind("type", contentType)
                    .bind("body", body)
                    .bind("job", jobId.orElse(null))
                    .bind("key", keyId)
                    .bind("idem", idemKey)
                    .execute());
        }

        /** Forgets the key (the request failed in a way worth retrying), so a repeat runs afresh. */
        public void release() {
            jdbi.useHandle(h -> h.createUpdate("DELETE FROM idempotency_keys WHERE key_id = :key AND idem_key = :idem")
                    .bind("key", keyId)
                    .bind("idem", idemKey)
                    .execute());
        }
    }

    /**
     * Claims the key for this request, or finds what an earlier request with it produced.
     *
     * @throws EaselException 422 when the key was used with another body, 409 when the first request
     *                        is still running after {@code maxWait}
     */
    public Outcome begin(String keyId, String idemKey, String bodyHash) {
        long deadline = clock.millis() + maxWait.toMillis();
        while (true) {
            long now = clock.millis();
            boolean inserted = jdbi.withHandle(h -> {
                h.createUpdate("DELETE FROM idempotency_keys WHERE key_id = :key AND idem_key = :idem AND expires_at < :now")
                        .bind("key", keyId).bind("idem", idemKey).bind("now", now).execute();
                return h.createUpdate("""
                                INSERT INTO idempotency_keys (key_id, idem_key, body_hash, state, created_at, expires_at)
                                VALUES (:key, :idem, :hash, 'RUNNING', :now, :expires)
                                ON CONFLICT DO NOTHING""")
                        .bind("key", keyId).bind("idem", idemKey).bind("hash", bodyHash).bind("now", now)
                        .bind("expires", now + RETENTION.toMillis())
                        .execute() == 1;
            });
            if (inserted) {
                return new Outcome.Proceed(new Ticket(keyId, idemKey));
            }
            Optional<Row> row = find(keyId, idemKey);
            if (row.isEmpty()) {
                continue; // released or expired between our insert and read: try again
            }
            if (!row.get().bodyHash().equals(bodyHash)) {
                throw new EaselException(422, "invalid_request_error", Optional.empty(),
                        Optional.of("idempotency_key_reused"), "This Idempotency-Key was already used with a different"
                        + " request body. Use a new key for a new request.");
            }
            if (row.get().done()) {
                return row.get().replay();
            }
            if (clock.millis() > deadline) {
                throw new EaselException(409, "invalid_request_error", Optional.empty(),
                        Optional.of("idempotency_key_in_use"), "A request with this Idempotency-Key is still running;"
                        + " repeat it later to get its result.", Optional.of(Duration.ofSeconds(5)));
            }
            sleep();
        }
    }

    /** Deletes keys past their retention. */
    public int deleteExpired() {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM idempotency_keys WHERE expires_at < :now")
                .bind("now", clock.millis()).execute());
    }

    private Optional<Row> find(String keyId, String idemKey) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT body_hash, state, status_code, content_type, response, job_id
                        FROM idempotency_keys WHERE key_id = :key AND idem_key = :idem""")
                .bind("key", keyId).bind("idem", idemKey)
                .map((rs, ctx) -> new Row(rs.getString("body_hash"), rs.getString("state").equals("DONE"),
                        rs.getInt("status_code"), Optional.ofNullable(rs.getString("content_type")).orElse(""),
                        Optional.ofNullable(rs.getBytes("response")).orElse(new byte[0]),
                        Optional.ofNullable(rs.getString("job_id"))))
                .findOne());
    }

    private record Row(String bodyHash, boolean done, int status, String contentType, byte[] body,
                       Optional<String> jobId) {
        Outcome replay() {
            return new Outcome.Replay(status, contentType, body, jobId);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EaselException.serverError("interrupted while waiting for an earlier request with the same key");
        }
    }
}
