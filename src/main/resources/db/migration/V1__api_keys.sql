-- API keys. Only a SHA-256 hash of each key is stored; the clear key is shown once at creation.
CREATE TABLE api_keys (
    id          VARCHAR(40)  PRIMARY KEY,
    key_hash    VARCHAR(64)  NOT NULL UNIQUE,
    key_prefix  VARCHAR(24)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    role        VARCHAR(16)  NOT NULL,
    created_at  BIGINT       NOT NULL,
    revoked_at  BIGINT
);
