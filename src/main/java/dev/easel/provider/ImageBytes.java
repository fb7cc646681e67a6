package dev.easel.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;

/**
 * An encoded image's bytes, as the pieces they were received in: every piece full but the last, which
 * holds the rest. Images decoded from upstream answers arrive in pieces of at most {@link #PIECE}
 * bytes, because a Java array over half a G1 region (regions are 1 MB in heaps under 2 GB) is a
 * humongous object: allocated as whole regions outside the young generation and zeroed at once, and
 * a burst of them leaves the heap without contiguous free regions, which G1 answers with full
 * collections (docs/PERFORMANCE.md, capacity round 6). Readers stream the pieces; only
 * {@link #toArray()} joins them, for the few uses that need one array.
 */
public final class ImageBytes {
    /** The largest piece an image is received in: a quarter of G1's smallest region. */
    public static final int PIECE = 256 * 1024;

    private final List<byte[]> pieces;
    private final int length;

    /**
     * @param pieces the bytes in order, every piece full but the last
     * @param length how many bytes they hold in all (the last piece may be longer than its share)
     */
    public ImageBytes(List<byte[]> pieces, int length) {
        this.pieces = List.copyOf(pieces);
        this.length = length;
        long full = 0;
        for (int i = 0; i < this.pieces.size() - 1; i++) {
            if (this.pieces.get(i).length == 0) {
                throw new IllegalArgumentException("only the last piece may be empty");
            }
            full += this.pieces.get(i).length;
        }
        long last = this.pieces.isEmpty() ? 0 : this.pieces.getLast().length;
        if (length < full || length > full + last || (this.pieces.isEmpty() && length != 0)) {
            throw new IllegalArgumentException(length + " bytes do not fit pieces of " + full + " + " + last);
        }
    }

    /** The bytes of one whole array, which the image now owns. */
    public static ImageBytes of(byte[] whole) {
        return new ImageBytes(List.of(whole), whole.length);
    }

    public int length() {
        return length;
    }

    /** The bytes as one exact array: the single piece itself when it is exactly full, else a copy. */
    public byte[] toArray() {
        if (pieces.size() == 1 && pieces.getFirst().length == length) {
            return pieces.getFirst();
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] piece : pieces) {
            int n = Math.min(piece.length, length - at);
            System.arraycopy(piece, 0, all, at, n);
            at += n;
        }
        return all;
    }

    /** Up to the first {@code n} bytes (fewer when the image is shorter), for recognising its format. */
    public byte[] head(int n) {
        byte[] head = new byte[Math.min(n, length)];
        try {
            stream().readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new AssertionError("reading bytes in memory cannot fail", e);
        }
        return head;
    }

    /** Reads the bytes in place; {@code transferTo} writes each piece as it is. */
    public InputStream stream() {
        return new PiecesStream();
    }

    @Override
    public String toString() {
        return "ImageBytes[" + length + " bytes in " + pieces.size() + " pieces]";
    }

    private final class PiecesStream extends InputStream {
        private int piece;
        private int at;
        private int left = length;

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int off, int len) {
            Objects.checkFromIndexSize(off, len, into.length);
            if (len == 0) {
                return 0;
            }
            if (left == 0) {
                return -1;
            }
            byte[] current = pieces.get(piece);
            int n = Math.min(len, Math.min(left, current.length - at));
            System.arraycopy(current, at, into, off, n);
            advance(n);
            return n;
        }

        @Override
        public long transferTo(OutputStream out) throws IOException {
            long sent = 0;
            while (left > 0) {
                byte[] current = pieces.get(piece);
                int n = Math.min(left, current.length - at);
                out.write(current, at, n);
                advance(n);
                sent += n;
            }
            return sent;
        }

        @Override
        public int available() {
            return left;
        }

        private void advance(int n) {
            at += n;
            left -= n;
            if (at == pieces.get(piece).length && left > 0) {
                piece++;
                at = 0;
            }
        }
    }
}
