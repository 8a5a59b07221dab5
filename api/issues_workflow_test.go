package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"assure/internal/testapp"
)

func (w *issueWorld) move(t *testing.T, token, id, to string) testapp.Response {
	t.Helper()
	return w.ta.Post(t, "/api/v1/issues/"+id+"/transitions", token, map[string]any{"to": to})
}

func (w *issueWorld) mustMove(t *testing.T, token, id string, to ...string) map[string]any {
	t.Helper()
	var m map[string]any
	for _, st := range to {
		r := w.move(t, token, id, st)
		if r.Code != http.StatusOK {
			t.Fatalf("move to %s: %d %s", st, r.Code, r.Body.String())
		}
		m = r.Map(t)
		if m["status"] != st {
			t.Fatalf("status %v, want %s", m["status"], st)
		}
	}
	return m
}

func TestIssueTransitions(t *testing.T) {
	ta := testapp.New(t)
	w := newIssueWorld(t, ta)

	t.Run("legal path, each step on the timeline and in the reporter's notifications", func(t *testing.T) {
		id := w.file(t, w.clinTok, w.minimal("Bleep system silent"))["id"].(string)
		r := ta.Post(t, "/api/v1/issues/"+id+"/transitions", w.improverTok, map[string]any{"to": "triaged", "note": "Passed to the telecoms team"})
		if r.Code != http.StatusOK {
			t.Fatalf("triage: %d %s", r.Code, r.Body.String())
		}
		m := w.mustMove(t, w.improverTok, id, "in_progress", "resolved")
		if m["resolved_at"] == nil || m["reopen_until"] == nil {
			t.Errorf("resolved report lacks resolved_at/reopen_until: %v", m)
		}
		// The reporter sees the new status, and may reopen it.
		r = ta.Get(t, "/api/v1/issues/"+id, w.clinTok)
		mine := r.Map(t)
		if mine["status"] != "resolved" || !strings.Contains(strings.Join(toStrings(mine["allowed_transitions"]), ","), "in_progress") {
			t.Errorf("reporter sees %v, may move to %v", mine["status"], mine["allowed_transitions"])
		}
		w.mustMove(t, w.improverTok, id, "closed")

		var tl struct {
			Items []map[string]any `json:"items"`
		}
		ta.Get(t, "/api/v1/issues/"+id+"/timeline", w.clinTok).JSON(t, &tl)
		var kinds []string
		for _, e := range tl.Items {
			k := e["kind"].(string)
			if k == "status_changed" {
				k += ":" + e["to_status"].(string)
			}
			kinds = append(kinds, k)
		}
		want := "reported status_changed:triaged status_changed:in_progress status_changed:resolved status_changed:closed"
		if strings.Join(kinds, " ") != want {
			t.Errorf("timeline %v", kinds)
		}
		if tl.Items[1]["body"] != "Passed to the telecoms team" || tl.Items[1]["actor"].(map[string]any)["id"] != w.improver.ID {
			t.Errorf("triage entry %v", tl.Items[1])
		}
		if n := ta.Count(t, "notifications", "user_id = ? AND entity_id = ? AND kind = 'issue_status_changed'", w.clinician.ID, id); n != 4 {
			t.Errorf("reporter has %d notifications, want 4", n)
		}
		if n := ta.Count(t, "audit_events", "entity_id = ? AND action = 'issue.status_changed'", id); n != 4 {
			t.Errorf("audit events %d", n)
		}
		// Closed is final.
		testapp.ExpectProblem(t, w.move(t, w.improverTok, id, "in_progress"), http.StatusConflict)
		r = ta.Post(t, "/api/v1/issues/"+id+"/comments", w.clinTok, map[string]any{"body": "thanks"})
		testapp.ExpectProblem(t, r, http.StatusConflict)
	})

	t.Run("illegal moves are 409 and change nothing", func(t *testing.T) {
		id := w.file(t, w.clinTok, w.minimal("Scanner offline"))["id"].(string)
		for _, to := range []string{"resolved", "closed", "in_progress", "new"} {
			m := testapp.ExpectProblem(t, w.move(t, w.improverTok, id, to), http.StatusConflict)
			if !strings.Contains(m["detail"].(string), "triaged") {
				t.Errorf("detail %q does not say where it can go", m["detail"])
			}
		}
		m := testapp.ExpectProblem(t, w.move(t, w.improverTok, id, "archived"), http.StatusUnprocessableEntity)
		if f := testapp.FieldErrors(t, m); !inList(f, "to") {
			t.Errorf("fields %v", f)
		}
		testapp.ExpectProblem(t, ta.Post(t, "/api/v1/issues/"+id+"/transitions", w.improverTok, map[string]any{}), http.StatusUnprocessableEntity)
		if n := ta.Count(t, "issues", "id = ? AND status = 'new' AND version = 1", id); n != 1 {
			t.Error("an illegal move changed the report")
		}
		if n := ta.Count(t, "notifications", "entity_id = ?", id); n != 0 {
			t.Errorf("illegal moves notified: %d", n)
		}
	})

	t.Run("the reporter may reopen within 14 days, not after", func(t *testing.T) {
		early := w.file(t, w.clinTok, w.minimal("Label printer"))["id"].(string)
		late := w.file(t, w.clinTok, w.minimal("Dictation app"))["id"].(string)
		w.mustMove(t, w.improverTok, early, "triaged", "in_progress", "resolved")
		w.mustMove(t, w.improverTok, late, "triaged", "in_progress", "resolved")

		ta.Clock.Advance(13 * 24 * time.Hour)
		w.refreshTokens(t)
		m := w.mustMove(t, w.clinTok, early, "in_progress")
		if m["resolved_at"] != nil {
			t.Errorf("reopened report keeps resolved_at %v", m["resolved_at"])
		}
		// The reporter's own move does not notify the reporter.
		if n := ta.Count(t, "notifications", "entity_id = ?", early); n != 3 {
			t.Errorf("notifications %d, want 3 (the improver's moves only)", n)
		}

		ta.Clock.Advance(2 * 24 * time.Hour)
		w.refreshTokens(t)
		m = testapp.ExpectProblem(t, w.move(t, w.clinTok, late, "in_progress"), http.StatusConflict)
		if !strings.Contains(m["detail"].(string), "14 days") {
			t.Errorf("detail %q", m["detail"])
		}
		// The reporter may not close or otherwise triage.
		testapp.ExpectProblem(t, w.move(t, w.clinTok, late, "closed"), http.StatusForbidden)
		// A triager still may.
		w.mustMove(t, w.improverTok, late, "in_progress")
		// Someone else's report: 404 before anything else.
		testapp.ExpectProblem(t, w.move(t, w.otherTok, late, "resolved"), http.StatusNotFound)
	})
}

