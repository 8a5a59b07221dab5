-- +goose Up
-- series_values is derived from measurements, which keep their foreign keys
-- to standards and systems. Checking the same keys again for every derived
-- row cost a batch of 10,000 measurements about 50 ms of its ~110 ms series
-- refresh (issue 5: ingest must reach half the rate of a plain COPY). The
-- services refuse to delete a standard or a system that still has series, so
-- the keys only ever pointed at rows that exist; the triggers below keep the
-- one thing ON DELETE CASCADE did beyond that: a standard or system deleted
-- anyway (by hand, or racing a batch) takes its derived rows with it.
ALTER TABLE series_values
    DROP CONSTRAINT series_values_standard_id_fkey,
    DROP CONSTRAINT series_values_system_id_fkey;

-- +goose StatementBegin
CREATE FUNCTION delete_series_of_standard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM series_values WHERE standard_id = OLD.id;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION delete_series_of_system() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM series_values WHERE system_id = OLD.id;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER standards_delete_series AFTER DELETE ON standards
    FOR EACH ROW EXECUTE FUNCTION delete_series_of_standard();
CREATE TRIGGER systems_delete_series AFTER DELETE ON systems
    FOR EACH ROW EXECUTE FUNCTION delete_series_of_system();

-- +goose Down
DROP TRIGGER systems_delete_series ON systems;
DROP TRIGGER standards_delete_series ON standards;
DROP FUNCTION delete_series_of_system();
DROP FUNCTION delete_series_of_standard();
DELETE FROM series_values sv WHERE NOT EXISTS (SELECT 1 FROM standards s WHERE s.id = sv.standard_id)
    OR (sv.system_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM systems y WHERE y.id = sv.system_id));
ALTER TABLE series_values
    ADD CONSTRAINT series_values_standard_id_fkey FOREIGN KEY (standard_id) REFERENCES standards(id) ON DELETE CASCADE,
    ADD CONSTRAINT series_values_system_id_fkey FOREIGN KEY (system_id) REFERENCES systems(id) ON DELETE CASCADE;
