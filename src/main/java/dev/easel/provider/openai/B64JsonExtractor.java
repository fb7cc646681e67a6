package dev.easel.provider.openai;

import dev.easel.provider.http.ImageBuffer;
import dev.easel.provider.http.UpstreamHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Optional;
import java.util.Queue;
import java.util.function.IntFunction;
import tools.jackson.core.JsonParser;

/**
 * Hands the JSON parser an upstream answer with every {@code "b64_json"} value emptied, decoding the
 * base64 on the way with the JDK's decoder into one {@link ImageBuffer} per value. Jackson decodes
 * base64 a character at a time; relaying 1.5 MB images, that was most of Easel's CPU.
 *
 * <p>Only enough of JSON is tracked to find object keys: strings and their escapes. A value is
 * diverted when a string {@code b64_json} is followed by {@code :} and an opening quote; inside it
 * only the base64 alphabet (checked by the decoder) and the escapes {@code \/}, {@code \n},
 * {@code \r} are accepted.
 *
 * <p>A value whose image the caller takes as text ({@code relays}) is checked the same way, block by
 * block, and each checked block is written on at once: the base64 passes through without being
 * decoded into an image or encoded again, and no copy of it is ever held whole. Its blocks are not
 * searched for the closing quote first: the decoder (a vectorised intrinsic, five times faster than
 * the search) refuses a block holding a quote or a backslash, and only a refused block is searched; what
 * followed the quote goes back to the parser. An escape means the upstream escapes its text, so the rest
 * of that value is searched as it arrives.
 */
final class B64JsonExtractor extends InputStream {
    private static final byte[] KEY = "b64_json".getBytes(StandardCharsets.US_ASCII);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private enum State { OUTSIDE, IN_STRING, STRING_ESCAPE, AFTER_KEY, AFTER_COLON, VALUE_START, VALUE, VALUE_ESCAPE }

    private final InputStream in;
    private State state = State.OUTSIDE;
    /** How much of {@link #KEY} the current string matches so far; -1 once it cannot match. */
    private int keyMatch;
    private final IntFunction<Optional<OutputStream>> relays;
    /** How many values have been diverted: the next one's image index. */
    private int values;
    /** The text of the value being diverted: decoded here, or relayed. */
    private final ValueText text;
    private final Queue<Value> extracted = new ArrayDeque<>();
    /** Bytes read but not yet filtered: what followed a value's opening quote, or its closing one. */
    private byte[] pending = new byte[0];
    private int pendingAt;

    /** What became of one {@code b64_json} value. */
    sealed interface Value {
    }

    /** Decoded into an image. */
    record Decoded(ImageBuffer image) implements Value {
    }

    /** Written, checked, to the output the caller gave for image {@code index}. */
    record Relayed(int index) implements Value {
    }

    /** @param sizeHint expected bytes of each image (0 when unknown), so its buffer is allocated once */
    B64JsonExtractor(InputStream in, long sizeHint) {
        this(in, sizeHint, index -> Optional.empty());
    }

    /**
     * @param relays for the image index of each value (in order of appearance), where its base64 text
     *               goes instead of being decoded; empty to decode it
     */
    B64JsonExtractor(InputStream in, long sizeHint, IntFunction<Optional<OutputStream>> relays) {
        this.in = in;
        this.text = new ValueText(sizeHint);
        this.relays = relays;
    }

    /**
     * What became of the {@code b64_json} value the parser is at (a {@code VALUE_STRING}). A value this
     * stream did not recognise (a key spelled with escapes) reaches the parser whole and is decoded here.
     */
    Value value(JsonParser p) throws IOException {
        String passed = p.getString(); // completes the token: the value has been diverted by now
        if (passed.isEmpty() && !extracted.isEmpty()) {
            return extracted.remove();
        }
        ImageBuffer buffer = new ImageBuffer(0, UpstreamHttp.MAX_IMAGE_BYTES);
        try {
            buffer.write(Base64.getMimeDecoder().decode(passed));
        } catch (IllegalArgumentException e) {
            throw new Malformed("has an image that is not valid base64");
        }
        return new Decoded(buffer);
    }

