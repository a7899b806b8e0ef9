-- Signed checkpoints over the ledger's partition heads, in their text form (see
-- mynumber-core's checkpoint module). Kept here for convenience; their worth is in the copies
-- auditors keep elsewhere.
CREATE TABLE ledger_checkpoints (
    at_us BIGINT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX ledger_checkpoints_at ON ledger_checkpoints (at_us);
