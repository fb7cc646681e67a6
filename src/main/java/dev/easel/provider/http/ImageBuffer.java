package dev.easel.provider.http;

import dev.easel.provider.ImageBytes;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects one image's bytes in pieces of at most {@link ImageBytes#PIECE}, so growing never copies
 * what was already received (a ByteArrayOutputStream doubles and copies, peaking at three times the
 * image) and no piece is a humongous object for G1. When the size is known in advance (a download
 * with Content-Length, or about it: a decoded answer's length) the pieces are sized from it, so a
 * small image is one exact array.
 */
public final class ImageBuffer extends OutputStream {
    /** The first piece when the size is not known; later ones double up to {@link ImageBytes#PIECE}. */
    private static final int FIRST_PIECE = 64 * 1024;

    private final long expected;
    private final long limit;
    private final List<byte[]> pieces = new ArrayList<>();
    private byte[] current;
    private int used;
    private long size;

    /**
     * @param expectedBytes a size hint (0 when unknown)
     * @param limit         more bytes than this fail the write, so a runaway upstream cannot exhaust the heap
     */
    public ImageBuffer(long expectedBytes, long limit) {
        this.expected = expectedBytes;
        this.limit = limit;
        long first = expectedBytes > 0 ? expectedBytes : FIRST_PIECE;
        this.current = new byte[(int) Math.max(1, Math.min(first, Math.min(limit, ImageBytes.PIECE)))];
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
                pieces.add(current);
                long rest = expected - size; // what the hint says is still to come, when it says
                current = new byte[(int) Math.min(ImageBytes.PIECE, Math.max(current.length * 2L, rest))];
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

    /** The bytes received, without a copy: this buffer's pieces, which the image now owns. */
    public ImageBytes image() {
        List<byte[]> all = new ArrayList<>(pieces);
        all.add(current);
        return new ImageBytes(all, Math.toIntExact(size));
    }

    /** Thrown by a write past the limit. */
    public static final class ImageTooLargeException extends IOException {
        ImageTooLargeException(long limit) {
            super("the image is larger than " + limit + " bytes");
        }
    }
}
