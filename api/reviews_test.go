package api_test

import (
	"encoding/csv"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"assure/internal/testapp"
	"assure/models"
)

func alternate(a, b float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = a
		if i%2 == 1 {
			out[i] = b
		}
	}
	return out
}

// agendaItem finds the item about entity in a review body.
func agendaItem(t *testing.T, review map[string]any, entity string) map[string]any {
	t.Helper()
	for _, it := range review["items"].([]any) {
		it := it.(map[string]any)
		if it["entity_id"] == entity {
			return it
		}
	}
	return nil
}

func reasons(it map[string]any) string {
	var out []string
	for _, r := range it["reasons"].([]any) {
		out = append(out, r.(string))
	}
	return strings.Join(out, ",")
}

// TestBoardReview: the agenda is built from what needs a decision; only the
// board decides and closes; decisions reach the timelines of what they
// concern; a closed review is locked; the board pack carries the agenda,
// decisions and the figures behind each chart.
func TestBoardReview(t *testing.T) {
	w := newImprovementWorld(t, day("2025-09-15").Add(9*time.Hour))
	first := day("2024-01-01") // the last complete month is 2025-08, the 20th
	shifted := newMeasuredStandard(t, w.ta, w.improver.ID, models.HigherIsBetter, models.PeriodMonth, 10, first, shiftSeries())
	// 2025-07 met (11), 2025-08 breached (5) and below the lower limit.
	newly := newMeasuredStandard(t, w.ta, w.improver.ID, models.HigherIsBetter, models.PeriodMonth, 10, first, append(alternate(11, 13, 19), 5))
	// Breached month after month: nothing new for the board.
	always := newMeasuredStandard(t, w.ta, w.improver.ID, models.HigherIsBetter, models.PeriodMonth, 10, first, alternate(8, 9, 20))
	// Nothing since 2025-06.
	silent := newMeasuredStandard(t, w.ta, w.improver.ID, models.HigherIsBetter, models.PeriodMonth, 10, first,
		append(alternate(11, 12, 18), math.NaN(), math.NaN()))

	study := w.readyCycle(t, "In study", shifted, "2025-01-01")
	expectCode(t, w.transition(t, study, "do"), http.StatusOK)
	expectCode(t, w.patchCycle(t, study, map[string]any{"do_notes": "Done", "observations": "Seen"}), http.StatusOK)
	expectCode(t, w.transition(t, study, "study"), http.StatusOK)
	act := w.readyCycle(t, "In act", shifted, "2025-02-01")
	w.walkToAct(t, act)
	planned := w.readyCycle(t, "Still planning", shifted, "2025-03-01")
	late := w.createAction(t, map[string]any{"title": "Late one", "owner_id": w.improver.ID, "due_on": "2025-09-01"})["id"].(string)
	onTime := w.createAction(t, map[string]any{"title": "On time", "owner_id": w.improver.ID, "due_on": "2025-10-01"})["id"].(string)

	// Only the board schedules reviews.
	body := map[string]any{"title": "September IT governance board", "meeting_date": "2025-09-17",
		"member_ids": []string{w.board.ID, w.exec.ID}}
	for _, tok := range []string{w.improverTok, w.execTok, w.clinicianTok} {
		testapp.ExpectProblem(t, w.ta.Post(t, "/api/v1/reviews", tok, body), http.StatusForbidden)
	}
	rv := expectCode(t, w.ta.Post(t, "/api/v1/reviews", w.boardTok, body), http.StatusCreated)
	id := rv["id"].(string)
	if len(rv["members"].([]any)) != 2 || rv["status"] != "open" {
		t.Fatalf("review %v", rv)
	}
	for _, c := range []struct {
		entity, kind, reasons string
	}{
		{study, "cycle", "awaiting_study_sign_off"},
		{act, "cycle", "awaiting_act_decision"},
		{late, "action", "overdue"},
		{newly.ID, "standard", "newly_breached,special_cause_concern"},
		{silent.ID, "standard", "missing_data"},
	} {
		it := agendaItem(t, rv, c.entity)
		if it == nil {
			t.Errorf("%s %s is not on the agenda", c.kind, c.entity)
			continue
		}
		if it["kind"] != c.kind || reasons(it) != c.reasons || it["source"] != "agenda" {
			t.Errorf("item %v, want %s %s", it, c.kind, c.reasons)
		}
	}
	for _, e := range []string{planned, onTime, always.ID, shifted.ID} {
		if it := agendaItem(t, rv, e); it != nil {
			t.Errorf("%s should not be on the agenda: %v", e, it)
		}
	}

	// Items by hand; the same thing twice is a conflict.
	rv = expectCode(t, w.ta.Post(t, "/api/v1/reviews/"+id+"/items", w.boardTok, map[string]any{"kind": "other", "title": "Any other business"}), http.StatusCreated)
	if n := len(rv["items"].([]any)); n < 6 {
		t.Fatalf("agenda after adding by hand: %d items", n)
	}
	rv = expectCode(t, w.ta.Post(t, "/api/v1/reviews/"+id+"/items", w.boardTok, map[string]any{"kind": "standard", "entity_id": always.ID}), http.StatusCreated)
	if it := agendaItem(t, rv, always.ID); it == nil || it["source"] != "manual" || !strings.HasPrefix(it["title"].(string), always.Code) {
		t.Fatalf("manual item %v", it)
	}
	testapp.ExpectProblem(t, w.ta.Post(t, "/api/v1/reviews/"+id+"/items", w.boardTok, map[string]any{"kind": "cycle", "entity_id": study}), http.StatusConflict)
	expectFields(t, w.ta.Post(t, "/api/v1/reviews/"+id+"/items", w.boardTok, map[string]any{"kind": "cycle", "entity_id": uuid.NewString()}), "entity_id")
	expectFields(t, w.ta.Post(t, "/api/v1/reviews/"+id+"/items", w.boardTok, map[string]any{"kind": "meeting"}), "kind")

	// Only the board decides.
	decide := func(tok, item string, body map[string]any) testapp.Response {
		return w.ta.Do(t, testapp.Request{Method: http.MethodPut, Path: "/api/v1/reviews/" + id + "/items/" + item + "/decision", Token: tok, Body: body})
	}
	studyItem := agendaItem(t, rv, study)["id"].(string)
	lateItem := agendaItem(t, rv, late)["id"].(string)
	newlyItem := agendaItem(t, rv, newly.ID)["id"].(string)
	testapp.ExpectProblem(t, decide(w.improverTok, studyItem, map[string]any{"decision": "approved"}), http.StatusForbidden)
	expectFields(t, decide(w.boardTok, studyItem, map[string]any{"decision": "accepted"}), "decision")
	expectFields(t, decide(w.boardTok, lateItem, map[string]any{"decision": "escalated"}), "text")
	testapp.ExpectProblem(t, decide(w.boardTok, uuid.NewString(), map[string]any{"decision": "noted"}), http.StatusNotFound)
	expectCode(t, decide(w.boardTok, studyItem, map[string]any{"decision": "changes_requested", "text": "Add the balancing measure"}), http.StatusOK)
	expectCode(t, decide(w.boardTok, studyItem, map[string]any{"decision": "approved", "text": "Study signed off"}), http.StatusOK)
	expectCode(t, decide(w.boardTok, lateItem, map[string]any{"decision": "escalated", "text": "To the CIO"}), http.StatusOK)
	rv = expectCode(t, decide(w.boardTok, newlyItem, map[string]any{"decision": "noted"}), http.StatusOK)
	if it := agendaItem(t, rv, study); it["decision"] != "approved" || it["decided_by_name"] != w.board.Name {
		t.Fatalf("decided item %v", it)
	}
	// Decisions are on the timelines of what they concern.
	tl := expectCode(t, w.ta.Get(t, "/api/v1/cycles/"+study+"/timeline", w.clinicianTok), http.StatusOK)
	var decisions []string
	for _, e := range tl["items"].([]any) {
		e := e.(map[string]any)
		if e["kind"] == "decision" && e["review_id"] == id {
			decisions = append(decisions, e["summary"].(string))
		}
	}
	if len(decisions) != 2 || !strings.Contains(decisions[1], "approved. Study signed off") {
		t.Fatalf("cycle timeline decisions %v", decisions)
	}
	tl = expectCode(t, w.ta.Get(t, "/api/v1/actions/"+late+"/timeline", w.clinicianTok), http.StatusOK)
	if items := tl["items"].([]any); !strings.Contains(items[len(items)-1].(map[string]any)["summary"].(string), "escalated. To the CIO") {
		t.Fatalf("action timeline %v", items)
	}
	if n := w.ta.Count(t, "improvement_events", "entity_type = 'standard' AND entity_id = ? AND kind = 'decision' AND review_id = ?", newly.ID, id); n != 1 {
		t.Fatalf("standard timeline decisions %d", n)
	}

	expectCode(t, w.ta.Do(t, testapp.Request{Method: http.MethodPatch, Path: "/api/v1/reviews/" + id, Token: w.boardTok,
		Body: map[string]any{"minutes": "Quorate. Cycle study signed off; overdue action escalated to the CIO."}}), http.StatusOK)

	// Closing locks the review.
	testapp.ExpectProblem(t, w.ta.Post(t, "/api/v1/reviews/"+id+"/close", w.improverTok, nil), http.StatusForbidden)
	rv = expectCode(t, w.ta.Post(t, "/api/v1/reviews/"+id+"/close", w.boardTok, nil), http.StatusOK)
	if rv["status"] != "closed" || rv["closed_by_name"] != w.board.Name {
		t.Fatalf("closed %v", rv)
	}
	version := rv["version"]
	for name, r := range map[string]testapp.Response{
		"decide": decide(w.boardTok, studyItem, map[string]any{"decision": "noted"}),
		"edit": w.ta.Do(t, testapp.Request{Method: http.MethodPatch, Path: "/api/v1/reviews/" + id, Token: w.boardTok,
			Body: map[string]any{"minutes": "rewritten"}}),
		"add item": w.ta.Post(t, "/api/v1/reviews/"+id+"/items", w.boardTok, map[string]any{"kind": "other", "title": "Late"}),
		"refresh":  w.ta.Post(t, "/api/v1/reviews/"+id+"/agenda/refresh", w.boardTok, nil),
		"close":    w.ta.Post(t, "/api/v1/reviews/"+id+"/close", w.boardTok, nil),
	} {
		if r.Code != http.StatusConflict {
			t.Errorf("%s on a closed review: %d %s", name, r.Code, r.Body.String())
		}
	}
	if got := expectCode(t, w.ta.Get(t, "/api/v1/reviews/"+id, w.execTok), http.StatusOK); got["version"] != version ||
		!strings.HasPrefix(got["minutes"].(string), "Quorate") {
		t.Fatalf("closed review changed: %v", got)
	}

	// The board pack: JSON for the printable page, CSV for the record.
	testapp.ExpectProblem(t, w.ta.Get(t, "/api/v1/reviews/"+id+"/pack.csv", w.clinicianTok), http.StatusForbidden)
	pack := expectCode(t, w.ta.Get(t, "/api/v1/reviews/"+id+"/pack", w.execTok), http.StatusOK)
	figures := map[string]int{}
	for _, f := range pack["figures"].([]any) {
		f := f.(map[string]any)
		figures[f["standard_id"].(string)+":"+map[bool]string{true: "evidence", false: "chart"}[f["change_period"] != nil]]++
	}
	if figures[newly.ID+":chart"] != 1 || figures[silent.ID+":chart"] != 1 || figures[shifted.ID+":evidence"] != 2 {
		t.Fatalf("figures %v", figures)
	}
	r := w.ta.Get(t, "/api/v1/reviews/"+id+"/pack.csv", w.execTok)
	if r.Code != http.StatusOK || !strings.HasPrefix(r.Header().Get("Content-Type"), "text/csv") ||
		r.Header().Get("Content-Disposition") != `attachment; filename="board-pack-2025-09-17.csv"` {
		t.Fatalf("csv %d %v", r.Code, r.Header())
	}
	rows, err := csv.NewReader(strings.NewReader(r.Body.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "section,item,kind,reference,title,field,period,value,mean,lower_limit,upper_limit,special_cause,point_type,text" {
		t.Fatalf("header %v", rows[0])
	}
	sections := map[string]int{}
	var newlyLast []string
	var decisionRows []string
	for _, row := range rows[1:] {
		sections[row[0]]++
		if row[0] == "figure" && row[3] == newly.Code && row[6] == "2025-08-01" {
			newlyLast = row
		}
		if row[0] == "decision" {
			decisionRows = append(decisionRows, row[5]+":"+row[13])
		}
	}
	if sections["review"] < 5 || sections["member"] != 2 || sections["agenda"] < 7 || sections["decision"] != 3 || sections["figure"] < 80 {
		t.Fatalf("sections %v", sections)
	}
	if strings.Join(decisionRows, "|") != "approved:Study signed off|noted:|escalated:To the CIO" &&
		strings.Join(decisionRows, "|") != "approved:Study signed off|escalated:To the CIO|noted:" {
		t.Fatalf("decision rows %v", decisionRows)
	}
	if newlyLast == nil || newlyLast[5] != "chart" || newlyLast[7] != "5" || newlyLast[11] != "below_lower_limit" || newlyLast[12] != "concern" {
		t.Fatalf("figure row %v", newlyLast)
	}
	if n := w.ta.Count(t, "audit_events", "entity_type = 'review' AND entity_id = ?", id); n != 9 { // created, 2 items, 4 decisions, minutes, closed
		t.Fatalf("review audit events %d", n)
	}
}

// TestReviewBadInputWritesNothing.
func TestReviewBadInputWritesNothing(t *testing.T) {
	w := newImprovementWorld(t, time.Now().UTC())
	reviews := w.ta.Count(t, "reviews", "")
	for _, c := range []struct {
		body   any
		status int
		fields string
	}{
		{`{"title": "x", "meeting_date": "2025-01-01"`, 400, ""},
		{map[string]any{}, 422, "meeting_date,title"},
		{map[string]any{"title": "x", "meeting_date": "17 Sept"}, 422, "meeting_date"},
		{map[string]any{"title": "x", "meeting_date": "2025-09-17", "member_ids": []string{uuid.NewString()}}, 422, "member_ids"},
		{map[string]any{"title": "x", "meeting_date": "2025-09-17", "agenda": []string{}}, 422, "agenda"},
		{map[string]any{"title": "x", "meeting_date": "2025-09-17", "build_agenda": "yes"}, 422, "build_agenda"},
	} {
		m := testapp.ExpectProblem(t, w.ta.Post(t, "/api/v1/reviews", w.boardTok, c.body), c.status)
		if got := strings.Join(sortedFields(t, m), ","); got != c.fields {
			t.Errorf("%v: fields %q, want %q", c.body, got, c.fields)
		}
	}
	if n := w.ta.Count(t, "reviews", ""); n != reviews {
		t.Fatalf("reviews %d → %d", reviews, n)
	}
	rv := expectCode(t, w.ta.Post(t, "/api/v1/reviews", w.boardTok, map[string]any{"title": "Empty", "meeting_date": "2025-09-17",
		"build_agenda": false}), http.StatusCreated)
	if len(rv["items"].([]any)) != 0 {
		t.Fatalf("agenda built anyway: %v", rv["items"])
	}
	testapp.ExpectProblem(t, w.ta.Get(t, "/api/v1/reviews/"+uuid.NewString(), w.boardTok), http.StatusNotFound)
	testapp.ExpectProblem(t, w.ta.Get(t, "/api/v1/reviews?status=draft", w.boardTok), http.StatusUnprocessableEntity)
}
