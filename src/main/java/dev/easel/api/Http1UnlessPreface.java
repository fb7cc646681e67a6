package dev.easel.api;

import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Decides, from a new connection's first bytes, which protocol serves it: HTTP/2 when they are (the
 * start of) HTTP/2's connection preface, which a client speaking h2c by prior knowledge sends first;
 * HTTP/1.1 for everything else.
 *
 * <p>Helidon's own HTTP/1 selector claims only connections whose first line ends in {@code HTTP/1.1} once
 * another protocol is installed, and its HTTP/2 selector waits for all 24 bytes of the preface: an
 * HTTP/1.0 request or a line of garbage would then be closed without an answer, or left waiting. Taking
 * every non-preface connection as HTTP/1.1, as Helidon does when it is the only protocol, keeps their
 * answers (505, or 400 in OpenAI's shape). HTTP/1.1 connections are not offered {@code Upgrade: h2c}
 * (deprecated by RFC 9113): a client asking for HTTP/2 on a cleartext port uses prior knowledge.
 */
final class Http1UnlessPreface implements ServerConnectionSelector {
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Http1ConnectionSelector http1 = Http1ConnectionSelector.builder().config(Http1Config.create()).build();

    @Override
    public int bytesToIdentifyConnection() {
        return 0; // asked from the first byte on, and again as more arrive while it answers UNKNOWN
    }

    @Override
    public Support supports(BufferData data) {
        int known = Math.min(data.available(), PREFACE.length);
        for (int i = 0; i < known; i++) {
            if (data.read() != (PREFACE[i] & 0xff)) {
                return Support.SUPPORTED;
            }
        }
        // The whole preface goes to Helidon's HTTP/2 selector; its start alone, to a second look with more bytes.
        return known == PREFACE.length ? Support.UNSUPPORTED : Support.UNKNOWN;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return http1.supportedApplicationProtocols();
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        return http1.connection(ctx);
    }
}
