package api_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"

	"assure/internal/testapp"
	"assure/internal/testdb"
	"assure/models"
	"assure/services/access"
	"assure/services/auth"
)

// dashWorld is a small trust built for the dashboard tests in a database of
// its own (the package's shared database holds other tests' standards, and
// the dashboard counts everything). The clock stands at Wednesday
// 2026-03-18, so the last complete month is February (the one before,
// January) and the last complete week starts 2026-03-09.
//
//	sites    North, South
//	systems  Alpha (Acme Health, North, owner Olivia), Bravo (Acme Health,
//	         South, owner Oscar), Charlie (Beta Networks, North and South)
//	T1-01    availability ≥ 99 on Alpha, Bravo, Charlie; owner Olivia
//	         Dec: 99.1 99.3 99.0   Jan: 99.2 99.4 99.6   Feb: 99.5 98.0 —
//	T2-01    security ≥ 95 on Alpha; owner Oscar; Jan 96, Feb 90 under an
//	         exception for Alpha 10–20 Feb (so Feb is excepted)
//	T3-01    backup ≥ 100 organisation-wide; owner Olivia; Dec 100, Jan 100,
//	         Feb nothing (missing)
//	CE-01    clinician hours lost ≤ 40 a week, derived from the reports
//	T9-01    a draft (never counted)
//	reports  R1 Alpha/North 10 Mar, 2 staff × 30 min
//	         R2 Charlie/South 3 Mar, 90 min, moderate physical harm
//	         R3 system not known/North 24 Feb, 45 min
//	         R4 Alpha/North 17 Mar (this week: outside the window), 30 min
//	cycles   C1 adopted (closed 15 Feb; change from 1 Jan on T1, rebased),
//	         C2 in Study (T1), C3 in Plan past its planned end 1 Mar (T2)
//	actions  A1 Olivia due 1 Mar (T1), A2 Oscar due 10 Mar (T2),
//	         A3 Olivia due 1 Apr, A4 done 20 Feb
//	review   March board (open) with T1 undecided on its agenda
//	problem  "Alpha freezes" on Alpha, opened 8 Mar
type dashWorld struct {
	ta                         *testapp.App
	admin, exec, clinician     string
	north, south               string
	alpha, bravo, charlie      string
	t1, t2, t3, ce01, t9       string
	olivia, oscar, reporter    models.User
	c1, c2, c3                 string
	a1, a2, a3, a4             string
	review, problem            string
	reportIDs                  []string
	reporterEmail, secretTexts []string
}

var dashNow = time.Date(2026, 3, 18, 12, 0, 0, 0, time.UTC)

