-- +goose Up
-- The index of 00011 served one query: whether a system about to be deleted
-- still has series. That check now probes series_values_key once per
-- standard (standard_id, system_id is its prefix), so the index only cost
-- every ingested batch its upkeep: about 7 ms of a 10,000-row batch's
-- ~45 ms series write (issue 5), and its share of disk at 10 M rows.
DROP INDEX series_values_system_idx;

-- +goose Down
CREATE INDEX series_values_system_idx ON series_values (system_id) WHERE system_id IS NOT NULL;
