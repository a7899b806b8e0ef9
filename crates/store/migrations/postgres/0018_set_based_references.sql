-- The three references every registration writes (a record version to its person and its
-- household, a number to its person) are checked once per statement, over the rows it added,
-- instead of by a foreign key per row. A foreign key runs a query and locks the parent row for
-- each child row: a fifth of a 移行's time on PostgreSQL (docs/performance.md, A/B of
-- 2026-12-04; docs/design/migration.md). The lock only guards against the parent being deleted or
-- re-keyed meanwhile, and the register does neither: persons and households are never deleted
-- and keep their ids, which triggers now enforce on both dialects. Other references keep their
-- foreign keys. (postgres dialect; keep in step with sqlite/0018_set_based_references.sql.)
ALTER TABLE resident_versions DROP CONSTRAINT resident_versions_person_id_fkey;
ALTER TABLE resident_versions DROP CONSTRAINT resident_versions_household_id_fkey;
ALTER TABLE individual_numbers DROP CONSTRAINT individual_numbers_person_id_fkey;

CREATE FUNCTION versions_reference_existing_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM added a WHERE NOT EXISTS (SELECT 1 FROM persons p WHERE p.id = a.person_id))
        OR EXISTS (SELECT 1 FROM added a WHERE NOT EXISTS (SELECT 1 FROM households h WHERE h.id = a.household_id))
    THEN
        RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
            MESSAGE = 'resident_versions: a row names a person or a household that does not exist';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER resident_versions_references AFTER INSERT ON resident_versions
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT
    EXECUTE FUNCTION versions_reference_existing_rows();

CREATE FUNCTION numbers_reference_existing_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM added a WHERE NOT EXISTS (SELECT 1 FROM persons p WHERE p.id = a.person_id)) THEN
        RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
            MESSAGE = 'individual_numbers: a row names a person that does not exist';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER individual_numbers_references AFTER INSERT ON individual_numbers
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT
    EXECUTE FUNCTION numbers_reference_existing_rows();

-- What the statement checks rely on: no referenced row goes, no reference moves.
CREATE FUNCTION register_rows_are_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'restrict_violation',
        MESSAGE = TG_TABLE_NAME || ': rows are never deleted and their ids and references never change';
END $$;
CREATE TRIGGER persons_kept BEFORE DELETE ON persons
    FOR EACH ROW EXECUTE FUNCTION register_rows_are_kept();
CREATE TRIGGER persons_id_kept BEFORE UPDATE OF id ON persons
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION register_rows_are_kept();
CREATE TRIGGER households_kept BEFORE DELETE ON households
    FOR EACH ROW EXECUTE FUNCTION register_rows_are_kept();
-- TRUNCATE fires no row trigger, and no foreign key on households or on the tables above is
-- left to refuse it.
CREATE TRIGGER persons_not_truncated BEFORE TRUNCATE ON persons
    FOR EACH STATEMENT EXECUTE FUNCTION register_rows_are_kept();
CREATE TRIGGER households_not_truncated BEFORE TRUNCATE ON households
    FOR EACH STATEMENT EXECUTE FUNCTION register_rows_are_kept();
CREATE TRIGGER households_id_kept BEFORE UPDATE OF id ON households
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION register_rows_are_kept();
CREATE TRIGGER resident_versions_references_kept BEFORE UPDATE OF person_id, household_id
    ON resident_versions FOR EACH ROW
    WHEN (OLD.person_id IS DISTINCT FROM NEW.person_id OR OLD.household_id IS DISTINCT FROM NEW.household_id)
    EXECUTE FUNCTION register_rows_are_kept();
CREATE TRIGGER individual_numbers_reference_kept BEFORE UPDATE OF person_id ON individual_numbers
    FOR EACH ROW WHEN (OLD.person_id IS DISTINCT FROM NEW.person_id)
    EXECUTE FUNCTION register_rows_are_kept();
