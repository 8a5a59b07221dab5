package dashboard_test

import (
	"context"
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
