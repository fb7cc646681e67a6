package dev.easel.provider.dashscope;

import dev.easel.catalog.ImageRequest;
import dev.easel.provider.EncodedImage;
import dev.easel.provider.ImageBytes;
import dev.easel.provider.ImageProvider;
import dev.easel.provider.ImageSink;
import dev.easel.provider.UpstreamException;
import dev.easel.provider.UpstreamTimeouts;
import dev.easel.provider.http.AnswerBudget;
import dev.easel.provider.http.Deadline;
import dev.easel.provider.http.ImageFormats;
import dev.easel.provider.http.UpstreamErrors;
import dev.easel.provider.http.UpstreamHttp;
import dev.easel.provider.http.UpstreamResponse;
import dev.easel.render.ImageFormat;
import java.io.IOException;
import java.util.Map;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * qwen-image through DashScope's async API: submit a task, poll it with growing waits until it
 * ends or the channel's total timeout passes, then fetch the image. Once a task is submitted the
 * failure rules change: a task that is still running may yet be billed, so only a task DashScope
 * itself reports as failed or cancelled (never billed) may move to another channel.
 */
public final class DashScopeProvider implements ImageProvider {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Task ids go into a URL path; anything else from the upstream is refused. */
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    /** Poll failures in a row (5xx, resets) tolerated before giving up on a task. */
    private static final int MAX_POLL_FAILURES = 5;

    private final String name;
    private final DashScopeEndpoint endpoint;
    private final UpstreamHttp http;

    /** @param name the channel's name, used in errors and the {@code x-easel-channel} header */
    public DashScopeProvider(String name, DashScopeEndpoint endpoint) {
        this(name, endpoint, AnswerBudget.ofHeap());
    }

