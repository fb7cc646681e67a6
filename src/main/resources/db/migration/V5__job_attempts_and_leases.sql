-- A job whose instance died mid-run is queued again, up to job_max_attempts starts in all; `attempts`
-- counts the starts, and `reservation_id` names the ledger hold of the latest one so a restart on
-- another instance can release it at once instead of waiting for reconciliation.
ALTER TABLE jobs ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN reservation_id VARCHAR(40);

-- Named leases for duties one instance at a time should do (the image sweep): taken and renewed by
-- conditional UPDATEs, which are atomic on SQLite and PostgreSQL alike.
CREATE TABLE leases (
    name        VARCHAR(64) PRIMARY KEY,
    holder      VARCHAR(64) NOT NULL,
    until_ms    BIGINT      NOT NULL
);
