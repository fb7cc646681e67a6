package dev.easel.upstream;

import dev.easel.upstream.FakeHttpServer.Recorded;
import dev.easel.upstream.FakeHttpServer.Reply;
import java.util.List;

/**
 * DashScope's native async image API at the HTTP level: a submit answers with a task id, and each
 * poll of the task answers with the next scripted status. Result images are served under {@code /files/}.
 */
public final class FakeDashScope implements AutoCloseable {
    public static final byte[] IMAGE = TestImages.png(8, 8, 0xcc6633);
    public static final String SUBMIT = "/api/v1/services/aigc/text2image/image-synthesis";
    public static final String TASKS = "/api/v1/tasks/";
    public static final String TASK_ID = "86ecf553-d340-4e21-af6e-a0c6a421c010";

    private final FakeHttpServer server = new FakeHttpServer();

    public FakeDashScope() {
        server.always(SUBMIT, r -> Reply.json(200, "{\"output\":{\"task_status\":\"PENDING\",\"task_id\":\""
                + TASK_ID + "\"},\"request_id\":\"req-1\"}"));
        server.always(TASKS, r -> status("RUNNING"));
        server.always("/files/", r -> Reply.bytes(200, "image/png", IMAGE));
    }

    public String baseUrl() {
        return server.origin();
    }

    /** The next polls answer RUNNING {@code runningPolls} times, then SUCCEEDED with a result link. */
    public FakeDashScope succeedAfter(int runningPolls) {
        for (int i = 0; i < runningPolls; i++) {
            server.enqueue(TASKS, status("RUNNING"));
        }
        server.enqueue(TASKS, Reply.json(200, "{\"request_id\":\"req-2\",\"output\":{\"task_id\":\"" + TASK_ID
                + "\",\"task_status\":\"SUCCEEDED\",\"results\":[{\"url\":\"" + server.origin()
                + "/files/result.png?Expires=1\",\"orig_prompt\":\"p\",\"actual_prompt\":\"a richer prompt\"}]},"
                + "\"usage\":{\"image_count\":1}}"));
        return this;
    }

    /** The next poll reports the task FAILED with this code. */
    public FakeDashScope failWith(String code, String message) {
        server.enqueue(TASKS, Reply.json(200, "{\"request_id\":\"req-3\",\"output\":{\"task_id\":\"" + TASK_ID
                + "\",\"task_status\":\"FAILED\",\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}"));
        return this;
    }

    /** Answers the next submit with this reply instead of a task. */
    public FakeDashScope rejectSubmit(Reply reply) {
        server.enqueue(SUBMIT, reply);
        return this;
    }

    public List<Recorded> submits() {
        return server.requests(SUBMIT);
    }

    public List<Recorded> polls() {
        return server.requests(TASKS);
    }

    /** Requests for the result image. */
    public List<Recorded> fetches() {
        return server.requests("/files/");
    }

    private static Reply status(String status) {
        return Reply.json(200, "{\"request_id\":\"req\",\"output\":{\"task_id\":\"" + TASK_ID + "\",\"task_status\":\""
                + status + "\"}}");
    }

    @Override
    public void close() {
        server.close();
    }
}