    /** The image of the {@code b64_json} value the parser is at, for a stream that relays nothing. */
    ImageBuffer decoded(JsonParser p) throws IOException {
        return switch (value(p)) {
            case Decoded(ImageBuffer image) -> image;
            case Relayed relayed -> throw new IllegalStateException("this stream relays no value");
        };
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    /**
     * Reads into the parser's buffer and filters it in place: the bytes of a diverted value move to
     * the decoder and the rest closes up behind them, so no second buffer holds the body.
     */
    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (state == State.VALUE_START) {
                startValue();
            }
            // Relayed text with nothing pending is read straight into its block, past the parser's buffer.
            boolean intoValue = pendingAt == pending.length && state == State.VALUE && text.checkedFirst();
            int n = intoValue ? text.readUnsearched(in)
                    : pendingAt < pending.length ? takePending(buffer, off, len) : in.read(buffer, off, len);
            if (n < 0 && state == State.VALUE && !text.isEmpty() && text.checkedFirst()) {
                // The end of the value is somewhere in the text staged unsearched, or the body was cut short.
                if (splitStaged("is not valid JSON (it ends inside an image)")) {
                    buffer[off] = '"';
                    return 1;
                }
                continue;
            }
            if (n < 0) {
                if (state == State.VALUE || state == State.VALUE_ESCAPE || state == State.VALUE_START) {
                    throw new Malformed("is not valid JSON (it ends inside an image)");
                }
                return -1;
            }
            if (intoValue) {
                if (!text.passFullBlock() && splitStaged("has an image that is not valid base64")) {
                    buffer[off] = '"'; // the parser sees an empty string
                    return 1;
                }
                continue;
            }
            int kept = filter(buffer, off, off + n);
            if (kept > 0) {
                return kept; // whatever arrived goes to the parser at once (event streams must not wait)
            }
        }
    }

    /** Keeps in {@code buffer[from, ...)} what the parser sees of {@code buffer[from, to)}; returns how much. */
    private int filter(byte[] buffer, int from, int to) throws IOException {
        int kept = from;
        int at = from;
        while (at < to) {
            switch (state) {
                case VALUE -> {
                    if (text.checkedFirst()) {
                        at = text.appendUnsearched(buffer, at, to);
                        if (!text.passFullBlock()) {
                            pushBack(buffer, at, to); // the refused block holds an end or an escape
                            at = to;
                            if (splitStaged("has an image that is not valid base64")) {
                                buffer[kept++] = '"'; // the parser sees an empty string
                            }
                        }
                        continue;
                    }
                    int end = quoteOrBackslash(buffer, at, to);
                    text.append(buffer, at, end - at);
                    at = end;
                    if (at < to) { // a quote ends the value, a backslash starts an escape
                        if (buffer[at++] == '\\') {
                            state = State.VALUE_ESCAPE;
                        } else {
                            finishValue();
                            buffer[kept++] = '"'; // the parser sees an empty string
                        }
                    }
                }
                case VALUE_ESCAPE -> valueEscape(buffer[at++]);
                default -> {
                    byte c = buffer[at++];
                    buffer[kept++] = c;
                    track(c);
                    if (state == State.VALUE_START) {
                        // The parser gets everything up to this value before its image is placed: a caller
                        // relaying images must have ended the previous one (and its revised prompt) first.
                        pushBack(buffer, at, to);
                        return kept - from;
                    }
                }
            }
        }
        return kept - from;
    }

    private int takePending(byte[] buffer, int off, int len) {
        int n = Math.min(len, pending.length - pendingAt);
        System.arraycopy(pending, pendingAt, buffer, off, n);
        pendingAt += n;
        return n;
    }

    /** Puts {@code a[from, to)} back in front of what is still to be filtered. */
    private void pushBack(byte[] a, int from, int to) {
        int rest = pending.length - pendingAt;
        byte[] joined = new byte[to - from + rest];
        System.arraycopy(a, from, joined, 0, to - from);
        System.arraycopy(pending, pendingAt, joined, to - from, rest);
        pending = joined;
        pendingAt = 0;
    }

    /**
     * Splits the text staged unsearched at its first quote or backslash, giving back what followed it;
     * returns whether that was the value's closing quote (the value is then finished).
     *
     * @param withoutEither what the answer is when the text holds neither
     */
    private boolean splitStaged(String withoutEither) throws IOException {
        if (text.cut(this::pushBack, withoutEither) == '\\') {
            state = State.VALUE_ESCAPE;
            text.escaped();
            return false;
        }
        finishValue();
        return true;
    }

    /** Decides, once the parser has reached it, whether a value is relayed or decoded here. */
    private void startValue() {
        state = State.VALUE;
        text.begin(relays.apply(values++));
    }

    /** Follows one byte the parser is given, outside a diverted value. */
    private void track(byte c) {
        switch (state) {
            case OUTSIDE -> {
                if (c == '"') {
                    state = State.IN_STRING;
                    keyMatch = 0;
                }
            }
            case IN_STRING -> {
                if (c == '\\') {
                    state = State.STRING_ESCAPE;
                    keyMatch = -1;
                } else if (c == '"') {
                    state = keyMatch == KEY.length ? State.AFTER_KEY : State.OUTSIDE;
                } else if (keyMatch >= 0) {
                    keyMatch = keyMatch < KEY.length && KEY[keyMatch] == c ? keyMatch + 1 : -1;
                }
            }
            case STRING_ESCAPE -> state = State.IN_STRING;
            case AFTER_KEY -> {
                if (c == ':') {
                    state = State.AFTER_COLON;
                } else if (!whitespace(c)) {
                    state = State.OUTSIDE;
                    track(c);
                }
            }
            case AFTER_COLON -> {
                if (c == '"') {
                    state = State.VALUE_START;
                } else if (!whitespace(c)) {
                    state = State.OUTSIDE; // null or another type: the parser decides what that means
                    track(c);
                }
            }
            default -> throw new IllegalStateException("diverted bytes are never tracked: " + state);
        }
    }

    /**
     * The index of the first {@code "} or {@code \} in {@code a[from, to)}, or {@code to}; eight bytes
     * per step (a byte equals q where {@code x ^ q} has a zero byte, found with the carry trick), since
     * a per-byte loop over megabytes of base64 was most of the relay's time.
     */
    static int quoteOrBackslash(byte[] a, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(a, i);
            long quotes = word ^ 0x2222222222222222L;
            long backslashes = word ^ 0x5C5C5C5C5C5C5C5CL;
            long found = ((quotes - 0x0101010101010101L) & ~quotes | (backslashes - 0x0101010101010101L) & ~backslashes)
                    & 0x8080808080808080L;
            if (found != 0) {
                return i + Long.numberOfTrailingZeros(found) / Byte.SIZE; // the lowest hit is exact
            }
        }
        for (; i < to; i++) {
            if (a[i] == '"' || a[i] == '\\') {
                return i;
            }
        }
        return to;
    }

    private void valueEscape(byte c) throws IOException {
        switch (c) {
            case '/' -> text.append(new byte[] {'/'}, 0, 1);
            case 'n', 'r' -> { } // line breaks some encoders insert every 76 characters
            default -> throw new Malformed("has an image that is not valid base64");
        }
        state = State.VALUE;
    }

    private void finishValue() throws IOException {
        extracted.add(text.finish(values - 1));
        state = State.OUTSIDE;
    }

    private static boolean whitespace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** A {@code b64_json} value that is not base64, or a body that ends inside one. */
    static final class Malformed extends IOException {
        /** @param what completes "The answer of the upstream ..." */
        Malformed(String what) {
            super(what);
        }
    }
}
