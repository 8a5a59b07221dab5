package api_test

import (
	"encoding/csv"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"assure/internal/testapp"
	"assure/internal/testdb"
	"assure/models"
)

// What the tests read of the dashboard's answers.
type dashCountsT struct{ Met, Breached, Excepted, Missing int }

type dashJudgedT struct {
	PeriodStart string   `json:"period_start"`
	Status      string   `json:"status"`
	Value       *float64 `json:"value"`
}

type dashRowT struct {
	Standard struct {
		ID, Code, Link string
		Threshold      float64
	} `json:"standard"`
	PeriodStart    string      `json:"period_start"`
	Status         string      `json:"status"`
	PreviousStatus *string     `json:"previous_status"`
	Organisation   dashJudgedT `json:"organisation"`
	RollingRate    *float64    `json:"rolling_rate"`
	Variation      *string     `json:"variation"`
	Assurance      *string     `json:"assurance"`
	Sparkline      struct {
		Periods  []string
		Values   []*float64
		Statuses []string
	} `json:"sparkline"`
	Cells struct {
		Statuses []*string  `json:"statuses"`
		Values   []*float64 `json:"values"`
	} `json:"cells"`
	Link string `json:"link"`
}

type dashNamedT struct {
	ID, Name, Link string
	Hours          float64
	Reports        int
}

type dashboardT struct {
	Headline struct {
		ActiveStandards     int         `json:"active_standards"`
		LastPeriod          dashCountsT `json:"last_period"`
		PreviousPeriod      dashCountsT `json:"previous_period"`
		Change              dashCountsT `json:"change"`
		RollingRate         *float64    `json:"rolling_rate"`
		PreviousRollingRate *float64    `json:"previous_rolling_rate"`
	} `json:"headline"`
	Matrix struct {
		Systems  []struct{ ID, Name, Supplier, Link string } `json:"systems"`
		Rows     []dashRowT                                  `json:"rows"`
		CellLink string                                      `json:"cell_link"`
	} `json:"matrix"`
	ClinicianExperience struct {
		From, To  string
		HoursLost struct {
			Source   string `json:"source"`
			Standard *struct{ Code string }
			Points   []struct {
				PeriodStart string   `json:"period_start"`
				Hours       *float64 `json:"hours"`
			} `json:"points"`
		} `json:"hours_lost"`
		TotalHours float64      `json:"total_hours"`
		Reports    int          `json:"reports"`
		TopSystems []dashNamedT `json:"top_systems"`
		TopSites   []dashNamedT `json:"top_sites"`
		Harm       struct {
			Count   int
			Reports []struct {
				ID, Harm, Link string
				System         *dashNamedT
				Site           dashNamedT
			}
		} `json:"harm"`
	} `json:"clinician_experience"`
	Improvement struct {
		CyclesByStage []struct {
			Stage string
			Count int
		} `json:"cycles_by_stage"`
		AdoptedChanges []struct {
			Cycle     dashNamedT
			AdoptedOn string `json:"adopted_on"`
			Effects   []struct {
				Standard     struct{ Code string }
				ChangePeriod string   `json:"change_period"`
				MeanBefore   *float64 `json:"mean_before"`
				MeanAfter    *float64 `json:"mean_after"`
				PointsBefore int      `json:"points_before"`
				PointsAfter  int      `json:"points_after"`
				Better       *bool    `json:"better"`
			}
		} `json:"adopted_changes"`
		OverdueActions []struct {
			Owner   dashNamedT
			Count   int
			Actions []struct {
				ID          string
				DaysOverdue int `json:"days_overdue"`
				Link        string
			}
		} `json:"overdue_actions"`
		AwaitingTotal int `json:"awaiting_board_total"`
		AwaitingBoard []struct {
			Kind, Title, Reason, Link string
			ID                        *string
			Review                    *struct{ ID, Title string }
		} `json:"awaiting_board"`
	} `json:"improvement"`
}

