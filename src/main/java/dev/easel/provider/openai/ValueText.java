package dev.easel.provider.openai;

import dev.easel.provider.http.ImageBuffer;
import dev.easel.provider.http.UpstreamHttp;
import dev.easel.provider.openai.B64JsonExtractor.Decoded;
import dev.easel.provider.openai.B64JsonExtractor.Malformed;
import dev.easel.provider.openai.B64JsonExtractor.Relayed;
import dev.easel.provider.openai.B64JsonExtractor.Value;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The base64 text of the {@code b64_json} value being diverted, checked by the JDK's decoder a block at
 * a time: decoded into the image, or written on as it is to where the caller relays it. One per
 * {@link B64JsonExtractor}, reused from value to value so its block is allocated once; what the decoder
 * writes goes to a buffer shared with every other ({@link DecodeBuffers}), and the last block is padded
 * in place, so a relay waiting on its client holds nothing but its block.
 */
final class ValueText {
    /**
     * Decoded a multiple of 4 characters at a time. Small, because every request that finishes holds
     * one for a moment and ten thousand may finish together; the decoder's cost per call is negligible.
     */
    private static final int STAGING = 4 * 1024;
    /**
     * Relayed text is read from the upstream's connection up to a block at a time and written on a block
     * at a time, in blocks of up to this much (4 kB blocks cost a system call each, 500 of them for a
     * 1.5 MB image); a smaller image gets a block its own size, so many small answers finishing at once
     * stay cheap. At 64 connections 128 kB blocks took 13 % less CPU per 1.5 MB answer than 64 kB ones,
     * most of it in the kernel, and were faster in each of six pairs; 256 kB ones took no less than
     * 128 kB, and 512 kB more (docs/PERFORMANCE.md, round 19, also for one connection).
     */
    static final int MAX_BLOCK = 128 * 1024;

    private final long sizeHint;
    private byte[] staging = new byte[0];
    private int staged;
    private ImageBuffer image = new ImageBuffer(0, 0);
    private Optional<OutputStream> relay = Optional.empty();
    /** The value's last block ended in padding: base64 text cannot go on after it. */
    private boolean afterPadding;
    /** The relayed value held an escape: the rest of it is searched as it arrives, not decoded first. */
    private boolean escaped;

    /** Where the text after a cut goes back to. */
    interface Rest {
        void giveBack(byte[] a, int from, int to);
    }

    /** @param sizeHint expected bytes of each image (0 when unknown), so its buffer is allocated once */
    ValueText(long sizeHint) {
        this.sizeHint = sizeHint;
    }

    /** Starts a value: relayed to {@code relay}, or decoded into a new image when that is empty. */
    void begin(Optional<OutputStream> relay) {
        this.relay = relay;
        afterPadding = false;
        escaped = false;
        image = relay.isPresent() ? new ImageBuffer(0, 0) : new ImageBuffer(sizeHint, UpstreamHttp.MAX_IMAGE_BYTES);
        int block = relay.isPresent() ? relayBlock() : STAGING;
        if (staging.length < block) {
            staging = new byte[block];
        }
    }

    /** Whether the text arrives unsearched and is checked by the decoder first (see B64JsonExtractor). */
    boolean checkedFirst() {
        return relay.isPresent() && !escaped;
    }

    /** The value held an escape: from here on its text is searched before it is appended. */
    void escaped() {
        escaped = true;
    }

    boolean isEmpty() {
        return staged == 0;
    }

    /** Appends text known to hold no quote or backslash; each full block is checked and passed on. */
    void append(byte[] from, int at, int length) throws IOException {
        while (length > 0) {
            int n = Math.min(length, staging.length - staged);
            System.arraycopy(from, at, staging, staged, n);
            staged += n;
            at += n;
            length -= n;
            if (staged == staging.length) {
                decode(staged, true);
                staged = 0;
            }
        }
    }

    /** Appends unsearched text until the block is full; returns where it stopped. */
    int appendUnsearched(byte[] from, int at, int to) {
        int n = Math.min(to - at, staging.length - staged);
        System.arraycopy(from, at, staging, staged, n);
        staged += n;
        return at + n;
    }

