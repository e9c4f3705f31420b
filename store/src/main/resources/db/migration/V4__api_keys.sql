-- API keys. Only a SHA-256 hash of each key is kept: a key is 256 random bits, so a fast hash cannot be brute-forced
-- and a lookup by hash stays one index read on every request.
CREATE TABLE api_key (
    id            uuid PRIMARY KEY,
    name          text        NOT NULL,
    tenant        text        NOT NULL,
    roles         text[]      NOT NULL,
    key_hash      bytea       NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL,
    last_used_at  timestamptz,
    expires_at    timestamptz,
    revoked_at    timestamptz
);

CREATE INDEX api_key_list ON api_key (created_at DESC, id DESC);
