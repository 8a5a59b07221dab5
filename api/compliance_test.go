package api_test

import (
	"net/http"
	"testing"
	"time"

	"assure/internal/testapp"
	"assure/models"
)

// seriesValue writes one judged value straight into series_values, as the
// measurements service would (systemID "" is the organisation roll-up).
func (f *catalogueFixture) seriesValue(t *testing.T, standardID, systemID, period string, value float64) {
	t.Helper()
	var sys any
	if systemID != "" {
		sys = systemID
	}
	err := f.ta.App.DB.Gorm.Exec(`INSERT INTO series_values (standard_id, system_id, period_start, value)
VALUES (?, ?, ?, ?)`, standardID, sys, period, value).Error
	if err != nil {
		t.Fatal(err)
	}
}

// exception approves an exception as the fixture's admin.
func (f *catalogueFixture) exception(t *testing.T, standardID string, body map[string]any) {
	t.Helper()
	body["reason"] = "test exception"
	expectStatus(t, f.ta.Post(t, "/api/v1/standards/"+standardID+"/exceptions", f.admin, body), http.StatusCreated)
}

type compliancePeriod struct {
	PeriodStart string   `json:"period_start"`
	Value       *float64 `json:"value"`
	Status      string   `json:"status"`
	Threshold   float64  `json:"threshold"`
	Target      *float64 `json:"target"`
	Direction   string   `json:"direction"`
	RevisionID  string   `json:"revision_id"`
	RollingRate *float64 `json:"rolling_rate"`
}

type complianceBody struct {
	StandardID string             `json:"standard_id"`
	SystemID   *string            `json:"system_id"`
	Period     string             `json:"period"`
	From       *string            `json:"from"`
	To         *string            `json:"to"`
	Periods    []compliancePeriod `json:"periods"`
	Rate       *float64           `json:"rate"`
	Counts     map[string]int     `json:"counts"`
}

func (f *catalogueFixture) compliance(t *testing.T, standardID, query string) complianceBody {
	t.Helper()
	r := f.ta.Get(t, "/api/v1/standards/"+standardID+"/compliance?"+query, f.ta.Token(t, models.RoleBoard))
	expectStatus(t, r, http.StatusOK)
	var b complianceBody
	r.JSON(t, &b)
	return b
}

