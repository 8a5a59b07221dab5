-- +goose Up
-- A system is deleted only when no series refers to it; this finds one
-- without scanning every standard's series.
CREATE INDEX series_values_system_idx ON series_values (system_id) WHERE system_id IS NOT NULL;

-- +goose Down
DROP INDEX series_values_system_idx;
