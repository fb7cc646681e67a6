import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The least a Java gateway can do: a reference for the gateway benchmark, not a gateway. Each client
 * connection gets a virtual thread and its own kept-alive upstream connection; each request is passed
 * on as it came and the answer's bytes are copied back 128 kB at a time, with no parsing, no checks
 * and no metering. What Easel costs beyond this is the cost of being a gateway (and of its libraries).
 *
 * Handles what wrk sends: HTTP/1.1 requests with a Content-Length body, answers with a Content-Length.
 *
 * With {@code check}, it also does the least a relay that reads the answer's JSON must: scan the image's
 * base64 text for its end. The JDK's base64 decoder scans it faster than a search written in Java (Easel
 * checks the text with it, docs/PERFORMANCE.md), so the answer moves in full 128 kB blocks, each decoded
 * before it is written (into a buffer shared by the thread). The decoder refuses a block holding the JSON
 * around the text at its first character that is not base64, as it tells Easel where the text ends; such
 * a block is written all the same. The scan's cost, not a check.
 *
 * Run: java bench/gateway/BareRelay.java PORT UPSTREAM_PORT [check]
 */
public final class BareRelay {
    private static final int BLOCK = 128 * 1024;
    private static final ThreadLocal<byte[]> DECODED = ThreadLocal.withInitial(() -> new byte[BLOCK / 4 * 3]);
    private static boolean check;

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int upstreamPort = Integer.parseInt(args[1]);
        check = args.length > 2 && args[2].equals("check");
        try (ServerSocket server = new ServerSocket(port, 4096)) {
            while (true) {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> {
                    try (client; Socket upstream = new Socket("127.0.0.1", upstreamPort)) {
                        relay(client, upstream);
                    } catch (IOException e) {
                        // the client or the upstream went away: drop both connections
                    }
                });
            }
        }
    }

    private static void relay(Socket client, Socket upstream) throws IOException {
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        InputStream fromClient = new BufferedInputStream(client.getInputStream(), 1024);
        OutputStream toClient = client.getOutputStream();
        InputStream fromUpstream = new BufferedInputStream(upstream.getInputStream(), 1024);
        OutputStream toUpstream = upstream.getOutputStream();
        byte[] block = new byte[BLOCK];
        for (String head; (head = head(fromClient)) != null; ) {
            toUpstream.write(head.getBytes(StandardCharsets.ISO_8859_1));
            copy(fromClient, toUpstream, contentLength(head), block);
            String answer = head(fromUpstream);
            if (answer == null) {
                return;
            }
            toClient.write(answer.getBytes(StandardCharsets.ISO_8859_1));
            if (check) {
                copyChecked(fromUpstream, toClient, contentLength(answer), block);
            } else {
                copy(fromUpstream, toClient, contentLength(answer), block);
            }
        }
    }

    /** A message's head up to and including the blank line; null at the end of the stream. */
    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder(256);
        for (int c; (c = in.read()) >= 0; ) {
            head.append((char) c);
            if (c == '\n' && head.length() >= 4 && head.charAt(head.length() - 3) == '\n') {
                return head.toString();
            }
        }
        return null;
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring("content-length:".length()).trim());
            }
        }
        return 0;
    }

    private static void copy(InputStream in, OutputStream out, long length, byte[] block) throws IOException {
        while (length > 0) {
            int n = in.read(block, 0, (int) Math.min(block.length, length));
            if (n < 0) {
                throw new IOException("the stream ended early");
            }
            out.write(block, 0, n);
            length -= n;
        }
    }

    /** Copies in full blocks, each decoded before it is written (see the class comment). */
    private static void copyChecked(InputStream in, OutputStream out, long length, byte[] block) throws IOException {
        while (length > 0) {
            int n = in.readNBytes(block, 0, (int) Math.min(block.length, length));
            if (n == 0) {
                throw new IOException("the stream ended early");
            }
            if (n == block.length) {
                scan(block);
            }
            out.write(block, 0, n);
            length -= n;
        }
    }

    private static void scan(byte[] block) {
        try {
            Base64.getDecoder().decode(block, DECODED.get());
        } catch (IllegalArgumentException e) {
            // the JSON around the text
        }
    }
}
