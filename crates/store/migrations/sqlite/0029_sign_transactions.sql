-- Signing with the card (issue 12, docs/design/signing.md): each sign-transaction a relying
-- party starts, from the digest it hands over to the card's signature and certificate that
-- answer it; and which sign-transaction a log-in carries. A transaction and its result are
-- forgotten an hour after it ends. (sqlite dialect; keep in step with the other.)
CREATE TABLE sign_transactions (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    format TEXT NOT NULL,
    to_be_signed TEXT NOT NULL,
    signed_attrs TEXT NOT NULL,
    status TEXT NOT NULL,
    login_id TEXT,
    person_id TEXT,
    certificate TEXT,
    signature TEXT,
    signed_at_us BIGINT,
    created_at_us BIGINT NOT NULL,
    expires_at_us BIGINT NOT NULL
);
CREATE INDEX sign_transactions_expiry ON sign_transactions (expires_at_us);
ALTER TABLE oidc_logins ADD COLUMN sign_transaction TEXT;
