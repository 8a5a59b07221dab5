-- +goose Up
-- IT issues reported by clinicians, the problems that group them, their
-- timeline (status changes, comments, …), links to standards, cycles and
-- actions, and in-app notifications (issue 6).

-- A problem is one underlying fault behind several reports: counted once as a
-- problem, every time as experience.
CREATE TABLE problems (
    id               uuid PRIMARY KEY,
    title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description      text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
    root_cause       text NOT NULL DEFAULT '' CHECK (length(root_cause) <= 4000),
    known_workaround text NOT NULL DEFAULT '' CHECK (length(known_workaround) <= 4000),
    system_id        uuid REFERENCES systems (id),
    status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
    created_by       uuid REFERENCES users (id),
    version          integer NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);
CREATE INDEX problems_system_idx ON problems (system_id);
CREATE INDEX problems_created_idx ON problems (created_at DESC, id DESC);

-- system_id NULL means the reporter was not sure which system it was.
-- total_minutes_lost is minutes_lost × staff_affected plus every "also
-- affected" entry's minutes, kept by the service so the triage queue sorts on
-- an index.
CREATE TABLE issues (
    id                 uuid PRIMARY KEY,
    reporter_id        uuid NOT NULL REFERENCES users (id),
    title              text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description        text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
    system_id          uuid REFERENCES systems (id),
    site_id            uuid NOT NULL REFERENCES sites (id),
    location           text NOT NULL DEFAULT '' CHECK (length(location) <= 200),
    started_at         timestamptz NOT NULL,
    ongoing            boolean NOT NULL DEFAULT false,
    duration_minutes   integer CHECK (duration_minutes BETWEEN 0 AND 525600),
    staff_affected     integer NOT NULL DEFAULT 1 CHECK (staff_affected BETWEEN 1 AND 1000),
    minutes_lost       integer NOT NULL DEFAULT 0 CHECK (minutes_lost BETWEEN 0 AND 10080),
    workaround_used    boolean NOT NULL DEFAULT false,
    workaround         text NOT NULL DEFAULT '' CHECK (length(workaround) <= 1000),
    physical_harm      text NOT NULL CHECK (physical_harm IN ('none', 'low', 'moderate', 'severe', 'fatal')),
    psychological_harm text NOT NULL CHECK (psychological_harm IN ('none', 'low', 'moderate', 'severe', 'fatal')),
    care_delayed       boolean NOT NULL DEFAULT false,
    care_not_given     boolean NOT NULL DEFAULT false,
    status             text NOT NULL DEFAULT 'new'
                       CHECK (status IN ('new', 'triaged', 'in_progress', 'resolved', 'closed')),
    problem_id         uuid REFERENCES problems (id) ON DELETE SET NULL,
    total_minutes_lost bigint NOT NULL DEFAULT 0 CHECK (total_minutes_lost >= 0),
    affected_count     integer NOT NULL DEFAULT 0 CHECK (affected_count >= 0),
    resolved_at        timestamptz,
    version            integer NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    CHECK (NOT (ongoing AND duration_minutes IS NOT NULL)),
    CHECK (workaround_used OR workaround = ''),
    CHECK ((status IN ('resolved', 'closed')) = (resolved_at IS NOT NULL))
);
-- The triage queue: most time lost first.
CREATE INDEX issues_queue_idx ON issues (total_minutes_lost DESC, id DESC);
CREATE INDEX issues_reporter_idx ON issues (reporter_id, id DESC);
CREATE INDEX issues_problem_idx ON issues (problem_id);
-- "Also affected" suggestions: open reports for one system and site, recent.
CREATE INDEX issues_similar_idx ON issues (system_id, site_id, created_at DESC);
-- Derived series: reports by when the problem started.
CREATE INDEX issues_started_idx ON issues (started_at);

-- Someone else hit the same problem: counted as experience (their minutes
-- join the report's), not as a second report.
CREATE TABLE issue_affected (
    issue_id     uuid NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    user_id      uuid NOT NULL REFERENCES users (id),
    minutes_lost integer NOT NULL CHECK (minutes_lost BETWEEN 0 AND 10080),
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (issue_id, user_id)
);
CREATE INDEX issue_affected_user_idx ON issue_affected (user_id);

-- A report's timeline: what happened to it, comments included (a comment is
-- an event of kind 'comment' whose body is the text).
CREATE TABLE issue_events (
    id          uuid PRIMARY KEY,
    issue_id    uuid NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    at          timestamptz NOT NULL,
    actor_id    uuid REFERENCES users (id),
    kind        text NOT NULL CHECK (kind IN ('reported', 'edited', 'status_changed', 'comment', 'affected',
                    'problem_linked', 'problem_unlinked', 'link_added', 'link_removed')),
    from_status text,
    to_status   text,
    body        text NOT NULL DEFAULT '' CHECK (length(body) <= 4000),
    detail      jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX issue_events_issue_idx ON issue_events (issue_id, at, id);

-- Links from a report to the standards, cycles and actions it bears on. The
-- target is polymorphic, so there is no foreign key: the service checks that
-- the target exists when the link is made.
CREATE TABLE issue_links (
    issue_id    uuid NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    target_type text NOT NULL CHECK (target_type IN ('standard', 'cycle', 'action')),
    target_id   uuid NOT NULL,
    created_by  uuid REFERENCES users (id),
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (issue_id, target_type, target_id)
);
CREATE INDEX issue_links_target_idx ON issue_links (target_type, target_id);

-- In-app notifications. Reports write one to their reporter on every status
-- change; the inbox API (and other kinds) come with cycles and actions.
-- dedupe_key makes "notify once" a constraint rather than a hope.
CREATE TABLE notifications (
    id          uuid PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (length(kind) BETWEEN 1 AND 100),
    title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    body        text NOT NULL DEFAULT '',
    link        text NOT NULL DEFAULT '',
    entity_type text NOT NULL DEFAULT '',
    entity_id   uuid,
    dedupe_key  text UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    read_at     timestamptz
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

-- +goose Down
DROP TABLE notifications;
DROP TABLE issue_links;
DROP TABLE issue_events;
DROP TABLE issue_affected;
DROP TABLE issues;
DROP TABLE problems;
