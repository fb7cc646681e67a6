package dev.easel.provider.openai;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The buffers base64 checks decode into, shared by every {@link ValueText}. A check never blocks, so no
 * more are in use at once than threads are running: a relay waiting on its client keeps none, and the
 * few in use stay in the cache (a buffer per relay cost 48 kB per request in flight).
 */
final class DecodeBuffers {
    /** Holds the decoded form of the largest block a {@link ValueText} checks. */
    static final int SIZE = ValueText.MAX_BLOCK / 4 * 3;

    private static final AtomicReferenceArray<byte[]> FREE =
            new AtomicReferenceArray<>(2 * Runtime.getRuntime().availableProcessors());

    private DecodeBuffers() {
    }

    /** A free buffer, or a new one when every kept one is in use. */
    static byte[] take() {
        for (int i = 0; i < FREE.length(); i++) {
            byte[] buffer;
            if (FREE.get(i) != null && (buffer = FREE.getAndSet(i, null)) != null) {
                return buffer;
            }
        }
        return new byte[SIZE];
    }

    /** Keeps the buffer for the next check, unless enough are kept already. */
    static void giveBack(byte[] buffer) {
        for (int i = 0; i < FREE.length(); i++) {
            if (FREE.get(i) == null && FREE.compareAndSet(i, null, buffer)) {
                return;
            }
        }
    }
}
