-- +goose Up
CREATE TABLE users (
    id            uuid PRIMARY KEY,
    email         text NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND position('@' IN email) > 1),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    password_hash text,
    roles         text[] NOT NULL DEFAULT '{}'
                  CHECK (roles <@ ARRAY['clinician','improver','board','executive','admin']::text[]),
    active        boolean NOT NULL DEFAULT true,
    version       integer NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
-- Email is unique regardless of case: Jo.Bloggs@nhs.net and jo.bloggs@nhs.net are one person.
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

-- The audit trail: append-only and hash-chained. seq is assigned under an
-- advisory lock by the writer so the chain order is the commit order.
CREATE TABLE audit_events (
    seq            bigint PRIMARY KEY,
    at             timestamptz NOT NULL,
    actor_user_id  uuid,
    actor_token_id uuid,
    actor_label    text NOT NULL DEFAULT '',
    action         text NOT NULL,
    entity_type    text NOT NULL,
    entity_id      text NOT NULL DEFAULT '',
    before         jsonb,
    after          jsonb,
    request_id     text NOT NULL DEFAULT '',
    prev_hash      text NOT NULL,
    hash           text NOT NULL
);
CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id, seq);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_user_id, seq);
CREATE INDEX audit_events_at_idx ON audit_events (at);

-- +goose StatementBegin
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER audit_events_no_update_delete
    BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate
    BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

-- +goose Down
DROP TABLE audit_events;
DROP FUNCTION audit_events_append_only();
DROP TABLE users;
