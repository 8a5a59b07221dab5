package jobs_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river"

	"assure/internal/jobs"
	"assure/internal/testapp"
	"assure/internal/testdb"
	"assure/models"
	"assure/services/access"
	"assure/services/compliance"
	"assure/services/issues"
)

// seriesWorld is a catalogue of one site and one system, with CE-01 (hours
// lost per week) and CE-02 (reports with harm per month) applying to the
// system, on a database of its own so that no other test's reports count.
type seriesWorld struct {
	ta           *testapp.App
	site, system string
	ce01, ce02   string
}

func newSeriesWorld(t *testing.T, now time.Time) *seriesWorld {
	t.Helper()
	ta := testapp.NewWithDB(t, testdb.New(t))
	ta.Clock.Set(now)
	w := &seriesWorld{ta: ta, site: uuid.NewString(), system: uuid.NewString()}
	db := ta.App.DB.Gorm
	exec := func(q string, args ...any) {
		t.Helper()
		if err := db.Exec(q, args...).Error; err != nil {
			t.Fatal(err)
		}
	}
	exec("INSERT INTO sites (id, name) VALUES (?, 'Royal')", w.site)
	exec("INSERT INTO systems (id, name, criticality) VALUES (?, 'EPR', 'critical')", w.system)
	owner := ta.UserWith(t, models.RoleExecutive).ID
	for _, st := range []struct {
		id               *string
		code, unit       string
		period           models.Period
		threshold, first string
	}{{&w.ce01, issues.HoursLostCode, "hours", models.PeriodWeek, "40", "2026-03-02"},
		{&w.ce02, issues.HarmCode, "count", models.PeriodMonth, "2", "2026-03-01"}} {
		*st.id = uuid.NewString()
		exec(`INSERT INTO standards (id, code, title, category, metric, unit, direction, threshold, period, rollup, owner_id,
			status, created_at, updated_at) VALUES (?, ?, ?, 'clinician_experience', 'm', ?, 'lower_is_better', ?, ?, 'sum', ?,
			'active', ?, ?)`, *st.id, st.code, st.code, st.unit, st.threshold, st.period, owner, now, now)
		exec(`INSERT INTO standard_revisions (id, standard_id, effective_from, direction, threshold, period)
			VALUES (?, ?, ?, 'lower_is_better', ?, ?)`, uuid.NewString(), *st.id, st.first, st.threshold, st.period)
		exec("INSERT INTO standard_systems (standard_id, system_id) VALUES (?, ?)", *st.id, w.system)
	}
	return w
}

// values is a standard's judged series as "org|system date=value" lines,
// in order: what its chart and compliance read.
func (w *seriesWorld) values(t *testing.T, std string) []string {
	t.Helper()
	var rows []struct {
		SystemID    *string
		PeriodStart time.Time
		Value       float64
	}
	if err := w.ta.App.DB.Gorm.Raw(`SELECT system_id, period_start, value FROM series_values WHERE standard_id = ?
		ORDER BY system_id NULLS FIRST, period_start`, std).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, r := range rows {
		who := "org"
		if r.SystemID != nil {
			who = "system"
		}
		out = append(out, fmt.Sprintf("%s %s=%g", who, r.PeriodStart.Format(time.DateOnly), r.Value))
	}
	return out
}

func (w *seriesWorld) expect(t *testing.T, std string, want ...string) {
	t.Helper()
	if got := w.values(t, std); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("series:\n%v\nwant:\n%v", got, want)
	}
}

// lastWeek is CE-01's status for the system in the last complete week, as
// the standard's page shows it.
func (w *seriesWorld) lastWeek(t *testing.T) compliance.Status {
	t.Helper()
	c, err := w.ta.App.Compliance.Compliance(context.Background(), w.ce01, compliance.Query{SystemID: w.system})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Periods) == 0 {
		t.Fatal("no judged weeks")
	}
	return c.Periods[len(c.Periods)-1].Status
}

