import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * BareRelay.java over channels: the same relay (a virtual thread and a kept-alive upstream connection
 * per client connection, no parsing beyond the heads, no checks), but every byte moves through one
 * 128 kB direct buffer per connection, so the JDK never copies it through a temporary direct buffer
 * as it does for socket streams. What a Java gateway could gain by owning its sockets' I/O end to end.
 *
 * Handles what wrk sends: HTTP/1.1 requests with a Content-Length body, answers with a Content-Length.
 *
 * With {@code check}, as BareRelay.java with it: the answer moves in full blocks, each copied into a heap
 * array (the JDK's decoder reads only those) and decoded before it is written from the direct buffer.
 *
 * Run: java bench/gateway/BareChannelRelay.java PORT UPSTREAM_PORT [check]
 */
public final class BareChannelRelay {
    private static final int BLOCK = 128 * 1024;
    private static boolean check;

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        InetSocketAddress upstreamAddress = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1]));
        check = args.length > 2 && args[2].equals("check");
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", port), 4096);
            while (true) {
                SocketChannel client = server.accept();
                Thread.ofVirtual().start(() -> {
                    try (client; SocketChannel upstream = SocketChannel.open(upstreamAddress)) {
                        client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                        upstream.setOption(StandardSocketOptions.TCP_NODELAY, true);
                        ByteBuffer block = ByteBuffer.allocateDirect(BLOCK);
                        Optional<Scan> scan = check ? Optional.of(new Scan()) : Optional.empty();
                        while (pass(client, upstream, block, Optional.empty()) && pass(upstream, client, block, scan)) {
                            // one request, then its answer
                        }
                    } catch (IOException e) {
                        // the client or the upstream went away: drop both connections
                    }
                });
            }
        }
    }

    /**
     * Passes one message (head and Content-Length body) from {@code in} to {@code out}; false at the
     * end of {@code in}. The block is empty between messages: wrk and the upstream never pipeline. With a
     * scan, the body moves in full blocks, each scanned before it is written.
     */
    private static boolean pass(SocketChannel in, SocketChannel out, ByteBuffer block, Optional<Scan> scan)
            throws IOException {
        block.clear();
        int headEnd;
        while ((headEnd = headEnd(block)) < 0) {
            if (!block.hasRemaining() || in.read(block) < 0) {
                return false;
            }
        }
        long left = headEnd + contentLength(block, headEnd) - block.position();
        block.flip();
        writeAll(out, block);
        while (left > 0) {
            block.clear().limit((int) Math.min(BLOCK, left));
            do {
                if (in.read(block) < 0) {
                    throw new IOException("the stream ended early");
                }
            } while (scan.isPresent() && block.hasRemaining());
            left -= block.position();
            block.flip();
            if (scan.isPresent() && block.remaining() == BLOCK) {
                scan.get().scan(block);
            }
            writeAll(out, block);
        }
        return true;
    }

    /** A connection's heap copy of a block, decoded into a buffer shared by the thread. */
    private static final class Scan {
        private static final ThreadLocal<byte[]> DECODED = ThreadLocal.withInitial(() -> new byte[BLOCK / 4 * 3]);
        private final byte[] text = new byte[BLOCK];

        void scan(ByteBuffer block) {
            block.get(0, text);
            try {
                Base64.getDecoder().decode(text, DECODED.get());
            } catch (IllegalArgumentException e) {
                // the JSON around the text
            }
        }
    }

    private static void writeAll(SocketChannel out, ByteBuffer block) throws IOException {
        while (block.hasRemaining()) {
            out.write(block);
        }
    }

    /** Where the head read so far ends (after its blank line), or -1 while it has not ended. */
    private static int headEnd(ByteBuffer block) {
        for (int i = 3; i < block.position(); i++) {
            if (block.get(i) == '\n' && block.get(i - 2) == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    private static long contentLength(ByteBuffer block, int headEnd) {
        byte[] head = new byte[headEnd];
        block.get(0, head);
        for (String line : new String(head, StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring("content-length:".length()).trim());
            }
        }
        return 0;
    }
}
