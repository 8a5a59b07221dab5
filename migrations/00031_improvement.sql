-- +goose Up
-- PDSA cycles, improvement actions, board reviews and their timeline
-- (issue 7). Notifications live in the table 00020 made; this adds the index
-- the inbox reads in its order (unread first, newest first).

-- A cycle belongs to a ramp: a series of cycles testing one change idea, each
-- adapted from the one before (previous_cycle_id, sequence 1, 2, …).
CREATE TABLE cycles (
    id                uuid PRIMARY KEY,
    ramp_id           uuid NOT NULL,
    sequence          integer NOT NULL CHECK (sequence >= 1),
    previous_cycle_id uuid REFERENCES cycles (id),
    title             text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    aim               text NOT NULL DEFAULT '' CHECK (length(aim) <= 2000),
    change_idea       text NOT NULL DEFAULT '' CHECK (length(change_idea) <= 2000),
    owner_id          uuid REFERENCES users (id),
    -- Team members: user ids or the names of people without an account.
    team              text[] NOT NULL DEFAULT '{}',
    plan              text NOT NULL DEFAULT '' CHECK (length(plan) <= 4000),
    planned_start     date,
    planned_end       date,
    do_started_on     date,
    do_notes          text NOT NULL DEFAULT '' CHECK (length(do_notes) <= 4000),
    observations      text NOT NULL DEFAULT '' CHECK (length(observations) <= 4000),
    study_summary     text NOT NULL DEFAULT '' CHECK (length(study_summary) <= 4000),
    decision          text CHECK (decision IN ('adopt', 'adapt', 'abandon')),
    rationale         text NOT NULL DEFAULT '' CHECK (length(rationale) <= 4000),
    stage             text NOT NULL DEFAULT 'plan'
                      CHECK (stage IN ('plan', 'do', 'study', 'act', 'closed', 'abandoned')),
    stage_changed_at  timestamptz NOT NULL,
    created_by        uuid REFERENCES users (id),
    version           integer NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    UNIQUE (ramp_id, sequence),
    CHECK (planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start),
    CHECK (stage <> 'closed' OR (decision IS NOT NULL AND rationale <> ''))
);
CREATE INDEX cycles_stage_idx ON cycles (stage, id DESC);
CREATE INDEX cycles_owner_idx ON cycles (owner_id);
-- Adapting a cycle starts exactly one next cycle.
CREATE UNIQUE INDEX cycles_previous_key ON cycles (previous_cycle_id);

-- The standards a cycle measures, their role and the prediction for each.
-- Predictions are locked by the service once the cycle leaves Plan.
CREATE TABLE cycle_measures (
    cycle_id            uuid NOT NULL REFERENCES cycles (id) ON DELETE CASCADE,
    standard_id         uuid NOT NULL REFERENCES standards (id),
    position            integer NOT NULL,
    role                text NOT NULL CHECK (role IN ('outcome', 'process', 'balancing')),
    predicted_direction text CHECK (predicted_direction IN ('increase', 'decrease', 'no_change')),
    predicted_change    double precision
                        CHECK (predicted_change = predicted_change AND predicted_change NOT IN ('Infinity', '-Infinity')),
    PRIMARY KEY (cycle_id, standard_id)
);
CREATE INDEX cycle_measures_standard_idx ON cycle_measures (standard_id);

CREATE TABLE actions (
    id              uuid PRIMARY KEY,
    title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description     text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
    owner_id        uuid NOT NULL REFERENCES users (id),
    due_on          date NOT NULL,
    status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
    cycle_id        uuid REFERENCES cycles (id) ON DELETE SET NULL,
    expected_effect text NOT NULL DEFAULT '' CHECK (length(expected_effect) <= 2000),
    -- The day it was done: the date its standards' charts are annotated with.
    completed_on    date,
    created_by      uuid REFERENCES users (id),
    version         integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    CHECK ((status = 'done') = (completed_on IS NOT NULL))
);
CREATE INDEX actions_owner_idx ON actions (owner_id, due_on, id);
CREATE INDEX actions_due_idx ON actions (due_on, id);
-- The overdue scan reads only actions still to do.
CREATE INDEX actions_open_due_idx ON actions (due_on) WHERE status IN ('open', 'in_progress');
CREATE INDEX actions_cycle_idx ON actions (cycle_id);

