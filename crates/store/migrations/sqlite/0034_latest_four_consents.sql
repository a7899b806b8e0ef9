-- 最新基本4情報提供 (issue 12, docs/design/signing.md): a resident's consent that a 署名検証者
-- receive their latest four items after a change, given at a log-in with the card and kept
-- until it ends (a year). One per resident and organisation; a new consent replaces the old.
-- (sqlite dialect; keep in step with the other.)
CREATE TABLE latest_four_consents (
    person_id TEXT NOT NULL REFERENCES persons(id),
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    granted_at_us BIGINT NOT NULL,
    expires_at_us BIGINT NOT NULL,
    PRIMARY KEY (person_id, organisation_id)
);
