package dev.easel.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReadAheadTest {
    private final byte[] body = new byte[300_000];
    private final List<Integer> socketReads = new ArrayList<>();
    /** The socket under the read-ahead: records the size of each read it is asked for. */
    private final InputStream socket = new ByteArrayInputStream(body) {
        @Override
        public synchronized int read(byte[] b, int off, int len) {
            socketReads.add(len);
            return super.read(b, off, Math.min(len, 50_000));
        }
    };

    ReadAheadTest() {
        new Random(7).nextBytes(body);
    }

    @Test
    void parserSizedReadsAreServedFromOneLargeSocketRead() throws IOException {
        ReadAhead in = new ReadAhead(socket, 64 * 1024);
        byte[] into = new byte[8000];
        for (int i = 0; i < 6; i++) {
            assertThat(in.read(into, 0, into.length)).isEqualTo(into.length);
        }

        assertThat(socketReads).containsExactly(64 * 1024);
    }

    @Test
    void aLargeReadTakesOnlyWhatIsBufferedThenGoesToTheSocketItself() throws IOException {
        ReadAhead in = new ReadAhead(socket, 64 * 1024);
        byte[] block = new byte[48 * 1024]; // smaller than the buffer, which a plain read-ahead would fill
        in.read(new byte[8000], 0, 8000); // the parser's read fills the buffer with the socket's 50 000

        assertThat(in.read(block, 0, block.length)).isEqualTo(50_000 - 8000);
        assertThat(in.read(block, 0, block.length)).isEqualTo(48 * 1024);
        assertThat(socketReads).containsExactly(64 * 1024, 48 * 1024); // the second read landed in the block
    }

    @Test
    void everyByteArrivesOnceAndInOrderWhateverTheMixOfReads() throws IOException {
        ReadAhead in = new ReadAhead(socket, 64 * 1024);
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        Random sizes = new Random(11);
        byte[] into = new byte[100_000];
        for (int n; (n = in.read(into, 0, 1 + sizes.nextInt(into.length))) > 0; ) {
            read.write(into, 0, n);
        }

        assertThat(Arrays.equals(read.toByteArray(), body)).isTrue();
    }
}
