package dev.easel.provider.http;

import dev.easel.provider.UpstreamException;
import dev.easel.provider.UpstreamTimeouts;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * One channel's HTTP client: sends requests within the channel's timeouts and turns every way a call
 * can fail into an {@link UpstreamException} whose kind says whether another channel may be tried.
 * The rule for transport failures: only a failure to connect proves the upstream never saw the
 * request; anything after the request was sent may have started a (billed) generation.
 */
public final class UpstreamHttp {
    /** Error bodies are small; more than this is not an error message worth reading. */
    private static final int MAX_ERROR_BODY = 64 * 1024;
    /** Far above any image an upstream makes today (a 3840x2160 PNG is about 25 MB). */
    public static final long MAX_IMAGE_BYTES = 128L * 1024 * 1024;

    private final String channel;
    private final UpstreamTimeouts timeouts;
    private final HttpClient client;

    public UpstreamHttp(String channel, UpstreamTimeouts timeouts) {
        this.channel = channel;
        this.timeouts = timeouts;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NORMAL) // image links often redirect to a bucket
                .build();
    }

    public String channel() {
        return channel;
    }

    public UpstreamTimeouts timeouts() {
        return timeouts;
    }

    /** Starts the total budget of one call. */
    public Deadline deadline() {
        return new Deadline(timeouts.total());
    }

    /**
     * Sends a request and returns the 2xx response with its body still unread (and watched by the
     * deadline); any other status is read, classified and thrown.
     */
    public HttpResponse<InputStream> exchange(HttpRequest.Builder request, Deadline deadline) {
        Duration wait = min(timeouts.firstByte(), deadline.remaining());
        if (wait.isZero()) {
            throw timedOut(deadline);
        }
        HttpResponse<InputStream> response = send(request.timeout(wait).build(), deadline);
        deadline.watch(response.body());
        if (response.statusCode() / 100 == 2) {
            return response;
        }
        byte[] body = readErrorBody(response.body());
        throw UpstreamErrors.classify(channel, response.statusCode(), response.headers(), body);
    }

    /**
     * Downloads an image the upstream made. It is fetched at once because upstream links expire, and
     * without the channel's key: the link points at storage, not at the API.
     */
    public byte[] download(String url, Deadline deadline) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw UpstreamException.mayHaveGenerated(false, "The upstream of channel `" + channel
                    + "` answered with an image link that is not a valid URL.");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw UpstreamException.mayHaveGenerated(false, "The upstream of channel `" + channel
                    + "` answered with an image link that is not http(s).");
        }
        HttpResponse<InputStream> response = send(HttpRequest.newBuilder(uri).GET()
                .timeout(min(timeouts.firstByte(), deadline.remaining())).build(), deadline);
        deadline.watch(response.body());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw UpstreamException.mayHaveGenerated(false, "The upstream of channel `" + channel + "` made "
                        + "the image, but fetching it failed with HTTP " + response.statusCode() + ".");
            }
            long length = response.headers().firstValueAsLong("content-length").orElse(0);
            ImageBuffer buffer = new ImageBuffer(length, MAX_IMAGE_BYTES);
            in.transferTo(buffer);
            return buffer.toByteArray();
        } catch (IOException e) {
            throw brokenBody(deadline, e);
        }
    }

    /** The failure for a body that could not be read to the end: a stall past the deadline, or a reset. */
    public UpstreamException brokenBody(Deadline deadline, Exception cause) {
        if (deadline.passed()) {
            return timedOut(deadline);
        }
        if (cause instanceof ImageBuffer.ImageTooLargeException) {
            return UpstreamException.mayHaveGenerated(false, "The upstream of channel `" + channel
                    + "` sent an image larger than Easel accepts (" + MAX_IMAGE_BYTES + " bytes).");
        }
        return UpstreamException.mayHaveGenerated(false, "The connection to the upstream of channel `" + channel
                + "` broke while it was sending the result. The image may have been generated (and billed) "
                + "upstream, so Easel does not retry it on another channel.");
    }

    public UpstreamException timedOut(Deadline deadline) {
        return UpstreamException.mayHaveGenerated(true, "The upstream of channel `" + channel + "` did not finish "
                + "within " + deadline.total().toSeconds() + " s. The image may still be generated (and billed) "
                + "upstream, so Easel does not retry it on another channel.");
    }

    private HttpResponse<InputStream> send(HttpRequest request, Deadline deadline) {
        if ("http".equalsIgnoreCase(request.uri().getScheme())) {
            // Plain-text upstreams speak HTTP/1.1: offering an h2c upgrade on every call cost ~3 ms each
            // (measured against a local upstream). Over https, HTTP/2 is negotiated by ALPN at no cost.
            request = HttpRequest.newBuilder(request, (name, value) -> true).version(HttpClient.Version.HTTP_1_1).build();
        }
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw UpstreamException.notStarted("Could not connect to the upstream of channel `" + channel
                    + "` within " + timeouts.connect().toSeconds() + " s.", java.util.Optional.empty());
        } catch (HttpTimeoutException e) {
            return throwTimeout(request, deadline);
        } catch (ConnectException e) {
            throw UpstreamException.notStarted("Could not connect to the upstream of channel `" + channel + "`.",
                    java.util.Optional.empty());
        } catch (IOException e) {
            throw UpstreamException.mayHaveGenerated(false, "The connection to the upstream of channel `" + channel
                    + "` broke after the request was sent. The image may have been generated (and billed) upstream, "
                    + "so Easel does not retry it on another channel.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw UpstreamException.mayHaveGenerated(false, "The call to the upstream of channel `" + channel
                    + "` was interrupted.");
        }
    }

    private HttpResponse<InputStream> throwTimeout(HttpRequest request, Deadline deadline) {
        if (deadline.passed()) {
            throw timedOut(deadline);
        }
        Duration waited = request.timeout().orElse(timeouts.firstByte());
        throw UpstreamException.mayHaveGenerated(true, "The upstream of channel `" + channel + "` did not answer "
                + "within " + waited.toSeconds() + " s. The image may still be generated (and billed) upstream, "
                + "so Easel does not retry it on another channel.");
    }

    private static byte[] readErrorBody(InputStream body) {
        try (InputStream in = body) {
            return in.readNBytes(MAX_ERROR_BODY);
        } catch (IOException e) {
            return new byte[0]; // the status alone still classifies the failure
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
