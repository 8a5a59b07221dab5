-- +goose Up
-- The dashboard, supplier and accountability views are served from a summary
-- each server process builds in one read-only snapshot and keeps until the
-- data it was built from changes (issue 8). This log says when that is: every
-- transaction that writes a table the summary reads leaves its transaction id
-- here, once. A server holding a summary built in snapshot S asks whether any
-- logged transaction is not visible in S — an indexed range scan from S's
-- xmin — so a change is noticed as soon as it commits, and never before (a
-- version counter bumped before commit could be read, and cached, too early).
-- Writers never wait for each other: each inserts its own key.
CREATE TABLE dashboard_changes (
    xid xid8 PRIMARY KEY,
    at  timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- +goose StatementBegin
CREATE FUNCTION note_dashboard_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO dashboard_changes (xid) VALUES (pg_current_xact_id()) ON CONFLICT (xid) DO NOTHING;
    -- Summaries are rebuilt at least every few minutes, so a day of log is
    -- plenty; trimming now and then keeps the table small without a job.
    IF random() < 0.01 THEN
        DELETE FROM dashboard_changes WHERE at < clock_timestamp() - interval '1 day';
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON series_values
    FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_change();
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
CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON issues
    FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_change();
CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON problems
    FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_change();
CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cycles
    FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_change();
CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cycle_measures
    FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_change();
CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON actions
    FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_change();
CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON action_standards
    FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_change();
CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON reviews
    FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_change();
CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON review_items
    FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_change();
CREATE TRIGGER dashboard_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION note_dashboard_change();

-- +goose Down
DROP TRIGGER dashboard_change ON users;
DROP TRIGGER dashboard_change ON review_items;
DROP TRIGGER dashboard_change ON reviews;
DROP TRIGGER dashboard_change ON action_standards;
DROP TRIGGER dashboard_change ON actions;
DROP TRIGGER dashboard_change ON cycle_measures;
DROP TRIGGER dashboard_change ON cycles;
DROP TRIGGER dashboard_change ON problems;
DROP TRIGGER dashboard_change ON issues;
DROP TRIGGER dashboard_change ON system_sites;
DROP TRIGGER dashboard_change ON systems;
DROP TRIGGER dashboard_change ON sites;
DROP TRIGGER dashboard_change ON standard_rebases;
DROP TRIGGER dashboard_change ON standard_exceptions;
DROP TRIGGER dashboard_change ON standard_revisions;
DROP TRIGGER dashboard_change ON standard_systems;
DROP TRIGGER dashboard_change ON standards;
DROP TRIGGER dashboard_change ON series_values;
DROP FUNCTION note_dashboard_change();
DROP TABLE dashboard_changes;
