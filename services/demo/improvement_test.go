package demo

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"assure/internal/app"
	"assure/internal/config"
	"assure/internal/testdb"
	"assure/models"
	"assure/services/cycles"
	"assure/services/dashboard"
	"assure/services/issues"
)

// TestSeedImprovement seeds the whole demo trust, then the improvement work
// again, and checks it tells docs/demo-trust.md's story: seven cycles across
// the stages, the adopted tap-and-go cycle shifting PF-01 at the catalogue's
// change week, the backup agents cycle adopted in the last quarter with its
// effect on the dashboard, twenty actions with some overdue, two board
// reviews.
func TestSeedImprovement(t *testing.T) {
	db := testdb.New(t)
	cfg, err := config.Load(func(k string) string {
		if k == "ASSURE_DEV" {
			return "true"
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.New(cfg, db, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var out bytes.Buffer
	if err := Seed(ctx, a, &out); err != nil {
		t.Fatalf("seed: %v\n%s", err, out.String())
	}
	if err := seedImprovement(ctx, a, &out); err != nil {
		t.Fatalf("second seed: %v", err)
	}
	if !strings.Contains(out.String(), "already there") {
		t.Errorf("second run did not notice the first:\n%s", out.String())
	}
	count := func(q string, args ...any) int64 {
		t.Helper()
		var n int64
		if err := db.Gorm.Raw(q, args...).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	var stages []string
	if err := db.Gorm.Raw("SELECT stage || coalesce(':' || decision, '') FROM cycles ORDER BY ramp_id, sequence").Scan(&stages).Error; err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(stages, " "); len(stages) != 7 || !strings.Contains(got, "closed:adapt closed:adapt closed:adopt") ||
		!strings.Contains(got, "study") || !strings.Contains(got, "act") || !strings.Contains(got, "abandoned") {
		t.Errorf("cycles %v", stages)
	}
	if n := count("SELECT count(*) FROM actions"); n != 20 {
		t.Errorf("%d actions", n)
	}
	if n := count("SELECT count(*) FROM actions WHERE status IN ('open', 'in_progress') AND due_on < current_date"); n != 5 {
		t.Errorf("%d overdue actions, want 5", n)
	}
	if n := count("SELECT count(*) FROM actions WHERE status IN ('open', 'in_progress') AND due_on < current_date - 14"); n != 2 {
		t.Errorf("%d actions overdue by more than 14 days, want 2", n)
	}
	if n := count("SELECT count(*) FROM reviews"); n != 2 {
		t.Errorf("%d reviews", n)
	}
	if n := count("SELECT count(*) FROM review_items i JOIN reviews r ON r.id = i.review_id WHERE r.status = 'closed' AND i.decision IS NOT NULL"); n != 4 {
		t.Errorf("%d decisions in the closed review", n)
	}
	if n := count("SELECT count(*) FROM review_items i JOIN reviews r ON r.id = i.review_id WHERE r.status = 'open'"); n < 5 {
		t.Errorf("the open review's agenda has %d items", n)
	}
	// Adopting tap-and-go claimed the catalogue's PF-01 rebase at the change week.
	ids, err := LookupCatalogue(ctx, db.Gorm)
	if err != nil {
		t.Fatal(err)
	}
	var tag3 string
	if err := db.Gorm.Raw("SELECT id::text FROM cycles WHERE decision = 'adopt' AND title LIKE 'Tap-and-go%'").Scan(&tag3).Error; err != nil {
		t.Fatal(err)
	}
	if n := count("SELECT count(*) FROM standard_rebases WHERE standard_id = ? AND period = ? AND source = 'cycle' AND cycle_id = ?",
		ids.Standards["PF-01"].ID, PF01ChangeWeek(a.Now()), tag3); n != 1 {
		t.Errorf("PF-01's rebase is not the adopted cycle's")
	}
	// The clinician login sees on their reports what became of them: the
	// adopted tap-and-go change on a slow log-in report, the Wi-Fi cycle
	// still running on a Ward 7 report.
	clinician, err := userActor(db.Gorm, Users[0].Email)
	if err != nil {
		t.Fatal(err)
	}
	mine, err := a.Issues.List(ctx, clinician, issues.Filter{Mine: true, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var adopted, running bool
	for _, r := range mine.Items {
		for _, c := range r.Cycles {
			adopted = adopted || (c.ID == tag3 && c.Outcome != nil && c.Outcome.Decision == models.DecisionAdopt)
			running = running || (c.Stage.Open() && c.Via == issues.ViaProblem)
		}
	}
	if !adopted || !running {
		t.Errorf("the clinician's reports show the adopted cycle %v, a running one through a problem %v", adopted, running)
	}
	// CE-01 and CE-02 have series per reported system, not only the organisation's.
	for _, code := range []string{"CE-01", "CE-02"} {
		if n := count(`SELECT count(DISTINCT system_id) FROM series_values WHERE standard_id = ? AND system_id IS NOT NULL`,
			ids.Standards[code].ID); n != int64(len(reportedSystems)) {
			t.Errorf("%s has series for %d systems, want %d", code, n, len(reportedSystems))
		}
	}
	ev, err := a.Cycles.Evidence(ctx, tag3)
	if err != nil {
		t.Fatal(err)
	}
	pf01 := ev.Measures[0]
	if pf01.Code != "PF-01" || pf01.Before == nil || pf01.After == nil || *pf01.Before.Mean < 19 || *pf01.After.Mean > 13 ||
		pf01.Verdict != cycles.VerdictSupports || pf01.ChangePeriod != PF01ChangeWeek(a.Now()) {
		t.Errorf("PF-01 evidence: %s before %v after %v verdict %s change %s", pf01.Code, pf01.Before, pf01.After, pf01.Verdict, pf01.ChangePeriod)
	}

	// The backup agents cycle was adopted in the last quarter, rebased BR-02
	// at its change week, and the dashboard lists it with a better BR-02.
	var agents struct {
		ID             string
		StageChangedAt time.Time
	}
	if err := db.Gorm.Raw("SELECT id::text AS id, stage_changed_at FROM cycles WHERE title = ? AND decision = 'adopt'",
		backupAgentsCycle).Scan(&agents).Error; err != nil {
		t.Fatal(err)
	}
	if age := a.Now().Sub(agents.StageChangedAt); agents.ID == "" || age < 4*7*24*time.Hour || age > 8*7*24*time.Hour {
		t.Errorf("the backup agents cycle %q was adopted %s ago, want four to eight weeks", agents.ID, age)
	}
	if n := count("SELECT count(*) FROM standard_rebases WHERE standard_id = ? AND period = ? AND source = 'cycle' AND cycle_id = ?",
		ids.Standards["BR-02"].ID, BR02ChangeWeek(a.Now()), agents.ID); n != 1 {
		t.Errorf("BR-02 has no rebase at the backup agents change week")
	}
	data, err := a.Dashboard.Data(ctx)
	if err != nil {
		t.Fatal(err)
	}
	dash, err := data.Dashboard(dashboard.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, c := range dash.Improvement.Adopted {
		if c.Cycle.ID != agents.ID {
			continue
		}
		found = true
		if len(c.Effects) != 1 {
			t.Fatalf("the backup agents change has %d effects, want BR-02's", len(c.Effects))
		}
		e := c.Effects[0]
		if e.Standard.Code != "BR-02" || !e.ChangePeriod.Equal(BR02ChangeWeek(a.Now())) || e.MeanBefore == nil || e.MeanAfter == nil ||
			*e.MeanBefore > 99.6 || *e.MeanAfter < 99.75 || e.PointsAfter < 12 || e.Better == nil || !*e.Better {
			t.Errorf("BR-02 effect: %s from %s, %d points before (mean %v), %d after (mean %v), better %v", e.Standard.Code,
				e.ChangePeriod.Format(time.DateOnly), e.PointsBefore, e.MeanBefore, e.PointsAfter, e.MeanAfter, e.Better)
		}
	}
	if !found {
		t.Errorf("the dashboard lists %d changes adopted since %s, not the backup agents one",
			len(dash.Improvement.Adopted), dash.Improvement.AdoptedSince.Format(time.DateOnly))
	}
	ev, err = a.Cycles.Evidence(ctx, agents.ID)
	if err != nil {
		t.Fatal(err)
	}
	if br02 := ev.Measures[0]; br02.Code != "BR-02" || br02.Verdict != cycles.VerdictSupports || br02.PredictedSizeReached == nil || !*br02.PredictedSizeReached {
		t.Errorf("BR-02 evidence: %s verdict %s, predicted size reached %v", br02.Code, br02.Verdict, br02.PredictedSizeReached)
	}
}
