-- 印鑑登録 (issue 13, docs/design/kiosk.md): a municipality's register of seals, beside the
-- resident register. One registration in force per resident (the partial unique index); an
-- ended one is kept, never reopened. The impression is the PNG the counter's scanner cropped.
-- (sqlite dialect; keep in step with the other.)
CREATE TABLE seal_registrations (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id),
    municipality_code TEXT NOT NULL,
    card_number TEXT NOT NULL UNIQUE,
    impression BLOB NOT NULL,
    width_um BIGINT NOT NULL,
    height_um BIGINT NOT NULL,
    registered_at_us BIGINT NOT NULL,
    registered_by TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('registered', 'abolished', 'lost', 'changed', 'no-longer-resident')),
    ended_at_us BIGINT
);
CREATE UNIQUE INDEX seal_registrations_in_force ON seal_registrations (person_id)
    WHERE status = 'registered';
