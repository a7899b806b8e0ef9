-- Organisations as principals (issue 12, docs/design/organisations.md): the public keys an
-- administrator registered for each (ES256: a P-256 point, hex), by the key id its assertions
-- name; the assertions' ids taken once until they expire (RFC 7523 §3, "jti"); and the
-- short-lived access tokens issued for them (their SHA-256, never the token).
-- (postgres dialect; keep in step with the other.)
CREATE TABLE organisation_keys (
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    kid TEXT NOT NULL,
    public_key TEXT NOT NULL,
    registered_at_us BIGINT NOT NULL,
    revoked_at_us BIGINT,
    PRIMARY KEY (organisation_id, kid)
);
CREATE TABLE organisation_assertions (
    organisation_id TEXT NOT NULL,
    jti TEXT NOT NULL,
    expires_at_us BIGINT NOT NULL,
    PRIMARY KEY (organisation_id, jti)
);
-- The ids of expired assertions are forgotten at each new one: by this index, not a scan.
CREATE INDEX organisation_assertions_expiry ON organisation_assertions (expires_at_us);
CREATE TABLE organisation_tokens (
    hash TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    kid TEXT NOT NULL,
    issued_at_us BIGINT NOT NULL,
    expires_at_us BIGINT NOT NULL
);
