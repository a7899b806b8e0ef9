-- The registry, the number registry, staff and the ledger (PostgreSQL dialect; keep in step with
-- ../sqlite/0001_registry.sql). Dates are ISO TEXT, instants BIGINT microseconds.

CREATE TABLE persons (
    id TEXT PRIMARY KEY,
    resident_code TEXT NOT NULL UNIQUE,
    current_version BIGINT NOT NULL,
    created_at_us BIGINT NOT NULL
);

-- Every Individual Number ever issued. A retired number stays here forever, so it can never be
-- issued again (番号法第8条第2項第1号).
CREATE TABLE individual_numbers (
    number TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES persons(id),
    generation BIGINT NOT NULL,
    attempt BIGINT NOT NULL,
    key_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('current', 'retired')),
    issued_at_us BIGINT NOT NULL,
    retired_at_us BIGINT
);
CREATE UNIQUE INDEX individual_numbers_one_current ON individual_numbers (person_id) WHERE status = 'current';

CREATE TABLE households (
    id TEXT PRIMARY KEY,
    municipality_code TEXT NOT NULL,
    created_at_us BIGINT NOT NULL
);

-- Versions of resident records; never updated, never deleted.
CREATE TABLE resident_versions (
    person_id TEXT NOT NULL REFERENCES persons(id),
    version BIGINT NOT NULL,
    procedure TEXT NOT NULL,
    effective_on TEXT NOT NULL,
    recorded_at_us BIGINT NOT NULL,
    actor TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'removed')),
    removal_reason TEXT,
    removed_on TEXT,
    municipality_code TEXT NOT NULL,
    prefecture BIGINT NOT NULL,
    address TEXT NOT NULL,
    family_name TEXT NOT NULL,
    given_name TEXT NOT NULL,
    family_name_kana TEXT,
    given_name_kana TEXT,
    latin_name TEXT,
    alias TEXT,
    birth_date TEXT NOT NULL,
    sex BIGINT NOT NULL,
    household_id TEXT NOT NULL REFERENCES households(id),
    relationship TEXT NOT NULL,
    preferred_language TEXT NOT NULL,
    nationality TEXT,
    residence_card_number TEXT,
    status_of_residence TEXT,
    period_of_stay_until TEXT,
    PRIMARY KEY (person_id, version)
);
CREATE INDEX resident_versions_birth_date ON resident_versions (birth_date);

CREATE TABLE staff (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    municipality_code TEXT,
    token_hash TEXT NOT NULL UNIQUE,
    created_at_us BIGINT NOT NULL
);

-- The ledger: append-only, hash-chained per partition.
CREATE TABLE ledger_entries (
    partition_key TEXT NOT NULL,
    seq BIGINT NOT NULL,
    at_us BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    person_id TEXT,
    purpose TEXT,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (partition_key, seq)
);
-- Every entry about one person: the resident portal (milestone 6) shows each resident who
-- looked at their record. Person ids are time-ordered, so this index grows at its right edge.
CREATE INDEX ledger_entries_person ON ledger_entries (person_id);

CREATE TABLE ledger_heads (
    partition_key TEXT PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
