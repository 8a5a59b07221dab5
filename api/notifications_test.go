package api_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"

	"assure/internal/testapp"
	"assure/models"
)

// TestNotificationInbox: your own notifications only, unread first; marking
// one or all read; the unread count follows.
func TestNotificationInbox(t *testing.T) {
	w := newImprovementWorld(t, time.Now().UTC())
	// Three notes for the clinician (made owner of three actions), one for
	// the executive.
	var actionIDs []string
	for _, title := range []string{"First", "Second", "Third"} {
		actionIDs = append(actionIDs, w.createAction(t, map[string]any{"title": title, "owner_id": w.clinician.ID, "due_on": "2030-01-01"})["id"].(string))
		w.ta.Clock.Advance(time.Second)
	}
	w.createAction(t, map[string]any{"title": "Exec's", "owner_id": w.exec.ID, "due_on": "2030-01-01"})

	count := func(tok string) float64 {
		return expectCode(t, w.ta.Get(t, "/api/v1/notifications/unread-count", tok), http.StatusOK)["count"].(float64)
	}
	if n := count(w.clinicianTok); n != 3 {
		t.Fatalf("unread %v", n)
	}
	list := expectCode(t, w.ta.Get(t, "/api/v1/notifications", w.clinicianTok), http.StatusOK)
	items := list["items"].([]any)
	if len(items) != 3 || items[0].(map[string]any)["title"] != "You are now the owner of the action “Third”" ||
		items[0].(map[string]any)["link"] != "/actions/"+actionIDs[2] || items[0].(map[string]any)["kind"] != "assigned" {
		t.Fatalf("inbox %v", items)
	}
	second := items[1].(map[string]any)["id"].(string)
	n := expectCode(t, w.ta.Post(t, "/api/v1/notifications/"+second+"/read", w.clinicianTok, nil), http.StatusOK)
	if n["read_at"] == nil {
		t.Fatalf("not read: %v", n)
	}
	if n := count(w.clinicianTok); n != 2 {
		t.Fatalf("unread after one read %v", n)
	}
	// Unread first: the read one goes to the bottom; pages follow that order.
	p1 := expectCode(t, w.ta.Get(t, "/api/v1/notifications?limit=2", w.clinicianTok), http.StatusOK)
	p2 := expectCode(t, w.ta.Get(t, "/api/v1/notifications?limit=2&cursor="+p1["next_cursor"].(string), w.clinicianTok), http.StatusOK)
	order := append(ids(t, p1), ids(t, p2)...)
	if len(order) != 3 || order[2] != second || p2["next_cursor"] != nil {
		t.Fatalf("order %v", order)
	}
	if unread := ids(t, expectCode(t, w.ta.Get(t, "/api/v1/notifications?unread=true", w.clinicianTok), http.StatusOK)); len(unread) != 2 {
		t.Fatalf("unread list %v", unread)
	}
	// Someone else's notification does not exist for you.
	testapp.ExpectProblem(t, w.ta.Post(t, "/api/v1/notifications/"+second+"/read", w.execTok, nil), http.StatusNotFound)
	testapp.ExpectProblem(t, w.ta.Post(t, "/api/v1/notifications/"+uuid.NewString()+"/read", w.execTok, nil), http.StatusNotFound)
	if n := count(w.execTok); n != 1 {
		t.Fatalf("exec unread %v", n)
	}
	if m := expectCode(t, w.ta.Post(t, "/api/v1/notifications/read-all", w.clinicianTok, nil), http.StatusOK); m["marked"] != float64(2) {
		t.Fatalf("read-all %v", m)
	}
	if n := count(w.clinicianTok); n != 0 {
		t.Fatalf("unread after read-all %v", n)
	}
	testapp.ExpectProblem(t, w.ta.Get(t, "/api/v1/notifications", ""), http.StatusUnauthorized)
	testapp.ExpectProblem(t, w.ta.Get(t, "/api/v1/notifications?unread=perhaps", w.execTok), http.StatusUnprocessableEntity)
}

