package dashboard_test

import (
	"context"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"assure/internal/testdb"
	"assure/services/compliance"
	"assure/services/dashboard"
)

// TestSummarySeesEveryCommittedChange: while many readers share version
// checks and rebuilds, a reader that starts after a change has committed
// always gets a summary holding it.
func TestSummarySeesEveryCommittedChange(t *testing.T) {
	db := testdb.New(t)
	ctx := context.Background()
	now := time.Date(2026, 3, 18, 12, 0, 0, 0, time.UTC)
	last := compliance.LastCompletePeriod("month", now)
	owner, std := uuid.NewString(), uuid.NewString()
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO users (id, email, name, roles) VALUES ($1, 'owner@test.test', 'Owner', '{improver}')`, []any{owner}},
		{`INSERT INTO standards (id, code, title, category, metric, unit, direction, threshold, period, rollup, owner_id, status)
		  VALUES ($1, 'TS-01', 'Test', 'availability', 'm', 'percent', 'higher_is_better', 50, 'month', 'mean', $2, 'active')`, []any{std, owner}},
		{`INSERT INTO standard_revisions (id, standard_id, effective_from, direction, threshold, period)
		  VALUES ($1, $2, '2020-01-01', 'higher_is_better', 50, 'month')`, []any{uuid.NewString(), std}},
		{`INSERT INTO series_values (standard_id, system_id, period_start, value) VALUES ($1, NULL, $2, 0)`, []any{std, last}},
	} {
		if _, err := db.Pool.Exec(ctx, q.sql, q.args...); err != nil {
			t.Fatal(err)
		}
	}
	svc := dashboard.NewService(db, func() time.Time { return now })

	stop := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := svc.Data(ctx); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	for v := 1; v <= 30; v++ {
		if _, err := db.Pool.Exec(ctx, `UPDATE series_values SET value = $1 WHERE standard_id = $2`, v, std); err != nil {
			t.Fatal(err)
		}
		d, err := svc.Data(ctx)
		if err != nil {
			t.Fatal(err)
		}
		st := d.Standard(std)
		if st == nil || st.LastOrg().Value == nil || *st.LastOrg().Value != float64(v) {
			t.Fatalf("after writing %d the summary holds %v", v, st.LastOrg().Value)
		}
	}
	close(stop)
	wg.Wait()
}

// TestRefreshMatchesAFullBuild: a summary refreshed after series changes
// (reading only the changed standards' series) is the summary a fresh
// server builds from scratch; so is one refreshed after a catalogue change.
func TestRefreshMatchesAFullBuild(t *testing.T) {
	db := testdb.New(t)
	ctx := context.Background()
	now := time.Date(2026, 3, 18, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	owner, sysA, sysB, site := uuid.NewString(), uuid.NewString(), uuid.NewString(), uuid.NewString()
	stds := []string{uuid.NewString(), uuid.NewString(), uuid.NewString()}
	exec := func(sql string, args ...any) {
		t.Helper()
		if _, err := db.Pool.Exec(ctx, sql, args...); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	exec(`INSERT INTO users (id, email, name, roles) VALUES ($1, 'owner@test.test', 'Owner', '{improver}')`, owner)
	exec(`INSERT INTO sites (id, name) VALUES ($1, 'North')`, site)
	exec(`INSERT INTO systems (id, name, criticality) VALUES ($1, 'Alpha', 'high'), ($2, 'Bravo', 'high')`, sysA, sysB)
	exec(`INSERT INTO system_sites (system_id, site_id) VALUES ($1, $2)`, sysA, site)
	for i, id := range stds {
		period := []string{"month", "week", "day"}[i]
		exec(`INSERT INTO standards (id, code, title, category, metric, unit, direction, threshold, period, rollup, owner_id, status)
			VALUES ($1, $2, 'Test', 'availability', 'm', 'percent', 'higher_is_better', 50, $3, 'mean', $4, 'active')`,
			id, "TS-0"+string(rune('1'+i)), period, owner)
		exec(`INSERT INTO standard_revisions (id, standard_id, effective_from, direction, threshold, period)
			VALUES ($1, $2, '2020-01-01', 'higher_is_better', 50, $3)`, uuid.NewString(), id, period)
		exec(`INSERT INTO standard_systems (standard_id, system_id) VALUES ($1, $2), ($1, $3)`, id, sysA, sysB)
		// Thirty periods of values at both systems and the roll-up, every
		// fifth one low.
		exec(`INSERT INTO series_values (standard_id, system_id, period_start, value)
			SELECT $1, sys, (date_trunc($2, $3::date - (n * ('1 ' || $2)::interval)))::date,
			       CASE WHEN n % 5 = 0 THEN 40 ELSE 60 + n END
			FROM generate_series(1, 30) n CROSS JOIN unnest(ARRAY[$4::uuid, $5::uuid, NULL]) sys`,
			id, period, now, sysA, sysB)
	}
	svc := dashboard.NewService(db, clock)
	view := func(d *dashboard.Data) dashboard.Dashboard {
		t.Helper()
		v, err := d.Dashboard(dashboard.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	same := func(what string, read int) {
		t.Helper()
		got, err := svc.Data(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got.SeriesRead != read {
			t.Errorf("%s: read the series of %d standards, want %d", what, got.SeriesRead, read)
		}
		want, err := dashboard.NewService(db, clock).Data(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(view(got), view(want)) {
			t.Errorf("%s: the refreshed summary differs from a full build", what)
		}
	}
	same("first build", 3)
	exec(`UPDATE series_values SET value = 10 WHERE standard_id = $1 AND system_id = $2
		AND period_start = (SELECT max(period_start) FROM series_values WHERE standard_id = $1)`, stds[0], sysA)
	exec(`DELETE FROM series_values WHERE standard_id = $1 AND system_id IS NULL
		AND period_start = (SELECT max(period_start) FROM series_values WHERE standard_id = $1)`, stds[1])
	same("after series changes", 2)
	exec(`INSERT INTO standard_exceptions (id, standard_id, site_id, reason, approved_by, starts_on, expires_on)
		VALUES ($1, $2, $3, 'Upgrade', $4, '2026-01-01', '2026-03-31')`, uuid.NewString(), stds[2], site, owner)
	same("after an exception", 3)
	exec(`UPDATE series_values SET value = 99 WHERE standard_id = $1`, stds[2])
	same("after rewriting a whole series", 1)
}
