-- The lost-card line's calls (issue 11, docs/design/call-center.md): who took the call, in which
-- language, who called (as they said), whose record answered (none when none or several did),
-- what the call ended in, and the police report's receipt number if the caller had one. What
-- the caller stated about themselves is not kept: it was checked against the record, and the
-- record is what the call is about. (sqlite dialect; keep in step with the other.)
CREATE TABLE call_records (
    id TEXT PRIMARY KEY,
    operator_id TEXT NOT NULL REFERENCES staff(id),
    language TEXT NOT NULL,
    caller TEXT NOT NULL CHECK (caller IN ('holder', 'family', 'representative')),
    person_id TEXT REFERENCES persons(id),
    outcome TEXT NOT NULL CHECK (outcome IN ('not-found', 'ambiguous', 'identified', 'suspended')),
    police_report TEXT,
    -- The card suspended on the call.
    card_serial TEXT REFERENCES cards(serial),
    opened_at_us BIGINT NOT NULL,
    closed_at_us BIGINT
);
CREATE INDEX call_records_operator ON call_records (operator_id, opened_at_us);
CREATE INDEX call_records_person ON call_records (person_id);
