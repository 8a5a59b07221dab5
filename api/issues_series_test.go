package api_test

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"assure/internal/testapp"
	"assure/internal/testdb"
	"assure/models"
	"assure/services/access"
)

// seriesValues reads one derived standard's stored values as
// "system-or-org date=value" lines, sorted, for comparison with a hand-worked
// expectation. table is measurements (source issues) or series_values.
func seriesValues(t *testing.T, ta *testapp.App, table, code string, names map[string]string) string {
	t.Helper()
	var rows []struct {
		SystemID    *string
		PeriodStart time.Time
		Value       float64
	}
	q := `SELECT m.system_id, m.period_start, m.value FROM ` + table + ` m JOIN standards s ON s.id = m.standard_id WHERE s.code = ?`
	if table == "measurements" {
		q += " AND m.source = 'issues'"
	}
	if err := ta.App.DB.Gorm.Raw(q, code).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		who := "org"
		if r.SystemID != nil {
			who = names[*r.SystemID]
		}
		out = append(out, fmt.Sprintf("%s %s=%g", who, r.PeriodStart.Format(time.DateOnly), r.Value))
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

func expectSeries(t *testing.T, ta *testapp.App, code string, names map[string]string, want ...string) {
	t.Helper()
	sort.Strings(want)
	w := strings.Join(want, "\n")
	if got := seriesValues(t, ta, "measurements", code, names); got != w {
		t.Errorf("%s measurements:\n%s\nwant:\n%s", code, got, w)
	}
	// The judged series agrees: the explicit organisation-wide value wins over
	// a roll-up of the systems (which would miss "not sure" reports).
	if got := seriesValues(t, ta, "series_values", code, names); got != w {
		t.Errorf("%s series_values:\n%s\nwant:\n%s", code, got, w)
	}
}

func derivedStandard(t *testing.T, ta *testapp.App, code, unit string, period models.Period, systems ...string) {
	t.Helper()
	var id string
	err := ta.App.DB.Gorm.Raw(`INSERT INTO standards (id, code, title, category, metric, unit, direction, threshold, period, rollup)
		VALUES (gen_random_uuid(), ?, ?, 'clinician_experience', ?, ?, 'lower_is_better', 40, ?, 'sum') RETURNING id`,
		code, code+" derived", code+" metric", unit, period).Scan(&id).Error
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range systems {
		if err := ta.App.DB.Gorm.Exec("INSERT INTO standard_systems (standard_id, system_id) VALUES (?, ?)", id, s).Error; err != nil {
			t.Fatal(err)
		}
	}
}

// TestDerivedSeries checks CE-01 (hours lost per week) and CE-02 (reports
// with moderate or worse harm per month) against sums worked out by hand,
// on a database of its own so no other test's reports count.
func TestDerivedSeries(t *testing.T) {
	ta := testapp.NewWithDB(t, testdb.New(t))
	// Wednesday 18 March 2026, noon: the current week starts Monday 16 March.
	ta.Clock.Set(time.Date(2026, 3, 18, 12, 0, 0, 0, time.UTC))
	w := newIssueWorld(t, ta)
	s1, s2, s3 := w.system, w.system2, issueSystem(t, ta, "Out of scope")
	names := map[string]string{s1: "S1", s2: "S2", s3: "S3"}

	// Without CE-01 and CE-02 in the catalogue nothing is derived.
	early := w.file(t, w.clinTok, with(w.minimal("Before the standards"), "minutes_lost", 5, "started_at", "2026-03-18T08:00:00Z"))
	if n := ta.Count(t, "measurements", "source = 'issues'"); n != 0 {
		t.Fatalf("derived %d values with no derived standards", n)
	}
	derivedStandard(t, ta, "CE-01", "hours", models.PeriodWeek, s1, s2)
	derivedStandard(t, ta, "CE-02", "count", models.PeriodMonth, s1, s2)
	// Take the early report out of the picture (0 minutes), which also
	// derives the series for the first time.
	r := ta.Do(t, testapp.Request{Method: http.MethodPatch, Path: "/api/v1/issues/" + early["id"].(string), Token: w.clinTok,
		Body: map[string]any{"minutes_lost": 0}})
	if r.Code != http.StatusOK {
		t.Fatalf("edit: %d %s", r.Code, r.Body.String())
	}

	rep := func(system, started string, minutes, staff int, physical, psychological string) string {
		b := map[string]any{"title": "Report " + started, "site_id": w.site, "started_at": started,
			"minutes_lost": minutes, "staff_affected": staff, "physical_harm": physical, "psychological_harm": psychological}
		if system == "" {
			b["system_not_sure"] = true
		} else {
			b["system_id"] = system
		}
		return w.file(t, w.clinTok, b)["id"].(string)
	}
	a := rep(s1, "2026-02-25T10:00:00Z", 30, 4, "none", "none")     // 120 min, week of 23 Feb
	b := rep(s1, "2026-02-26T11:00:00Z", 45, 2, "moderate", "none") // 90 min (+20 below), harm
	rep("", "2026-02-24T09:00:00Z", 60, 1, "none", "severe")        // not sure: 60 min, harm, organisation only
	rep(s2, "2026-03-10T08:00:00Z", 10, 3, "none", "none")          // 30 min, week of 9 Mar
	rep(s3, "2026-03-11T15:00:00Z", 12, 5, "severe", "none")        // out of CE scope: 60 min, harm, organisation only
	if r := ta.Post(t, "/api/v1/issues/"+b+"/affected", w.otherTok, map[string]any{"minutes_lost": 20}); r.Code != http.StatusCreated {
		t.Fatalf("affected: %d %s", r.Code, r.Body.String())
	}

	// CE-01, hours: S1 23 Feb = (120 + 90 + 20) / 60 = 3.83; organisation
	// 23 Feb = (230 + 60) / 60 = 4.83, 9 Mar = (30 + 60) / 60 = 1.5. Every
	// week from a series' first report to this week has a value (0 if none).
	expectSeries(t, ta, "CE-01", names,
		"S1 2026-02-23=3.83", "S1 2026-03-02=0", "S1 2026-03-09=0", "S1 2026-03-16=0",
		"S2 2026-03-09=0.5", "S2 2026-03-16=0",
		"org 2026-02-23=4.83", "org 2026-03-02=0", "org 2026-03-09=1.5", "org 2026-03-16=0")
	// CE-02, reports with moderate or worse harm: S1 February 1 (b);
	// organisation February 2 (b and the "not sure" one), March 1 (S3's).
	expectSeries(t, ta, "CE-02", names,
		"S1 2026-02-01=1", "S1 2026-03-01=0",
		"S2 2026-03-01=0",
		"org 2026-02-01=2", "org 2026-03-01=1")

	patch := func(id string, body map[string]any) {
		t.Helper()
		r := ta.Do(t, testapp.Request{Method: http.MethodPatch, Path: "/api/v1/issues/" + id, Token: w.improverTok, Body: body})
		if r.Code != http.StatusOK {
			t.Fatalf("edit: %d %s", r.Code, r.Body.String())
		}
	}

	// Moving a to the week of 2 March moves its 120 minutes: S1 23 Feb =
	// 110 / 60 = 1.83, 2 Mar = 2; organisation 23 Feb = 170 / 60 = 2.83.
	patch(a, map[string]any{"started_at": "2026-03-04T10:00:00Z"})
	expectSeries(t, ta, "CE-01", names,
		"S1 2026-02-23=1.83", "S1 2026-03-02=2", "S1 2026-03-09=0", "S1 2026-03-16=0",
		"S2 2026-03-09=0.5", "S2 2026-03-16=0",
		"org 2026-02-23=2.83", "org 2026-03-02=2", "org 2026-03-09=1.5", "org 2026-03-16=0")

	// Moving b to S2, no longer harmful: S1's series now starts in the week of
	// 2 March (its February values go), S2's in the week of 23 February.
	patch(b, map[string]any{"system_id": s2, "physical_harm": "low"})
	expectSeries(t, ta, "CE-01", names,
		"S1 2026-03-02=2", "S1 2026-03-09=0", "S1 2026-03-16=0",
		"S2 2026-02-23=1.83", "S2 2026-03-02=0", "S2 2026-03-09=0.5", "S2 2026-03-16=0",
		"org 2026-02-23=2.83", "org 2026-03-02=2", "org 2026-03-09=1.5", "org 2026-03-16=0")
	expectSeries(t, ta, "CE-02", names,
		"S1 2026-03-01=0",
		"S2 2026-02-01=0", "S2 2026-03-01=0",
		"org 2026-02-01=1", "org 2026-03-01=1")

	// A refused report changes nothing, derived values included.
	before := seriesValues(t, ta, "measurements", "CE-01", names)
	r = ta.Post(t, "/api/v1/issues", w.clinTok, with(w.minimal("pt 943 476 5919"), "minutes_lost", 600))
	testapp.ExpectProblem(t, r, http.StatusUnprocessableEntity)
	if after := seriesValues(t, ta, "measurements", "CE-01", names); after != before {
		t.Errorf("a refused report changed CE-01:\n%s", after)
	}

	// A week later, the next report carries every series into the new week.
	ta.Clock.Advance(7 * 24 * time.Hour)
	w.refreshTokens(t)
	rep("", "2026-03-24T09:00:00Z", 30, 1, "none", "none")
	got := seriesValues(t, ta, "measurements", "CE-01", names)
	if !strings.Contains(got, "org 2026-03-23=0.5") {
		t.Errorf("organisation's new week:\n%s", got)
	}
	// ... and RefreshAllSeries brings the quiet system series along too.
	if err := ta.App.Issues.RefreshAllSeries(t.Context(), w.improverActor()); err != nil {
		t.Fatal(err)
	}
	got = seriesValues(t, ta, "measurements", "CE-01", names)
	for _, want := range []string{"S1 2026-03-23=0", "S2 2026-03-23=0"} {
		if !strings.Contains(got, want) {
			t.Errorf("after RefreshAllSeries, missing %s:\n%s", want, got)
		}
	}
}

// improverActor is the improver as a service method's actor.
func (w *issueWorld) improverActor() access.Actor {
	return access.Actor{UserID: w.improver.ID, Label: w.improver.Email, Roles: []models.Role{models.RoleImprover}}
}
