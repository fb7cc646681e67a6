package dev.easel.api;

import dev.easel.account.ApiKey;
import dev.easel.catalog.ImageRequest;
import dev.easel.error.EaselException;
import dev.easel.generation.GenerationResult;
import dev.easel.generation.ImageGeneration;
import dev.easel.generation.RequestParser;
import dev.easel.jobs.IdempotencyKeys;
import dev.easel.jobs.Job;
import dev.easel.jobs.JobRunner;
import dev.easel.jobs.JobStore;
import dev.easel.jobs.Webhooks;
import dev.easel.ledger.Metering;
import dev.easel.ledger.Reservation;
import dev.easel.ledger.Settlement;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/images/generations}: the whole request path, readable top to bottom. A request is
 * answered directly, as a server-sent event stream, or as an async job; with an Idempotency-Key its
 * answer is recorded and replayed to repeats.
 */
final class ImagesRoutes implements HttpService {
    private static final Logger LOG = LoggerFactory.getLogger(ImagesRoutes.class);
    private static final String JSON = "application/json";
    private static final String EVENT_STREAM = "text/event-stream";

    /** The collaborators of the image path. */
    record Parts(Authenticator auth, RequestParser parser, ImageGeneration generation, JobRunner jobs, JobStore jobStore,
                 JobView jobView, IdempotencyKeys idempotency, Webhooks.WebhookPolicy webhooks, Metering metering) {
    }

    /** The knobs of the image path. */
    record Settings(long maxBodyBytes, Function<ServerRequest, String> baseUrl, Duration keepAlive, Duration jobTtl,
                    Clock clock) {
    }

    private final Parts parts;
    private final Settings settings;

    ImagesRoutes(Parts parts, Settings settings) {
        this.parts = parts;
        this.settings = settings;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/v1/images/generations", this::generate)
                .any("/v1/images/generations", Routes.methodNotAllowed("POST"));
    }

    private void generate(ServerRequest req, ServerResponse res) {
        ApiKey caller = parts.auth().require(req, ApiKey.Role.API);
        byte[] raw = JsonBody.readBytes(req, settings.maxBodyBytes());
        Submission submission = Submission.read(req, JsonBody.parse(raw));
        ImageRequest request = parts.parser().parse(submission.body());
        req.context().register(AccessLog.MODEL_KEY, request.model().id());
        submission.webhookUrl().ifPresent(parts.webhooks()::check);
        if (submission.async() && request.stream()) {
            throw EaselException.invalidParameter("stream", "A request is either streamed or run as a job"
                    + " (Prefer: respond-async), not both.");
        }
        Answer answer = new Answer(req, res, caller, submission, request, raw);
        if (submission.idempotencyKey().isEmpty()) {
            answer.send(Optional.empty());
            return;
        }
        switch (parts.idempotency().begin(caller.id(), submission.idempotencyKey().get(), Hashes.sha256(raw))) {
            case IdempotencyKeys.Outcome.Replay replay -> replay(res, caller, replay);
            case IdempotencyKeys.Outcome.Proceed proceed -> answer.sendRecorded(proceed.ticket());
        }
    }

    /** One request's answer, in whichever of the three forms it asked for. */
    private final class Answer {
        private final ServerRequest req;
        private final ServerResponse res;
        private final ApiKey caller;
        private final Submission submission;
        private final ImageRequest request;
        private final byte[] raw;

        Answer(ServerRequest req, ServerResponse res, ApiKey caller, Submission submission, ImageRequest request,
               byte[] raw) {
            this.req = req;
            this.res = res;
            this.caller = caller;
            this.submission = submission;
            this.request = request;
            this.raw = raw;
        }

        /**
         * Admits the request against the key's limits and budget, then sends the answer; with a copy,
         * returns whether the answer completed (a stream may be cut short). The reservation is settled to
         * the images delivered; closing it refunds whatever was not settled and frees the concurrency slot.
         */
        boolean send(Optional<OutputStream> copy) {
            Reservation reservation = parts.metering().reserve(caller, request, RequestIds.current(req));
            if (submission.async()) {
                // The job takes the reservation over and settles it when it finishes.
                reservation.headers().forEach(res::header);
                // The job keeps the body without Easel's own fields, so it re-parses exactly as it was validated.
                Job job = parts.jobs().submit(caller.id(), request, Json.MAPPER.writeValueAsString(submission.body()),
                        settings.baseUrl().apply(req), submission.webhookUrl(), settings.jobTtl(), reservation);
                sendJob(res, Status.ACCEPTED_202, parts.jobView().view(job), copy);
                return true;
            }
            try (reservation) {
                reservation.headers().forEach(res::header);
                if (request.stream()) {
                    return stream(copy, reservation);
                }
                return direct(copy, reservation);
            }
        }

        /**
         * Generates and answers in one go. Inline images with no copy to record are relayed while the
         * upstream sends them; once their text has started going out, a failure can only close the
         * connection (RelayedResponse).
         */
        private boolean direct(Optional<OutputStream> copy, Reservation reservation) {
            String baseUrl = settings.baseUrl().apply(req);
            if (copy.isPresent() || request.delivery() != ImageRequest.Delivery.B64_JSON) {
                GenerationResult result = parts.generation().generate(request, baseUrl);
                reservation.settle(parts.generation().settlement(result));
                answer(result, copy);
                return true;
            }
            RelayedResponse relayed = new RelayedResponse(res, request, settings.clock());
            try {
                GenerationResult result = parts.generation().generate(request, baseUrl, relayed);
                reservation.settle(parts.generation().settlement(result));
                if (relayed.started()) {
                    relayed.finish(result);
                } else {
                    answer(result, copy); // the backend handed its images over decoded
                }
                return true;
            } catch (ClientGoneException e) {
                LOG.debug("client disconnected while its images were relayed");
                return false;
            } catch (RuntimeException e) {
                throw relayed.failed(e);
            }
        }

