-- An import job belongs to the office that started it (its principal's ledger partition: a
-- municipality's code, or `national`). Only that office finds it again, resumes it, or is held
-- back by it while it is unfinished; another municipality's stopped job neither blocks an upload
-- nor is named to it (issue 10, review). Jobs recorded before take their starter's municipality.
-- (postgres dialect; keep in step with the other.)
ALTER TABLE import_jobs ADD COLUMN scope TEXT NOT NULL DEFAULT 'national';
UPDATE import_jobs SET scope = COALESCE(
    (SELECT s.municipality_code FROM staff s WHERE s.id = import_jobs.started_by), 'national');
CREATE INDEX import_jobs_scope ON import_jobs (scope, finished_at_us);
-- How a job counts its file's lines: 1, as the csv reader did (jobs recorded before); 2, from
-- the text (docs/design/migration.md). A stopped job of the first kind is resumed only once the
-- lines it wrote are found where it counted them.
ALTER TABLE import_jobs ADD COLUMN line_count BIGINT NOT NULL DEFAULT 1;
