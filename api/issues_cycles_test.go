package api_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"assure/internal/testapp"
	"assure/models"
	"assure/services/access"
)

// reportCycles is the cycles part of a report as a client reads it.
type reportCycles struct {
	ID     string `json:"id"`
	Cycles []struct {
		ID             string    `json:"id"`
		Title          string    `json:"title"`
		ChangeIdea     string    `json:"change_idea"`
		Stage          string    `json:"stage"`
		StageChangedAt time.Time `json:"stage_changed_at"`
		LinkedVia      string    `json:"linked_via"`
		CanOpen        bool      `json:"can_open"`
		Outcome        *struct {
			Decision     string    `json:"decision"`
			DecidedAt    time.Time `json:"decided_at"`
			Rationale    string    `json:"rationale"`
			StudySummary string    `json:"study_summary"`
		} `json:"outcome"`
	} `json:"cycles"`
}

// summary is "title stage via outcome" per cycle, for comparing with what a
// reporter should read.
func (r reportCycles) summary() []string {
	out := []string{}
	for _, c := range r.Cycles {
		s := c.Title + " " + c.Stage + " via " + c.LinkedVia
		if c.Outcome != nil {
			s += " " + c.Outcome.Decision
		}
		out = append(out, s)
	}
	return out
}

func sameStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestReportersSeeTheCyclesWorkingOnTheirReports: the closed feedback loop.
// A report shows the cycles linked to it from either side, and those linked
// to its problem, with their stage and — once closed — their decision, to
// everyone who may see the report and to nobody else.
func TestReportersSeeTheCyclesWorkingOnTheirReports(t *testing.T) {
	ta := testapp.New(t)
	decided := time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC)
	ta.Clock.Set(decided)
	w := newIssueWorld(t, ta)
	iw := &improvementWorld{ta: ta, improver: w.improver, improverTok: w.improverTok}
	std := newMeasuredStandard(t, ta, w.improver.ID, models.LowerIsBetter, models.PeriodWeek, 15, day("2026-01-05"), nil)

	linked := w.file(t, w.clinTok, w.minimal("Log-in takes twenty seconds"))["id"].(string)
	grouped := w.file(t, w.clinTok, w.minimal("Wi-Fi dropped on the drug round"))["id"].(string)
	plain := w.file(t, w.clinTok, w.minimal("Printer jammed"))["id"].(string)
	others := w.file(t, w.otherTok, w.minimal("Log-in slow for me too"))["id"].(string)
	problem := expectCode(t, ta.Post(t, "/api/v1/problems", w.improverTok, map[string]any{
		"title": "Ward 7 Wi-Fi drop-outs", "issue_ids": []string{grouped, others}}), http.StatusCreated)["id"].(string)

	// Tap-and-go, linked from the cycle's side to two reports, adopted.
	tap := iw.readyCycle(t, "Tap-and-go log-in", std, "2026-02-02")
	expectCode(t, iw.patchCycle(t, tap, map[string]any{"issue_ids": []string{linked, others}}), http.StatusOK)
	iw.walkToAct(t, tap)
	expectCode(t, iw.patchCycle(t, tap, map[string]any{"decision": "adopt", "rationale": "Log-in fell to 11 s on every ward"}), http.StatusOK)
	expectCode(t, iw.transition(t, tap, "closed"), http.StatusOK)
	// Access points, linked to the problem, in Do; a triager also links the
	// first report to it from the report's side, and the other clinician's
	// report (in the problem too) from the cycle's.
	aps := iw.readyCycle(t, "Extra access points", std, "2026-02-16")
	expectCode(t, iw.patchCycle(t, aps, map[string]any{"problem_ids": []string{problem}, "issue_ids": []string{others}}), http.StatusOK)
	expectCode(t, iw.transition(t, aps, "do"), http.StatusOK)
	expectCode(t, ta.Post(t, "/api/v1/issues/"+linked+"/links", w.improverTok, map[string]any{"target_type": "cycle", "target_id": aps}),
		http.StatusCreated)
	// A rota, linked to the grouped report, abandoned before any decision.
	rota := iw.createCycle(t, map[string]any{"title": "Weekly restore tests", "issue_ids": []string{grouped}})["id"].(string)
	expectCode(t, iw.transition(t, rota, "abandoned"), http.StatusOK)

	want := map[string][]string{
		linked:  {"Tap-and-go log-in closed via report adopt", "Extra access points do via report"},
		grouped: {"Extra access points do via problem", "Weekly restore tests abandoned via report"},
		plain:   {},
	}
	var mine struct{ Items []reportCycles }
	r := ta.Get(t, "/api/v1/issues?mine=true&limit=500", w.clinTok)
	expectCode(t, r, http.StatusOK)
	r.JSON(t, &mine)
	listed := map[string]reportCycles{}
	for _, it := range mine.Items {
		listed[it.ID] = it
	}
	if _, ok := listed[others]; ok {
		t.Errorf("My reports lists another clinician's report")
	}
	for id, cycles := range want {
		it, ok := listed[id]
		if !ok {
			t.Fatalf("My reports lacks report %s", id)
		}
		if got := it.summary(); !sameStrings(got, cycles) {
			t.Errorf("My reports: report %s shows cycles %q, want %q", id, got, cycles)
		}
		var one reportCycles
		r = ta.Get(t, "/api/v1/issues/"+id, w.clinTok)
		expectCode(t, r, http.StatusOK)
		r.JSON(t, &one)
		if got := one.summary(); !sameStrings(got, cycles) {
			t.Errorf("report page: report %s shows cycles %q, want %q", id, got, cycles)
		}
	}

	// The outcome in full: what was decided, when, why, and what the study showed.
	c := listed[linked].Cycles[0]
	if c.ID != tap || c.ChangeIdea != "Try something" || !c.CanOpen || c.Outcome == nil ||
		!c.Outcome.DecidedAt.Equal(decided) || c.Outcome.Rationale != "Log-in fell to 11 s on every ward" ||
		c.Outcome.StudySummary != "Summary" {
		t.Errorf("adopted cycle as the reporter sees it: %+v %+v", c, c.Outcome)
	}
	if open := listed[linked].Cycles[1]; open.ID != aps || open.Outcome != nil || !open.StageChangedAt.Equal(decided) {
		t.Errorf("running cycle: %+v", open)
	}

	// The other clinician sees both cycles on theirs — access points once,
	// though it reaches the report directly and through the problem — and
	// still cannot see anyone else's report, cycles or not.
	var theirs reportCycles
	r = ta.Get(t, "/api/v1/issues/"+others, w.otherTok)
	expectCode(t, r, http.StatusOK)
	r.JSON(t, &theirs)
	if got, want := theirs.summary(), []string{"Tap-and-go log-in closed via report adopt", "Extra access points do via report"}; !sameStrings(got, want) {
		t.Errorf("other clinician's report shows %q, want %q", got, want)
	}
	testapp.ExpectProblem(t, ta.Get(t, "/api/v1/issues/"+linked, w.otherTok), http.StatusNotFound)
	testapp.ExpectProblem(t, ta.Get(t, "/api/v1/issues/"+others, w.clinTok), http.StatusNotFound)
	testapp.ExpectProblem(t, ta.Get(t, "/api/v1/issues/"+linked, ""), http.StatusUnauthorized)
	testapp.ExpectProblem(t, ta.Get(t, "/api/v1/issues/not-a-report", w.clinTok), http.StatusNotFound)

	// Improvers see the same from the triage queue's side.
	var triaged reportCycles
	r = ta.Get(t, "/api/v1/issues/"+linked, w.improverTok)
	expectCode(t, r, http.StatusOK)
	r.JSON(t, &triaged)
	if got := triaged.summary(); !sameStrings(got, want[linked]) {
		t.Errorf("improver sees %q", got)
	}

	// Without cycles.read a reporter still learns what became of their
	// report, but is given no way into the cycle itself.
	rep, err := ta.App.Issues.Get(context.Background(), access.Actor{UserID: w.clinician.ID, Label: "no roles"}, linked)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Cycles) != 2 || rep.Cycles[0].Outcome == nil || rep.CanOpenCycles {
		t.Errorf("without cycles.read: %d cycles, outcome %v, can open %v", len(rep.Cycles), rep.Cycles[0].Outcome, rep.CanOpenCycles)
	}
}
