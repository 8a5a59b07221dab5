package measurements_test

import (
	"context"
	"errors"
	"math"
	"testing"

	"gorm.io/gorm"

	"assure/internal/testapp"
	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/measurements"
)

var importer = access.System("test-import")

// seriesValue reads the judged value of (standard, system, period); ok false
// when there is none. system "" is the organisation roll-up.
func seriesValue(t *testing.T, ta *testapp.App, standardID, systemID, period string) (float64, bool) {
	t.Helper()
	var vs []float64
	q := ta.App.DB.Gorm.Table("series_values").Where("standard_id = ? AND period_start = ?", standardID, period)
	if systemID == "" {
		q = q.Where("system_id IS NULL")
	} else {
		q = q.Where("system_id = ?", systemID)
	}
	if err := q.Pluck("value", &vs).Error; err != nil {
		t.Fatal(err)
	}
	if len(vs) == 0 {
		return 0, false
	}
	return vs[0], true
}

func expectSeries(t *testing.T, ta *testapp.App, standardID, systemID, period string, want float64) {
	t.Helper()
	got, ok := seriesValue(t, ta, standardID, systemID, period)
	if !ok {
		t.Fatalf("no series value for system %q period %s; want %v", systemID, period, want)
	}
	if math.Abs(got-want) > 1e-9 {
		t.Fatalf("series value for system %q period %s = %v, want %v", systemID, period, got, want)
	}
}