func dashDay(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func newDashWorld(t testing.TB) *dashWorld {
	t.Helper()
	ta := testapp.NewWithDB(t, testdb.New(t))
	ta.Clock.Set(dashNow)
	w := &dashWorld{ta: ta}
	w.admin = ta.Token(t, models.RoleAdmin)
	w.exec = ta.Token(t, models.RoleExecutive)
	w.clinician = ta.Token(t, models.RoleClinician)
	w.olivia = w.user(t, "Olivia Owner", "olivia", models.RoleImprover)
	w.oscar = w.user(t, "Oscar Owner", "oscar", models.RoleImprover)
	w.reporter = w.user(t, "Reporter Zebrafinch", "zebrafinch", models.RoleClinician)
	w.reporterEmail = []string{w.reporter.Email}

	w.north = w.create(t, "/api/v1/sites", map[string]any{"name": "North"})
	w.south = w.create(t, "/api/v1/sites", map[string]any{"name": "South"})
	w.alpha = w.create(t, "/api/v1/systems", map[string]any{"name": "Alpha", "supplier": "Acme Health",
		"criticality": "critical", "site_ids": []string{w.north}, "owner_id": w.olivia.ID})
	w.bravo = w.create(t, "/api/v1/systems", map[string]any{"name": "Bravo", "supplier": "Acme Health",
		"criticality": "high", "site_ids": []string{w.south}, "owner_id": w.oscar.ID})
	w.charlie = w.create(t, "/api/v1/systems", map[string]any{"name": "Charlie", "supplier": "Beta Networks",
		"criticality": "critical", "site_ids": []string{w.north, w.south}})

	std := func(code, title, category, unit, direction string, threshold float64, period string, systems []string, owner string, status string) string {
		return w.create(t, "/api/v1/standards", map[string]any{"code": code, "title": title, "category": category,
			"metric": title, "unit": unit, "direction": direction, "threshold": threshold, "period": period, "rollup": "mean",
			"system_ids": systems, "owner_id": owner, "status": status, "effective_from": "2025-01-01"})
	}
	w.t1 = std("T1-01", "Availability", "availability", "percent", "higher_is_better", 99, "month",
		[]string{w.alpha, w.bravo, w.charlie}, w.olivia.ID, "active")
	w.t2 = std("T2-01", "Patch compliance", "security", "percent", "higher_is_better", 95, "month",
		[]string{w.alpha}, w.oscar.ID, "active")
	w.t3 = std("T3-01", "Backup verified", "backup_recovery", "percent", "higher_is_better", 100, "month",
		[]string{}, w.olivia.ID, "active")
	w.ce01 = w.create(t, "/api/v1/standards", map[string]any{"code": "CE-01", "title": "Clinician time lost to IT",
		"category": "clinician_experience", "metric": "Hours lost", "unit": "hours", "direction": "lower_is_better",
		"threshold": 40, "period": "week", "rollup": "sum", "owner_id": w.oscar.ID, "status": "active", "effective_from": "2025-01-01"})
	w.t9 = std("T9-01", "A draft", "availability", "percent", "higher_is_better", 50, "month", []string{w.alpha}, w.oscar.ID, "draft")

	var rows []map[string]any
	add := func(code, system, period string, v float64) {
		m := map[string]any{"standard": code, "period_start": period, "value": v}
		if system != "" {
			m["system"] = system
		}
		rows = append(rows, m)
	}
	for sys, vs := range map[string][3]float64{"Alpha": {99.1, 99.2, 99.5}, "Bravo": {99.3, 99.4, 98.0}, "Charlie": {99.0, 99.6, -1}} {
		for i, p := range []string{"2025-12-01", "2026-01-01", "2026-02-01"} {
			if vs[i] >= 0 {
				add("T1-01", sys, p, vs[i])
			}
		}
	}
	add("T2-01", "Alpha", "2026-01-01", 96)
	add("T2-01", "Alpha", "2026-02-01", 90)
	add("T3-01", "", "2025-12-01", 100)
	add("T3-01", "", "2026-01-01", 100)
	add("T9-01", "Alpha", "2026-02-01", 10)
	r := ta.Post(t, "/api/v1/measurements/batch", w.admin, map[string]any{"measurements": rows})
	dashExpect(t, r, http.StatusOK)
	w.create(t, "/api/v1/standards/"+w.t2+"/exceptions", map[string]any{"reason": "Patching freeze for the EPR upgrade",
		"system_id": w.alpha, "starts_on": "2026-02-10", "expires_on": "2026-02-20"})

	// Reports, filed by the reporter with text that must never be published.
	w.secretTexts = []string{"ZEBRA-TITLE", "ZEBRA-DESCRIPTION", "ZEBRA-LOCATION", "ZEBRA-WORKAROUND", "Zebrafinch"}
	reporterToken := ta.TokenFor(t, w.reporter)
	file := func(system, site, started string, minutes, staff int, harm string) {
		body := map[string]any{"title": "ZEBRA-TITLE " + started, "description": "ZEBRA-DESCRIPTION of what happened",
			"site_id": site, "location": "Ward ZEBRA-LOCATION", "started_at": started, "duration_minutes": 20,
			"minutes_lost": minutes, "staff_affected": staff, "workaround_used": true, "workaround": "ZEBRA-WORKAROUND on paper",
			"physical_harm": harm, "psychological_harm": "none"}
		if system != "" {
			body["system_id"] = system
		} else {
			body["system_not_sure"] = true
		}
		w.reportIDs = append(w.reportIDs, w.createAs(t, reporterToken, "/api/v1/issues", body))
	}
	file(w.alpha, w.north, "2026-03-10T09:00:00Z", 30, 2, "none")
	file(w.charlie, w.south, "2026-03-03T09:00:00Z", 90, 1, "moderate")
	file("", w.north, "2026-02-24T09:00:00Z", 45, 1, "none")
	file(w.alpha, w.north, "2026-03-17T09:00:00Z", 30, 1, "none")

	// Improvement work, written straight to the tables: these tests are about
	// what the dashboard reads, not about the cycle and action rules.
	db := ta.App.DB.Gorm
	exec := func(sql string, args ...any) {
		t.Helper()
		if err := db.Exec(sql, args...).Error; err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	id := func() string { return uuid.Must(uuid.NewV7()).String() }
	cycle := func(title, stage string, owner *models.User, decision any, changed time.Time, doStarted, plannedEnd any, std, role string) string {
		c := id()
		var ownerID any
		if owner != nil {
			ownerID = owner.ID
		}
		rationale := ""
		if decision != nil {
			rationale = "Because the data say so"
		}
		exec(`INSERT INTO cycles (id, ramp_id, sequence, title, owner_id, stage, decision, rationale, stage_changed_at,
			do_started_on, planned_end, created_at, updated_at) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c, id(), title, ownerID, stage, decision, rationale, changed, doStarted, plannedEnd, changed, changed)
		exec(`INSERT INTO cycle_measures (cycle_id, standard_id, position, role) VALUES (?, ?, 1, ?)`, c, std, role)
		return c
	}
	w.c1 = cycle("Faster failover", "closed", &w.olivia, "adopt", dashDay("2026-02-15"), dashDay("2026-01-01"), nil, w.t1, "outcome")
	exec(`INSERT INTO standard_rebases (id, standard_id, period, reason, source, cycle_id) VALUES (?, ?, '2026-01-01', 'Adopted change: Faster failover', 'cycle', ?)`,
		id(), w.t1, w.c1)
	w.c2 = cycle("Wi-Fi survey", "study", &w.olivia, nil, dashDay("2026-03-01"), dashDay("2026-02-01"), nil, w.t1, "process")
	w.c3 = cycle("Patch window", "plan", &w.oscar, nil, dashDay("2026-02-01"), nil, dashDay("2026-03-01"), w.t2, "outcome")

	action := func(title string, owner models.User, due, status string, completed any, std string) string {
		a := id()
		exec(`INSERT INTO actions (id, title, owner_id, due_on, status, completed_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			a, title, owner.ID, due, status, completed, dashNow, dashNow)
		if std != "" {
			exec(`INSERT INTO action_standards (action_id, standard_id) VALUES (?, ?)`, a, std)
		}
		return a
	}
	w.a1 = action("Replace the core switch", w.olivia, "2026-03-01", "open", nil, w.t1)
	w.a2 = action("Patch the servers", w.oscar, "2026-03-10", "in_progress", nil, w.t2)
	w.a3 = action("Write the runbook", w.olivia, "2026-04-01", "open", nil, "")
	w.a4 = action("Order spares", w.olivia, "2026-02-25", "done", "2026-02-20", "")

	w.review = id()
	exec(`INSERT INTO reviews (id, title, meeting_date, status, created_at, updated_at) VALUES (?, 'March board', '2026-03-25', 'open', ?, ?)`,
		w.review, dashNow, dashNow)
	exec(`INSERT INTO review_items (id, review_id, position, kind, entity_id, title, source) VALUES (?, ?, 1, 'standard', ?, 'T1-01 Availability', 'manual')`,
		id(), w.review, w.t1)
	w.problem = id()
	exec(`INSERT INTO problems (id, title, system_id, status, created_at, updated_at) VALUES (?, 'Alpha freezes at login', ?, 'open', ?, ?)`,
		w.problem, w.alpha, dashDay("2026-03-08"), dashDay("2026-03-08"))
	return w
}

func (w *dashWorld) user(t testing.TB, name, local string, roles ...models.Role) models.User {
	t.Helper()
	u, err := w.ta.App.Auth.CreateUser(context.Background(), access.System("test"), auth.NewUser{
		Email: testapp.UniqueEmail(local), Name: name, Roles: roles})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func (w *dashWorld) create(t testing.TB, path string, body map[string]any) string {
	t.Helper()
	return w.createAs(t, w.admin, path, body)
}

func (w *dashWorld) createAs(t testing.TB, token, path string, body map[string]any) string {
	t.Helper()
	r := w.ta.Post(t, path, token, body)
	return dashExpect(t, r, http.StatusCreated)["id"].(string)
}

// get fetches path as the executive and decodes the JSON answer into v.
func (w *dashWorld) get(t testing.TB, path string, v any) {
	t.Helper()
	r := w.ta.Get(t, path, w.exec)
	if r.Code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, r.Code, r.Body.String())
	}
	r.JSON(t, v)
}

// dashExpect fails unless r has status, showing the body, and decodes it.
func dashExpect(t testing.TB, r testapp.Response, status int) map[string]any {
	t.Helper()
	if r.Code != status {
		t.Fatalf("status %d, want %d: %s", r.Code, status, r.Body.String())
	}
	return r.Map(t)
}
