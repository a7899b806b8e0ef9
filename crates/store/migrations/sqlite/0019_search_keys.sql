-- Search keys (issue 11): each version's name, reading, Latin name and alias folded as a clerk's
-- search expects (mynumber_core::search::fold), so that a name search is a prefix range over an
-- index, not a scan. Versions recorded before this migration get theirs from the store when it
-- opens (they cannot be computed in SQL). (sqlite dialect; keep in step with the other.)
--
-- The keys sit unindexed beside the version (a search by date of birth checks them on the day's
-- few rows); the index is `search_terms`, one row per distinct key of a version. A separate
-- table, because an import fills it once at the job's end, in key order, instead of a
-- B-tree insert at a random place per row: two indexes on the key columns cost a migration a
-- quarter of its speed (docs/performance.md, docs/design/registry.md).
ALTER TABLE resident_versions ADD COLUMN name_key TEXT;
ALTER TABLE resident_versions ADD COLUMN kana_key TEXT;
ALTER TABLE resident_versions ADD COLUMN latin_key TEXT;
ALTER TABLE resident_versions ADD COLUMN alias_key TEXT;
-- The versions still without keys, for the store to fill when it opens: a partial index, empty
-- once they are filled (every version written since has its keys), so that finding none at
-- each start is one probe, not a scan of the register.
CREATE INDEX resident_versions_unkeyed ON resident_versions (person_id) WHERE name_key IS NULL;
CREATE TABLE search_terms (
    term TEXT NOT NULL,
    person_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    PRIMARY KEY (term, person_id, version)
) WITHOUT ROWID;
