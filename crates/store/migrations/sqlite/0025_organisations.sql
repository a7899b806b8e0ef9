-- Organisations outside the municipalities and the purposes they registered (issue 12,
-- docs/design/organisations.md). An organisation is known by a random id, never by its 法人番号,
-- which is kept beside it: one registration in force per corporate number, and after a
-- revocation the number may be registered again as a new organisation. Roles are their codes,
-- sorted, joined by commas. A purpose is withdrawn, never deleted: collections name it.
-- (sqlite dialect; keep in step with the other.)
CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    corporate_number TEXT NOT NULL,
    name TEXT NOT NULL,
    roles TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'revoked')),
    registered_by TEXT NOT NULL,
    registered_at_us BIGINT NOT NULL,
    status_at_us BIGINT NOT NULL
);
CREATE UNIQUE INDEX organisations_in_force ON organisations (corporate_number)
    WHERE status <> 'revoked';
CREATE TABLE organisation_purposes (
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    code TEXT NOT NULL,
    affair TEXT NOT NULL,
    basis TEXT NOT NULL,
    items TEXT NOT NULL,
    retention_years BIGINT NOT NULL CHECK (retention_years BETWEEN 1 AND 10),
    registered_at_us BIGINT NOT NULL,
    withdrawn_at_us BIGINT,
    PRIMARY KEY (organisation_id, code)
);
