-- +goose Up
-- Refreshing the dashboard's summary costs what changed, not what exists
-- (issue 8). Besides the transaction ids of 00040, the log now says which
-- standards' series a transaction touched, and whether it changed the
-- catalogue (standards, their scope, revisions, exceptions and rebases,
-- systems and sites). A server whose summary predates only series changes
-- reloads those standards' series and the small tables; only a catalogue
-- change, a new day or a restart rebuilds the series of every standard.

ALTER TABLE dashboard_changes ADD COLUMN catalogue boolean NOT NULL DEFAULT false;

CREATE TABLE dashboard_series_changes (
    xid         xid8 NOT NULL,
    standard_id uuid NOT NULL,
    at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (xid, standard_id)
);

-- +goose StatementBegin
CREATE FUNCTION note_dashboard_catalogue_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO dashboard_changes AS c (xid, catalogue) VALUES (pg_current_xact_id(), true)
    ON CONFLICT (xid) DO UPDATE SET catalogue = true WHERE NOT c.catalogue;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

-- +goose StatementBegin
-- Called by the series_values triggers below with the statement's rows as
-- the transition table "changed".
CREATE FUNCTION note_dashboard_series_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO dashboard_changes (xid) VALUES (pg_current_xact_id()) ON CONFLICT (xid) DO NOTHING;
    INSERT INTO dashboard_series_changes (xid, standard_id)
    SELECT DISTINCT pg_current_xact_id(), standard_id FROM changed
    ON CONFLICT (xid, standard_id) DO NOTHING;
    IF random() < 0.01 THEN
        DELETE FROM dashboard_series_changes WHERE at < clock_timestamp() - interval '1 day';
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

-- A transition table belongs to one event, hence one trigger each. An update
-- never moves a value to another standard (the key is the standard), so the
-- new rows name every standard touched; a truncate touches them all.
DROP TRIGGER dashboard_change ON series_values;
CREATE TRIGGER dashboard_series_insert AFTER INSERT ON series_values
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_series_change();
CREATE TRIGGER dashboard_series_update AFTER UPDATE ON series_values
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_series_change();
CREATE TRIGGER dashboard_series_delete AFTER DELETE ON series_values
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_series_change();
CREATE TRIGGER dashboard_series_truncate AFTER TRUNCATE ON series_values
    FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_catalogue_change();

DROP TRIGGER dashboard_change ON standards;
CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON standards
    FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_catalogue_change();
DROP TRIGGER dashboard_change ON standard_systems;
CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON standard_systems
    FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_catalogue_change();
DROP TRIGGER dashboard_change ON standard_revisions;
CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON standard_revisions
    FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_catalogue_change();
DROP TRIGGER dashboard_change ON standard_exceptions;
CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON standard_exceptions
    FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_catalogue_change();
DROP TRIGGER dashboard_change ON standard_rebases;
CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON standard_rebases
    FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_catalogue_change();
DROP TRIGGER dashboard_change ON sites;
CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sites
    FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_catalogue_change();
DROP TRIGGER dashboard_change ON systems;
CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON systems
    FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_catalogue_change();
DROP TRIGGER dashboard_change ON system_sites;
CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON system_sites
    FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_catalogue_change();

-- +goose Down
DROP TRIGGER dashboard_change ON system_sites;
DROP TRIGGER dashboard_change ON systems;
DROP TRIGGER dashboard_change ON sites;
DROP TRIGGER dashboard_change ON standard_rebases;
DROP TRIGGER dashboard_change ON standard_exceptions;
DROP TRIGGER dashboard_change ON standard_revisions;
DROP TRIGGER dashboard_change ON standard_systems;
DROP TRIGGER dashboard_change ON standards;
CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON standards
    FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_change();
CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON standard_systems
    FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_change();
CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON standard_revisions
    FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_change();
CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON standard_exceptions
    FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_change();
CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON standard_rebases
    FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_change();
CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sites
    FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_change();
CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON systems
    FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_change();
CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON system_sites
    FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_change();
DROP TRIGGER dashboard_series_truncate ON series_values;
DROP TRIGGER dashboard_series_delete ON series_values;
DROP TRIGGER dashboard_series_update ON series_values;
DROP TRIGGER dashboard_series_insert ON series_values;
CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON series_values
    FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_change();
DROP FUNCTION note_dashboard_series_change();
DROP FUNCTION note_dashboard_catalogue_change();
DROP TABLE dashboard_series_changes;
ALTER TABLE dashboard_changes DROP COLUMN catalogue;
