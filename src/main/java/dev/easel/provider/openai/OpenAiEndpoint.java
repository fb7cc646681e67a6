package dev.easel.provider.openai;

import dev.easel.provider.UpstreamKey;
import dev.easel.provider.UpstreamTimeouts;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Where and how to reach one OpenAI-compatible upstream.
 *
 * @param flavor     plain OpenAI wire format, or Azure's deployment-style paths
 * @param baseUrl    OpenAI style: up to and including {@code /v1}; Azure: the resource, e.g.
 *                   {@code https://NAME.openai.azure.com}
 * @param key        sent as {@code Authorization: Bearer} (OpenAI) or {@code api-key} (Azure)
 * @param apiVersion Azure's {@code api-version} query parameter (unused for OpenAI)
 * @param modelIds   client model id to upstream model id (Azure: the deployment name); ids not
 *                   listed are sent unchanged
 * @param timeouts   connect, first byte and total limits
 */
public record OpenAiEndpoint(Flavor flavor, URI baseUrl, UpstreamKey key, String apiVersion,
                             Map<String, String> modelIds, UpstreamTimeouts timeouts) {

    /** OpenAI's public API; {@code OPENAI_BASE_URL} overrides it the way the official SDKs do. */
    public static final String OPENAI_BASE_URL = "https://api.openai.com/v1";
    /** An Azure OpenAI API version that has gpt-image-1 and dall-e-3 image generation. */
    public static final String DEFAULT_AZURE_API_VERSION = "2025-04-01-preview";

    public enum Flavor { OPENAI, AZURE }

    public OpenAiEndpoint {
        modelIds = Map.copyOf(modelIds);
        String base = baseUrl.toString();
        if (base.endsWith("/")) {
            baseUrl = URI.create(base.substring(0, base.length() - 1));
        }
    }

    /** The model id the upstream knows for a catalogued model. */
    public String upstreamModel(String clientModel) {
        return modelIds.getOrDefault(clientModel, clientModel);
    }

    URI generations(String upstreamModel) {
        return switch (flavor) {
            case OPENAI -> URI.create(baseUrl + "/images/generations");
            case AZURE -> URI.create(baseUrl + "/openai/deployments/"
                    + URLEncoder.encode(upstreamModel, StandardCharsets.UTF_8).replace("+", "%20")
                    + "/images/generations?api-version=" + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8));
        };
    }
}
