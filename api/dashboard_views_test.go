package api_test

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"assure/internal/testapp"
)

type dashSupplierT struct {
	Name              string
	Systems           []struct{ ID, Name, Link string }
	Compliance        dashCountsT
	RollingRate       *float64 `json:"rolling_rate"`
	HoursLost         float64  `json:"hours_lost"`
	Reports           int
	OpenProblems      int  `json:"open_problems"`
	OldestProblemDays *int `json:"oldest_problem_days"`
	Link              string
	SystemDetails     []struct {
		ID, Name  string
		Owner     *dashNamedT
		HoursLost float64 `json:"hours_lost"`
		Reports   int
		Standards []struct {
			Standard struct{ Code string }
			Status   string
			Value    *float64
			Link     string
		}
		Problems []struct {
			ID, Title, Link string
			AgeDays         int `json:"age_days"`
		}
	} `json:"system_details"`
}

type dashOwnerT struct {
	ID, Name, Link    string
	Standards         int
	StandardsBreached int `json:"standards_breached"`
	StandardsMissing  int `json:"standards_missing"`
	Systems           int
	SystemsBreached   int `json:"systems_breached"`
	Cycles            int
	CyclesOverdue     int `json:"cycles_overdue"`
	Actions           int
	ActionsOverdue    int `json:"actions_overdue"`
	StandardList      []struct {
		Standard struct{ Code string }
		Status   string
	} `json:"standard_list"`
	SystemList []struct {
		Name     string
		Breached []struct{ Code string }
	} `json:"system_list"`
	CycleList []struct {
		ID      string
		Overdue bool
	} `json:"cycle_list"`
	ActionList []struct {
		ID          string
		DaysOverdue int `json:"days_overdue"`
	} `json:"action_list"`
}

func (o dashOwnerT) counts() string {
	return fmt.Sprintf("standards %d (%d breached, %d missing), systems %d (%d breached), cycles %d (%d overdue), actions %d (%d overdue)",
		o.Standards, o.StandardsBreached, o.StandardsMissing, o.Systems, o.SystemsBreached, o.Cycles, o.CyclesOverdue, o.Actions, o.ActionsOverdue)
}

