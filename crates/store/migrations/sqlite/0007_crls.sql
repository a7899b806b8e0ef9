-- Each hierarchy's status revision (bumped whenever a certificate is revoked, held or released:
-- what OCSP caches and the published CRL are checked against), and the CRL last published for
-- it, regenerated when the revision moves or the CRL grows old. CRL numbers then rise by one
-- per CRL actually published, across every server of the deployment (RFC 5280 §5.2.3).
ALTER TABLE crl_numbers RENAME TO certificate_revisions;
ALTER TABLE certificate_revisions RENAME COLUMN number TO revision;

CREATE TABLE crls (
    hierarchy TEXT PRIMARY KEY,
    number BIGINT NOT NULL,
    revision BIGINT NOT NULL,
    this_update_us BIGINT NOT NULL,
    next_update_us BIGINT NOT NULL,
    crl TEXT NOT NULL
);
