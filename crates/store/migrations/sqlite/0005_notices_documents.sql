-- Municipality names (printed on letters and certificates), notification letters and their
-- delivery, and the documents issued with a verification code.
CREATE TABLE municipalities (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

-- 個人番号通知書: one row per letter, queued when a number is issued (facts §5). WITHOUT ROWID:
-- the time-ordered id is the table's only key, so a bulk import appends to one B-tree less.
CREATE TABLE notices (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id),
    municipality_code TEXT NOT NULL,
    generation BIGINT NOT NULL,
    -- Drawn when the form is printed (unique by the partial index below).
    application_id TEXT,
    status TEXT NOT NULL CHECK (status IN
        ('queued', 'sent', 'delivered', 'returned', 'handed-over', 'destroyed', 'superseded')),
    queued_at_us BIGINT NOT NULL,
    batch TEXT,
    sent_at_us BIGINT,
    outcome_at_us BIGINT
) WITHOUT ROWID;
-- The print queue of a municipality, in queueing order; and a person's letters.
CREATE INDEX notices_queue ON notices (municipality_code, status, id);
CREATE INDEX notices_person ON notices (person_id);
-- Application ids are random, so their index takes them a print batch at a time, never during a
-- bulk import where every letter is queued without one (docs/performance.md).
CREATE UNIQUE INDEX notices_application_id ON notices (application_id)
    WHERE application_id IS NOT NULL;

-- 住民票の写し and other issued documents: what the verification page confirms.
CREATE TABLE documents (
    code TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    person_id TEXT NOT NULL REFERENCES persons(id),
    municipality_code TEXT NOT NULL,
    issued_at_us BIGINT NOT NULL,
    issued_by TEXT NOT NULL,
    digest TEXT NOT NULL,
    summary TEXT NOT NULL
);

-- Household members for a copy of the resident record with the whole household.
CREATE INDEX resident_versions_household ON resident_versions (household_id);
