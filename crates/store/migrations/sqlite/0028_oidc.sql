-- Log-in with the card (issue 12, docs/design/oidc.md): the relying parties' registered
-- redirection URIs; the provider's own keys (ID token signing keys, sealed, and the pairwise
-- subject key); each log-in from the relying party's request to the code's exchange; and the
-- access tokens for userinfo (their SHA-256, never the token). A code is kept as its SHA-256.
-- (sqlite dialect; keep in step with the other.)
CREATE TABLE oidc_clients (
    organisation_id TEXT PRIMARY KEY REFERENCES organisations(id),
    redirect_uris TEXT NOT NULL,
    logout_uris TEXT NOT NULL,
    registered_at_us BIGINT NOT NULL
);
CREATE TABLE oidc_keys (
    kid TEXT PRIMARY KEY,
    purpose TEXT NOT NULL,
    sealed TEXT NOT NULL,
    public_key TEXT NOT NULL,
    created_at_us BIGINT NOT NULL,
    retired_at_us BIGINT
);
CREATE TABLE oidc_logins (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    redirect_uri TEXT NOT NULL,
    scope TEXT NOT NULL,
    state TEXT NOT NULL,
    nonce TEXT NOT NULL,
    code_challenge TEXT NOT NULL,
    acr_values TEXT NOT NULL,
    ui_locale TEXT NOT NULL,
    challenge TEXT NOT NULL,
    browser_hash TEXT NOT NULL,
    status TEXT NOT NULL,
    person_id TEXT,
    certificate_serial TEXT,
    auth_time_us BIGINT,
    code_hash TEXT UNIQUE,
    code_expires_at_us BIGINT,
    created_at_us BIGINT NOT NULL,
    expires_at_us BIGINT NOT NULL
);
-- Log-ins past their time are forgotten at each new one: by this index, not a scan.
CREATE INDEX oidc_logins_expiry ON oidc_logins (expires_at_us);
CREATE TABLE oidc_tokens (
    hash TEXT PRIMARY KEY,
    login_id TEXT NOT NULL,
    organisation_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    scope TEXT NOT NULL,
    expires_at_us BIGINT NOT NULL
);
CREATE INDEX oidc_tokens_login ON oidc_tokens (login_id);
CREATE INDEX oidc_tokens_expiry ON oidc_tokens (expires_at_us);
