-- Individual Numbers collected by organisations (issue 12, docs/design/organisations.md): who
-- collected whose number, for which registered purpose, checked how (番号法第16条), and until
-- when it may be kept once the affair ended. Never the number itself: the person is named by
-- internal id. A collection is marked deleted, never removed, so that the deletion is on record.
-- Dates are ISO 8601 text. (postgres dialect; keep in step with the other.)
CREATE TABLE number_collections (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL,
    person_id TEXT NOT NULL REFERENCES persons(id),
    purpose_code TEXT NOT NULL,
    method TEXT NOT NULL,
    collected_at_us BIGINT NOT NULL,
    ended_on TEXT,
    keep_until TEXT,
    deleted_at_us BIGINT,
    FOREIGN KEY (organisation_id, purpose_code)
        REFERENCES organisation_purposes (organisation_id, code)
);
CREATE INDEX number_collections_due ON number_collections (organisation_id, keep_until)
    WHERE deleted_at_us IS NULL;
CREATE INDEX number_collections_person ON number_collections (person_id);
