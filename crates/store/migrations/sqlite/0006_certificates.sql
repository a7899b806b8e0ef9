-- The JPKI-style authorities (one per hierarchy: their certificate and sealed key), the
-- certificates they issued with their revocation status, and each hierarchy's CRL number.
CREATE TABLE authorities (
    hierarchy TEXT PRIMARY KEY CHECK (hierarchy IN ('signature', 'authentication')),
    certificate TEXT NOT NULL,
    sealed_key TEXT NOT NULL,
    created_at_us BIGINT NOT NULL
);

CREATE TABLE certificates (
    serial TEXT PRIMARY KEY,
    hierarchy TEXT NOT NULL,
    person_id TEXT NOT NULL REFERENCES persons(id),
    status TEXT NOT NULL CHECK (status IN ('good', 'revoked', 'hold')),
    reason TEXT,
    revoked_at_us BIGINT,
    not_after_us BIGINT NOT NULL,
    issued_at_us BIGINT NOT NULL,
    certificate TEXT NOT NULL
);
CREATE INDEX certificates_person ON certificates (person_id);
-- What a CRL lists: the revoked and held certificates of one hierarchy.
CREATE INDEX certificates_status ON certificates (hierarchy, status);

CREATE TABLE crl_numbers (
    hierarchy TEXT PRIMARY KEY,
    number BIGINT NOT NULL
);
