-- +goose Up
-- How many times a measurement's value has been sent: 1 when inserted, one
-- more each time a re-send replaces it. Ingest tells inserted from updated
-- rows by it, because RETURNING xmax is not available on a partitioned table.
ALTER TABLE measurements ADD COLUMN writes integer NOT NULL DEFAULT 1 CHECK (writes >= 1);

-- +goose Down
ALTER TABLE measurements DROP COLUMN writes;
