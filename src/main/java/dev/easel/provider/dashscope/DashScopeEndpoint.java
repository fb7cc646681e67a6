package dev.easel.provider.dashscope;

import dev.easel.provider.UpstreamKey;
import dev.easel.provider.UpstreamTimeouts;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Where and how to reach DashScope.
 *
 * @param baseUrl   the regional host, e.g. {@code https://dashscope-intl.aliyuncs.com} (a trailing
 *                  {@code /api/v1} is accepted and dropped)
 * @param key       sent as {@code Authorization: Bearer}; keys are region-specific
 * @param modelIds  client model id to DashScope model id; ids not listed are sent unchanged
 * @param timeouts  connect and first byte per HTTP call; total is the whole task, polling included
 * @param pollFirst the wait before the first poll
 * @param pollMax   the longest wait between polls; waits grow by half each time up to it
 */
public record DashScopeEndpoint(URI baseUrl, UpstreamKey key, Map<String, String> modelIds,
                                UpstreamTimeouts timeouts, Duration pollFirst, Duration pollMax) {

    /** The Singapore region: its keys work outside mainland China. */
    public static final String DEFAULT_BASE_URL = "https://dashscope-intl.aliyuncs.com";
    public static final Duration DEFAULT_POLL_FIRST = Duration.ofSeconds(1);
    public static final Duration DEFAULT_POLL_MAX = Duration.ofSeconds(5);

    public DashScopeEndpoint {
        modelIds = Map.copyOf(modelIds);
        String base = baseUrl.toString();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        base = base.endsWith("/api/v1") ? base.substring(0, base.length() - "/api/v1".length()) : base;
        baseUrl = URI.create(base);
        if (pollFirst.isNegative() || pollFirst.isZero() || pollMax.compareTo(pollFirst) < 0) {
            throw new IllegalArgumentException("poll intervals must be positive with poll_max >= poll_first, but were "
                    + pollFirst + " and " + pollMax);
        }
    }

    public String upstreamModel(String clientModel) {
        return modelIds.getOrDefault(clientModel, clientModel);
    }

    URI submit() {
        return URI.create(baseUrl + "/api/v1/services/aigc/text2image/image-synthesis");
    }

    URI task(String taskId) {
        return URI.create(baseUrl + "/api/v1/tasks/" + taskId);
    }
}
