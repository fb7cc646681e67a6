-- Running balances per key: one row for all time ('total') and one per calendar month UTC ('2026-11').
-- Budget checks are conditional UPDATEs on these rows, so reservation is atomic on SQLite and PostgreSQL.
CREATE TABLE ledger_balances (
    key_id          VARCHAR(40) NOT NULL,
    period          VARCHAR(8)  NOT NULL,
    spent_micros    BIGINT      NOT NULL DEFAULT 0,
    reserved_micros BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (key_id, period)
);

-- Money held for a request in flight. Settling or refunding deletes the row (whoever deletes it wins),
-- so exactly one outcome takes effect; rows past expires_at are orphans of a crash and are released.
CREATE TABLE ledger_reservations (
    id            VARCHAR(40)  PRIMARY KEY,
    key_id        VARCHAR(40)  NOT NULL,
    month         VARCHAR(8)   NOT NULL,
    amount_micros BIGINT       NOT NULL,
    created_at    BIGINT       NOT NULL,
    expires_at    BIGINT       NOT NULL,
    request_id    VARCHAR(64)  NOT NULL,
    model         VARCHAR(100) NOT NULL,
    size          VARCHAR(24)  NOT NULL,
    quality       VARCHAR(24)  NOT NULL,
    n_requested   INTEGER      NOT NULL
);
CREATE INDEX ledger_reservations_expiry ON ledger_reservations (expires_at);

-- One row per finished request (settled, partly settled, refunded or reconciled), keyed by its
-- reservation id so no request can be counted twice. No image bytes; the prompt only when the
-- operator turned prompt logging on.
CREATE TABLE usage_entries (
    id            VARCHAR(40)  PRIMARY KEY,
    key_id        VARCHAR(40)  NOT NULL,
    created_at    BIGINT       NOT NULL,
    request_id    VARCHAR(64)  NOT NULL,
    model         VARCHAR(100) NOT NULL,
    channel       VARCHAR(100) NOT NULL,
    size          VARCHAR(24)  NOT NULL,
    quality       VARCHAR(24)  NOT NULL,
    n_requested   INTEGER      NOT NULL,
    n_delivered   INTEGER      NOT NULL,
    input_tokens  BIGINT       NOT NULL,
    output_tokens BIGINT       NOT NULL,
    cost_micros   BIGINT       NOT NULL,
    price_micros  BIGINT       NOT NULL,
    latency_ms    BIGINT       NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    prompt        TEXT
);
CREATE INDEX usage_entries_key_time ON usage_entries (key_id, created_at);
CREATE INDEX usage_entries_time ON usage_entries (created_at);
