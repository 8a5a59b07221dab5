package api_test

import (
	"net/http"
	"testing"
	"time"

	"assure/internal/testapp"
	"assure/models"
)

// TestReportersHearWhenACycleOnTheirReportIsDecided: closing a cycle with a
// decision tells each reporter of a report it works on — linked from either
// side or through the report's problem — once, however many of their
// reports it works on, and nobody else; closing again tells nobody more.
func TestReportersHearWhenACycleOnTheirReportIsDecided(t *testing.T) {
	ta := testapp.New(t)
	ta.Clock.Set(time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC))
	w := newIssueWorld(t, ta)
	iw := &improvementWorld{ta: ta, improver: w.improver, improverTok: w.improverTok}
	std := newMeasuredStandard(t, ta, w.improver.ID, models.LowerIsBetter, models.PeriodWeek, 15, day("2026-01-05"), nil)
	third := ta.UserWith(t, models.RoleClinician)
	thirdTok := ta.TokenFor(t, third)

	linked := w.file(t, w.clinTok, w.minimal("Log-in takes twenty seconds"))["id"].(string)
	grouped := w.file(t, w.clinTok, w.minimal("Wi-Fi dropped on the drug round"))["id"].(string)
	fromReport := w.file(t, w.otherTok, w.minimal("Log-in slow for me too"))["id"].(string)
	unlinked := w.file(t, thirdTok, w.minimal("Printer jammed"))["id"].(string)
	problem := expectCode(t, ta.Post(t, "/api/v1/problems", w.improverTok, map[string]any{
		"title": "Ward 7 Wi-Fi drop-outs", "issue_ids": []string{grouped}}), http.StatusCreated)["id"].(string)

	tap := iw.readyCycle(t, "Tap-and-go log-in", std, "2026-02-02")
	expectCode(t, iw.patchCycle(t, tap, map[string]any{"issue_ids": []string{linked}, "problem_ids": []string{problem}}), http.StatusOK)
	expectCode(t, ta.Post(t, "/api/v1/issues/"+fromReport+"/links", w.improverTok, map[string]any{"target_type": "cycle", "target_id": tap}),
		http.StatusCreated)
	// A cycle abandoned before any decision tells nobody.
	rota := iw.createCycle(t, map[string]any{"title": "Weekly restore tests", "issue_ids": []string{unlinked}})["id"].(string)
	expectCode(t, iw.transition(t, rota, "abandoned"), http.StatusOK)

	iw.walkToAct(t, tap)
	decided := func(user models.User) int64 {
		return ta.Count(t, "notifications", "user_id = ? AND kind = 'cycle_decided'", user.ID)
	}
	if n := decided(w.clinician) + decided(w.other) + decided(third); n != 0 {
		t.Fatalf("%d reporters told of a decision before the cycle closed", n)
	}
	expectCode(t, iw.patchCycle(t, tap, map[string]any{"decision": "adopt", "rationale": "Log-in fell to 11 s on every ward"}), http.StatusOK)
	expectCode(t, iw.transition(t, tap, "closed"), http.StatusOK)
	testapp.ExpectProblem(t, iw.transition(t, tap, "closed"), http.StatusConflict) // a retry

	for _, c := range []struct {
		who  string
		user models.User
		want int64
	}{
		{"reporter of a linked report and a grouped one", w.clinician, 1},
		{"reporter of a report linked from its side", w.other, 1},
		{"reporter of an unlinked report", third, 0},
		{"the improver who decided", w.improver, 0},
	} {
		if n := decided(c.user); n != c.want {
			t.Errorf("%s: %d notifications, want %d", c.who, n, c.want)
		}
	}

	var inbox struct {
		Items []struct {
			Kind, Title, Body, Link, EntityType string
			EntityID                            *string `json:"entity_id"`
		}
	}
	r := ta.Get(t, "/api/v1/notifications", w.clinTok)
	expectCode(t, r, http.StatusOK)
	r.JSON(t, &inbox)
	found := false
	for _, n := range inbox.Items {
		if n.Kind != "cycle_decided" {
			continue
		}
		found = true
		want := "The improvement cycle “Tap-and-go log-in” working on your report “Log-in takes twenty seconds” and one other decided: change adopted"
		if n.Title != want || n.Link != "/reports/"+linked || n.EntityID == nil || *n.EntityID != linked {
			t.Errorf("notification: %+v, want title %q linking to %s", n, want, linked)
		}
	}
	if !found {
		t.Errorf("the clinician's inbox lacks the decision: %+v", inbox.Items)
	}
}
