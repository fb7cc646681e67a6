package dev.easel.provider.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects one image's bytes in chunks, so growing never copies what was already received (a
 * ByteArrayOutputStream doubles and copies, peaking at three times the image). When the size is
 * known in advance (a download with Content-Length) the first chunk is exactly that size and
 * {@link #toByteArray()} hands it over without any copy.
 */
public final class ImageBuffer extends OutputStream {
    private static final int FIRST_CHUNK = 64 * 1024;
    private static final int MAX_CHUNK = 4 * 1024 * 1024;

    private final long limit;
    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] current;
    private int used;
    private long size;

    /**
     * @param expectedBytes a size hint (0 when unknown)
     * @param limit         more bytes than this fail the write, so a runaway upstream cannot exhaust the heap
     */
    public ImageBuffer(long expectedBytes, long limit) {
        this.limit = limit;
        long first = expectedBytes > 0 ? expectedBytes : FIRST_CHUNK;
        this.current = new byte[(int) Math.max(1, Math.min(first, Math.min(limit, MAX_CHUNK * 8L)))];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (size + len > limit) {
            throw new ImageTooLargeException(limit);
        }
        while (len > 0) {
            if (used == current.length) {
                chunks.add(current);
                current = new byte[Math.min(MAX_CHUNK, current.length * 2)];
                used = 0;
            }
            int n = Math.min(len, current.length - used);
            System.arraycopy(b, off, current, used, n);
            used += n;
            off += n;
            len -= n;
            size += n;
        }
    }

    public long size() {
        return size;
    }

    /**
     * The image's bytes without any copy when they fit the first chunk: valid up to {@link #size()}, the
     * array may be longer (a size hint is an upper bound). Otherwise the chunks joined into one exact array.
     */
    public byte[] buffer() {
        return chunks.isEmpty() ? current : toByteArray();
    }

    /** The image; the only copy made is the final one, and none when the size hint was exact. */
    public byte[] toByteArray() {
        if (chunks.isEmpty()) {
            return used == current.length ? current : Arrays.copyOf(current, used);
        }
        byte[] all = new byte[Math.toIntExact(size)];
        int at = 0;
        for (byte[] chunk : chunks) {
            System.arraycopy(chunk, 0, all, at, chunk.length);
            at += chunk.length;
        }
        System.arraycopy(current, 0, all, at, used);
        return all;
    }

    /** Thrown by a write past the limit. */
    public static final class ImageTooLargeException extends IOException {
        ImageTooLargeException(long limit) {
            super("the image is larger than " + limit + " bytes");
        }
    }
}