    /** Reads unsearched text from {@code in} into the block, at most until it is full; -1 at the end of {@code in}. */
    int readUnsearched(InputStream in) throws IOException {
        int n = in.read(staging, staged, staging.length - staged);
        staged += Math.max(0, n);
        return n;
    }

    /**
     * Checks a full block of unsearched text and passes it on; false when the decoder refused it: it
     * holds a quote or a backslash (or bad text), for {@link #cut} to find. True for a block not yet full.
     */
    boolean passFullBlock() throws IOException {
        if (staged < staging.length) {
            return true;
        }
        if (!decode(staged, false)) {
            return false;
        }
        staged = 0;
        return true;
    }

    /**
     * Cuts the text appended unsearched at its first quote or backslash, giving back what followed it,
     * and returns that character.
     *
     * @param withoutEither what the answer is when the text holds neither
     */
    byte cut(Rest rest, String withoutEither) throws Malformed {
        int special = B64JsonExtractor.quoteOrBackslash(staging, 0, staged);
        if (special == staged) {
            throw new Malformed(withoutEither);
        }
        rest.giveBack(staging, special + 1, staged);
        staged = special;
        return staging[special];
    }

    /** Checks and passes on the rest of the text (padded when relayed): what became of the value. */
    Value finish(int index) throws IOException {
        if (staged > 0) {
            // Relayed text is padded here, as decoders in some languages insist on it.
            decode(relay.isPresent() ? padInPlace() : staged, true);
            staged = 0;
        }
        Value value = relay.isPresent() ? new Relayed(index) : new Decoded(image);
        relay = Optional.empty();
        return value;
    }

    /**
     * Checks the first {@code length} characters of the block by decoding them, then keeps the image or
     * writes them on; returns false for text the decoder refused, unless {@code searched} (the text holds
     * neither quotes nor escapes, so it is bad text).
     */
    private boolean decode(int length, boolean searched) throws IOException {
        try {
            if (length == staging.length) {
                decodeWhole();
            } else {
                decodePart(length);
            }
        } catch (IllegalArgumentException e) {
            if (searched) {
                throw new Malformed("has an image that is not valid base64");
            }
            return false;
        }
        if (afterPadding) {
            throw new Malformed("has an image that is not valid base64"); // text after the padding
        }
        afterPadding = staging[length - 1] == '=';
        if (relay.isPresent()) {
            relay.get().write(staging, 0, length);
        }
        return true;
    }

    /** Decodes the whole block into a shared buffer, given back before anything can block. */
    private void decodeWhole() throws IOException {
        byte[] into = DecodeBuffers.take();
        try {
            int n = Base64.getDecoder().decode(staging, into);
            if (relay.isEmpty()) {
                image.write(into, 0, n);
            }
        } finally {
            DecodeBuffers.giveBack(into);
        }
    }

    /** The JDK decodes part of an array only into a buffer of its own: a value's last block, once. */
    private void decodePart(int length) throws IOException {
        ByteBuffer decoded = Base64.getDecoder().decode(ByteBuffer.wrap(staging, 0, length));
        if (relay.isEmpty()) {
            image.write(decoded.array(), decoded.arrayOffset() + decoded.position(), decoded.remaining());
        }
    }

    /** Whole 4-character groups: the image's text when its size is known, else the most. */
    private int relayBlock() {
        long text = sizeHint > 0 ? (sizeHint + 2) / 3 * 4 : MAX_BLOCK;
        return (int) Math.max(STAGING, Math.min(MAX_BLOCK, text));
    }

    /** Pads the text staged to whole 4-character groups, in the block (whose length is a multiple of 4). */
    private int padInPlace() throws Malformed {
        if (staged % 4 == 1) {
            throw new Malformed("has an image that is not valid base64");
        }
        int length = (staged + 3) / 4 * 4;
        Arrays.fill(staging, staged, length, (byte) '=');
        return length;
    }
}
