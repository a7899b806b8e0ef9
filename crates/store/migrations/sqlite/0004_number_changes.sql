-- Requests to change an Individual Number (番号法第7条第2項): recorded by one staff member,
-- decided by another. The numbers themselves stay in individual_numbers (the old one retired).
CREATE TABLE number_changes (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id),
    ground TEXT NOT NULL CHECK (ground IN ('person-request', 'ex-officio')),
    reason TEXT NOT NULL,
    evidence TEXT,
    status TEXT NOT NULL CHECK (status IN ('requested', 'approved', 'rejected')),
    requested_by TEXT NOT NULL,
    requested_at_us BIGINT NOT NULL,
    decided_by TEXT,
    decided_at_us BIGINT
);
CREATE INDEX number_changes_person ON number_changes (person_id);
