package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"assure/internal/testapp"
	"assure/models"
)

func (w *improvementWorld) createAction(t *testing.T, body map[string]any) map[string]any {
	t.Helper()
	return expectCode(t, w.ta.Post(t, "/api/v1/actions", w.improverTok, body), http.StatusCreated)
}

func (w *improvementWorld) patchAction(t *testing.T, tok, id string, body map[string]any) testapp.Response {
	t.Helper()
	return w.ta.Do(t, testapp.Request{Method: http.MethodPatch, Path: "/api/v1/actions/" + id, Token: tok, Body: body})
}

func ids(t *testing.T, m map[string]any) []string {
	t.Helper()
	var out []string
	for _, it := range m["items"].([]any) {
		out = append(out, it.(map[string]any)["id"].(string))
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestActionOwnersAndImprovers: improvers create and change any action; the
// owner may update the progress of their own and nothing else; anyone else
// is refused. The owner hears they were given it.
func TestActionOwnersAndImprovers(t *testing.T) {
	w := newImprovementWorld(t, day("2025-09-15").Add(9*time.Hour))
	a := w.createAction(t, map[string]any{"title": "Replace ward 7 badge readers", "owner_id": w.clinician.ID, "due_on": "2025-10-01",
		"expected_effect": "Log-in under 10 s"})
	id := a["id"].(string)
	if a["status"] != "open" || a["overdue"] != false || a["owner_name"] != w.clinician.Name {
		t.Fatalf("created %v", a)
	}
	if n := w.ta.Count(t, "notifications", "user_id = ? AND kind = 'assigned' AND entity_id = ?", w.clinician.ID, id); n != 1 {
		t.Fatalf("owner notified %d times", n)
	}
	// The owner (a clinician: no actions.manage) moves their own action on…
	a = expectCode(t, w.patchAction(t, w.clinicianTok, id, map[string]any{"status": "in_progress", "description": "Ordered"}), http.StatusOK)
	if a["status"] != "in_progress" || a["description"] != "Ordered" {
		t.Fatalf("owner update %v", a)
	}
	// …but may not move its due date or give it away.
	testapp.ExpectProblem(t, w.patchAction(t, w.clinicianTok, id, map[string]any{"due_on": "2026-01-01"}), http.StatusForbidden)
	testapp.ExpectProblem(t, w.patchAction(t, w.clinicianTok, id, map[string]any{"owner_id": w.board.ID}), http.StatusForbidden)
	// Someone who is neither owner nor improver may change nothing.
	testapp.ExpectProblem(t, w.patchAction(t, w.boardTok, id, map[string]any{"status": "done"}), http.StatusForbidden)
	testapp.ExpectProblem(t, w.ta.Post(t, "/api/v1/actions", w.clinicianTok, map[string]any{"title": "x", "owner_id": w.clinician.ID,
		"due_on": "2025-10-01"}), http.StatusForbidden)
	// The improver may change anything; giving it to someone else tells them.
	a = expectCode(t, w.patchAction(t, w.improverTok, id, map[string]any{"owner_id": w.exec.ID, "due_on": "2025-09-01"}), http.StatusOK)
	if a["owner_id"] != w.exec.ID || a["overdue"] != true || a["days_overdue"] != float64(14) {
		t.Fatalf("improver update %v", a)
	}
	if n := w.ta.Count(t, "notifications", "user_id = ? AND kind = 'assigned' AND entity_id = ?", w.exec.ID, id); n != 1 {
		t.Fatalf("new owner notified %d times", n)
	}
	tl := expectCode(t, w.ta.Get(t, "/api/v1/actions/"+id+"/timeline", w.clinicianTok), http.StatusOK)
	if items := tl["items"].([]any); len(items) != 3 || items[1].(map[string]any)["kind"] != "status_changed" {
		t.Fatalf("timeline %v", tl)
	}
	if n := w.ta.Count(t, "audit_events", "entity_type = 'action' AND entity_id = ?", id); n != 3 {
		t.Fatalf("audit events %d", n)
	}
}

// TestActionOverdueAndMine: overdue is computed from the due date and
// status; ?overdue= and ?owner_id=me filter on it.
func TestActionOverdueAndMine(t *testing.T) {
	w := newImprovementWorld(t, day("2025-09-15").Add(9*time.Hour))
	late := w.createAction(t, map[string]any{"title": "Late", "owner_id": w.clinician.ID, "due_on": "2025-09-14"})["id"].(string)
	today := w.createAction(t, map[string]any{"title": "Due today", "owner_id": w.clinician.ID, "due_on": "2025-09-15"})["id"].(string)
	doneLate := w.createAction(t, map[string]any{"title": "Done late", "owner_id": w.clinician.ID, "due_on": "2025-08-01", "status": "done"})["id"].(string)
	cancelled := w.createAction(t, map[string]any{"title": "Dropped", "owner_id": w.clinician.ID, "due_on": "2025-08-01", "status": "cancelled"})["id"].(string)
	others := w.createAction(t, map[string]any{"title": "Someone else's", "owner_id": w.exec.ID, "due_on": "2025-08-01"})["id"].(string)

	mine := ids(t, expectCode(t, w.ta.Get(t, "/api/v1/actions?owner_id=me&limit=500", w.clinicianTok), http.StatusOK))
	if len(mine) != 4 || contains(mine, others) || mine[len(mine)-1] != today {
		t.Fatalf("mine %v", mine)
	}
	overdue := ids(t, expectCode(t, w.ta.Get(t, "/api/v1/actions?owner_id=me&overdue=true", w.clinicianTok), http.StatusOK))
	if len(overdue) != 1 || overdue[0] != late {
		t.Fatalf("overdue %v (done late %s, cancelled %s)", overdue, doneLate, cancelled)
	}
	notOverdue := ids(t, expectCode(t, w.ta.Get(t, "/api/v1/actions?owner_id=me&overdue=false", w.clinicianTok), http.StatusOK))
	if len(notOverdue) != 3 || contains(notOverdue, late) {
		t.Fatalf("not overdue %v", notOverdue)
	}
	// Pages: one at a time, in due order, the cursor carrying on.
	p1 := expectCode(t, w.ta.Get(t, "/api/v1/actions?owner_id=me&limit=3", w.clinicianTok), http.StatusOK)
	cur, _ := p1["next_cursor"].(string)
	if len(ids(t, p1)) != 3 || cur == "" {
		t.Fatalf("page 1 %v", p1)
	}
	p2 := ids(t, expectCode(t, w.ta.Get(t, "/api/v1/actions?owner_id=me&limit=3&cursor="+cur, w.clinicianTok), http.StatusOK))
	if len(p2) != 1 || p2[0] != today {
		t.Fatalf("page 2 %v", p2)
	}
	for _, q := range []string{"overdue=maybe", "owner_id=bob", "status=finished", "limit=0", "cursor=zzz"} {
		testapp.ExpectProblem(t, w.ta.Get(t, "/api/v1/actions?"+q, w.clinicianTok), http.StatusUnprocessableEntity)
	}
}

// TestCompletingAnActionAnnotatesItsStandards: the day an action is done is
// marked on its standards' SPC charts and timelines.
func TestCompletingAnActionAnnotatesItsStandards(t *testing.T) {
	w := newImprovementWorld(t, day("2025-06-10").Add(9*time.Hour))
	std := newMeasuredStandard(t, w.ta, w.improver.ID, models.HigherIsBetter, models.PeriodMonth, 10, day("2024-01-01"), shiftSeries())
	id := w.createAction(t, map[string]any{"title": "Tune the SSO servers", "owner_id": w.improver.ID, "due_on": "2025-10-01",
		"standard_ids": []string{std.ID}})["id"].(string)
	a := expectCode(t, w.patchAction(t, w.improverTok, id, map[string]any{"status": "done"}), http.StatusOK)
	if a["completed_on"] != "2025-06-10" {
		t.Fatalf("completed_on %v", a["completed_on"])
	}
	// Months later (with fresh tokens), the chart shows the day it was done.
	w.ta.Clock.Set(day("2025-09-15").Add(9 * time.Hour))
	w.improverTok, w.clinicianTok = w.ta.TokenFor(t, w.improver), w.ta.TokenFor(t, w.clinician)
	spc := expectCode(t, w.ta.Get(t, "/api/v1/standards/"+std.ID+"/spc", w.clinicianTok), http.StatusOK)
	var marks []string
	for _, x := range spc["annotations"].([]any) {
		x := x.(map[string]any)
		marks = append(marks, x["kind"].(string)+"@"+x["date"].(string)+":"+x["label"].(string))
	}
	if len(marks) != 1 || marks[0] != "action_completed@2025-06-10:Action completed: Tune the SSO servers" {
		t.Fatalf("annotations %v", marks)
	}
	if n := w.ta.Count(t, "improvement_events", "entity_type = 'standard' AND entity_id = ? AND summary LIKE 'Action completed%'", std.ID); n != 1 {
		t.Fatalf("standard timeline entries %d", n)
	}
	// Reopening it takes the mark away.
	expectCode(t, w.patchAction(t, w.improverTok, id, map[string]any{"status": "in_progress"}), http.StatusOK)
	spc = expectCode(t, w.ta.Get(t, "/api/v1/standards/"+std.ID+"/spc", w.clinicianTok), http.StatusOK)
	if n := len(spc["annotations"].([]any)); n != 0 {
		t.Fatalf("annotations after reopening: %v", spc["annotations"])
	}
}

// TestActionBadInputWritesNothing.
func TestActionBadInputWritesNothing(t *testing.T) {
	w := newImprovementWorld(t, time.Now().UTC())
	id := w.createAction(t, map[string]any{"title": "Fine", "owner_id": w.improver.ID, "due_on": "2025-10-01"})["id"].(string)
	actions, events := w.ta.Count(t, "actions", ""), w.ta.Count(t, "audit_events", "")
	for _, c := range []struct {
		name   string
		body   any
		status int
		fields string
	}{
		{"malformed", `{"title":`, 400, ""},
		{"unknown field", map[string]any{"title": "x", "owner_id": w.improver.ID, "due_on": "2025-10-01", "priority": 1}, 422, "priority"},
		{"wrong type", map[string]any{"title": "x", "owner_id": w.improver.ID, "due_on": 20251001}, 422, "due_on"},
		{"missing", map[string]any{"description": "x"}, 422, "due_on,owner_id,title"},
		{"unknown status", map[string]any{"title": "x", "owner_id": w.improver.ID, "due_on": "2025-10-01", "status": "blocked"}, 422, "status"},
		{"bad date", map[string]any{"title": "x", "owner_id": w.improver.ID, "due_on": "next week"}, 422, "due_on"},
		{"no such owner", map[string]any{"title": "x", "owner_id": uuid.NewString(), "due_on": "2025-10-01"}, 422, "owner_id"},
		{"no such cycle", map[string]any{"title": "x", "owner_id": w.improver.ID, "due_on": "2025-10-01", "cycle_id": uuid.NewString()}, 422, "cycle_id"},
		{"no such standard", map[string]any{"title": "x", "owner_id": w.improver.ID, "due_on": "2025-10-01", "standard_ids": []string{uuid.NewString()}}, 422, "standard_ids"},
		{"not an id", map[string]any{"title": "x", "owner_id": w.improver.ID, "due_on": "2025-10-01", "problem_ids": []string{"p1"}}, 422, "problem_ids[0]"},
		{"too many links", map[string]any{"title": "x", "owner_id": w.improver.ID, "due_on": "2025-10-01", "issue_ids": make([]string, 101)}, 422, "issue_ids"},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := testapp.ExpectProblem(t, w.ta.Post(t, "/api/v1/actions", w.improverTok, c.body), c.status)
			if got := strings.Join(sortedFields(t, m), ","); got != c.fields {
				t.Errorf("fields %q, want %q", got, c.fields)
			}
		})
	}
	testapp.ExpectProblem(t, w.patchAction(t, w.improverTok, id, map[string]any{"owner_id": ""}), http.StatusUnprocessableEntity)
	testapp.ExpectProblem(t, w.patchAction(t, w.improverTok, uuid.NewString(), map[string]any{"title": "x"}), http.StatusNotFound)
	if n := w.ta.Count(t, "actions", ""); n != actions {
		t.Fatalf("actions %d → %d", actions, n)
	}
	if n := w.ta.Count(t, "audit_events", ""); n != events {
		t.Fatalf("audit events %d → %d", events, n)
	}
}
