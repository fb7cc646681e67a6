package dev.easel.provider.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.EofSensorInputStream;

/**
 * An upstream's answer with its body still on the socket. The response owns the connection: a
 * reader that got everything it needs calls {@link #finish()}, which keeps the connection for the
 * next call; closing without it drops the connection instead of reading a body nobody wants
 * (a 16 MB image after a parse error, or an event stream after the client hung up).
 */
public final class UpstreamResponse implements AutoCloseable {
    /** A well-formed body ends with at most whitespace and the chunked trailer after its last token. */
    private static final int MAX_TAIL = 16 * 1024;

    private final ClassicHttpResponse response;
    private final InputStream content;
    private final InputStream body;
    private final Exchange exchange;
    private final byte[] one = new byte[1];
    private boolean finished;

    UpstreamResponse(ClassicHttpResponse response, Exchange exchange) throws IOException {
        this.response = response;
        this.exchange = exchange;
        HttpEntity entity = response.getEntity();
        this.content = entity == null ? InputStream.nullInputStream() : entity.getContent();
        // Parsers close what they read; the connection's fate is decided here, not by them.
        this.body = new FilterInputStream(content) {
            @Override
            public int read() throws IOException {
                return UpstreamResponse.this.read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return UpstreamResponse.this.read(b, off, len);
            }

            @Override
            public void close() {
            }
        };
    }

    public int status() {
        return response.getCode();
    }

    /** The body, read straight from the socket into the caller's buffers. */
    public InputStream body() {
        return body;
    }

    /** The body's length when the upstream said it, 0 otherwise. */
    public long contentLength() {
        HttpEntity entity = response.getEntity();
        return entity == null ? 0 : Math.max(0, entity.getContentLength());
    }

    public Optional<String> header(String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? Optional.empty() : Optional.of(header.getValue());
    }

    /** Reads what is left after the last meaningful byte, so the connection can carry the next call. */
    public void finish() {
        try {
            byte[] tail = new byte[512];
            long left = MAX_TAIL;
            for (int n; left > 0 && (n = read(tail, 0, tail.length)) >= 0; ) {
                left -= n;
            }
            finished = left > 0;
        } catch (IOException e) {
            finished = false; // the connection is dropped on close; what the caller read stands
        }
    }

    /** Every read of the body is watched for the upstream's silence (see {@link Exchange}). */
    private int read(byte[] b, int off, int len) throws IOException {
        exchange.awaiting();
        try {
            return content.read(b, off, len);
        } catch (IOException e) {
            throw exchange.wentSilent() ? exchange.silenceFailure() : e;
        } finally {
            exchange.heard();
        }
    }

    @Override
    public void close() {
        exchange.end();
        try {
            if (!finished && content instanceof EofSensorInputStream watched) {
                watched.abort();
            }
            response.close();
        } catch (IOException e) {
            // the connection is gone either way
        }
    }
}
