-- Deployment settings fixed at first start, such as the id of the number-derivation key that
-- every server of this database must use.
CREATE TABLE settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