func dashNear(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// dashExpectRate checks a rate, which the API gives to four decimals.
func dashExpectRate(t *testing.T, what string, got *float64, want float64) {
	t.Helper()
	if got == nil || math.Abs(*got-want) > 0.00005 {
		t.Errorf("%s = %v, want %v", what, dashDeref(got), want)
	}
}

func dashDeref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

func (d dashboardT) row(t *testing.T, code string) dashRowT {
	t.Helper()
	for _, r := range d.Matrix.Rows {
		if r.Standard.Code == code {
			return r
		}
	}
	t.Fatalf("no row %s", code)
	return dashRowT{}
}

func dashCodes(d dashboardT) []string {
	var out []string
	for _, r := range d.Matrix.Rows {
		out = append(out, r.Standard.Code)
	}
	return out
}

func dashColumns(d dashboardT) []string {
	var out []string
	for _, s := range d.Matrix.Systems {
		out = append(out, s.Name)
	}
	return out
}

func TestDashboard(t *testing.T) {
	w := newDashWorld(t)

	t.Run("headline, matrix, clinician experience and improvement match hand-computed values", func(t *testing.T) {
		var d dashboardT
		w.get(t, "/api/v1/dashboard", &d)
		h := d.Headline
		// Feb: T1 breached (org mean of 99.5 and 98 = 98.75), T2 excepted,
		// T3 missing; CE-01's week of 9 Mar met. Jan / week of 2 Mar: all met.
		if h.ActiveStandards != 4 {
			t.Errorf("active standards %d, want 4 (the draft is not counted)", h.ActiveStandards)
		}
		if want := (dashCountsT{Met: 1, Breached: 1, Excepted: 1, Missing: 1}); h.LastPeriod != want {
			t.Errorf("last period %+v, want %+v", h.LastPeriod, want)
		}
		if want := (dashCountsT{Met: 4}); h.PreviousPeriod != want {
			t.Errorf("previous period %+v, want %+v", h.PreviousPeriod, want)
		}
		if want := (dashCountsT{Met: -3, Breached: 1, Excepted: 1, Missing: 1}); h.Change != want {
			t.Errorf("change %+v, want %+v", h.Change, want)
		}
		// Rolling: T1 2 met 1 breached, T2 1 met (1 excepted), T3 2 met (1
		// missing), CE-01 3 met: 8 of 9. A period earlier: 7 of 7.
		dashExpectRate(t, "rolling rate", h.RollingRate, 8.0/9)
		dashExpectRate(t, "previous rolling rate", h.PreviousRollingRate, 1)

		if got, want := dashCodes(d), []string{"CE-01", "T1-01", "T2-01", "T3-01"}; !slices.Equal(got, want) {
			t.Errorf("rows %v, want %v", got, want)
		}
		if got, want := dashColumns(d), []string{"Alpha", "Bravo", "Charlie"}; !slices.Equal(got, want) {
			t.Errorf("columns %v, want %v", got, want)
		}
		t1 := d.row(t, "T1-01")
		if t1.PeriodStart != "2026-02-01" || t1.Status != "breached" || dashDeref(t1.PreviousStatus) != "met" {
			t.Errorf("T1 %s %s (before %v), want 2026-02-01 breached (before met)", t1.PeriodStart, t1.Status, dashDeref(t1.PreviousStatus))
		}
		if t1.Organisation.Value == nil || !dashNear(*t1.Organisation.Value, 98.75) {
			t.Errorf("T1 organisation value %v, want 98.75", dashDeref(t1.Organisation.Value))
		}
		dashExpectRate(t, "T1 rolling rate", t1.RollingRate, 2.0/3)
		if t1.Link != "/standards/"+w.t1 {
			t.Errorf("T1 link %q", t1.Link)
		}
		type cell struct {
			name, status string
			value        any
		}
		var cells []cell
		for i, sys := range d.Matrix.Systems {
			if st := t1.Cells.Statuses[i]; st != nil {
				cells = append(cells, cell{sys.Name, *st, dashDeref(t1.Cells.Values[i])})
			}
		}
		if want := []cell{{"Alpha", "met", 99.5}, {"Bravo", "breached", 98.0}, {"Charlie", "missing", nil}}; !slices.Equal(cells, want) {
			t.Errorf("T1 cells %v, want %v", cells, want)
		}
		if d.Matrix.CellLink != "/standards/{standard_id}?system={system_id}" {
			t.Errorf("cell link %q", d.Matrix.CellLink)
		}
		var spark []string
		for i, p := range t1.Sparkline.Periods {
			spark = append(spark, p+" "+t1.Sparkline.Statuses[i])
		}
		if want := []string{"2025-12-01 met", "2026-01-01 met", "2026-02-01 breached"}; !slices.Equal(spark, want) {
			t.Errorf("T1 sparkline %v, want %v", spark, want)
		}

		t2 := d.row(t, "T2-01")
		if t2.Status != "excepted" || dashDeref(t2.Cells.Statuses[0]) != "excepted" || dashDeref(t2.Cells.Values[0]) != 90.0 ||
			t2.Cells.Statuses[1] != nil || t2.Cells.Statuses[2] != nil {
			t.Errorf("T2 %s with cells %+v, want excepted with only Alpha, excepted at 90", t2.Status, t2.Cells)
		}
		dashExpectRate(t, "T2 rolling rate", t2.RollingRate, 1)
		t3 := d.row(t, "T3-01")
		if t3.Status != "missing" || t3.Organisation.Value != nil || slices.ContainsFunc(t3.Cells.Statuses, func(s *string) bool { return s != nil }) {
			t.Errorf("T3 %s value %v cells %v, want missing, no value, no cells", t3.Status, dashDeref(t3.Organisation.Value), t3.Cells.Statuses)
		}
		ce := d.row(t, "CE-01")
		if ce.PeriodStart != "2026-03-09" || ce.Status != "met" || dashDeref(ce.Organisation.Value) != 1.0 {
			t.Errorf("CE-01 %s %s %v, want 2026-03-09 met 1 hour", ce.PeriodStart, ce.Status, dashDeref(ce.Organisation.Value))
		}

		// The icons are the standard's own chart's.
		for _, r := range d.Matrix.Rows {
			var chart struct{ Variation, Assurance *string }
			w.get(t, "/api/v1/standards/"+r.Standard.ID+"/spc", &chart)
			if dashDeref(chart.Variation) != dashDeref(r.Variation) || dashDeref(chart.Assurance) != dashDeref(r.Assurance) {
				t.Errorf("%s icons %v/%v, chart says %v/%v", r.Standard.Code, dashDeref(r.Variation), dashDeref(r.Assurance),
					dashDeref(chart.Variation), dashDeref(chart.Assurance))
			}
			if r.Variation == nil {
				t.Errorf("%s has no variation icon", r.Standard.Code)
			}
		}

		ex := d.ClinicianExperience
		if ex.From != "2025-12-22" || ex.To != "2026-03-15" {
			t.Errorf("window %s–%s, want the 12 weeks 2025-12-22–2026-03-15", ex.From, ex.To)
		}
		if ex.HoursLost.Source != "standard" || ex.HoursLost.Standard == nil || ex.HoursLost.Standard.Code != "CE-01" {
			t.Errorf("hours lost from %s, want CE-01's series", ex.HoursLost.Source)
		}
		var trend []string
		for _, p := range ex.HoursLost.Points {
			trend = append(trend, fmt.Sprintf("%s %v", p.PeriodStart, dashDeref(p.Hours)))
		}
		if want := []string{"2026-02-23 0.75", "2026-03-02 1.5", "2026-03-09 1"}; !slices.Equal(trend, want) {
			t.Errorf("hours lost trend %v, want %v", trend, want)
		}
		// R1 60 + R2 90 + R3 45 minutes; R4 is this week.
		if !dashNear(ex.TotalHours, 3.25) || ex.Reports != 3 {
			t.Errorf("total %v hours in %d reports, want 3.25 in 3", ex.TotalHours, ex.Reports)
		}
		if len(ex.TopSystems) != 2 || ex.TopSystems[0].Name != "Charlie" || !dashNear(ex.TopSystems[0].Hours, 1.5) ||
			ex.TopSystems[1].Name != "Alpha" || !dashNear(ex.TopSystems[1].Hours, 1) {
			t.Errorf("top systems %+v, want Charlie 1.5 h, Alpha 1 h", ex.TopSystems)
		}
		if len(ex.TopSites) != 2 || ex.TopSites[0].Name != "North" || !dashNear(ex.TopSites[0].Hours, 1.75) || ex.TopSites[0].Reports != 2 ||
			ex.TopSites[1].Name != "South" || !dashNear(ex.TopSites[1].Hours, 1.5) {
			t.Errorf("top sites %+v, want North 1.75 h (2 reports), South 1.5 h", ex.TopSites)
		}
		if ex.Harm.Count != 1 || len(ex.Harm.Reports) != 1 || ex.Harm.Reports[0].ID != w.reportIDs[1] ||
			ex.Harm.Reports[0].Harm != "moderate" || ex.Harm.Reports[0].Link != "/reports/"+w.reportIDs[1] ||
			ex.Harm.Reports[0].System == nil || ex.Harm.Reports[0].System.Name != "Charlie" || ex.Harm.Reports[0].Site.Name != "South" {
			t.Errorf("harm %+v, want R2 (moderate, Charlie, South)", ex.Harm)
		}

		im := d.Improvement
		stages := map[string]int{}
		for _, s := range im.CyclesByStage {
			stages[s.Stage] = s.Count
		}
		if want := map[string]int{"plan": 1, "do": 0, "study": 1, "act": 0, "closed": 1, "abandoned": 0}; fmt.Sprint(stages) != fmt.Sprint(want) {
			t.Errorf("cycles by stage %v, want %v", stages, want)
		}
		if len(im.AdoptedChanges) != 1 || im.AdoptedChanges[0].Cycle.ID != w.c1 || im.AdoptedChanges[0].AdoptedOn != "2026-02-15" {
			t.Fatalf("adopted changes %+v, want C1 adopted 2026-02-15", im.AdoptedChanges)
		}
		// Before the change (from 1 Jan): Dec's roll-up 99.1333…; after:
		// Jan 99.4 and Feb 98.75, mean 99.075 — worse.
		eff := im.AdoptedChanges[0].Effects
		if len(eff) != 1 || eff[0].Standard.Code != "T1-01" || eff[0].ChangePeriod != "2026-01-01" ||
			eff[0].PointsBefore != 1 || eff[0].PointsAfter != 2 || eff[0].MeanBefore == nil || !dashNear(*eff[0].MeanBefore, (99.1+99.3+99.0)/3) ||
			eff[0].MeanAfter == nil || !dashNear(*eff[0].MeanAfter, (99.4+98.75)/2) || dashDeref(eff[0].Better) != false {
			t.Errorf("effects %+v, want T1 99.133 → 99.075, not better", eff)
		}
		var overdue []string
		for _, o := range im.OverdueActions {
			for _, a := range o.Actions {
				overdue = append(overdue, fmt.Sprintf("%s %d %s %d", o.Owner.Name, o.Count, a.ID, a.DaysOverdue))
			}
			if o.Owner.Link != "/owners/"+o.Owner.ID {
				t.Errorf("owner link %q", o.Owner.Link)
			}
		}
		if want := []string{"Olivia Owner 1 " + w.a1 + " 17", "Oscar Owner 1 " + w.a2 + " 8"}; !slices.Equal(overdue, want) {
			t.Errorf("overdue %v, want %v", overdue, want)
		}
		var awaiting []string
		for _, a := range im.AwaitingBoard {
			awaiting = append(awaiting, a.Kind+" "+a.Reason+" "+a.Link)
		}
		if want := []string{"standard on_agenda /standards/" + w.t1, "cycle awaiting_study_sign_off /cycles/" + w.c2}; !slices.Equal(awaiting, want) {
			t.Errorf("awaiting the board %v, want %v", awaiting, want)
		}
		if im.AwaitingTotal != 2 {
			t.Errorf("awaiting the board: total %d, want 2", im.AwaitingTotal)
		}
	})

	t.Run("the icons and statuses agree with the standards' own compliance", func(t *testing.T) {
		var d dashboardT
		w.get(t, "/api/v1/dashboard", &d)
		for _, r := range d.Matrix.Rows {
			var comp struct {
				Periods []struct {
					PeriodStart string `json:"period_start"`
					Status      string
				}
			}
			w.get(t, "/api/v1/standards/"+r.Standard.ID+"/compliance", &comp)
			last := comp.Periods[len(comp.Periods)-1]
			if last.PeriodStart != r.PeriodStart || last.Status != r.Organisation.Status {
				t.Errorf("%s: dashboard %s %s, compliance %s %s", r.Standard.Code, r.PeriodStart, r.Organisation.Status, last.PeriodStart, last.Status)
			}
			for i, status := range r.Cells.Statuses {
				if status == nil {
					continue
				}
				sys := d.Matrix.Systems[i]
				w.get(t, "/api/v1/standards/"+r.Standard.ID+"/compliance?system_id="+sys.ID, &comp)
				last := comp.Periods[len(comp.Periods)-1]
				if last.Status != *status {
					t.Errorf("%s at %s: dashboard %s, compliance %s", r.Standard.Code, sys.Name, *status, last.Status)
				}
			}
		}
	})

	t.Run("a system filter judges the standards at that system", func(t *testing.T) {
		var d dashboardT
		w.get(t, "/api/v1/dashboard?system_id="+w.bravo, &d)
		if got := dashCodes(d); !slices.Equal(got, []string{"T1-01"}) {
			t.Fatalf("rows %v, want T1-01 only", got)
		}
		if got := dashColumns(d); !slices.Equal(got, []string{"Bravo"}) {
			t.Errorf("columns %v, want Bravo", got)
		}
		h := d.Headline
		if h.ActiveStandards != 1 || h.LastPeriod != (dashCountsT{Breached: 1}) || h.PreviousPeriod != (dashCountsT{Met: 1}) {
			t.Errorf("headline %+v", h)
		}
		dashExpectRate(t, "rolling rate", h.RollingRate, 2.0/3)
		dashExpectRate(t, "previous rolling rate", h.PreviousRollingRate, 1)
		ex := d.ClinicianExperience
		if ex.HoursLost.Source != "reports" || len(ex.HoursLost.Points) != 12 || ex.TotalHours != 0 || ex.Reports != 0 || len(ex.TopSystems) != 0 {
			t.Errorf("experience at Bravo: %+v", ex)
		}
		im := d.Improvement
		if len(im.OverdueActions) != 1 || im.OverdueActions[0].Owner.Name != "Olivia Owner" {
			t.Errorf("overdue %+v, want Olivia's (linked to T1)", im.OverdueActions)
		}
	})

	t.Run("a site filter takes the worst of its systems", func(t *testing.T) {
		var d dashboardT
		w.get(t, "/api/v1/dashboard?site_id="+w.north, &d)
		if got := dashCodes(d); !slices.Equal(got, []string{"T1-01", "T2-01"}) {
			t.Fatalf("rows %v, want T1-01 and T2-01", got)
		}
		if got := dashColumns(d); !slices.Equal(got, []string{"Alpha", "Charlie"}) {
			t.Errorf("columns %v, want Alpha and Charlie", got)
		}
		if r := d.row(t, "T1-01"); r.Status != "missing" || dashDeref(r.PreviousStatus) != "met" {
			t.Errorf("T1 at North %s (before %v), want missing (Charlie has no value) before met", r.Status, dashDeref(r.PreviousStatus))
		}
		h := d.Headline
		if h.ActiveStandards != 2 || h.LastPeriod != (dashCountsT{Excepted: 1, Missing: 1}) || h.PreviousPeriod != (dashCountsT{Met: 2}) {
			t.Errorf("headline %+v", h)
		}
		dashExpectRate(t, "rolling rate", h.RollingRate, 1)
		ex := d.ClinicianExperience
		if !dashNear(ex.TotalHours, 1.75) || ex.Reports != 2 || len(ex.TopSystems) != 1 || ex.TopSystems[0].Name != "Alpha" ||
			len(ex.TopSites) != 1 || ex.TopSites[0].Name != "North" || ex.Harm.Count != 0 {
			t.Errorf("experience at North: total %v, %d reports, systems %+v, sites %+v, harm %d", ex.TotalHours, ex.Reports,
				ex.TopSystems, ex.TopSites, ex.Harm.Count)
		}
		var weeks float64
		for _, p := range ex.HoursLost.Points {
			weeks += *p.Hours
		}
		if !dashNear(weeks, 1.75) {
			t.Errorf("weekly hours at North add up to %v, want 1.75", weeks)
		}
	})

	t.Run("a category filter keeps that category's standards", func(t *testing.T) {
		var d dashboardT
		w.get(t, "/api/v1/dashboard?category=security", &d)
		if got := dashCodes(d); !slices.Equal(got, []string{"T2-01"}) {
			t.Fatalf("rows %v, want T2-01", got)
		}
		if d.Headline.LastPeriod != (dashCountsT{Excepted: 1}) {
			t.Errorf("headline %+v", d.Headline.LastPeriod)
		}
		var stages []string
		for _, s := range d.Improvement.CyclesByStage {
			if s.Count > 0 {
				stages = append(stages, s.Stage)
			}
		}
		if !slices.Equal(stages, []string{"plan"}) || len(d.Improvement.AwaitingBoard) != 0 ||
			len(d.Improvement.OverdueActions) != 1 || d.Improvement.OverdueActions[0].Owner.Name != "Oscar Owner" {
			t.Errorf("improvement for security: stages %v, awaiting %+v, overdue %+v", stages, d.Improvement.AwaitingBoard, d.Improvement.OverdueActions)
		}
	})

	t.Run("filters naming nothing are refused", func(t *testing.T) {
		for q, field := range map[string]string{
			"site_id=" + w.alpha:                             "site_id",
			"system_id=not-a-uuid":                           "system_id",
			"system_id=01900000-0000-7000-8000-000000000000": "system_id",
			"category=plumbing":                              "category",
		} {
			m := testapp.ExpectProblem(t, w.ta.Get(t, "/api/v1/dashboard?"+q, w.exec), http.StatusUnprocessableEntity)
			if got := testapp.FieldErrors(t, m); !slices.Equal(got, []string{field}) {
				t.Errorf("%s: fields %v, want %s", q, got, field)
			}
		}
	})

	t.Run("the CSV export holds the matrix", func(t *testing.T) {
		r := w.ta.Get(t, "/api/v1/dashboard.csv", w.exec)
		if r.Code != http.StatusOK || !strings.HasPrefix(r.Header().Get("Content-Type"), "text/csv") ||
			!strings.Contains(r.Header().Get("Content-Disposition"), `filename="assure-dashboard-2026-03-18.csv"`) {
			t.Fatalf("%d %q %q", r.Code, r.Header().Get("Content-Type"), r.Header().Get("Content-Disposition"))
		}
		rows, err := csv.NewReader(strings.NewReader(r.Body.String())).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(rows[0], ",") != "standard_code,standard_title,category,system,supplier,period_start,status,value,unit,direction,threshold,target,rolling_rate,variation,assurance,standard_id,system_id" {
			t.Errorf("header %v", rows[0])
		}
		var got []string
		for _, row := range rows[1:] {
			got = append(got, strings.Join([]string{row[0], row[3], row[4], row[5], row[6], row[7]}, " "))
		}
		want := []string{
			"CE-01 Organisation  2026-03-09 met 1",
			"T1-01 Organisation  2026-02-01 breached 98.75",
			"T1-01 Alpha Acme Health 2026-02-01 met 99.5",
			"T1-01 Bravo Acme Health 2026-02-01 breached 98",
			"T1-01 Charlie Beta Networks 2026-02-01 missing ",
			"T2-01 Organisation  2026-02-01 excepted 90",
			"T2-01 Alpha Acme Health 2026-02-01 excepted 90",
			"T3-01 Organisation  2026-02-01 missing ",
		}
		if !slices.Equal(got, want) {
			t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		r = w.ta.Get(t, "/api/v1/dashboard.csv?system_id="+w.charlie, w.exec)
		if n := strings.Count(strings.TrimSpace(r.Body.String()), "\n"); r.Code != http.StatusOK || n != 2 {
			t.Errorf("filtered CSV: %d with %d rows: %s", r.Code, n, r.Body.String())
		}
	})

	t.Run("an unchanged dashboard answers 304 and a change shows at once", func(t *testing.T) {
		r := w.ta.Get(t, "/api/v1/dashboard", w.exec)
		etag := r.Header().Get("ETag")
		if etag == "" {
			t.Fatal("no ETag")
		}
		again := w.ta.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/dashboard", Token: w.exec,
			Headers: map[string]string{"If-None-Match": etag}})
		if again.Code != http.StatusNotModified {
			t.Errorf("If-None-Match: %d, want 304", again.Code)
		}
		zipped := w.ta.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/dashboard", Token: w.exec,
			Headers: map[string]string{"Accept-Encoding": "gzip"}})
		if zipped.Header().Get("Content-Encoding") != "gzip" || zipped.Body.Len() >= r.Body.Len() {
			t.Errorf("gzip: %q, %d bytes of %d", zipped.Header().Get("Content-Encoding"), zipped.Body.Len(), r.Body.Len())
		}
		// Charlie's February arrives: T1 is met at Charlie, and its roll-up
		// becomes the mean of 99.5, 98 and 99.9 = 99.1333…, met.
		res := w.ta.Post(t, "/api/v1/measurements", w.admin, map[string]any{"standard": "T1-01", "system": "Charlie",
			"period_start": "2026-02-01", "value": 99.9})
		if res.Code != http.StatusCreated && res.Code != http.StatusOK {
			t.Fatalf("record measurement: %d %s", res.Code, res.Body.String())
		}
		var d dashboardT
		w.get(t, "/api/v1/dashboard", &d)
		if t1 := d.row(t, "T1-01"); t1.Status != "met" || dashDeref(t1.Cells.Statuses[2]) != "met" {
			t.Errorf("after the new value T1 is %s, Charlie %v; want met, met", t1.Status, dashDeref(t1.Cells.Statuses[2]))
		}
		if d.Headline.LastPeriod != (dashCountsT{Met: 2, Excepted: 1, Missing: 1}) {
			t.Errorf("headline after the change %+v", d.Headline.LastPeriod)
		}
		after := w.ta.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/dashboard", Token: w.exec,
			Headers: map[string]string{"If-None-Match": etag}})
		if after.Code != http.StatusOK {
			t.Errorf("old ETag after a change: %d, want 200", after.Code)
		}
	})
}