    /** @param budget what the images being downloaded may hold at once, shared with every other channel's */
    DashScopeProvider(String name, DashScopeEndpoint endpoint, AnswerBudget budget) {
        this.name = name;
        this.endpoint = endpoint;
        this.http = new UpstreamHttp(name, endpoint.timeouts(), budget);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void generate(ImageRequest request, ImageSink sink) {
        try (Deadline deadline = http.deadline()) {
            String taskId = submit(request, deadline);
            JsonNode output = await(taskId, deadline);
            JsonNode result = output.path("results").path(0);
            if (!result.path("url").isString()) {
                throw resultWithoutImage(taskId, result);
            }
            ImageBytes image = http.download(result.path("url").asString(), deadline, sink::holding);
            Optional<String> actualPrompt = Optional.of(result.path("actual_prompt"))
                    .filter(JsonNode::isString).map(JsonNode::asString);
            sink.completed(0, new EncodedImage(image, ImageFormats.sniff(image, ImageFormat.PNG), request.size(),
                    actualPrompt));
        }
    }

    private String submit(ImageRequest request, Deadline deadline) {
        byte[] body = JSON.writeValueAsBytes(DashScopeTaskBody.build(request, endpoint.upstreamModel(request.model().id())));
        Map<String, String> headers = Map.of(
                "Authorization", authorization(),
                "Accept", "application/json",
                "Content-Type", "application/json",
                "X-DashScope-Async", "enable"); // without it DashScope refuses qwen-image on this endpoint
        JsonNode answer = readJson(http.post(endpoint.submit(), headers, body, deadline), deadline);
        String taskId = answer.path("output").path("task_id").asString("");
        if (!TASK_ID.matcher(taskId).matches()) {
            throw UpstreamException.mayHaveGenerated(false, "DashScope (channel `" + name
                    + "`) accepted the request but returned no usable task id.");
        }
        return taskId;
    }

    /** Polls until the task ends; returns its {@code output} when it succeeded. */
    private JsonNode await(String taskId, Deadline deadline) {
        Duration wait = endpoint.pollFirst();
        int failuresInARow = 0;
        while (true) {
            sleep(wait, deadline);
            if (deadline.passed()) {
                throw UpstreamException.mayHaveGenerated(true, "The DashScope task " + taskId + " (channel `" + name
                        + "`) did not finish within " + UpstreamTimeouts.spoken(deadline.total())
                        + ". It may still finish (and be billed) upstream, so Easel does not retry it on another "
                        + "channel.");
            }
            wait = grow(wait);
            JsonNode output;
            try {
                output = readJson(http.get(endpoint.task(taskId),
                        Map.of("Authorization", authorization(), "Accept", "application/json"), deadline), deadline)
                        .path("output");
                failuresInARow = 0;
            } catch (UpstreamException e) {
                if (++failuresInARow < MAX_POLL_FAILURES && !deadline.passed() && worthPollingAgain(e)) {
                    continue; // a failed poll says nothing about the task; ask again
                }
                throw UpstreamException.mayHaveGenerated(e.status() == 504, "Polling the DashScope task " + taskId
                        + " (channel `" + name + "`) failed: " + e.getMessage());
            }
            switch (output.path("task_status").asString("")) {
                case "PENDING", "RUNNING" -> { }
                case "SUCCEEDED" -> {
                    return output;
                }
                case "FAILED", "CANCELED" -> throw taskFailed(taskId, output);
                default -> throw UpstreamException.mayHaveGenerated(false, "DashScope (channel `" + name
                        + "`) lost track of task " + taskId + " (status "
                        + output.path("task_status").asString("missing") + ").");
            }
        }
    }

    private static boolean worthPollingAgain(UpstreamException e) {
        return e.kind() == UpstreamException.Kind.NOT_STARTED || e.kind() == UpstreamException.Kind.MAY_HAVE_GENERATED;
    }

    /** DashScope does not bill failed or cancelled tasks, so these may move to another channel. */
    private UpstreamException taskFailed(String taskId, JsonNode output) {
        String code = output.path("code").asString("");
        Optional<String> message = Optional.of(output.path("message").asString("")).filter(m -> !m.isBlank());
        if (code.equals("DataInspectionFailed")) {
            return UpstreamErrors.contentPolicy(message);
        }
        return UpstreamException.notStarted("The DashScope task " + taskId + " (channel `" + name + "`) "
                + (output.path("task_status").asString("").equals("CANCELED") ? "was cancelled" : "failed")
                + (code.isEmpty() ? "." : " with " + code + "."),
                code.startsWith("Throttling") ? Optional.of(Duration.ofSeconds(1)) : Optional.empty());
    }

    private UpstreamException resultWithoutImage(String taskId, JsonNode result) {
        if (result.path("code").asString("").equals("DataInspectionFailed")) {
            return UpstreamErrors.contentPolicy(Optional.of(result.path("message").asString("")).filter(m -> !m.isBlank()));
        }
        return UpstreamException.mayHaveGenerated(false, "The DashScope task " + taskId + " (channel `" + name
                + "`) succeeded without an image link.");
    }

    private String authorization() {
        return "Bearer " + endpoint.key().reveal();
    }

    private JsonNode readJson(UpstreamResponse answer, Deadline deadline) {
        try (answer) {
            byte[] json = answer.body().readNBytes(1024 * 1024); // task answers are small JSON
            answer.finish();
            return JSON.readTree(json);
        } catch (IOException e) {
            throw http.brokenBody(deadline, e);
        } catch (JacksonException e) {
            throw UpstreamException.mayHaveGenerated(false, "The answer of DashScope (channel `" + name
                    + "`) is not valid JSON.");
        }
    }

    private Duration grow(Duration wait) {
        Duration next = wait.plus(wait.dividedBy(2));
        return next.compareTo(endpoint.pollMax()) > 0 ? endpoint.pollMax() : next;
    }

    private static void sleep(Duration wait, Deadline deadline) {
        Duration left = deadline.remaining();
        try {
            Thread.sleep(wait.compareTo(left) < 0 ? wait : left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw UpstreamException.mayHaveGenerated(false, "Waiting for a DashScope task was interrupted.");
        }
    }
}
