-- The resident's portal (issue 14, docs/design/portal.md): log-ins with the card (the
-- challenge the card signs, the browser that began it by the SHA-256 of its secret, and whose
-- it became), and the portal's browser sessions (the SHA-256 of the cookie's token, never the
-- token; idle and absolute limits). Both are forgotten once past their time.
-- (postgres dialect; keep in step with the other.)
CREATE TABLE portal_logins (
    id TEXT PRIMARY KEY,
    challenge TEXT NOT NULL,
    browser_hash TEXT NOT NULL,
    status TEXT NOT NULL,
    person_id TEXT,
    created_at_us BIGINT NOT NULL,
    expires_at_us BIGINT NOT NULL
);
CREATE INDEX portal_logins_expiry ON portal_logins (expires_at_us);
CREATE TABLE portal_sessions (
    hash TEXT PRIMARY KEY,
    person_id TEXT NOT NULL,
    created_at_us BIGINT NOT NULL,
    seen_at_us BIGINT NOT NULL,
    expires_at_us BIGINT NOT NULL
);
CREATE INDEX portal_sessions_expiry ON portal_sessions (expires_at_us);
