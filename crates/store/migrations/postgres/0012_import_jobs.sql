-- Imports as recorded jobs (issue 9): an import killed at any moment and run again on the same
-- file resumes after its last committed batch, and nobody is registered twice. A job is bound to
-- its file's SHA-256; each written batch records its lines and the digest of its records as read
-- (so that a file edited after a stop can be checked line for line before it is adopted), and
-- the households it made (so that the rest of the file finds them). Every person an import
-- registers carries `import_ref` = job << 32 | line, unique: the same row cannot be registered
-- twice even by two processes racing. (PostgreSQL dialect; keep in step with
-- sqlite/0012_import_jobs.sql.)
CREATE TABLE import_jobs (
    number BIGINT PRIMARY KEY,
    digest TEXT NOT NULL UNIQUE,
    file_name TEXT NOT NULL,
    started_at_us BIGINT NOT NULL,
    started_by TEXT NOT NULL,
    finished_at_us BIGINT
);
CREATE INDEX import_jobs_name ON import_jobs (file_name);

CREATE TABLE import_batches (
    job BIGINT NOT NULL REFERENCES import_jobs(number),
    first_line BIGINT NOT NULL,
    last_line BIGINT NOT NULL,
    rows_written BIGINT NOT NULL,
    digest TEXT NOT NULL,
    PRIMARY KEY (job, first_line)
);

CREATE TABLE import_households (
    job BIGINT NOT NULL REFERENCES import_jobs(number),
    label TEXT NOT NULL,
    household_id TEXT NOT NULL,
    municipality_code TEXT NOT NULL,
    has_head BIGINT NOT NULL,
    PRIMARY KEY (job, label)
);

ALTER TABLE persons ADD COLUMN import_ref BIGINT;
CREATE UNIQUE INDEX persons_import_ref ON persons (import_ref) WHERE import_ref IS NOT NULL;
