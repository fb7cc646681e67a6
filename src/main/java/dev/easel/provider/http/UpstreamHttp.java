package dev.easel.provider.http;

import dev.easel.provider.ImageBytes;
import dev.easel.provider.UpstreamException;
import dev.easel.provider.UpstreamTimeouts;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * One channel's HTTP client: sends requests within the channel's timeouts and turns every way a call
 * can fail into an {@link UpstreamException} whose kind says whether another channel may be tried.
 * The rule for transport failures: only a failure to connect proves the upstream never saw the
 * request; anything after the request was sent may have started a (billed) generation.
 *
 * <p>Calls block the request's own virtual thread (Apache HttpClient's classic API over a pool of
 * kept-alive HTTP/1.1 connections): no hand-off to a selector thread per read, and bodies are read
 * straight into the caller's buffer instead of a fresh buffer per socket read.
 */
public final class UpstreamHttp {
    /** Error bodies are small; more than this is not an error message worth reading. */
    private static final int MAX_ERROR_BODY = 64 * 1024;
    /** Far above any image an upstream makes today (a 3840x2160 PNG is about 25 MB). */
    public static final long MAX_IMAGE_BYTES = 128L * 1024 * 1024;
    /**
     * Connections to one upstream are not capped here: the channel's own concurrency limit decides,
     * and a cap below it would queue calls invisibly.
     */
    private static final int MAX_CONNECTIONS = 100_000;
    /**
     * Each pooled connection keeps a read, a line and a write buffer of this size for the whole call,
     * also while it waits minutes for a generation. Bodies bypass them (reads over 512 bytes go straight
     * to the caller's array), so they only ever hold a status line or a header: 1 kB each instead of the
     * library's 8 kB saves ~21 kB per call in flight (10,000 held generations: ~200 MB).
     */
    private static final int CONNECTION_BUFFER = 1024;
    /**
     * The share a download of unknown length takes of the answer budget: about a large PNG. One larger
     * still arrives whole, holding more than its share while it does.
     */
    private static final long UNKNOWN_DOWNLOAD = 4L * 1024 * 1024;
    /** Reads wait without a socket timeout: each exchange's deadline watches for silence (see {@link Exchange}). */
    private static final RequestConfig UNTIMED = RequestConfig.custom().setResponseTimeout(Timeout.DISABLED).build();

    private final String channel;
    private final UpstreamTimeouts timeouts;
    private final AnswerBudget budget;
    /**
     * The channel's API: Apache's minimal client, which sends, reads and honours timeouts and
     * cancellation, without redirect, cookie or retry handling (an API that redirects is misconfigured).
     * Its shorter call chain is ~2.5 kB less stack held per call in flight.
     */
    private final CloseableHttpClient calls;
    /** Image downloads, on the same connections: these follow redirects, as links often point at a bucket. */
    private final CloseableHttpClient downloads;

