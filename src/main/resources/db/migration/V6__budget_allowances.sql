-- Budget an instance has drawn for one key and month and hands out to its requests in memory, so a
-- request of a key with a budget makes no write of its own. Counted in ledger_balances.reserved_micros
-- like any hold; a booking moves what its request cost from here to spent, and the instance gives the
-- rest back when the key goes quiet. The instance renews expires_at while it lives; past it the
-- allowance is an orphan of a crash and the reconciler gives it back.
CREATE TABLE ledger_allowances (
    id            VARCHAR(40) PRIMARY KEY,
    key_id        VARCHAR(40) NOT NULL,
    month         VARCHAR(8)  NOT NULL,
    amount_micros BIGINT      NOT NULL,
    created_at    BIGINT      NOT NULL,
    expires_at    BIGINT      NOT NULL
);
CREATE INDEX ledger_allowances_expiry ON ledger_allowances (expires_at);

-- Holds of requests that were in flight under the previous schema (their instance has stopped) are
-- given back by the reconciler when they expire, as allowances.
INSERT INTO ledger_allowances (id, key_id, month, amount_micros, created_at, expires_at)
    SELECT id, key_id, month, amount_micros, created_at, expires_at FROM ledger_reservations;
DROP TABLE ledger_reservations;
