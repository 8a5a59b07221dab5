package demo

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"assure/internal/app"
	"assure/internal/config"
	"assure/internal/testdb"
	"assure/models"
	"assure/services/access"
	"assure/services/auth"
)

// TestSeedIssues files the demo reports over a catalogue with the demo
// trust's names, twice, and checks they tell the story docs/demo-trust.md
// gives them.
func TestSeedIssues(t *testing.T) {
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
	g := db.Gorm
	exec := func(q string, args ...any) {
		t.Helper()
		if err := g.Exec(q, args...).Error; err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range []string{siteRoyal, siteEastfield, siteWestbrook, siteChildrens} {
		exec("INSERT INTO sites (id, name) VALUES (?, ?)", uuid.NewString(), s)
	}
	var systems []string
	for _, s := range []string{sysEPR, sysPACS, sysEPMA, sysLIS, sysTheatres, sysFlow, sysNetwork, sysWiFi, sysSSO, sysWorkstations, sysServiceDesk} {
		id := uuid.NewString()
		systems = append(systems, id)
		exec("INSERT INTO systems (id, name, criticality) VALUES (?, ?, 'high')", id, s)
	}
	for _, st := range []struct{ code, unit, period string }{{"CE-01", "hours", "week"}, {"CE-02", "count", "month"}} {
		id := uuid.NewString()
		exec(`INSERT INTO standards (id, code, title, category, metric, unit, direction, threshold, period, rollup)
			VALUES (?, ?, ?, 'clinician_experience', 'm', ?, 'lower_is_better', 40, ?, 'sum')`, id, st.code, st.code, st.unit, st.period)
		for _, s := range systems {
			exec("INSERT INTO standard_systems (standard_id, system_id) VALUES (?, ?)", id, s)
		}
	}
	if _, err := a.Auth.CreateUser(ctx, access.System("test"), auth.NewUser{
		Email: "improver@demo.assure.test", Name: "Sam Okafor", Roles: []models.Role{models.RoleImprover}}); err != nil {
		t.Fatal(err)
	}

	var out bytes.Buffer
	if err := seedIssues(ctx, a, &out); err != nil {
		t.Fatalf("seed: %v\n%s", err, out.String())
	}
	count := func(q string, args ...any) int64 {
		t.Helper()
		var n int64
		if err := g.Raw(q, args...).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	reports := count("SELECT count(*) FROM issues")
	if reports < 55 || reports > 65 {
		t.Errorf("%d reports, want about 60", reports)
	}
	if n := count("SELECT count(DISTINCT reporter_id) FROM issues"); n < 5 {
		t.Errorf("%d reporters", n)
	}
	if n := count(`SELECT count(*) FROM issues i JOIN problems p ON p.id = i.problem_id JOIN sites s ON s.id = i.site_id
		WHERE p.title = 'Ward 7 Wi-Fi drop-outs (Eastfield)' AND s.name = ? AND i.location = 'Ward 7'`, siteEastfield); n != 14 {
		t.Errorf("Ward 7 Wi-Fi problem groups %d reports, want 14", n)
	}
	if n := count("SELECT count(*) FROM problems"); n != int64(len(demoProblems)) {
		t.Errorf("%d problems, want %d", n, len(demoProblems))
	}
	if n := count("SELECT count(*) FROM issues WHERE status = 'new'"); n == 0 {
		t.Error("nothing waiting for triage")
	}
	if n := count("SELECT count(*) FROM issues WHERE started_at < now() - interval '2 years' - interval '1 day'"); n != 0 {
		t.Errorf("%d reports older than the two demo years", n)
	}
	// CE-01 weekly over about two years, organisation-wide, with a spike in
	// the outage week; CE-02 monthly.
	if n := count(`SELECT count(*) FROM measurements m JOIN standards s ON s.id = m.standard_id
		WHERE s.code = 'CE-01' AND m.system_id IS NULL AND m.source = 'issues'`); n < 100 {
		t.Errorf("CE-01 has %d organisation-wide weeks, want about 104", n)
	}
	if n := count(`SELECT count(*) FROM series_values v JOIN standards s ON s.id = v.standard_id
		WHERE s.code = 'CE-01' AND v.system_id IS NULL AND v.value > 40`); n == 0 {
		t.Error("no CE-01 week breaches 40 hours (the network outage should)")
	}
	if n := count(`SELECT count(*) FROM series_values v JOIN standards s ON s.id = v.standard_id
		WHERE s.code = 'CE-02' AND v.system_id IS NULL AND v.value > 0`); n < 4 {
		t.Errorf("CE-02 has %d months with harm, want several", n)
	}

	t.Log(out.String())
	before := map[string]int64{}
	for _, table := range []string{"issues", "problems", "issue_events", "issue_affected", "notifications", "measurements"} {
		before[table] = count("SELECT count(*) FROM " + table)
	}
	if err := seedIssues(ctx, a, &out); err != nil {
		t.Fatalf("seed again: %v", err)
	}
	for table, n := range before {
		if after := count("SELECT count(*) FROM " + table); after != n {
			t.Errorf("seeding twice changed %s: %d → %d", table, n, after)
		}
	}
}

// TestDerivedStandardsCoverTheReportedSystems: CE-01 and CE-02 apply to
// every catalogue system a demo report names, and to no other, so each such
// system has its own series of time lost and harm beside the organisation's.
func TestDerivedStandardsCoverTheReportedSystems(t *testing.T) {
	now := time.Now().UTC()
	named := map[string]bool{}
	for _, r := range demoReports(now, now.AddDate(0, -14, 0)) {
		if r.system != notSure {
			named[r.system] = true
		}
	}
	catalogue := map[string]bool{}
	for _, s := range CatalogueSystems {
		catalogue[s.Name] = true
	}
	for name := range named {
		if !catalogue[name] {
			t.Errorf("a demo report names %q, which is not a catalogue system", name)
		}
	}
	for _, st := range CatalogueStandards {
		if st.Code != "CE-01" && st.Code != "CE-02" {
			continue
		}
		scope := map[string]bool{}
		for _, s := range st.Systems {
			scope[s] = true
		}
		if !maps.Equal(scope, named) {
			t.Errorf("%s applies to %v, want the systems the reports name: %v", st.Code, st.Systems, slices.Sorted(maps.Keys(named)))
		}
	}
}
