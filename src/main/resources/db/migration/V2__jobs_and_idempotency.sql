-- Async generation jobs. The request body is kept so a queued job survives a restart; results
-- reference images in the image store, which expire with the job.
CREATE TABLE jobs (
    id                 VARCHAR(40)   PRIMARY KEY,
    key_id             VARCHAR(40)   NOT NULL,
    model              VARCHAR(200)  NOT NULL,
    status             VARCHAR(16)   NOT NULL,
    request_body       TEXT          NOT NULL,
    base_url           VARCHAR(1000) NOT NULL,
    webhook_url        VARCHAR(2000),
    result             TEXT,
    error              TEXT,
    created_at         BIGINT        NOT NULL,
    started_at         BIGINT,
    finished_at        BIGINT,
    expires_at         BIGINT        NOT NULL,
    claimed_by         VARCHAR(64),
    lease_until        BIGINT,
    webhook_attempts   INTEGER       NOT NULL DEFAULT 0,
    webhook_next_at    BIGINT,
    webhook_done_at    BIGINT
);
CREATE INDEX jobs_status ON jobs (status, lease_until);
CREATE INDEX jobs_webhook_due ON jobs (webhook_next_at);
CREATE INDEX jobs_expiry ON jobs (expires_at);

-- Idempotency-Key records: one per (API key, client key). The stored response is replayed for a
-- repeat with the same body within the retention window.
CREATE TABLE idempotency_keys (
    key_id        VARCHAR(40)  NOT NULL,
    idem_key      VARCHAR(255) NOT NULL,
    body_hash     VARCHAR(64)  NOT NULL,
    state         VARCHAR(16)  NOT NULL,
    status_code   INTEGER,
    content_type  VARCHAR(100),
    response      BYTEA,
    job_id        VARCHAR(40),
    created_at    BIGINT       NOT NULL,
    expires_at    BIGINT       NOT NULL,
    PRIMARY KEY (key_id, idem_key)
);
CREATE INDEX idempotency_expiry ON idempotency_keys (expires_at);
