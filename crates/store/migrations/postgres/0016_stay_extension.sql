-- A foreign resident's application to extend the period of stay, while it awaits a decision
-- (the 特例期間, issue 10; facts §10), and an index for the ex officio removal of records whose
-- period of stay has ended (職権消除). (postgres dialect; keep in step with the other.)
ALTER TABLE resident_versions ADD COLUMN stay_extension_applied_on TEXT;
CREATE INDEX resident_versions_stay_until ON resident_versions (period_of_stay_until)
    WHERE period_of_stay_until IS NOT NULL;