func TestDashboardViewsRefuseWhoMayNotSeeThem(t *testing.T) {
	ta := testapp.NewWithDB(t, testdb.New(t))
	clinician := ta.Token(t, models.RoleClinician)
	for _, p := range []string{"/api/v1/dashboard", "/api/v1/dashboard.csv", "/api/v1/suppliers", "/api/v1/suppliers/Acme",
		"/api/v1/owners", "/api/v1/owners/01900000-0000-7000-8000-000000000000", "/api/v1/transparency", "/api/v1/transparency.csv"} {
		testapp.ExpectProblem(t, ta.Get(t, p, ""), http.StatusUnauthorized)
		testapp.ExpectProblem(t, ta.Get(t, p, clinician), http.StatusForbidden)
	}
	for _, role := range []models.Role{models.RoleImprover, models.RoleBoard, models.RoleExecutive, models.RoleAdmin} {
		if r := ta.Get(t, "/api/v1/dashboard", ta.Token(t, role)); r.Code != http.StatusOK {
			t.Errorf("%s: %d %s", role, r.Code, r.Body.String())
		}
	}
}

func TestDashboardOfAnEmptyTrust(t *testing.T) {
	ta := testapp.NewWithDB(t, testdb.New(t))
	exec := ta.Token(t, models.RoleExecutive)
	var d dashboardT
	r := ta.Get(t, "/api/v1/dashboard", exec)
	if r.Code != http.StatusOK {
		t.Fatalf("%d %s", r.Code, r.Body.String())
	}
	r.JSON(t, &d)
	if d.Headline.ActiveStandards != 0 || len(d.Matrix.Rows) != 0 || d.Headline.RollingRate != nil {
		t.Errorf("empty trust: %+v", d.Headline)
	}
	if !strings.Contains(r.Body.String(), `"rows":[]`) || !strings.Contains(r.Body.String(), `"top_systems":[]`) {
		t.Errorf("empty lists should be [] not null: %s", r.Body.String())
	}
	for _, p := range []string{"/api/v1/suppliers", "/api/v1/owners", "/api/v1/transparency"} {
		if r := ta.Get(t, p, exec); r.Code != http.StatusOK {
			t.Errorf("%s: %d %s", p, r.Code, r.Body.String())
		}
	}
	testapp.ExpectProblem(t, ta.Get(t, "/api/v1/suppliers/"+url.PathEscape("No One Ltd"), exec), http.StatusNotFound)
	testapp.ExpectProblem(t, ta.Get(t, "/api/v1/owners/nobody", exec), http.StatusNotFound)
}
