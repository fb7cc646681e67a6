package dev.easel.provider.openai;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The read-ahead under a large answer. The JSON parser asks for 8 kB at a time, which this turns into
 * 64 kB socket reads (a socket read per 8 kB was about a third of the time a 1.5 MB answer took to
 * arrive). A larger read (relayed base64, read into the block it is checked and written from) takes
 * only what is buffered, and with nothing buffered goes to the socket itself: the text is not copied
 * within Easel at all (it was copied twice: into the parser's buffer, then into the block).
 */
final class ReadAhead extends BufferedInputStream {
    /** Jackson's read size (8 000 bytes), rounded up: reads up to this are the parser's. */
    private static final int PARSER_READ = 8 * 1024;

    ReadAhead(InputStream in, int size) {
        super(in, size);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len <= PARSER_READ) {
            return super.read(b, off, len);
        }
        int buffered = count - pos;
        if (buffered > 0) {
            int n = Math.min(buffered, len);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }
        return in.read(b, off, len);
    }
}
