package dev.easel.account;

import java.util.Map;

/** An admitted request: the rate-limit headers to send, and the concurrency slot it holds until closed. */
public interface Permit extends AutoCloseable {

    /** For a key without limits: nothing to send, nothing held. */
    Permit NONE = new Permit() {
        @Override
        public Map<String, String> headers() {
            return Map.of();
        }

        @Override
        public void close() {
        }
    };

    /** {@code x-ratelimit-*} headers describing the key's windows after this request. */
    Map<String, String> headers();

    /** Releases the concurrency slot; closing twice releases once. */
    @Override
    void close();
}
