package dev.easel.account;

/** A newly created key together with its clear text, which exists only in this value and is shown once. */
public record IssuedKey(ApiKey key, String secret) {
}
