-- コンビニ交付 (issue 13, docs/design/kiosk.md): each municipality's rule table for kiosks, in
-- the text form core::kiosk::RuleTable writes and reads back (the documents and fees, whose
-- they may be, the hours, the closed days, the maintenance windows, an age limit, the copies);
-- a municipality without one uses the standard table. Who set it, and when.
-- (sqlite dialect; keep in step with the other.)
CREATE TABLE kiosk_rule_tables (
    municipality_code TEXT PRIMARY KEY,
    rules TEXT NOT NULL,
    changed_at_us BIGINT NOT NULL,
    changed_by TEXT NOT NULL
);