// TestNotificationScan: the periodic scan tells owners of overdue actions
// and of standards breached, in concern or missing data; escalates actions
// overdue more than 14 days to executives; tells the board about cycles
// awaiting it — and running it again tells nobody anything twice.
func TestNotificationScan(t *testing.T) {
	w := newImprovementWorld(t, day("2025-09-15").Add(9*time.Hour))
	owner := w.ta.UserWith(t, models.RoleImprover)
	ctx := context.Background()
	// Make the tables' other rows (from other tests) known first, so the
	// counts below are this test's.
	if _, err := w.ta.App.Scanner.Run(ctx); err != nil {
		t.Fatal(err)
	}
	first := day("2024-01-01")
	breached := newMeasuredStandard(t, w.ta, owner.ID, models.HigherIsBetter, models.PeriodMonth, 10, first, append(alternate(11, 13, 19), 5))
	silent := newMeasuredStandard(t, w.ta, owner.ID, models.HigherIsBetter, models.PeriodMonth, 10, first, alternate(11, 12, 18))
	fine := newMeasuredStandard(t, w.ta, owner.ID, models.HigherIsBetter, models.PeriodMonth, 10, first, alternate(11, 12, 20))
	a1 := w.createAction(t, map[string]any{"title": "Two days late", "owner_id": owner.ID, "due_on": "2025-09-13"})["id"].(string)
	a2 := w.createAction(t, map[string]any{"title": "Three weeks late", "owner_id": owner.ID, "due_on": "2025-08-25"})["id"].(string)
	w.createAction(t, map[string]any{"title": "Not yet due", "owner_id": owner.ID, "due_on": "2025-09-20"})
	cyc := w.readyCycle(t, "Awaiting the board", fine, "2025-01-01")
	expectCode(t, w.transition(t, cyc, "do"), http.StatusOK)
	expectCode(t, w.patchCycle(t, cyc, map[string]any{"do_notes": "Done", "observations": "Seen"}), http.StatusOK)
	expectCode(t, w.transition(t, cyc, "study"), http.StatusOK)

	var boards, execs int64
	w.ta.App.DB.Gorm.Raw("SELECT count(*) FROM users WHERE active AND 'board' = ANY (roles)").Scan(&boards)
	w.ta.App.DB.Gorm.Raw("SELECT count(*) FROM users WHERE active AND 'executive' = ANY (roles)").Scan(&execs)
	made, err := w.ta.App.Scanner.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		kind, entity string
		who          string
		want         int64
	}{
		{"action_overdue", a1, owner.ID, 1},
		{"action_overdue", a2, owner.ID, 1},
		{"action_escalated", a1, "", 0},
		{"action_escalated", a2, "", execs},
		{"action_escalated", a2, w.exec.ID, 1},
		{"standard_breached", breached.ID, owner.ID, 1},
		{"standard_concern", breached.ID, owner.ID, 1},
		{"standard_missing", silent.ID, owner.ID, 1},
		{"standard_breached", fine.ID, "", 0},
		{"cycle_awaiting_board", cyc, "", boards},
		{"cycle_awaiting_board", cyc, w.board.ID, 1},
	} {
		where, args := "kind = ? AND entity_id = ?", []any{c.kind, c.entity}
		if c.who != "" {
			where, args = where+" AND user_id = ?", append(args, c.who)
		}
		if n := w.ta.Count(t, "notifications", where, args...); n != c.want {
			t.Errorf("%s about %s for %q: %d, want %d", c.kind, c.entity, c.who, n, c.want)
		}
	}
	if want := 2 + execs + 3 + boards; int64(made) != want {
		t.Errorf("scan made %d, want %d", made, want)
	}
	again, err := w.ta.App.Scanner.Run(ctx)
	if err != nil || again != 0 {
		t.Fatalf("second scan made %d (%v)", again, err)
	}
	// Moving the cycle on is news again, once.
	expectCode(t, w.patchCycle(t, cyc, map[string]any{"study_summary": "As predicted"}), http.StatusOK)
	expectCode(t, w.transition(t, cyc, "act"), http.StatusOK)
	if made, _ := w.ta.App.Scanner.Run(ctx); int64(made) != boards {
		t.Fatalf("after act: %d, want %d", made, boards)
	}
}
