package api_test

import (
	"net/http"
	"testing"
	"time"

	"assure/internal/testapp"
	"assure/models"
)

// TestProblemShowsTheCyclesLinkedToIt: a problem lists the cycles linked to
// it, oldest first, with their outcome, to everyone who may see the problem;
// cycles linked only to one of its reports stay on that report, and lists of
// problems leave cycles out.
func TestProblemShowsTheCyclesLinkedToIt(t *testing.T) {
	ta := testapp.New(t)
	ta.Clock.Set(time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC))
	w := newIssueWorld(t, ta)
	iw := &improvementWorld{ta: ta, improver: w.improver, improverTok: w.improverTok}
	std := newMeasuredStandard(t, ta, w.improver.ID, models.LowerIsBetter, models.PeriodWeek, 15, day("2026-01-05"), nil)

	grouped := w.file(t, w.clinTok, w.minimal("Wi-Fi dropped on the drug round"))["id"].(string)
	problem := expectCode(t, ta.Post(t, "/api/v1/problems", w.improverTok, map[string]any{
		"title": "Ward 7 Wi-Fi drop-outs", "issue_ids": []string{grouped}}), http.StatusCreated)["id"].(string)
	empty := expectCode(t, ta.Post(t, "/api/v1/problems", w.improverTok, map[string]any{
		"title": "Printers offline", "issue_ids": []string{}}), http.StatusCreated)["id"].(string)

	aps := iw.readyCycle(t, "Extra access points", std, "2026-02-02")
	expectCode(t, iw.patchCycle(t, aps, map[string]any{"problem_ids": []string{problem}}), http.StatusOK)
	iw.walkToAct(t, aps)
	expectCode(t, iw.patchCycle(t, aps, map[string]any{"decision": "adopt", "rationale": "No drop-outs for a month"}), http.StatusOK)
	expectCode(t, iw.transition(t, aps, "closed"), http.StatusOK)
	roam := iw.createCycle(t, map[string]any{"title": "Roaming threshold", "problem_ids": []string{problem}})["id"].(string)
	iw.createCycle(t, map[string]any{"title": "Report only", "issue_ids": []string{grouped}})

	read := func(tok, id string) reportCycles {
		t.Helper()
		var p reportCycles
		r := ta.Get(t, "/api/v1/problems/"+id, tok)
		expectCode(t, r, http.StatusOK)
		r.JSON(t, &p)
		return p
	}
	want := []string{"Extra access points closed via problem adopt", "Roaming threshold plan via problem"}
	for _, who := range []struct{ name, tok string }{{"improver", w.improverTok}, {"reporter", w.clinTok}} {
		p := read(who.tok, problem)
		if got := p.summary(); !sameStrings(got, want) {
			t.Errorf("%s sees the problem's cycles %q, want %q", who.name, got, want)
		}
	}
	p := read(w.improverTok, problem)
	if c := p.Cycles[0]; c.ID != aps || !c.CanOpen || c.Outcome == nil || c.Outcome.Rationale != "No drop-outs for a month" ||
		c.Outcome.StudySummary != "Summary" {
		t.Errorf("adopted cycle on the problem: %+v %+v", c, c.Outcome)
	}
	if c := p.Cycles[1]; c.ID != roam || c.Outcome != nil {
		t.Errorf("planned cycle on the problem: %+v", c)
	}
	if got := read(w.improverTok, empty); len(got.Cycles) != 0 {
		t.Errorf("a problem without cycles shows %+v", got.Cycles)
	}
	testapp.ExpectProblem(t, ta.Get(t, "/api/v1/problems/"+problem, w.otherTok), http.StatusNotFound)

	list := ta.Get(t, "/api/v1/problems", w.improverTok)
	expectCode(t, list, http.StatusOK)
	var page struct{ Items []map[string]any }
	list.JSON(t, &page)
	for _, it := range page.Items {
		if _, ok := it["cycles"]; ok {
			t.Errorf("a list of problems carries cycles: %v", it["id"])
		}
	}
}
