-- +goose Up

-- A session is one sign-in on one device: the family of refresh tokens that
-- descend from one login. Revoking it ends every token of the family, and the
-- access tokens issued under it stop working within a minute (they carry its
-- id as "sid" and the status check is cached for at most that long).
CREATE TABLE sessions (
    id             uuid PRIMARY KEY,
    user_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    last_used_at   timestamptz NOT NULL,
    revoked_at     timestamptz,
    revoked_reason text NOT NULL DEFAULT '',
    client_ip      text NOT NULL DEFAULT '',
    user_agent     text NOT NULL DEFAULT '',
    CHECK (expires_at > created_at)
);
CREATE INDEX sessions_user_idx ON sessions (user_id, created_at);

-- Refresh tokens are stored only as SHA-256 hashes. A rotated token stays, so
-- that presenting it again is recognised as reuse and kills its session.
CREATE TABLE refresh_tokens (
    token_hash text PRIMARY KEY CHECK (length(token_hash) = 64),
    session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    rotated_at timestamptz
);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

-- Recent failed sign-ins, keyed by account (the email as entered, lower-cased)
-- and by client address, so throttling holds across every server instance.
-- Rows older than the throttle window are pruned as new failures arrive.
CREATE TABLE login_failures (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account   text NOT NULL,
    client_ip text NOT NULL,
    at        timestamptz NOT NULL
);
CREATE INDEX login_failures_account_idx ON login_failures (account, at);
CREATE INDEX login_failures_client_ip_idx ON login_failures (client_ip, at);
CREATE INDEX login_failures_at_idx ON login_failures (at);

-- API tokens for machines (monitoring systems pushing measurements). Only the
-- SHA-256 of the token is stored; it is shown once, when created.
CREATE TABLE api_tokens (
    id           uuid PRIMARY KEY,
    label        text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
    token_hash   text NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    scopes       text[] NOT NULL CHECK (cardinality(scopes) > 0),
    created_by   uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    revoked_by   uuid REFERENCES users (id) ON DELETE SET NULL,
    version      integer NOT NULL DEFAULT 1,
    CHECK (expires_at > created_at)
);
CREATE INDEX api_tokens_created_idx ON api_tokens (created_at DESC, id DESC);

-- One-time set-password codes (invitations and resets), stored as SHA-256.
CREATE TABLE set_password_codes (
    code_hash  text PRIMARY KEY CHECK (length(code_hash) = 64),
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    text NOT NULL CHECK (purpose IN ('invite', 'reset')),
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    CHECK (expires_at > created_at)
);
CREATE INDEX set_password_codes_user_idx ON set_password_codes (user_id);

-- +goose Down
DROP TABLE set_password_codes;
DROP TABLE api_tokens;
DROP TABLE login_failures;
DROP TABLE refresh_tokens;
DROP TABLE sessions;