    /** @param budget what the answers and images being read may hold at once, shared with every other channel's */
    public UpstreamHttp(String channel, UpstreamTimeouts timeouts, AnswerBudget budget) {
        this.channel = channel;
        this.timeouts = timeouts;
        this.budget = budget;
        PoolingHttpClientConnectionManager connections = connections(timeouts);
        this.calls = HttpClients.createMinimal(connections);
        this.downloads = HttpClients.custom()
                .setConnectionManager(connections)
                .setConnectionManagerShared(true)
                // Easel decides what may be retried (only what cannot have generated), and images
                // arrive as binary, which compression barely shrinks.
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    private static PoolingHttpClientConnectionManager connections(UpstreamTimeouts timeouts) {
        ConnectionConfig connection = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.ofMilliseconds(timeouts.connect().toMillis()))
                .setSocketTimeout(Timeout.DISABLED) // see UNTIMED
                // An upstream may close a kept-alive connection; one idle a while is checked before reuse,
                // since a request sent into a dead connection could not be retried (it may have generated).
                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                .build();
        return PoolingHttpClientConnectionManagerBuilder.create()
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setDefaultConnectionConfig(connection)
                .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
                .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                        .http1Config(Http1Config.custom().setBufferSize(CONNECTION_BUFFER).build())
                        .build())
                .build();
    }

    public String channel() {
        return channel;
    }

    public UpstreamTimeouts timeouts() {
        return timeouts;
    }

    public AnswerBudget budget() {
        return budget;
    }

    /** Starts the total budget of one call. */
    public Deadline deadline() {
        return new Deadline(timeouts.total());
    }

    /** POSTs {@code body}; see {@link #exchange}. */
    public UpstreamResponse post(URI uri, Map<String, String> headers, byte[] body, Deadline deadline) {
        HttpPost post = new HttpPost(uri);
        post.setEntity(new ByteArrayEntity(body, null));
        return exchange(uri, post, headers, deadline);
    }

    /** GETs {@code uri}; see {@link #exchange}. */
    public UpstreamResponse get(URI uri, Map<String, String> headers, Deadline deadline) {
        return exchange(uri, new HttpGet(uri), headers, deadline);
    }

    /**
     * Sends a request and returns the 2xx response with its body still unread (and watched by the
     * deadline); any other status is read, classified and thrown.
     */
    private UpstreamResponse exchange(URI uri, HttpUriRequestBase request, Map<String, String> headers,
            Deadline deadline) {
        headers.forEach(request::setHeader);
        UpstreamResponse response = send(calls, uri, request, deadline);
        if (response.status() / 100 == 2) {
            return response;
        }
        try (response) {
            byte[] body = readErrorBody(response.body());
            throw UpstreamErrors.classify(channel, response.status(), response::header, body);
        }
    }

    /**
     * Downloads an image the upstream made. It is fetched at once because upstream links expire, and
     * without the channel's key: the link points at storage, not at the API. Reading it takes its length
     * of the answer budget (see {@link AnswerBudget}) once the headers say it, which goes to
     * {@code holder} with the image, to be kept while the image is; the caller must hold no share of
     * its own meanwhile.
     */
    public ImageBytes download(String url, Deadline deadline, Consumer<AnswerBudget.Share> holder) {
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
        try (UpstreamResponse response = send(downloads, uri, new HttpGet(uri), deadline)) {
            if (response.status() != 200) {
                throw UpstreamException.mayHaveGenerated(false, "The upstream of channel `" + channel + "` made "
                        + "the image, but fetching it failed with HTTP " + response.status() + ".");
            }
            long length = response.contentLength();
            AnswerBudget.Share share = budget.take(length > 0 ? length : UNKNOWN_DOWNLOAD, deadline);
            try {
                ImageBuffer buffer = new ImageBuffer(length, MAX_IMAGE_BYTES);
                response.body().transferTo(buffer);
                response.finish();
                ImageBytes image = buffer.image();
                holder.accept(share);
                return image;
            } catch (Throwable e) {
                share.close();
                throw e;
            }
        } catch (IOException e) {
            throw brokenBody(deadline, e);
        }
    }

    /** The failure for a body that could not be read to the end: a stall past the deadline, or a reset. */
    public UpstreamException brokenBody(Deadline deadline, Exception cause) {
        if (deadline.passed()) {
            return timedOut(deadline);
        }
        if (cause instanceof SocketTimeoutException) {
            return UpstreamException.mayHaveGenerated(true, "The upstream of channel `" + channel + "` stopped "
                    + "sending its answer for " + UpstreamTimeouts.spoken(timeouts.firstByte())
                    + ". The image may have been generated (and billed) upstream, so Easel does not retry it on "
                    + "another channel.");
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
                + "within " + UpstreamTimeouts.spoken(deadline.total())
                + ". The image may still be generated (and billed) upstream, so Easel does not retry it on another "
                + "channel.");
    }

    private UpstreamResponse send(CloseableHttpClient client, URI uri, HttpUriRequestBase request,
            Deadline deadline) {
        Duration wait = min(timeouts.firstByte(), deadline.remaining());
        if (wait.isZero()) {
            throw timedOut(deadline);
        }
        request.setConfig(UNTIMED);
        // The headers may take the connect time on top of first_byte, so a slow connect is still told apart.
        Exchange exchange = deadline.exchange(timeouts.connect().plus(wait), timeouts.firstByte(), request::cancel);
        try {
            ClassicHttpResponse response = client.executeOpen(HttpHost.create(uri), request, null);
            exchange.heard();
            return new UpstreamResponse(response, exchange);
        } catch (IOException e) {
            exchange.end();
            throw sendFailure(e, exchange, deadline, wait);
        } catch (RuntimeException e) {
            exchange.end();
            throw e;
        }
    }

    /** Why a request got no answer's headers: only a failure to connect means nothing was sent. */
    private UpstreamException sendFailure(IOException e, Exchange exchange, Deadline deadline, Duration wait) {
        if (e instanceof ConnectTimeoutException) {
            return UpstreamException.notStarted("Could not connect to the upstream of channel `" + channel
                    + "` within " + UpstreamTimeouts.spoken(timeouts.connect()) + ".", Optional.empty());
        }
        if (e instanceof ConnectException || e instanceof UnknownHostException) {
            return UpstreamException.notStarted("Could not connect to the upstream of channel `" + channel + "`.",
                    Optional.empty());
        }
        if (deadline.passed()) {
            return timedOut(deadline);
        }
        if (exchange.wentSilent()) {
            return UpstreamException.mayHaveGenerated(true, "The upstream of channel `" + channel + "` did not "
                    + "answer within " + UpstreamTimeouts.spoken(wait)
                    + ". The image may still be generated (and billed) upstream, so Easel does not retry it on "
                    + "another channel.");
        }
        if (Thread.currentThread().isInterrupted()) {
            return UpstreamException.mayHaveGenerated(false, "The call to the upstream of channel `" + channel
                    + "` was interrupted.");
        }
        return UpstreamException.mayHaveGenerated(false, "The connection to the upstream of channel `" + channel
                + "` broke after the request was sent. The image may have been generated (and billed) upstream, "
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
