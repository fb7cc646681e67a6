package dev.easel.jobs;

import java.time.Instant;
import java.util.Optional;

/**
 * An async generation job as stored.
 *
 * @param id          public id ({@code imgjob_...})
 * @param keyId       the API key that submitted it; only that key may read it
 * @param model       the model id, as resolved at submission
 * @param status      where it is
 * @param requestBody the client's JSON body, re-parsed when the job runs (and after a restart)
 * @param baseUrl     base for hosted links, as the client reached the server
 * @param webhookUrl  where to POST the finished job, when asked
 * @param result      what it produced, once succeeded
 * @param error       why it failed, once failed
 * @param createdAt   when it was submitted
 * @param finishedAt  when it finished
 * @param expiresAt   when it and its images are deleted
 */
public record Job(String id, String keyId, String model, JobStatus status, String requestBody, String baseUrl,
                  Optional<String> webhookUrl, Optional<JobResult> result, Optional<JobError> error, Instant createdAt,
                  Optional<Instant> finishedAt, Instant expiresAt) {
}