// TestHourlyJobCarriesQuietSeriesToTheCurrentPeriod: an ongoing report
// counts in the week its problem started; when nobody reports anything
// afterwards, the weeks and months that follow have no value — last week
// reads as missing data on the standard's page — until the hourly job runs
// and records them as the zero they are. A running instance enqueues the job
// itself as soon as it starts.
func TestHourlyJobCarriesQuietSeriesToTheCurrentPeriod(t *testing.T) {
	// Wednesday 18 March 2026: the week of Monday 16 March.
	w := newSeriesWorld(t, time.Date(2026, 3, 18, 12, 0, 0, 0, time.UTC))
	ctx := context.Background()
	clinician := w.ta.UserWith(t, models.RoleClinician)
	actor := access.Actor{UserID: clinician.ID, Label: clinician.Email, Roles: []models.Role{models.RoleClinician}}
	started := time.Date(2026, 3, 17, 9, 0, 0, 0, time.UTC)
	staff, minutes := 3, 40
	if _, err := w.ta.App.Issues.Create(ctx, actor, issues.ReportInput{
		Title: "EPR down on the ward", SystemID: &w.system, SiteID: w.site, StartedAt: &started, Ongoing: true,
		StaffAffected: &staff, MinutesLost: &minutes, PhysicalHarm: models.HarmModerate, PsychologicalHarm: models.HarmNone,
	}); err != nil {
		t.Fatal(err)
	}
	// 3 people × 40 minutes = 2 h in the week it started; one harmful report in March.
	w.expect(t, w.ce01, "org 2026-03-16=2", "system 2026-03-16=2")
	w.expect(t, w.ce02, "org 2026-03-01=1", "system 2026-03-01=1")

	// A fortnight later, into April, with nothing more reported.
	w.ta.Clock.Set(time.Date(2026, 4, 1, 10, 0, 0, 0, time.UTC))
	w.expect(t, w.ce01, "org 2026-03-16=2", "system 2026-03-16=2")
	if st := w.lastWeek(t); st != compliance.Missing {
		t.Fatalf("before the job, the week of 23 March is %q, want missing", st)
	}

	r, err := jobs.New(jobs.Config{Pool: w.ta.App.DB.Pool, Scanner: w.ta.App.Scanner, Partitions: &partitions{},
		Series: w.ta.App.Issues, Log: w.ta.App.Log, PollInterval: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	events, cancel := r.Client().Subscribe(river.EventKindJobCompleted)
	defer cancel()
	if err := r.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer func() {
		stop, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		_ = r.Stop(stop) // the test's outcome is decided below
	}()
	waitFor(t, events, jobs.SeriesArgs{}.Kind())

	// The ongoing report's hours stay in the week it started; the weeks
	// since, and April, are zero, up to the week and month now running.
	w.expect(t, w.ce01, "org 2026-03-16=2", "org 2026-03-23=0", "org 2026-03-30=0",
		"system 2026-03-16=2", "system 2026-03-23=0", "system 2026-03-30=0")
	w.expect(t, w.ce02, "org 2026-03-01=1", "org 2026-04-01=0", "system 2026-03-01=1", "system 2026-04-01=0")
	if st := w.lastWeek(t); st != compliance.Met {
		t.Errorf("after the job, the week of 23 March is %q, want met", st)
	}
	if n := w.ta.Count(t, "river_job", "kind = ?", jobs.SeriesArgs{}.Kind()); n != 1 {
		t.Errorf("%d series jobs enqueued, want 1 (unique per hour)", n)
	}

	// Run again within the hour, it finds nothing to change and records nothing.
	events0 := w.ta.Count(t, "audit_events", "")
	if err := (&jobs.SeriesWorker{Series: w.ta.App.Issues}).Work(ctx, &river.Job[jobs.SeriesArgs]{}); err != nil {
		t.Fatal(err)
	}
	if n := w.ta.Count(t, "audit_events", ""); n != events0 {
		t.Errorf("a refresh with nothing new wrote %d audit events", n-events0)
	}
}
