-- +goose Up
-- Sites, systems and the standards catalogue (issue 5).

CREATE TABLE sites (
    id          uuid PRIMARY KEY,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description text NOT NULL DEFAULT '',
    version     integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX sites_name_lower_key ON sites (lower(name));

CREATE TABLE systems (
    id          uuid PRIMARY KEY,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description text NOT NULL DEFAULT '',
    supplier    text NOT NULL DEFAULT '',
    criticality text NOT NULL CHECK (criticality IN ('critical', 'high', 'standard')),
    owner_id    uuid REFERENCES users (id),
    version     integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX systems_name_lower_key ON systems (lower(name));
CREATE INDEX systems_owner_idx ON systems (owner_id);
CREATE INDEX systems_supplier_idx ON systems (supplier);

CREATE TABLE system_sites (
    system_id uuid NOT NULL REFERENCES systems (id) ON DELETE CASCADE,
    site_id   uuid NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    PRIMARY KEY (system_id, site_id)
);
CREATE INDEX system_sites_site_idx ON system_sites (site_id);

-- A system depends on others (EPR -> network, Wi-Fi). The service refuses cycles.
CREATE TABLE system_dependencies (
    system_id     uuid NOT NULL REFERENCES systems (id) ON DELETE CASCADE,
    depends_on_id uuid NOT NULL REFERENCES systems (id) ON DELETE CASCADE,
    PRIMARY KEY (system_id, depends_on_id),
    CHECK (system_id <> depends_on_id)
);

CREATE TABLE standards (
    id                   uuid PRIMARY KEY,
    code                 text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9]{0,9}-[0-9]{2,4}$'),
    title                text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    rationale            text NOT NULL DEFAULT '',
    category             text NOT NULL CHECK (category IN ('availability', 'performance', 'reliability', 'security',
                             'backup_recovery', 'clinician_experience', 'service_support')),
    metric               text NOT NULL CHECK (length(metric) BETWEEN 1 AND 200),
    unit                 text NOT NULL CHECK (unit IN ('percent', 'count', 'seconds', 'minutes', 'hours', 'days', 'number')),
    -- Current values of the revisioned fields; standard_revisions has their history.
    direction            text NOT NULL CHECK (direction IN ('higher_is_better', 'lower_is_better', 'neither')),
    threshold            double precision NOT NULL,
    target               double precision,
    period               text NOT NULL CHECK (period IN ('day', 'week', 'month')),
    rollup               text NOT NULL CHECK (rollup IN ('mean', 'sum', 'min', 'max')),
    owner_id             uuid REFERENCES users (id),
    status               text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'retired')),
    review_due           date,
    "references"         jsonb NOT NULL DEFAULT '[]',
    baseline_points      integer CHECK (baseline_points IS NULL OR baseline_points >= 12),
    screen_moving_ranges boolean NOT NULL DEFAULT true,
    version              integer NOT NULL DEFAULT 1,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CHECK (status <> 'active' OR owner_id IS NOT NULL)
);
CREATE UNIQUE INDEX standards_code_key ON standards (code);
CREATE INDEX standards_owner_idx ON standards (owner_id);
CREATE INDEX standards_category_idx ON standards (category, status);

CREATE TABLE standard_systems (
    standard_id uuid NOT NULL REFERENCES standards (id) ON DELETE CASCADE,
    system_id   uuid NOT NULL REFERENCES systems (id) ON DELETE CASCADE,
    PRIMARY KEY (standard_id, system_id)
);
CREATE INDEX standard_systems_system_idx ON standard_systems (system_id);

