-- Virtual keys of `brock serve`: only a SHA-256 of each key is kept; `prefix` (shown by
-- `keys list`) finds the row, the hash is then compared in constant time.
CREATE TABLE serve_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    hash TEXT NOT NULL,
    models TEXT NOT NULL DEFAULT '[]',
    rpm BIGINT,
    tpm BIGINT,
    max_tokens BIGINT,
    metadata TEXT NOT NULL DEFAULT '{}',
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    revoked_at BIGINT,
    used_tokens BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX serve_keys_prefix ON serve_keys (prefix);

-- Per-key counters of one minute each, shared by every replica on the same database.
CREATE TABLE serve_rate (
    key_id TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    requests BIGINT NOT NULL DEFAULT 0,
    tokens BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (key_id, window_start)
);

-- One row per request the gateway answered.
CREATE TABLE serve_usage (
    id BIGSERIAL PRIMARY KEY,
    at BIGINT NOT NULL,
    key_id TEXT,
    key_name TEXT,
    model TEXT,
    operation TEXT NOT NULL,
    status BIGINT NOT NULL,
    input_tokens BIGINT NOT NULL DEFAULT 0,
    output_tokens BIGINT NOT NULL DEFAULT 0,
    cache_read_tokens BIGINT NOT NULL DEFAULT 0,
    cache_write_tokens BIGINT NOT NULL DEFAULT 0,
    latency_ms DOUBLE PRECISION NOT NULL
);
CREATE INDEX serve_usage_at ON serve_usage (at);
CREATE INDEX serve_usage_key ON serve_usage (key_id, at);