        private void answer(GenerationResult result, Optional<OutputStream> copy) {
            res.header(Routes.CHANNEL_HEADER, result.channel());
            res.header(HeaderNames.CONTENT_TYPE, JSON);
            writeImages(res, ImagesResponses.streamed(result), copy);
        }

        /**
         * Sends the answer and records it for repeats of the key. A failure worth retrying (a server
         * error, a rate limit, a stream the client left) forgets the key instead, so a repeat runs anew.
         */
        void sendRecorded(IdempotencyKeys.Ticket ticket) {
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            boolean completed;
            try {
                completed = send(Optional.of(copy));
            } catch (EaselException e) {
                if (e.status() >= 500 || e.status() == 429) {
                    ticket.release();
                } else {
                    ticket.complete(e.status(), JSON, ErrorRenderer.bytes(e), Optional.empty());
                }
                throw e;
            } catch (RuntimeException e) {
                ticket.release();
                throw e;
            }
            if (!completed) {
                ticket.release();
            } else if (submission.async()) {
                ticket.complete(202, JSON, copy.toByteArray(), Optional.of(jobIdOf(copy.toByteArray())));
            } else {
                ticket.complete(200, request.stream() ? EVENT_STREAM : JSON, copy.toByteArray(), Optional.empty());
            }
        }

        /**
         * Streams the generation as server-sent events. The stream opens (200) before generating so
         * keep-alives can flow during long generations; a later failure becomes an {@code error} event.
         */
        private boolean stream(Optional<OutputStream> copy, Reservation reservation) {
            try (SseStream sse = SseStream.open(res, settings.keepAlive(), copy)) {
                ImageEvents events = new ImageEvents(sse, request, parts.generation(), settings.clock());
                try {
                    GenerationResult result = parts.generation().generate(request, "", events);
                    reservation.settle(parts.generation().settlement(result));
                    return true;
                } catch (ClientGoneException e) {
                    LOG.debug("client disconnected mid-stream; generation stopped");
                    return false;
                } catch (EaselException e) {
                    events.failed(e);
                    return e.status() < 500;
                } catch (RuntimeException e) {
                    LOG.error("unexpected failure mid-stream", e);
                    events.failed(EaselException.serverError("The server had an error while generating the images."));
                    return false;
                } finally {
                    // A stream that broke off is charged for the images whose completed event went out, no
                    // more (a no-op when the generation already settled).
                    reservation.settle(parts.generation().settlement(events.delivered(), Optional.empty(),
                            events.channel()));
                }
            } catch (ClientGoneException e) {
                LOG.debug("client disconnected before the error event could be sent");
                return false;
            }
        }
    }

    /** A repeat of a keyed request: the recorded answer, or for a job its current state. */
    private void replay(ServerResponse res, ApiKey caller, IdempotencyKeys.Outcome.Replay replay) {
        res.header(HeaderNames.create("Idempotent-Replayed"), "true");
        if (replay.jobId().isPresent()) {
            Job job = parts.jobStore().find(replay.jobId().get()).filter(j -> j.keyId().equals(caller.id()))
                    .orElseThrow(() -> EaselException.notFound("job_not_found", "The job this key started has expired."));
            sendJob(res, job.status().finished() ? Status.OK_200 : Status.ACCEPTED_202, parts.jobView().view(job),
                    Optional.empty());
            return;
        }
        res.status(Status.create(replay.status()));
        res.header(HeaderNames.CONTENT_TYPE, replay.contentType());
        res.send(replay.body());
    }

    private static void sendJob(ServerResponse res, Status status, Wire.Job job, Optional<OutputStream> copy) {
        res.status(status);
        res.header(HeaderNames.LOCATION, "/v1/images/generations/" + job.id());
        res.header(HeaderNames.create("Preference-Applied"), "respond-async");
        res.header(HeaderNames.CONTENT_TYPE, JSON);
        write(res, job, copy);
    }

    /** Streams JSON straight to the socket (base64 is encoded on the way out), and to the copy when recording. */
    private static void write(ServerResponse res, Object body, Optional<OutputStream> copy) {
        if (copy.isPresent()) {
            byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
            try {
                copy.get().write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            res.send(bytes);
            return;
        }
        try (OutputStream out = res.outputStream()) {
            Json.MAPPER.writeValue(out, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Streams an images response with its exact Content-Length, base64-encoding each image on the way
     * out; when recording, the same bytes go to the copy first and are sent from there.
     */
    private static void writeImages(ServerResponse res, ImagesResponses.Streamed body, Optional<OutputStream> copy) {
        try {
            if (copy.isPresent()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(body.length(), 1 << 20));
                body.writeTo(bytes);
                bytes.writeTo(copy.get());
                res.send(bytes.toByteArray());
                return;
            }
            res.header(HeaderNames.CONTENT_LENGTH, Long.toString(body.length()));
            try (OutputStream out = res.outputStream()) {
                body.writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jobIdOf(byte[] jobJson) {
        return Json.MAPPER.readTree(jobJson).get("id").asString();
    }
}