func record(t *testing.T, ta *testapp.App, source models.Source, in ...measurements.Input) measurements.Result {
	t.Helper()
	res, err := ta.App.Measurements.Record(context.Background(), importer, in, measurements.Options{Source: source})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestRecordCountsInsertedThenUpdatedAndNeverDuplicates(t *testing.T) {
	ta := testapp.New(t)
	a, b := newSystem(t, ta, "EPR"), newSystem(t, ta, "PACS")
	st := newStandard(t, ta, "percent", models.PeriodMonth, models.RollupMean, a, b)
	batch := []measurements.Input{
		{Standard: st.Code, System: a.Name, PeriodStart: "2024-01-01", Value: f(99.5)},
		{Standard: st.ID, System: b.ID, PeriodStart: "2024-01-01", Value: f(98.5)},
		{Standard: st.Code, PeriodStart: "2024-02-01", Value: f(97), Note: "organisation-wide"},
	}
	if res := record(t, ta, models.SourceImport, batch...); res != (measurements.Result{Received: 3, Inserted: 3}) {
		t.Fatalf("first write: %+v", res)
	}
	batch[0].Value = f(99.9)
	if res := record(t, ta, models.SourceImport, batch...); res != (measurements.Result{Received: 3, Updated: 3}) {
		t.Fatalf("replay: %+v", res)
	}
	if n := ta.Count(t, "measurements", "standard_id = ?", st.ID); n != 3 {
		t.Fatalf("%d measurements after a replay, want 3", n)
	}
	expectSeries(t, ta, st.ID, a.ID, "2024-01-01", 99.9)
	expectSeries(t, ta, st.ID, "", "2024-01-01", (99.9+98.5)/2)
	expectSeries(t, ta, st.ID, "", "2024-02-01", 97)
	if n := ta.Count(t, "audit_events", "action = 'measurements.recorded' AND entity_id = ?", st.ID); n != 2 {
		t.Fatalf("%d audit events, want one per batch (2)", n)
	}
}

func TestSeriesTakesSourcesInPrecedenceAndRollsUp(t *testing.T) {
	ta := testapp.New(t)
	a, b, c := newSystem(t, ta, "A"), newSystem(t, ta, "B"), newSystem(t, ta, "C")
	const p = "2024-03-04" // a Monday
	for _, tc := range []struct {
		rollup models.Rollup
		want   float64 // over the judged values a=10 (manual beats import 20), b=30 (import beats api 40), c=50 (api beats issues 60)
	}{
		{models.RollupMean, 30},
		{models.RollupSum, 90},
		{models.RollupMin, 10},
		{models.RollupMax, 50},
	} {
		t.Run(string(tc.rollup), func(t *testing.T) {
			st := newStandard(t, ta, "number", models.PeriodWeek, tc.rollup, a, b, c)
			in := func(sys models.System, v float64) measurements.Input {
				return measurements.Input{Standard: st.Code, System: sys.Name, PeriodStart: p, Value: f(v)}
			}
			// Written in reverse precedence so a later write never wins by being later.
			record(t, ta, models.SourceIssues, in(c, 60))
			record(t, ta, models.SourceAPI, in(b, 40), in(c, 50))
			record(t, ta, models.SourceImport, in(a, 20), in(b, 30))
			record(t, ta, models.SourceManual, in(a, 10))
			expectSeries(t, ta, st.ID, a.ID, p, 10)
			expectSeries(t, ta, st.ID, b.ID, p, 30)
			expectSeries(t, ta, st.ID, c.ID, p, 50)
			expectSeries(t, ta, st.ID, "", p, tc.want)

			// An explicit organisation-wide value replaces the roll-up.
			record(t, ta, models.SourceAPI, measurements.Input{Standard: st.Code, PeriodStart: p, Value: f(7)})
			expectSeries(t, ta, st.ID, "", p, 7)
			if n := ta.Count(t, "series_values", "standard_id = ?", st.ID); n != 4 {
				t.Fatalf("%d series values, want 3 systems + 1 organisation", n)
			}
		})
	}
}

func TestUpsertInTxAndDeleteInTxKeepTheSeriesInStep(t *testing.T) {
	ta := testapp.New(t)
	a, b := newSystem(t, ta, "A"), newSystem(t, ta, "B")
	st := newStandard(t, ta, "hours", models.PeriodWeek, models.RollupSum, a, b)
	svc := ta.App.Measurements
	ctx := context.Background()
	clinician := access.Actor{UserID: ta.UserWith(t, models.RoleClinician).ID, Label: "clinician"}
	rows := []measurements.Row{
		{StandardID: st.ID, SystemID: a.ID, PeriodStart: day("2024-03-04"), Value: 3},
		{StandardID: st.ID, SystemID: b.ID, PeriodStart: day("2024-03-04"), Value: 4.5},
		{StandardID: st.ID, SystemID: a.ID, PeriodStart: day("2024-03-11"), Value: 1},
	}
	err := ta.App.DB.Gorm.Transaction(func(tx *gorm.DB) error {
		res, err := svc.UpsertInTx(ctx, tx, clinician, models.SourceIssues, rows)
		if err != nil {
			return err
		}
		if res != (measurements.Result{Received: 3, Inserted: 3}) {
			t.Errorf("upsert: %+v", res)
		}
		// A second call in the same transaction stages again.
		rows[0].Value = 5
		res, err = svc.UpsertInTx(ctx, tx, clinician, models.SourceIssues, rows[:1])
		if res.Updated != 1 {
			t.Errorf("second upsert: %+v", res)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	expectSeries(t, ta, st.ID, "", "2024-03-04", 9.5)
	expectSeries(t, ta, st.ID, "", "2024-03-11", 1)

	err = ta.App.DB.Gorm.Transaction(func(tx *gorm.DB) error {
		n, err := svc.DeleteInTx(ctx, tx, clinician, models.SourceIssues, []measurements.Key{
			{StandardID: st.ID, SystemID: b.ID, PeriodStart: day("2024-03-04")},
			{StandardID: st.ID, SystemID: a.ID, PeriodStart: day("2024-03-11")},
			{StandardID: st.ID, PeriodStart: day("2024-03-18")}, // nothing there
		})
		if n != 2 {
			t.Errorf("deleted %d, want 2", n)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	expectSeries(t, ta, st.ID, "", "2024-03-04", 5)
	if _, ok := seriesValue(t, ta, st.ID, b.ID, "2024-03-04"); ok {
		t.Fatal("series value of a deleted measurement is still there")
	}
	if n := ta.Count(t, "series_values", "standard_id = ? AND period_start = '2024-03-11'", st.ID); n != 0 {
		t.Fatalf("%d series values left for a period with no measurements", n)
	}

	// A rolled-back transaction leaves nothing, and invalid rows are refused.
	err = ta.App.DB.Gorm.Transaction(func(tx *gorm.DB) error {
		_, err := svc.UpsertInTx(ctx, tx, clinician, models.SourceIssues, []measurements.Row{
			{StandardID: st.ID, SystemID: a.ID, PeriodStart: day("2024-03-05"), Value: 1},
		})
		return err
	})
	var ve *services.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("a Tuesday for a weekly standard: %v, want a validation error", err)
	}
}

func TestEnsureAheadMakesFuturePartitions(t *testing.T) {
	ta := testapp.New(t)
	if _, err := ta.App.Measurements.EnsureAhead(context.Background(), 3); err != nil {
		t.Fatal(err)
	}
	next := ta.Clock.Now().AddDate(0, 3, 0)
	name := "measurements_y" + next.Format("2006") + "m" + next.Format("01")
	if n := ta.Count(t, "pg_class", "relname = ?", name); n != 1 {
		t.Fatalf("partition %s missing", name)
	}
	made, err := ta.App.Measurements.EnsureAhead(context.Background(), 3)
	if err != nil || made != 0 {
		t.Fatalf("second run made %d (%v), want 0", made, err)
	}
}

// series_values keeps no foreign keys (migration 00042); a standard or system
// deleted outside the services, which refuse while series exist, must still
// take its derived rows with it.
func TestDeletingAStandardOrSystemRemovesItsSeries(t *testing.T) {
	ta := testapp.New(t)
	ward, theatre := newSystem(t, ta, "Ward PCs"), newSystem(t, ta, "Theatre PCs")
	st := newStandard(t, ta, "percent", models.PeriodMonth, models.RollupMean, ward, theatre)
	other := newStandard(t, ta, "percent", models.PeriodMonth, models.RollupMean, theatre)
	record(t, ta, models.SourceImport,
		measurements.Input{Standard: st.Code, System: ward.Name, PeriodStart: "2024-01-01", Value: f(90)},
		measurements.Input{Standard: st.Code, System: theatre.Name, PeriodStart: "2024-01-01", Value: f(80)},
		measurements.Input{Standard: other.Code, System: theatre.Name, PeriodStart: "2024-01-01", Value: f(70)})
	expectSeries(t, ta, st.ID, "", "2024-01-01", 85)

	db := ta.App.DB.Gorm
	count := func(where string, args ...any) int64 {
		t.Helper()
		var n int64
		if err := db.Table("series_values").Where(where, args...).Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	if err := db.Exec("DELETE FROM systems WHERE id = ?", ward.ID).Error; err != nil {
		t.Fatal(err)
	}
	if n := count("system_id = ?", ward.ID); n != 0 {
		t.Fatalf("%d series rows of a deleted system remain", n)
	}
	if err := db.Exec("DELETE FROM standards WHERE id = ?", other.ID).Error; err != nil {
		t.Fatal(err)
	}
	if n := count("standard_id = ?", other.ID); n != 0 {
		t.Fatalf("%d series rows of a deleted standard remain", n)
	}
	if n := count("standard_id = ?", st.ID); n != 2 {
		t.Fatalf("the surviving standard has %d series rows, want its theatre row and its roll-up", n)
	}
}