-- Changing threshold, target, direction or period creates a revision effective
-- from a date; each period is judged by the revision in force at its start.
CREATE TABLE standard_revisions (
    id             uuid PRIMARY KEY,
    standard_id    uuid NOT NULL REFERENCES standards (id) ON DELETE CASCADE,
    effective_from date NOT NULL,
    direction      text NOT NULL CHECK (direction IN ('higher_is_better', 'lower_is_better', 'neither')),
    threshold      double precision NOT NULL,
    target         double precision,
    period         text NOT NULL CHECK (period IN ('day', 'week', 'month')),
    created_by     uuid REFERENCES users (id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (standard_id, effective_from)
);

-- An approved, time-limited exception excuses a standard at a system or a site.
CREATE TABLE standard_exceptions (
    id          uuid PRIMARY KEY,
    standard_id uuid NOT NULL REFERENCES standards (id) ON DELETE CASCADE,
    system_id   uuid REFERENCES systems (id) ON DELETE CASCADE,
    site_id     uuid REFERENCES sites (id) ON DELETE CASCADE,
    reason      text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    approved_by uuid NOT NULL REFERENCES users (id),
    starts_on   date NOT NULL,
    expires_on  date NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (expires_on >= starts_on),
    CHECK (system_id IS NULL OR site_id IS NULL)
);
CREATE INDEX standard_exceptions_standard_idx ON standard_exceptions (standard_id, starts_on);

-- A recalculation point on a standard's SPC chart: recorded by an owner with a
-- reason, or made by adopting a PDSA cycle's change.
CREATE TABLE standard_rebases (
    id          uuid PRIMARY KEY,
    standard_id uuid NOT NULL REFERENCES standards (id) ON DELETE CASCADE,
    period      date NOT NULL,
    reason      text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    source      text NOT NULL DEFAULT 'recalculation' CHECK (source IN ('recalculation', 'cycle')),
    cycle_id    uuid,
    created_by  uuid REFERENCES users (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (standard_id, period)
);

-- Measurements: the one table that grows without bound. Partitioned by month
-- on period_start; partitions are created ahead by the server and on demand by
-- ingest (ensure_measurement_partitions). One value per standard, system
-- (NULL = organisation-wide), period and source: re-sending corrects.
CREATE TABLE measurements (
    standard_id       uuid NOT NULL REFERENCES standards (id) ON DELETE CASCADE,
    system_id         uuid REFERENCES systems (id) ON DELETE CASCADE,
    period_start      date NOT NULL,
    value             double precision NOT NULL CHECK (value = value AND value NOT IN ('Infinity', '-Infinity')),
    note              text NOT NULL DEFAULT '',
    source            text NOT NULL CHECK (source IN ('manual', 'api', 'import', 'issues')),
    recorded_by_user  uuid,
    recorded_by_token uuid,
    recorded_at       timestamptz NOT NULL DEFAULT now()
) PARTITION BY RANGE (period_start);
-- Serves both the upsert key and a standard's range scan (standard, then period).
CREATE UNIQUE INDEX measurements_key ON measurements (standard_id, period_start, system_id, source) NULLS NOT DISTINCT;

-- +goose StatementBegin
CREATE FUNCTION ensure_measurement_partitions(from_date date, to_date date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    m date := date_trunc('month', from_date)::date;
    made integer := 0;
    part text;
BEGIN
    WHILE m <= to_date LOOP
        part := format('measurements_y%sm%s', to_char(m, 'YYYY'), to_char(m, 'MM'));
        IF to_regclass(part) IS NULL THEN
            EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF measurements FOR VALUES FROM (%L) TO (%L)',
                           part, m, (m + interval '1 month')::date);
            made := made + 1;
        END IF;
        m := (m + interval '1 month')::date;
    END LOOP;
    RETURN made;
END;
$$;
-- +goose StatementEnd

-- The series a standard is judged on: one value per standard, system and
-- period after choosing between sources (manual > import > api > issues), plus
-- the roll-up across systems under system_id NULL. Maintained on every write
-- of measurements, so charts and the dashboard never scan raw measurements.
CREATE TABLE series_values (
    standard_id  uuid NOT NULL REFERENCES standards (id) ON DELETE CASCADE,
    system_id    uuid REFERENCES systems (id) ON DELETE CASCADE,
    period_start date NOT NULL,
    value        double precision NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX series_values_key ON series_values (standard_id, system_id, period_start) NULLS NOT DISTINCT;

-- +goose Down
DROP TABLE series_values;
DROP TABLE measurements;
DROP FUNCTION ensure_measurement_partitions(date, date);
DROP TABLE standard_rebases;
DROP TABLE standard_exceptions;
DROP TABLE standard_revisions;
DROP TABLE standard_systems;
DROP TABLE standards;
DROP TABLE system_dependencies;
DROP TABLE system_sites;
DROP TABLE systems;
DROP TABLE sites;
