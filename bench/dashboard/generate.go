package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"assure/bench/benchkit"
	"assure/internal/app"
	"assure/internal/config"
	"assure/models"
	"assure/services/access"
	"assure/services/standards"
)

// generate makes a trust of realistic shape at scale: 4 sites, 50 systems
// from 8 suppliers, 50 owners, standards of every category (half higher is
// better, half lower) each applying to every system with a value per system
// per day for days days up to yesterday, their roll-ups, a few exceptions and
// gaps, two years of reports (~40 a day), problems, PDSA cycles, actions and
// open board reviews. The catalogue goes through the standards service (so
// each standard has its first revision); the bulk in SQL.
func generate(ctx context.Context, db *benchkit.DB, nStandards, nSystems, days int) (write, error) {
	cfg, err := config.Load(func(k string) string {
		if k == "ASSURE_JWT_SECRET" {
			return benchkit.Secret
		}
		return ""
	})
	if err != nil {
		return write{}, err
	}
	a, err := app.New(cfg, db.DB, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
	if err != nil {
		return write{}, err
	}
	to := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, -1)
	from := to.AddDate(0, 0, 1-days)
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO users (id, email, name, roles) SELECT gen_random_uuid(), 'owner' || i || '@bench.test',
			'Owner ' || lpad(i::text, 2, '0'), '{improver}' FROM generate_series(1, 50) i`, nil},
		{`INSERT INTO users (id, email, name, roles) VALUES (gen_random_uuid(), 'reporter@bench.test', 'Bench reporter', '{clinician}')`, nil},
		{`INSERT INTO sites (id, name) SELECT gen_random_uuid(), 'Bench site ' || i FROM generate_series(1, 4) i`, nil},
		{`INSERT INTO systems (id, name, supplier, criticality, owner_id)
		  SELECT gen_random_uuid(), 'Bench system ' || lpad(i::text, 3, '0'), 'Bench supplier ' || (i % 8 + 1),
		         (ARRAY['critical', 'high', 'standard'])[i % 3 + 1],
		         (SELECT id FROM users WHERE email = 'owner' || (i % 50 + 1) || '@bench.test')
		  FROM generate_series(1, $1) i`, []any{nSystems}},
		{`INSERT INTO system_sites (system_id, site_id)
		  SELECT y.id, s.id FROM (SELECT id, row_number() OVER (ORDER BY name) AS n FROM systems) y
		  JOIN (SELECT id, row_number() OVER (ORDER BY name) AS n FROM sites) s ON s.n = y.n % 4 + 1 OR s.n = (y.n + 1) % 4 + 1`, nil},
	} {
		if _, err := db.Pool.Exec(ctx, q.sql, q.args...); err != nil {
			return write{}, fmt.Errorf("catalogue: %w", err)
		}
	}
	var sysIDs, ownerIDs []string
	if err := db.Gorm.Raw("SELECT id FROM systems ORDER BY name").Scan(&sysIDs).Error; err != nil {
		return write{}, err
	}
	if err := db.Gorm.Raw("SELECT id FROM users WHERE email LIKE 'owner%' ORDER BY name").Scan(&ownerIDs).Error; err != nil {
		return write{}, err
	}
	actor := access.System("bench")
	eff := from.Format(time.DateOnly)
	for i := 0; i < nStandards; i++ {
		higher := i%2 == 0
		dir, unit, threshold := "higher_is_better", "percent", 99.2
		if !higher {
			dir, unit, threshold = "lower_is_better", "seconds", 5.2
		}
		owner := ownerIDs[i%len(ownerIDs)]
		_, err := a.Standards.Create(ctx, actor, standards.NewStandard{
			Code: fmt.Sprintf("BN-%03d", i+1), Title: fmt.Sprintf("Bench standard %d", i+1), Category: models.Categories[i%len(models.Categories)],
			Metric: "Bench metric", Unit: unit, Direction: dir, Threshold: &threshold, Period: "day", Rollup: "mean",
			SystemIDs: sysIDs, OwnerID: &owner, Status: "active", EffectiveFrom: &eff,
		})
		if err != nil {
			return write{}, fmt.Errorf("create standard: %w", err)
		}
	}
	if _, err := db.Pool.Exec(ctx, "SELECT ensure_measurement_partitions($1, $2)", from, to.AddDate(0, 1, 0)); err != nil {
		return write{}, err
	}
	conn, err := db.Pool.Acquire(ctx)
	if err != nil {
		return write{}, err
	}
	defer conn.Release()
	// A bulk load: skip the per-row foreign-key triggers (every id comes from
	// the tables just filled) and the wait for each commit's flush.
	for _, q := range []string{"SET session_replication_role = replica", "SET synchronous_commit = off", "SET work_mem = '256MB'"} {
		if _, err := conn.Exec(ctx, q); err != nil {
			return write{}, err
		}
	}
	// Values hash the day and the system: mostly met, breached now and then,
	// with the last three days missing for a few systems of a few standards.
	value := `CASE WHEN s.direction = 'higher_is_better'
	               THEN 99 + ((hashint4((d::date - date '2000-01-01') + y.n::int * 7919 + s.n::int * 104729) & 1023) / 1023.0)
	               ELSE 2 + ((hashint4((d::date - date '2000-01-01') + y.n::int * 7919 + s.n::int * 104729) & 1023) / 1023.0) * 4 END`
	steps := []struct {
		what string
		sql  string
		args []any
	}{
		{"measurements", fmt.Sprintf(`INSERT INTO measurements (standard_id, system_id, period_start, value, note, source)
			SELECT s.id, y.id, d::date, %s, '', 'api'
			FROM (SELECT id, direction, row_number() OVER (ORDER BY code) AS n FROM standards) s
			CROSS JOIN (SELECT id, row_number() OVER (ORDER BY name) AS n FROM systems) y
			CROSS JOIN generate_series($1::date, $2::date, interval '1 day') d
			WHERE NOT (s.n %% 10 = 0 AND y.n %% 7 = 0 AND d > $2::date - 3)`, value), []any{from, to}},
		{"series values", `INSERT INTO series_values (standard_id, system_id, period_start, value)
			SELECT standard_id, system_id, period_start, value FROM measurements`, nil},
		{"roll-ups", `INSERT INTO series_values (standard_id, system_id, period_start, value)
			SELECT standard_id, NULL, period_start, avg(value) FROM measurements GROUP BY standard_id, period_start`, nil},
		{"exceptions", `INSERT INTO standard_exceptions (id, standard_id, system_id, reason, approved_by, starts_on, expires_on)
			SELECT gen_random_uuid(), s.id, y.id, 'Planned upgrade', (SELECT id FROM users WHERE email = 'owner1@bench.test'), $1::date - 10, $1::date + 5
			FROM (SELECT id, row_number() OVER (ORDER BY code) AS n FROM standards) s
			JOIN (SELECT id, row_number() OVER (ORDER BY name) AS n FROM systems) y ON y.n = s.n % 50 + 1
			WHERE s.n % 5 = 0`, []any{to}},
		{"reports", `INSERT INTO issues (id, reporter_id, title, site_id, system_id, started_at, duration_minutes, staff_affected,
			minutes_lost, total_minutes_lost, physical_harm, psychological_harm, status, created_at, updated_at)
			SELECT gen_random_uuid(), (SELECT id FROM users WHERE email = 'reporter@bench.test'), 'Bench report ' || i,
			       (SELECT site_id FROM system_sites x WHERE x.system_id = y.id LIMIT 1), y.id, t, 30, 1 + i % 4,
			       10 + i % 50, (10 + i % 50) * (1 + i % 4),
			       CASE WHEN i % 37 = 0 THEN 'moderate' ELSE 'none' END, 'none', 'new', t, t
			FROM generate_series(1, 30000) i
			JOIN (SELECT id, row_number() OVER (ORDER BY name) AS n FROM systems) y ON y.n = (hashint4(i) & 1023) % $1 + 1
			CROSS JOIN LATERAL (SELECT now() - ((hashint4(i * 31) & 1048575) / 1048575.0) * interval '730 days' AS t) w`, []any{nSystems}},
		{"problems", `INSERT INTO problems (id, title, system_id, status, created_at, updated_at)
			SELECT gen_random_uuid(), 'Bench problem ' || i, (SELECT id FROM systems ORDER BY name OFFSET i % 50 LIMIT 1),
			       CASE WHEN i % 3 = 0 THEN 'resolved' ELSE 'open' END, now() - i * interval '1 day', now()
			FROM generate_series(1, 300) i`, nil},
		{"cycles", `INSERT INTO cycles (id, ramp_id, sequence, title, owner_id, stage, decision, rationale, stage_changed_at,
			do_started_on, planned_end, created_at, updated_at)
			SELECT gen_random_uuid(), gen_random_uuid(), 1, 'Bench cycle ' || i,
			       (SELECT id FROM users WHERE email = 'owner' || (i % 50 + 1) || '@bench.test'),
			       (ARRAY['plan', 'do', 'study', 'act', 'closed', 'abandoned'])[i % 6 + 1],
			       CASE WHEN i % 6 = 4 THEN 'adopt' END, CASE WHEN i % 6 = 4 THEN 'It worked' ELSE '' END,
			       now() - (i % 120) * interval '1 day', current_date - 200 + i % 150, current_date - 30 + i % 90, now(), now()
			FROM generate_series(1, 300) i`, nil},
		{"cycle measures", `INSERT INTO cycle_measures (cycle_id, standard_id, position, role)
			SELECT c.id, s.id, 1, 'outcome'
			FROM (SELECT id, row_number() OVER (ORDER BY title) AS n FROM cycles) c
			JOIN (SELECT id, row_number() OVER (ORDER BY code) AS n FROM standards) s ON s.n = c.n % 200 + 1`, nil},
		{"actions", `INSERT INTO actions (id, title, owner_id, due_on, status, completed_on, created_at, updated_at)
			SELECT gen_random_uuid(), 'Bench action ' || i, (SELECT id FROM users WHERE email = 'owner' || (i % 50 + 1) || '@bench.test'),
			       current_date - 60 + i % 120, (ARRAY['open', 'in_progress', 'done', 'cancelled'])[i % 4 + 1],
			       CASE WHEN i % 4 = 2 THEN current_date - i % 100 END, now(), now()
			FROM generate_series(1, 3000) i`, nil},
		{"action standards", `INSERT INTO action_standards (action_id, standard_id)
			SELECT a.id, s.id FROM (SELECT id, row_number() OVER (ORDER BY title) AS n FROM actions) a
			JOIN (SELECT id, row_number() OVER (ORDER BY code) AS n FROM standards) s ON s.n = a.n % 200 + 1`, nil},
		{"reviews", `INSERT INTO reviews (id, title, meeting_date, status, created_at, updated_at)
			SELECT gen_random_uuid(), 'Bench board ' || i, current_date + i * 7, 'open', now(), now() FROM generate_series(1, 3) i`, nil},
		{"agenda", `INSERT INTO review_items (id, review_id, position, kind, entity_id, title, source)
			SELECT gen_random_uuid(), r.id, s.n, 'standard', s.id, s.code, 'manual'
			FROM reviews r CROSS JOIN (SELECT id, code, row_number() OVER (ORDER BY code) AS n FROM standards) s WHERE s.n <= 10`, nil},
		{"statistics", "VACUUM ANALYZE", nil},
	}
	for _, st := range steps {
		t0 := time.Now()
		if _, err := conn.Exec(ctx, st.sql, st.args...); err != nil {
			return write{}, fmt.Errorf("%s: %w", st.what, err)
		}
		fmt.Printf("  %-17s %v\n", st.what, time.Since(t0).Round(time.Millisecond))
	}
	return scaleWrite(), nil
}

// scaleWrite rewrites yesterday's value of the first standard at the first system.
func scaleWrite() write {
	return write{standard: "BN-001", system: "Bench system 001", period: time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, -1)}
}
