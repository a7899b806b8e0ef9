-- Staff credentials that expire, can be revoked, rotated and listed, and staff that can be
-- disabled (issue 9, hole 5). A credential records the credential that issued it, so that the
-- four-eyes rule can tell who may have held it (hole 11). `staff.token_hash` is kept for the
-- rows that exist; new staff get a placeholder there and their tokens here. (SQLite dialect;
-- keep in step with postgres/0010_credentials.sql.)
ALTER TABLE staff ADD COLUMN kind TEXT NOT NULL DEFAULT 'staff' CHECK (kind IN ('staff', 'operator'));
ALTER TABLE staff ADD COLUMN created_by TEXT;
ALTER TABLE staff ADD COLUMN disabled_at_us BIGINT;

CREATE TABLE staff_credentials (
    id TEXT PRIMARY KEY,
    staff_id TEXT NOT NULL REFERENCES staff(id),
    hash TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    issued_at_us BIGINT NOT NULL,
    expires_at_us BIGINT NOT NULL,
    revoked_at_us BIGINT,
    issued_by TEXT REFERENCES staff_credentials(id)
);
CREATE INDEX staff_credentials_staff ON staff_credentials (staff_id);

-- The tokens of staff created before: each becomes a credential valid for a year from its
-- creation, issued by no one (they predate the record of who issued what).
INSERT INTO staff_credentials (id, staff_id, hash, label, issued_at_us, expires_at_us)
    SELECT substr(token_hash, 1, 32), id, token_hash, 'first token', created_at_us,
           created_at_us + 31536000000000
    FROM staff;