func expectRate(t *testing.T, what string, got *float64, want float64) {
	t.Helper()
	switch {
	case want < 0 && got != nil:
		t.Errorf("%s = %v, want null", what, *got)
	case want >= 0 && (got == nil || *got < want-1e-9 || *got > want+1e-9):
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

// The standard of these tests: monthly, higher is better, threshold 95 from
// 2025-01-01 and 97 from 2025-10-01; systems A (at site S1) and B (at S2).
// "Now" is 2026-03-18, so the last complete period is February 2026.
func TestComplianceJudgesEachPeriodByTheRevisionInForce(t *testing.T) {
	f := newCatalogueFixtureAt(t, time.Date(2026, 3, 18, 10, 0, 0, 0, time.UTC))
	owner := f.ta.UserWith(t, models.RoleImprover)
	s1, s2 := f.site(t), f.site(t)
	a := f.system(t, map[string]any{"site_ids": []string{s1}})["id"].(string)
	b := f.system(t, map[string]any{"site_ids": []string{s2}})["id"].(string)
	st := f.standard(t, map[string]any{"threshold": 95, "target": 99, "effective_from": "2025-01-01",
		"owner_id": owner.ID, "status": "active", "system_ids": []string{a, b}})
	id := st["id"].(string)
	expectStatus(t, f.patch(t, "/api/v1/standards/"+id, f.admin, map[string]any{"threshold": 97, "effective_from": "2025-10-01"}, ""), http.StatusOK)
	for period, v := range map[string]float64{
		"2025-07-01": 96, "2025-08-01": 94 /* September missing */, "2025-10-01": 96, "2025-11-01": 98,
		"2025-12-01": 90, "2026-01-01": 97, "2026-02-01": 96.5, "2026-03-01": 99, // March is not complete
	} {
		f.seriesValue(t, id, "", period, v)
	}
	f.seriesValue(t, id, a, "2025-11-01", 90)
	f.seriesValue(t, id, a, "2025-12-01", 90)
	f.seriesValue(t, id, a, "2026-02-01", 80)
	f.seriesValue(t, id, b, "2026-02-01", 96)
	// Organisation-wide for a few days of December; at S1 through 10 February.
	f.exception(t, id, map[string]any{"starts_on": "2025-12-10", "expires_on": "2025-12-20"})
	f.exception(t, id, map[string]any{"site_id": s1, "starts_on": "2026-01-01", "expires_on": "2026-02-10"})

	type want struct {
		start, status string
		threshold     float64
		rolling       float64 // -1: null
	}
	check := func(t *testing.T, got complianceBody, wants []want) {
		t.Helper()
		if len(got.Periods) != len(wants) {
			t.Fatalf("%d periods, want %d: %+v", len(got.Periods), len(wants), got.Periods)
		}
		for i, w := range wants {
			p := got.Periods[i]
			if p.PeriodStart != w.start || p.Status != w.status || p.Threshold != w.threshold {
				t.Errorf("period %d: %s %s threshold %v, want %s %s %v", i, p.PeriodStart, p.Status, p.Threshold, w.start, w.status, w.threshold)
			}
			expectRate(t, "rolling_rate of "+w.start, p.RollingRate, w.rolling)
		}
	}

	got := f.compliance(t, id, "from=2025-07-15")
	check(t, got, []want{
		{"2025-07-01", "met", 95, 1},
		{"2025-08-01", "breached", 95, 0.5},
		{"2025-09-01", "missing", 95, 0.5},
		{"2025-10-01", "breached", 97, 1.0 / 3},
		{"2025-11-01", "met", 97, 0.5},
		{"2025-12-01", "excepted", 97, 0.5},
		{"2026-01-01", "met", 97, 0.6}, // equal to the threshold is met
		{"2026-02-01", "breached", 97, 0.5},
	})
	if got.Periods[2].Value != nil || *got.Periods[7].Value != 96.5 || *got.Periods[0].Target != 99 {
		t.Errorf("values %+v", got.Periods)
	}
	if got.Periods[0].RevisionID == got.Periods[3].RevisionID || got.Periods[3].RevisionID != got.Periods[7].RevisionID {
		t.Errorf("revision ids %s %s %s", got.Periods[0].RevisionID, got.Periods[3].RevisionID, got.Periods[7].RevisionID)
	}
	expectRate(t, "rate", got.Rate, 0.5)
	if c := got.Counts; c["met"] != 3 || c["breached"] != 3 || c["excepted"] != 1 || c["missing"] != 1 {
		t.Errorf("counts %v", c)
	}
	if got.SystemID != nil || got.Period != "month" || *got.From != "2025-07-01" || *got.To != "2026-02-01" {
		t.Errorf("window %+v", got)
	}

	// Without from, the series starts at its first value; to is moved to its period's start.
	if d := f.compliance(t, id, ""); len(d.Periods) != 8 || d.Periods[0].PeriodStart != "2025-07-01" {
		t.Errorf("default window %+v", d.Periods)
	}
	if d := f.compliance(t, id, "to=2025-12-15"); len(d.Periods) != 6 || *d.To != "2025-12-01" {
		t.Errorf("to December: %+v", d.Periods)
	}
	// Asking past the last complete period stops there.
	if d := f.compliance(t, id, "from=2025-07-01&to=2026-12-31"); *d.To != "2026-02-01" {
		t.Errorf("to %v, want the last complete period", *d.To)
	}

	// System A: November breached; December excused by the organisation-wide
	// exception; January (no value) and February by A's site's exception.
	got = f.compliance(t, id, "system_id="+a+"&from=2025-11-01")
	check(t, got, []want{
		{"2025-11-01", "breached", 97, 0},
		{"2025-12-01", "excepted", 97, 0},
		{"2026-01-01", "excepted", 97, 0},
		{"2026-02-01", "excepted", 97, 0},
	})
	if got.SystemID == nil || *got.SystemID != a || got.Counts["excepted"] != 3 {
		t.Errorf("system A %+v", got)
	}
	// System B is at S2: the S1 exception does not excuse it.
	got = f.compliance(t, id, "system_id="+b+"&from=2026-01-01")
	check(t, got, []want{{"2026-01-01", "missing", 97, -1}, {"2026-02-01", "breached", 97, 0}})

	// The catalogue's filter judges the roll-up's last complete period.
	code := st["code"].(string)
	filtered := func(status string) bool {
		t.Helper()
		body := expectStatus(t, f.ta.Get(t, "/api/v1/standards?compliance="+status+"&q="+code, f.admin), http.StatusOK)
		return len(body["items"].([]any)) == 1
	}
	if !filtered("breached") || filtered("excepted") || filtered("met") || filtered("missing") {
		t.Errorf("before B's exception the standard should be breached only")
	}
	// With B excused for February too, every system in scope is excused, so
	// the roll-up is.
	f.exception(t, id, map[string]any{"system_id": b, "starts_on": "2026-02-01", "expires_on": "2026-02-28"})
	if got := f.compliance(t, id, "from=2026-02-01"); got.Periods[0].Status != "excepted" {
		t.Errorf("February roll-up %s, want excepted", got.Periods[0].Status)
	}
	if filtered("breached") || !filtered("excepted") {
		t.Errorf("after B's exception the standard should be excepted only")
	}
}

func TestComplianceFlagsMissingDataAndNeverBreachesNeither(t *testing.T) {
	f := newCatalogueFixtureAt(t, time.Date(2026, 3, 18, 10, 0, 0, 0, time.UTC))
	owner := f.ta.UserWith(t, models.RoleImprover)
	silent := f.standard(t, map[string]any{"owner_id": owner.ID, "status": "active", "period": "week", "effective_from": "2026-01-01"})
	draft := f.standard(t, map[string]any{"period": "week"})
	neither := f.standard(t, map[string]any{"owner_id": owner.ID, "status": "active", "direction": "neither",
		"threshold": 50, "unit": "count", "period": "day", "effective_from": "2026-01-01"})
	f.seriesValue(t, neither["id"].(string), "", "2026-03-16", 1e6)
	f.seriesValue(t, neither["id"].(string), "", "2026-03-17", -3)

	// A weekly window: from a Wednesday is moved to its Monday; the last
	// complete week starts Monday 9 March.
	got := f.compliance(t, silent["id"].(string), "from=2026-02-04")
	var starts []string
	for _, p := range got.Periods {
		starts = append(starts, p.PeriodStart)
		if p.Status != "missing" || p.Value != nil {
			t.Errorf("%s: %s %v, want missing", p.PeriodStart, p.Status, p.Value)
		}
	}
	if want := "2026-02-02 2026-02-09 2026-02-16 2026-02-23 2026-03-02 2026-03-09"; joinWords(starts) != want {
		t.Errorf("weeks %s, want %s", joinWords(starts), want)
	}
	expectRate(t, "rate", got.Rate, -1)
	if got.Counts["missing"] != 6 {
		t.Errorf("counts %v", got.Counts)
	}
	// No value at all: the series is its last complete period, missing.
	if d := f.compliance(t, silent["id"].(string), ""); len(d.Periods) != 1 || d.Periods[0].PeriodStart != "2026-03-09" || d.Periods[0].Status != "missing" {
		t.Errorf("default window %+v", d.Periods)
	}

	got = f.compliance(t, neither["id"].(string), "from=2026-03-16")
	if len(got.Periods) != 2 || got.Periods[0].Status != "met" || got.Periods[1].Status != "met" {
		t.Errorf("neither: %+v", got.Periods)
	}

	for q, want := range map[string]map[string]bool{
		"missing": {silent["code"].(string): true},
		"met":     {neither["code"].(string): true},
	} {
		body := expectStatus(t, f.ta.Get(t, "/api/v1/standards?limit=500&compliance="+q, f.admin), http.StatusOK)
		found := map[string]bool{}
		for _, it := range body["items"].([]any) {
			found[it.(map[string]any)["code"].(string)] = true
		}
		for code := range want {
			if !found[code] {
				t.Errorf("compliance=%s misses %s", q, code)
			}
		}
		if found[draft["code"].(string)] {
			t.Errorf("compliance=%s lists a draft standard", q)
		}
	}
}

func joinWords(s []string) string {
	out := ""
	for i, w := range s {
		if i > 0 {
			out += " "
		}
		out += w
	}
	return out
}

func TestComplianceQueryProblems(t *testing.T) {
	f := newCatalogueFixtureAt(t, time.Date(2026, 3, 18, 10, 0, 0, 0, time.UTC))
	st := f.standard(t, map[string]any{"period": "day"})
	path := "/api/v1/standards/" + st["id"].(string)
	for _, c := range []struct{ query, field string }{
		{"from=2026-13-01", "from"},
		{"to=yesterday", "to"},
		{"from=2026-03-01&to=2026-02-01", "from"},
		{"system_id=nope", "system_id"},
		{"system_id=0190a8f0-1234-7000-8000-00000000beef", "system_id"},
		{"from=1990-01-01", "from"}, // more than 10,000 days
	} {
		for _, res := range []string{"/compliance?", "/spc?"} {
			m := testapp.ExpectProblem(t, f.ta.Get(t, path+res+c.query, f.admin), http.StatusUnprocessableEntity)
			if fe := testapp.FieldErrors(t, m); len(fe) != 1 || fe[0] != c.field {
				t.Errorf("%s%s: fields %v, want %s", res, c.query, fe, c.field)
			}
		}
	}
	for _, res := range []string{"/compliance", "/spc"} {
		testapp.ExpectProblem(t, f.ta.Get(t, "/api/v1/standards/0190a8f0-1234-7000-8000-00000000beef"+res, f.admin), http.StatusNotFound)
		testapp.ExpectProblem(t, f.ta.Get(t, "/api/v1/standards/nope"+res, f.admin), http.StatusNotFound)
		testapp.ExpectProblem(t, f.ta.Get(t, path+res, ""), http.StatusUnauthorized)
		for _, role := range models.Roles {
			if r := f.ta.Get(t, path+res, f.ta.Token(t, role)); r.Code != http.StatusOK {
				t.Errorf("%s as %s: %d", res, role, r.Code)
			}
		}
	}
}
