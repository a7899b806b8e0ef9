-- The print batches of notification letters (issue 11, docs/design/documents.md "Mail"): the
-- desk lists a municipality's batches, newest first, and prints one again. Only letters that went
-- out in a batch are indexed. (sqlite dialect; keep in step with the other.)
CREATE INDEX notices_batch ON notices (municipality_code, batch) WHERE batch IS NOT NULL;