func toStrings(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

func TestIssueAffectedAndSimilar(t *testing.T) {
	ta := testapp.New(t)
	w := newIssueWorld(t, ta)
	site := issueSite(t, ta, "Similar site")
	body := with(w.minimal("Wi-Fi drops in bay 3"), "site_id", site, "location", "Ward 7", "minutes_lost", 15, "staff_affected", 2)
	orig := w.file(t, w.clinTok, body)
	id := orig["id"].(string)

	// The other clinician, about to report the same, is offered it.
	r := ta.Get(t, "/api/v1/issues/similar?system_id="+w.system+"&site_id="+site, w.otherTok)
	var sim struct {
		Items []map[string]any `json:"items"`
	}
	r.JSON(t, &sim)
	if len(sim.Items) != 1 || sim.Items[0]["id"] != id || sim.Items[0]["people_affected"] != float64(2) {
		t.Fatalf("similar: %s", r.Body.String())
	}
	if _, leaks := sim.Items[0]["description"]; leaks {
		t.Error("suggestions carry the description")
	}
	// The reporter is not offered their own report.
	ta.Get(t, "/api/v1/issues/similar?system_id="+w.system+"&site_id="+site, w.clinTok).JSON(t, &sim)
	if len(sim.Items) != 0 {
		t.Errorf("reporter offered their own: %v", sim.Items)
	}
	testapp.ExpectProblem(t, ta.Get(t, "/api/v1/issues/similar?site_id="+site, w.otherTok), http.StatusUnprocessableEntity)

	// Before joining they cannot read it; joining counts their experience.
	testapp.ExpectProblem(t, ta.Get(t, "/api/v1/issues/"+id, w.otherTok), http.StatusNotFound)
	r = ta.Post(t, "/api/v1/issues/"+id+"/affected", w.otherTok, map[string]any{"minutes_lost": 40})
	if r.Code != http.StatusCreated {
		t.Fatalf("affected: %d %s", r.Code, r.Body.String())
	}
	m := r.Map(t)
	if m["affected_count"] != float64(1) || m["people_affected"] != float64(3) || m["total_minutes_lost"] != float64(70) || m["you_are_affected"] != true {
		t.Errorf("after joining: %v", m)
	}
	if r := ta.Get(t, "/api/v1/issues/"+id, w.otherTok); r.Code != http.StatusOK {
		t.Errorf("joined clinician cannot read it: %d", r.Code)
	}
	// ... and it is in their list, not offered again, and they may comment.
	if got := issueIDs(t, ta.Get(t, "/api/v1/issues?mine=true", w.otherTok)); !inList(got, id) {
		t.Errorf("joined report missing from their list: %v", got)
	}
	ta.Get(t, "/api/v1/issues/similar?system_id="+w.system+"&site_id="+site, w.otherTok).JSON(t, &sim)
	if len(sim.Items) != 0 {
		t.Errorf("offered again: %v", sim.Items)
	}
	if r := ta.Post(t, "/api/v1/issues/"+id+"/comments", w.otherTok, map[string]any{"body": "Same on Ward 8"}); r.Code != http.StatusCreated {
		t.Errorf("comment: %d %s", r.Code, r.Body.String())
	}

	testapp.ExpectProblem(t, ta.Post(t, "/api/v1/issues/"+id+"/affected", w.otherTok, map[string]any{"minutes_lost": 5}), http.StatusConflict)
	testapp.ExpectProblem(t, ta.Post(t, "/api/v1/issues/"+id+"/affected", w.clinTok, map[string]any{}), http.StatusConflict)
	testapp.ExpectProblem(t, ta.Post(t, "/api/v1/issues/"+id+"/affected", w.improverTok, map[string]any{"minutes_lost": -1}), http.StatusUnprocessableEntity)
	if n := ta.Count(t, "issue_affected", "issue_id = ?", id); n != 1 {
		t.Errorf("affected rows %d", n)
	}

	// A resolved report cannot be joined: 404 to a stranger, 409 to someone who can see it.
	w.mustMove(t, w.improverTok, id, "triaged", "in_progress", "resolved")
	stranger := ta.Token(t, "clinician")
	testapp.ExpectProblem(t, ta.Post(t, "/api/v1/issues/"+id+"/affected", stranger, map[string]any{}), http.StatusNotFound)
	testapp.ExpectProblem(t, ta.Post(t, "/api/v1/issues/"+id+"/affected", w.improverTok, map[string]any{}), http.StatusConflict)
}

func TestIssueComments(t *testing.T) {
	ta := testapp.New(t)
	w := newIssueWorld(t, ta)
	id := w.file(t, w.clinTok, w.minimal("Theatre list blank"))["id"].(string)
	for _, c := range []struct {
		tok, body string
	}{{w.clinTok, "Happened again at 14:00"}, {w.improverTok, "Supplier has a fix"}} {
		if r := ta.Post(t, "/api/v1/issues/"+id+"/comments", c.tok, map[string]any{"body": c.body}); r.Code != http.StatusCreated {
			t.Fatalf("comment: %d %s", r.Code, r.Body.String())
		}
	}
	testapp.ExpectProblem(t, ta.Post(t, "/api/v1/issues/"+id+"/comments", w.boardTok, map[string]any{"body": "noted"}), http.StatusForbidden)
	m := testapp.ExpectProblem(t, ta.Post(t, "/api/v1/issues/"+id+"/comments", w.clinTok, map[string]any{"body": "pt 943 476 5919"}), http.StatusUnprocessableEntity)
	if f := testapp.FieldErrors(t, m); !inList(f, "body") {
		t.Errorf("fields %v", f)
	}
	testapp.ExpectProblem(t, ta.Post(t, "/api/v1/issues/"+id+"/comments", w.clinTok, map[string]any{"body": " "}), http.StatusUnprocessableEntity)
	var list struct {
		Items []map[string]any `json:"items"`
	}
	ta.Get(t, "/api/v1/issues/"+id+"/comments", w.boardTok).JSON(t, &list)
	if len(list.Items) != 2 || list.Items[0]["body"] != "Happened again at 14:00" || list.Items[1]["actor"].(map[string]any)["id"] != w.improver.ID {
		t.Errorf("comments %v", list.Items)
	}
}

func TestProblems(t *testing.T) {
	ta := testapp.New(t)
	w := newIssueWorld(t, ta)
	a := w.file(t, w.clinTok, with(w.minimal("Ward 7 Wi-Fi drop"), "minutes_lost", 10, "staff_affected", 3))["id"].(string)
	b := w.file(t, w.otherTok, with(w.minimal("Ward 7 Wi-Fi again"), "minutes_lost", 20))["id"].(string)
	c := w.file(t, w.otherTok, w.minimal("Unrelated"))["id"].(string)

	r := ta.Post(t, "/api/v1/problems", w.improverTok, map[string]any{
		"title": "Ward 7 access point failing", "root_cause": "Faulty AP firmware", "known_workaround": "Use the ward PC",
		"system_id": w.system, "issue_ids": []string{a, b},
	})
	if r.Code != http.StatusCreated {
		t.Fatalf("create problem: %d %s", r.Code, r.Body.String())
	}
	p := r.Map(t)
	pid := p["id"].(string)
	// Counted once as a problem, every time as experience.
	if p["report_count"] != float64(2) || p["people_affected"] != float64(4) || p["total_minutes_lost"] != float64(50) {
		t.Errorf("problem sums: %v", p)
	}
	if got := ta.Get(t, "/api/v1/issues/"+a, w.clinTok).Map(t)["problem"].(map[string]any)["id"]; got != pid {
		t.Errorf("report's problem %v", got)
	}

	// The clinician sees the problem their report belongs to, and only their own report in it.
	r = ta.Get(t, "/api/v1/problems/"+pid, w.clinTok)
	if r.Code != http.StatusOK {
		t.Fatalf("clinician reads problem: %d", r.Code)
	}
	reports := r.Map(t)["reports"].([]any)
	if len(reports) != 1 || reports[0].(map[string]any)["id"] != a {
		t.Errorf("clinician sees reports %v", reports)
	}
	stranger := ta.Token(t, "clinician")
	testapp.ExpectProblem(t, ta.Get(t, "/api/v1/problems/"+pid, stranger), http.StatusNotFound)
	var list struct {
		Items []map[string]any `json:"items"`
	}
	ta.Get(t, "/api/v1/problems", stranger).JSON(t, &list)
	if len(list.Items) != 0 {
		t.Errorf("stranger lists %d problems", len(list.Items))
	}

	// Linking: a report already in a problem is 409; unlinking then linking works.
	link := func(problem, issue string) testapp.Response {
		return ta.Post(t, "/api/v1/problems/"+problem+"/issues", w.improverTok, map[string]any{"issue_id": issue})
	}
	testapp.ExpectProblem(t, link(pid, a), http.StatusConflict)
	if r := link(pid, c); r.Code != http.StatusOK || r.Map(t)["report_count"] != float64(3) {
		t.Fatalf("link: %d %s", r.Code, r.Body.String())
	}
	r = ta.Do(t, testapp.Request{Method: http.MethodDelete, Path: "/api/v1/problems/" + pid + "/issues/" + c, Token: w.improverTok})
	if r.Code != http.StatusOK || r.Map(t)["report_count"] != float64(2) {
		t.Fatalf("unlink: %d %s", r.Code, r.Body.String())
	}
	r = ta.Do(t, testapp.Request{Method: http.MethodDelete, Path: "/api/v1/problems/" + pid + "/issues/" + c, Token: w.improverTok})
	testapp.ExpectProblem(t, r, http.StatusNotFound)
	testapp.ExpectProblem(t, link(pid, uuid.NewString()), http.StatusUnprocessableEntity)
	testapp.ExpectProblem(t, link(uuid.NewString(), c), http.StatusNotFound)
	if n := ta.Count(t, "issue_events", "issue_id = ? AND kind IN ('problem_linked', 'problem_unlinked')", c); n != 2 {
		t.Errorf("timeline entries for c: %d", n)
	}

	// Editing with If-Match.
	patch := func(ifMatch string, body any) testapp.Response {
		return ta.Do(t, testapp.Request{Method: http.MethodPatch, Path: "/api/v1/problems/" + pid, Token: w.improverTok,
			Body: body, Headers: map[string]string{"If-Match": ifMatch}})
	}
	if r := patch(`"1"`, map[string]any{"status": "resolved", "root_cause": "AP firmware 2.1 bug"}); r.Code != http.StatusOK {
		t.Fatalf("patch: %d %s", r.Code, r.Body.String())
	}
	testapp.ExpectProblem(t, patch(`"1"`, map[string]any{"title": "x"}), http.StatusPreconditionFailed)
	testapp.ExpectProblem(t, patch(`"2"`, map[string]any{"known_workaround": "call 4505577104"}), http.StatusUnprocessableEntity)

	// A bad problem writes nothing, not even its valid reports' links.
	before := ta.Count(t, "problems", "")
	r = ta.Post(t, "/api/v1/problems", w.improverTok, map[string]any{"title": "P", "issue_ids": []string{c, uuid.NewString()}})
	testapp.ExpectProblem(t, r, http.StatusUnprocessableEntity)
	if ta.Count(t, "problems", "") != before || ta.Count(t, "issues", "id = ? AND problem_id IS NULL", c) != 1 {
		t.Error("a refused problem left something behind")
	}
}

func TestIssueLinks(t *testing.T) {
	ta := testapp.New(t)
	w := newIssueWorld(t, ta)
	id := w.file(t, w.clinTok, w.minimal("EPR slow"))["id"].(string)
	var std string
	if err := ta.App.DB.Gorm.Raw(`INSERT INTO standards (id, code, title, category, metric, unit, direction, threshold, period, rollup)
		VALUES (gen_random_uuid(), 'LK-' || (floor(random() * 9000) + 1000)::int, 'Link test', 'performance', 'm', 'seconds',
		        'lower_is_better', 3, 'week', 'max') RETURNING id`).Scan(&std).Error; err != nil {
		t.Fatal(err)
	}
	add := func(body map[string]any) testapp.Response {
		return ta.Post(t, "/api/v1/issues/"+id+"/links", w.improverTok, body)
	}
	r := add(map[string]any{"target_type": "standard", "target_id": std})
	if r.Code != http.StatusCreated || len(r.Map(t)["links"].([]any)) != 1 {
		t.Fatalf("link: %d %s", r.Code, r.Body.String())
	}
	testapp.ExpectProblem(t, add(map[string]any{"target_type": "standard", "target_id": std}), http.StatusConflict)
	testapp.ExpectProblem(t, add(map[string]any{"target_type": "standard", "target_id": uuid.NewString()}), http.StatusUnprocessableEntity)
	testapp.ExpectProblem(t, add(map[string]any{"target_type": "cycle", "target_id": uuid.NewString()}), http.StatusUnprocessableEntity)
	testapp.ExpectProblem(t, add(map[string]any{"target_type": "ward", "target_id": std}), http.StatusUnprocessableEntity)
	r = ta.Do(t, testapp.Request{Method: http.MethodDelete, Path: "/api/v1/issues/" + id + "/links/standard/" + std, Token: w.improverTok})
	if r.Code != http.StatusOK || len(r.Map(t)["links"].([]any)) != 0 {
		t.Fatalf("unlink: %d %s", r.Code, r.Body.String())
	}
	r = ta.Do(t, testapp.Request{Method: http.MethodDelete, Path: "/api/v1/issues/" + id + "/links/standard/" + std, Token: w.improverTok})
	testapp.ExpectProblem(t, r, http.StatusNotFound)
}
