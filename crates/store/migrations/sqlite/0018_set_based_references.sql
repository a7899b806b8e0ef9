-- Persons and households are never deleted and keep their ids (and record versions and numbers
-- their references). SQLite keeps its per-row foreign keys, which are cheap here; PostgreSQL
-- checks these references once per statement and relies on these rules, enforced alike on both
-- dialects (docs/design/migration.md). (sqlite dialect; keep in step with
-- postgres/0018_set_based_references.sql.)
CREATE TRIGGER persons_kept BEFORE DELETE ON persons
BEGIN
    SELECT RAISE(ABORT, 'persons: rows are never deleted and their ids and references never change');
END;
CREATE TRIGGER persons_id_kept BEFORE UPDATE OF id ON persons WHEN OLD.id IS NOT NEW.id
BEGIN
    SELECT RAISE(ABORT, 'persons: rows are never deleted and their ids and references never change');
END;
CREATE TRIGGER households_kept BEFORE DELETE ON households
BEGIN
    SELECT RAISE(ABORT, 'households: rows are never deleted and their ids and references never change');
END;
CREATE TRIGGER households_id_kept BEFORE UPDATE OF id ON households WHEN OLD.id IS NOT NEW.id
BEGIN
    SELECT RAISE(ABORT, 'households: rows are never deleted and their ids and references never change');
END;
CREATE TRIGGER resident_versions_references_kept BEFORE UPDATE OF person_id, household_id
    ON resident_versions
    WHEN OLD.person_id IS NOT NEW.person_id OR OLD.household_id IS NOT NEW.household_id
BEGIN
    SELECT RAISE(ABORT, 'resident_versions: rows are never deleted and their ids and references never change');
END;
CREATE TRIGGER individual_numbers_reference_kept BEFORE UPDATE OF person_id ON individual_numbers
    WHEN OLD.person_id IS NOT NEW.person_id
BEGIN
    SELECT RAISE(ABORT, 'individual_numbers: rows are never deleted and their ids and references never change');
END;
