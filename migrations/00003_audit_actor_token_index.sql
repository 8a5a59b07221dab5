-- +goose Up
-- GET /api/v1/audit?actor_id= matches a user or an API token; the user side
-- has audit_events_actor_idx already.
CREATE INDEX audit_events_actor_token_idx ON audit_events (actor_token_id, seq) WHERE actor_token_id IS NOT NULL;

-- +goose Down
DROP INDEX audit_events_actor_token_idx;