func TestSupplierOwnerAndTransparencyViews(t *testing.T) {
	w := newDashWorld(t)

	t.Run("suppliers: their systems' compliance, time lost and open problems", func(t *testing.T) {
		var list struct {
			Items      []dashSupplierT
			NextCursor *string `json:"next_cursor"`
		}
		w.get(t, "/api/v1/suppliers", &list)
		if len(list.Items) != 2 || list.NextCursor != nil {
			t.Fatalf("suppliers %+v", list)
		}
		acme, beta := list.Items[0], list.Items[1]
		if acme.Name != "Acme Health" || len(acme.Systems) != 2 || acme.Systems[0].Name != "Alpha" || acme.Systems[1].Name != "Bravo" ||
			acme.Compliance != (dashCountsT{Met: 1, Breached: 1, Excepted: 1}) || !dashNear(acme.HoursLost, 1) || acme.Reports != 1 ||
			acme.OpenProblems != 1 || dashDeref(acme.OldestProblemDays) != 10 || acme.Link != "/suppliers/Acme%20Health" {
			t.Errorf("Acme Health %+v", acme)
		}
		// Alpha's T1 3 met, Alpha's T2 1 met (1 excepted), Bravo's T1 2 met 1 breached.
		dashExpectRate(t, "Acme rolling rate", acme.RollingRate, 6.0/7)
		if beta.Name != "Beta Networks" || beta.Compliance != (dashCountsT{Missing: 1}) || !dashNear(beta.HoursLost, 1.5) ||
			beta.OpenProblems != 0 || beta.OldestProblemDays != nil {
			t.Errorf("Beta Networks %+v", beta)
		}
		dashExpectRate(t, "Beta rolling rate", beta.RollingRate, 1)

		var one dashSupplierT
		w.get(t, "/api/v1/suppliers/"+url.PathEscape("Acme Health"), &one)
		if len(one.SystemDetails) != 2 {
			t.Fatalf("Acme Health's systems %+v", one.SystemDetails)
		}
		alpha := one.SystemDetails[0]
		var stds []string
		for _, s := range alpha.Standards {
			stds = append(stds, fmt.Sprintf("%s %s %v", s.Standard.Code, s.Status, dashDeref(s.Value)))
		}
		if !slices.Equal(stds, []string{"T1-01 met 99.5", "T2-01 excepted 90"}) || alpha.Owner == nil || alpha.Owner.Name != "Olivia Owner" ||
			!dashNear(alpha.HoursLost, 1) || len(alpha.Problems) != 1 || alpha.Problems[0].ID != w.problem || alpha.Problems[0].AgeDays != 10 ||
			alpha.Problems[0].Link != "/problems/"+w.problem {
			t.Errorf("Alpha: %v, %+v", stds, alpha)
		}
		if b := one.SystemDetails[1]; b.Name != "Bravo" || len(b.Standards) != 1 || b.Standards[0].Status != "breached" {
			t.Errorf("Bravo %+v", b)
		}
		testapp.ExpectProblem(t, w.ta.Get(t, "/api/v1/suppliers/"+url.PathEscape("Gamma Ltd"), w.exec), http.StatusNotFound)
	})

	t.Run("suppliers page with limit and cursor", func(t *testing.T) {
		var page struct {
			Items      []dashSupplierT
			NextCursor *string `json:"next_cursor"`
		}
		w.get(t, "/api/v1/suppliers?limit=1", &page)
		if len(page.Items) != 1 || page.Items[0].Name != "Acme Health" || page.NextCursor == nil {
			t.Fatalf("first page %+v", page)
		}
		w.get(t, "/api/v1/suppliers?limit=1&cursor="+*page.NextCursor, &page)
		if len(page.Items) != 1 || page.Items[0].Name != "Beta Networks" || page.NextCursor != nil {
			t.Errorf("second page %+v", page)
		}
		m := testapp.ExpectProblem(t, w.ta.Get(t, "/api/v1/owners?limit=0&cursor=bogus", w.exec), http.StatusUnprocessableEntity)
		if got := testapp.FieldErrors(t, m); !slices.Equal(got, []string{"limit", "cursor"}) {
			t.Errorf("fields %v", got)
		}
	})

	t.Run("owners: what each is accountable for, and what is breached or overdue", func(t *testing.T) {
		var list struct{ Items []dashOwnerT }
		w.get(t, "/api/v1/owners", &list)
		var got []string
		for _, o := range list.Items {
			got = append(got, o.Name+": "+o.counts())
		}
		want := []string{
			"Olivia Owner: standards 2 (1 breached, 1 missing), systems 1 (0 breached), cycles 1 (0 overdue), actions 2 (1 overdue)",
			"Oscar Owner: standards 2 (0 breached, 0 missing), systems 1 (1 breached), cycles 1 (1 overdue), actions 1 (1 overdue)",
		}
		if !slices.Equal(got, want) {
			t.Errorf("owners\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}

		var oscar dashOwnerT
		w.get(t, "/api/v1/owners/"+w.oscar.ID, &oscar)
		var stds []string
		for _, s := range oscar.StandardList {
			stds = append(stds, s.Standard.Code+" "+s.Status)
		}
		if !slices.Equal(stds, []string{"CE-01 met", "T2-01 excepted"}) || len(oscar.SystemList) != 1 ||
			oscar.SystemList[0].Name != "Bravo" || len(oscar.SystemList[0].Breached) != 1 || oscar.SystemList[0].Breached[0].Code != "T1-01" ||
			len(oscar.CycleList) != 1 || oscar.CycleList[0].ID != w.c3 || !oscar.CycleList[0].Overdue ||
			len(oscar.ActionList) != 1 || oscar.ActionList[0].ID != w.a2 || oscar.ActionList[0].DaysOverdue != 8 {
			t.Errorf("Oscar %v %+v", stds, oscar)
		}
		testapp.ExpectProblem(t, w.ta.Get(t, "/api/v1/owners/"+w.reporter.ID, w.exec), http.StatusNotFound)
	})

	t.Run("transparency: the quarter's compliance, hours lost and improvement", func(t *testing.T) {
		var tr struct {
			Quarter, From, To string
			Complete          bool
			Summary           struct {
				Standards          int
				StandardsAlwaysMet int `json:"standards_always_met"`
				Periods            dashCountsT
				ComplianceRate     *float64 `json:"compliance_rate"`
			}
			Standards []struct {
				Code                                      string
				Periods, Met, Breached, Excepted, Missing int
			}
			HoursLost struct {
				Hours                      float64
				Reports                    int
				ModerateOrWorseHarmReports int `json:"moderate_or_worse_harm_reports"`
				ByMonth                    []struct {
					Month   string
					Hours   float64
					Reports int
				} `json:"by_month"`
				BySystem []struct {
					System *string
					Hours  float64
				} `json:"by_system"`
			} `json:"hours_lost"`
			Improvement struct {
				CyclesClosed     int `json:"cycles_closed"`
				Adopted          int
				ActionsCompleted int `json:"actions_completed"`
				Changes          []struct {
					Title   string
					Effects []struct {
						StandardCode string `json:"standard_code"`
					}
				}
			}
		}
		w.get(t, "/api/v1/transparency?quarter=2026-Q1", &tr)
		if tr.Quarter != "2026-Q1" || tr.From != "2026-01-01" || tr.To != "2026-03-31" || tr.Complete {
			t.Errorf("quarter %s %s–%s complete %v", tr.Quarter, tr.From, tr.To, tr.Complete)
		}
		// T1 Jan met Feb breached; T2 Jan met Feb excepted; T3 Jan met Feb
		// missing; CE-01 three weeks met.
		if s := tr.Summary; s.Standards != 4 || s.StandardsAlwaysMet != 2 || s.Periods != (dashCountsT{Met: 6, Breached: 1, Excepted: 1, Missing: 1}) {
			t.Errorf("summary %+v", s)
		}
		dashExpectRate(t, "quarter's compliance rate", tr.Summary.ComplianceRate, 6.0/7)
		var stds []string
		for _, s := range tr.Standards {
			stds = append(stds, fmt.Sprintf("%s %d: %d %d %d %d", s.Code, s.Periods, s.Met, s.Breached, s.Excepted, s.Missing))
		}
		if want := []string{"CE-01 3: 3 0 0 0", "T1-01 2: 1 1 0 0", "T2-01 2: 1 0 1 0", "T3-01 2: 1 0 0 1"}; !slices.Equal(stds, want) {
			t.Errorf("standards %v, want %v", stds, want)
		}
		h := tr.HoursLost
		var months, systems []string
		for _, m := range h.ByMonth {
			months = append(months, fmt.Sprintf("%s %v %d", m.Month, m.Hours, m.Reports))
		}
		for _, s := range h.BySystem {
			systems = append(systems, fmt.Sprintf("%v %v", dashDeref(s.System), s.Hours))
		}
		if !dashNear(h.Hours, 3.75) || h.Reports != 4 || h.ModerateOrWorseHarmReports != 1 ||
			!slices.Equal(months, []string{"2026-01 0 0", "2026-02 0.75 1", "2026-03 3 3"}) ||
			!slices.Equal(systems, []string{"Alpha 1.5", "Charlie 1.5", "<nil> 0.75"}) {
			t.Errorf("hours lost %v h in %d reports (%d harmful), months %v, systems %v", h.Hours, h.Reports, h.ModerateOrWorseHarmReports, months, systems)
		}
		im := tr.Improvement
		if im.CyclesClosed != 1 || im.Adopted != 1 || im.ActionsCompleted != 1 || len(im.Changes) != 1 ||
			im.Changes[0].Title != "Faster failover" || len(im.Changes[0].Effects) != 1 || im.Changes[0].Effects[0].StandardCode != "T1-01" {
			t.Errorf("improvement %+v", im)
		}

		w.get(t, "/api/v1/transparency", &tr)
		if tr.Quarter != "2025-Q4" || !tr.Complete {
			t.Errorf("default quarter %s (complete %v), want the last complete one, 2025-Q4", tr.Quarter, tr.Complete)
		}
		for _, q := range []string{"2026-Q2", "2026-Q5", "2026Q1", "next"} {
			m := testapp.ExpectProblem(t, w.ta.Get(t, "/api/v1/transparency?quarter="+q, w.exec), http.StatusUnprocessableEntity)
			if got := testapp.FieldErrors(t, m); !slices.Equal(got, []string{"quarter"}) {
				t.Errorf("%s: fields %v", q, got)
			}
		}
	})

	t.Run("transparency CSV holds the same figures, one per line", func(t *testing.T) {
		r := w.ta.Get(t, "/api/v1/transparency.csv?quarter=2026-Q1", w.exec)
		if r.Code != http.StatusOK || !strings.Contains(r.Header().Get("Content-Disposition"), "assure-transparency-2026-Q1.csv") {
			t.Fatalf("%d %q", r.Code, r.Header().Get("Content-Disposition"))
		}
		rows, err := csv.NewReader(strings.NewReader(r.Body.String())).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		lines := map[string]bool{}
		for _, row := range rows {
			lines[strings.Join(row, ",")] = true
		}
		for _, want := range []string{
			"quarter,section,item,measure,value,unit",
			"2026-Q1,summary,All standards,periods_breached,1,periods",
			"2026-Q1,compliance,T1-01 Availability,breached,1,month",
			"2026-Q1,compliance,T2-01 Patch compliance,excepted,1,month",
			"2026-Q1,hours_lost,All systems,hours,3.75,hours",
			"2026-Q1,hours_lost_by_system,System not known,hours,0.75,hours",
			"2026-Q1,improvement,Actions,completed,1,actions",
		} {
			if !lines[want] {
				t.Errorf("no line %q in\n%s", want, r.Body.String())
			}
		}
	})

	t.Run("transparency identifies no patient and no reporter", func(t *testing.T) {
		forbidden := append([]string{w.reporter.Name, w.reporter.Email, w.reporter.ID, w.olivia.Name, w.oscar.Name, w.olivia.ID},
			w.secretTexts...)
		forbidden = append(forbidden, w.reportIDs...)
		for _, p := range []string{"/api/v1/transparency?quarter=2026-Q1", "/api/v1/transparency.csv?quarter=2026-Q1",
			"/api/v1/transparency?quarter=2025-Q4", "/api/v1/transparency.csv"} {
			body := w.ta.Get(t, p, w.exec).Body.String()
			for _, f := range forbidden {
				if strings.Contains(strings.ToLower(body), strings.ToLower(f)) {
					t.Errorf("%s contains %q", p, f)
				}
			}
		}
		// The dashboard itself is for the organisation's own leaders and may
		// show report titles; the check above is not vacuous.
		if !strings.Contains(w.ta.Get(t, "/api/v1/dashboard", w.exec).Body.String(), "ZEBRA-TITLE") {
			t.Error("the fixture's secret text is not in the data at all")
		}
	})
}