CREATE TABLE action_standards (
    action_id   uuid NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    standard_id uuid NOT NULL REFERENCES standards (id) ON DELETE CASCADE,
    PRIMARY KEY (action_id, standard_id)
);
CREATE INDEX action_standards_standard_idx ON action_standards (standard_id);

-- Reports and problems that motivated a cycle or an action. The target is
-- polymorphic (as in issue_links), so the service checks it exists.
CREATE TABLE improvement_links (
    entity_type text NOT NULL CHECK (entity_type IN ('cycle', 'action')),
    entity_id   uuid NOT NULL,
    target_type text NOT NULL CHECK (target_type IN ('issue', 'problem')),
    target_id   uuid NOT NULL,
    PRIMARY KEY (entity_type, entity_id, target_type, target_id)
);
CREATE INDEX improvement_links_target_idx ON improvement_links (target_type, target_id);

CREATE TABLE reviews (
    id           uuid PRIMARY KEY,
    title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    meeting_date date NOT NULL,
    status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    minutes      text NOT NULL DEFAULT '' CHECK (length(minutes) <= 20000),
    closed_at    timestamptz,
    closed_by    uuid REFERENCES users (id),
    created_by   uuid REFERENCES users (id),
    version      integer NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX reviews_date_idx ON reviews (meeting_date DESC, id DESC);

CREATE TABLE review_members (
    review_id uuid NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    user_id   uuid NOT NULL REFERENCES users (id),
    PRIMARY KEY (review_id, user_id)
);

-- One agenda item per thing that needs a decision (reasons lists why), or
-- one added by hand (kind 'other', or a cycle, standard or action).
CREATE TABLE review_items (
    id            uuid PRIMARY KEY,
    review_id     uuid NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    position      integer NOT NULL CHECK (position >= 1),
    kind          text NOT NULL CHECK (kind IN ('cycle', 'standard', 'action', 'other')),
    entity_id     uuid,
    reasons       text[] NOT NULL DEFAULT '{}',
    title         text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    detail        text NOT NULL DEFAULT '' CHECK (length(detail) <= 4000),
    source        text NOT NULL CHECK (source IN ('agenda', 'manual')),
    decision      text CHECK (decision IN ('approved', 'changes_requested', 'noted', 'escalated')),
    decision_text text NOT NULL DEFAULT '' CHECK (length(decision_text) <= 4000),
    decided_by    uuid REFERENCES users (id),
    decided_at    timestamptz,
    CHECK ((kind = 'other') = (entity_id IS NULL)),
    CHECK ((decision IS NULL) = (decided_at IS NULL)),
    UNIQUE (review_id, position)
);
CREATE UNIQUE INDEX review_items_entity_key ON review_items (review_id, kind, entity_id) WHERE entity_id IS NOT NULL;
CREATE INDEX review_items_entity_idx ON review_items (kind, entity_id);

-- What happened to a cycle, an action or a standard, for their timelines:
-- stage changes, edits, completions and board decisions.
CREATE TABLE improvement_events (
    id          uuid PRIMARY KEY,
    entity_type text NOT NULL CHECK (entity_type IN ('cycle', 'action', 'standard')),
    entity_id   uuid NOT NULL,
    at          timestamptz NOT NULL,
    actor_id    uuid REFERENCES users (id),
    kind        text NOT NULL CHECK (kind IN ('created', 'edited', 'transitioned', 'status_changed',
                    'decision', 'rebased', 'adapted')),
    summary     text NOT NULL CHECK (length(summary) BETWEEN 1 AND 4000),
    detail      jsonb NOT NULL DEFAULT '{}',
    review_id   uuid REFERENCES reviews (id) ON DELETE SET NULL
);
CREATE INDEX improvement_events_entity_idx ON improvement_events (entity_type, entity_id, at, id);

-- The inbox: a user's notifications, unread first, newest first.
CREATE INDEX notifications_inbox_idx ON notifications (user_id, (read_at IS NOT NULL), created_at DESC, id DESC);

-- +goose Down
DROP INDEX notifications_inbox_idx;
DROP TABLE improvement_events;
DROP TABLE review_items;
DROP TABLE review_members;
DROP TABLE reviews;
DROP TABLE improvement_links;
DROP TABLE action_standards;
DROP TABLE actions;
DROP TABLE cycle_measures;
DROP TABLE cycles;
