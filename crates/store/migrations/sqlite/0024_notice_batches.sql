-- The print batches of notification letters (issue 11, docs/design/documents.md "Mail"): the
-- desk lists a municipality's batches, newest first, and prints a lost download again: each
-- letter once, on the day it was first printed. `reprinted_at_us` is when it was printed again.
-- Only letters that went out in a batch are indexed. (sqlite dialect; keep in step with the other.)
ALTER TABLE notices ADD COLUMN reprinted_at_us BIGINT;
CREATE INDEX notices_batch ON notices (municipality_code, batch) WHERE batch IS NOT NULL;
