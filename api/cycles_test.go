package api_test

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"math"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"assure/internal/testapp"
	"assure/models"
)

// improvementWorld is one test's app, users and tokens for cycles, actions
// and reviews. The clock is set before any token is signed.
type improvementWorld struct {
	ta                                           *testapp.App
	improver, board, clinician, exec             models.User
	improverTok, boardTok, clinicianTok, execTok string
}

func newImprovementWorld(t *testing.T, now time.Time) *improvementWorld {
	t.Helper()
	ta := testapp.New(t)
	ta.Clock.Set(now)
	w := &improvementWorld{ta: ta}
	w.improver = ta.UserWith(t, models.RoleImprover)
	w.board = ta.UserWith(t, models.RoleBoard)
	w.clinician = ta.UserWith(t, models.RoleClinician)
	w.exec = ta.UserWith(t, models.RoleExecutive)
	w.improverTok, w.boardTok = ta.TokenFor(t, w.improver), ta.TokenFor(t, w.board)
	w.clinicianTok, w.execTok = ta.TokenFor(t, w.clinician), ta.TokenFor(t, w.exec)
	return w
}

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// improvementCode returns a standard code no other test uses.
func improvementCode() string {
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return "Q" + strings.ToUpper(hex.EncodeToString(b)) + "-07"
}

// measuredStandard makes an active standard owned by owner with a monthly
// (or weekly) organisation series: values[i] is the value of the period
// first+i, NaN for none. It writes series_values directly — what
// services/measurements keeps — so the numbers are exactly these.
type measuredStandard struct {
	ID, Code string
}

func newMeasuredStandard(t *testing.T, ta *testapp.App, owner string, dir models.Direction, period models.Period,
	threshold float64, first time.Time, values []float64) measuredStandard {
	t.Helper()
	id := uuid.Must(uuid.NewV7()).String()
	code := improvementCode()
	db := ta.App.DB.Gorm
	now := ta.Clock.Now()
	err := db.Exec(`INSERT INTO standards (id, code, title, category, metric, unit, direction, threshold, period, rollup,
		owner_id, status, created_at, updated_at) VALUES (?, ?, ?, 'performance', 'log-in time', 'seconds', ?, ?, ?, 'mean', ?, 'active', ?, ?)`,
		id, code, "Standard "+code, dir, threshold, period, owner, now, now).Error
	if err == nil {
		err = db.Exec(`INSERT INTO standard_revisions (id, standard_id, effective_from, direction, threshold, period)
			VALUES (?, ?, ?, ?, ?, ?)`, uuid.Must(uuid.NewV7()).String(), id, first, dir, threshold, period).Error
	}
	if err != nil {
		t.Fatal(err)
	}
	d := first
	for _, v := range values {
		if !math.IsNaN(v) {
			if err := db.Exec(`INSERT INTO series_values (standard_id, period_start, value) VALUES (?, ?, ?)`, id, d, v).Error; err != nil {
				t.Fatal(err)
			}
		}
		if period == models.PeriodWeek {
			d = d.AddDate(0, 0, 7)
		} else {
			d = d.AddDate(0, 1, 0)
		}
	}
	return measuredStandard{ID: id, Code: code}
}

// shiftSeries is the hand-worked series: twelve months alternating 10 and 12
// (mean 11, every moving range 2), then eight alternating 13 and 14 (mean
// 13.5, every moving range 1).
func shiftSeries() []float64 {
	var v []float64
	for i := 0; i < 12; i++ {
		v = append(v, 10+2*float64(i%2))
	}
	for i := 0; i < 8; i++ {
		v = append(v, 13+float64(i%2))
	}
	return v
}

func expectCode(t *testing.T, r testapp.Response, status int) map[string]any {
	t.Helper()
	if r.Code != status {
		t.Fatalf("status %d, want %d: %s", r.Code, status, r.Body.String())
	}
	return r.Map(t)
}

func (w *improvementWorld) createCycle(t *testing.T, body map[string]any) map[string]any {
	t.Helper()
	return expectCode(t, w.ta.Post(t, "/api/v1/cycles", w.improverTok, body), http.StatusCreated)
}

func (w *improvementWorld) transition(t *testing.T, id, to string) testapp.Response {
	t.Helper()
	return w.ta.Post(t, "/api/v1/cycles/"+id+"/transitions", w.improverTok, map[string]any{"to": to})
}

func (w *improvementWorld) patchCycle(t *testing.T, id string, body map[string]any) testapp.Response {
	t.Helper()
	return w.ta.Do(t, testapp.Request{Method: http.MethodPatch, Path: "/api/v1/cycles/" + id, Token: w.improverTok, Body: body})
}

func sortedFields(t *testing.T, m map[string]any) []string {
	t.Helper()
	f := testapp.FieldErrors(t, m)
	sort.Strings(f)
	return f
}

func expectFields(t *testing.T, r testapp.Response, want ...string) {
	t.Helper()
	m := testapp.ExpectProblem(t, r, http.StatusUnprocessableEntity)
	got := sortedFields(t, m)
	sort.Strings(want)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("422 fields %v, want %v: %s", got, want, r.Body.String())
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func num(t *testing.T, m map[string]any, key string) float64 {
	t.Helper()
	v, ok := m[key].(float64)
	if !ok {
		t.Fatalf("%s is %v, not a number", key, m[key])
	}
	return v
}

// TestCycleFromPlanToAdopt walks one cycle through every stage: each
// transition refused with 422 until its fields are there, the predictions
// locked once Do starts, the study evidence against hand-worked numbers, and
// adoption rebasing the outcome standard's chart.
func TestCycleFromPlanToAdopt(t *testing.T) {
	w := newImprovementWorld(t, day("2025-09-15").Add(10*time.Hour))
	std := newMeasuredStandard(t, w.ta, w.improver.ID, models.HigherIsBetter, models.PeriodMonth, 10, day("2024-01-01"), shiftSeries())
	bal := newMeasuredStandard(t, w.ta, w.improver.ID, models.LowerIsBetter, models.PeriodMonth, 5, day("2024-01-01"), shiftSeries())

	c := w.createCycle(t, map[string]any{"title": "Tap-and-go log-in on ward 7"})
	id := c["id"].(string)
	if c["stage"] != "plan" || c["owner_id"] != w.improver.ID || c["sequence"] != float64(1) || c["ramp_id"] != id {
		t.Fatalf("new cycle: %v", c)
	}

	// Plan → Do needs every Plan field: 422 naming each.
	w.ta.App.DB.Gorm.Exec("UPDATE cycles SET owner_id = NULL WHERE id = ?", id)
	expectFields(t, w.transition(t, id, "do"), "owner_id", "aim", "change_idea", "measures", "do_started_on")
	r := w.patchCycle(t, id, map[string]any{
		"owner_id": w.improver.ID, "aim": "Median log-in time below 10 s by March", "change_idea": "Tap-and-go badges",
		"team": []string{w.board.ID, "Jo Bloggs, ward manager"},
		"measures": []map[string]any{
			{"standard_id": std.ID, "role": "process"},
			{"standard_id": bal.ID, "role": "balancing", "predicted_direction": "no_change"},
		},
		"plan": "IT installs readers on ward 7 in week 1", "planned_start": "2025-01-01", "planned_end": "2025-06-30",
	})
	expectCode(t, r, http.StatusOK)
	expectFields(t, w.transition(t, id, "do"), "measures", "measures[0].predicted_direction", "measures[0].predicted_change", "do_started_on")
	expectCode(t, w.patchCycle(t, id, map[string]any{"do_started_on": "2025-09-16"}), http.StatusOK)
	expectFields(t, w.transition(t, id, "do"), "measures", "measures[0].predicted_direction", "measures[0].predicted_change", "do_started_on")
	c = expectCode(t, w.patchCycle(t, id, map[string]any{
		"measures": []map[string]any{
			{"standard_id": std.ID, "role": "outcome", "predicted_direction": "increase", "predicted_change": 2},
			{"standard_id": bal.ID, "role": "balancing", "predicted_direction": "no_change"},
		},
		"do_started_on": "2025-01-01",
	}), http.StatusOK)
	if missing := c["missing_for_next"].([]any); len(missing) != 0 {
		t.Fatalf("still missing %v", missing)
	}
	members := c["team_members"].([]any)
	if len(members) != 2 || members[0].(map[string]any)["name"] != w.board.Name || members[1].(map[string]any)["user_id"] != nil {
		t.Fatalf("team members %v", members)
	}
	c = expectCode(t, w.transition(t, id, "do"), http.StatusOK)
	if c["stage"] != "do" || c["predictions_locked"] != true {
		t.Fatalf("after do: %v", c)
	}

	// Predictions are locked: changing them is a conflict, sending them back
	// unchanged is not, and nothing was written.
	r = w.patchCycle(t, id, map[string]any{"measures": []map[string]any{
		{"standard_id": std.ID, "role": "outcome", "predicted_direction": "increase", "predicted_change": 5},
		{"standard_id": bal.ID, "role": "balancing", "predicted_direction": "no_change"},
	}})
	if m := testapp.ExpectProblem(t, r, http.StatusConflict); !strings.Contains(m["detail"].(string), "predictions are locked") {
		t.Fatalf("detail %v", m["detail"])
	}
	testapp.ExpectProblem(t, w.patchCycle(t, id, map[string]any{"measures": []map[string]any{{"standard_id": std.ID, "role": "outcome",
		"predicted_direction": "increase", "predicted_change": 2}}}), http.StatusConflict)
	if n := w.ta.Count(t, "cycle_measures", "cycle_id = ? AND predicted_change = 2", id); n != 1 {
		t.Fatalf("prediction changed: %d", n)
	}
	expectCode(t, w.patchCycle(t, id, map[string]any{"measures": []map[string]any{
		{"standard_id": std.ID, "role": "outcome", "predicted_direction": "increase", "predicted_change": 2},
		{"standard_id": bal.ID, "role": "balancing", "predicted_direction": "no_change"},
	}}), http.StatusOK)
	// A later stage's field is not written in Do either.
	testapp.ExpectProblem(t, w.patchCycle(t, id, map[string]any{"decision": "adopt"}), http.StatusConflict)

	// Do → Study needs what happened.
	expectFields(t, w.transition(t, id, "study"), "do_notes", "observations")
	if n := w.ta.Count(t, "river_job", "kind = 'assure.notify_soon' AND args->>'cycle_id' = ?", id); n != 0 {
		t.Fatalf("a refused transition enqueued %d scans", n)
	}
	expectCode(t, w.patchCycle(t, id, map[string]any{"do_notes": "Readers installed on 1 January", "observations": "Staff liked it"}), http.StatusOK)
	expectCode(t, w.transition(t, id, "study"), http.StatusOK)
	// Awaiting the board now: a notification scan was enqueued with the
	// transition, to run at once rather than at the next minute.
	if n := w.ta.Count(t, "river_job", "kind = 'assure.notify_soon' AND args->>'cycle_id' = ?", id); n != 1 {
		t.Fatalf("%d scans enqueued by the move to Study, want 1", n)
	}

	// The study evidence, worked by hand (SPC.md):
	// before (2024-01..12): mean 11, moving ranges all 2, limits 11 ± 2.66×2
	// = 5.68 and 16.32. After (2025-01..08): mean 13.5, moving ranges all 1,
	// limits 13.5 ± 2.66 = 10.84 and 16.16, 8 points (short). Against the
	// before limits (two-sigma lines 11 ± 3.5467 = 7.4533, 14.5467) no point
	// after is outside or near, so no two-of-three; all eight are above the
	// mean: a run of 8, a shift up on every point — the predicted direction.
	ev := expectCode(t, w.ta.Get(t, "/api/v1/cycles/"+id+"/evidence", w.clinicianTok), http.StatusOK)
	ms := ev["measures"].([]any)
	if len(ms) != 2 || ev["do_started_on"] != "2025-01-01" {
		t.Fatalf("evidence %v", ev)
	}
	m := ms[0].(map[string]any)
	before, after := m["before"].(map[string]any), m["after"].(map[string]any)
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"before mean", num(t, before, "mean"), 11}, {"before lower", num(t, before, "lower_limit"), 5.68},
		{"before upper", num(t, before, "upper_limit"), 16.32}, {"before points", num(t, before, "points"), 12},
		{"after mean", num(t, after, "mean"), 13.5}, {"after lower", num(t, after, "lower_limit"), 10.84},
		{"after upper", num(t, after, "upper_limit"), 16.16}, {"after points", num(t, after, "points"), 8},
		{"mean_before", num(t, m, "mean_before"), 11}, {"mean_after", num(t, m, "mean_after"), 13.5},
		{"mean change", num(t, m, "mean_change"), 2.5},
	} {
		if !near(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if after["short"] != true || before["short"] != true || m["change_period"] != "2025-01-01" {
		t.Errorf("segments %v / %v", before, after)
	}
	signals := m["signals"].([]any)
	if len(signals) != 8 {
		t.Fatalf("signals %v", signals)
	}
	for i, s := range signals {
		s := s.(map[string]any)
		wantPeriod := day("2025-01-01").AddDate(0, i, 0).Format(time.DateOnly)
		if s["period"] != wantPeriod || s["special_cause"] != "run_above_mean" || s["rule"] != "shift" ||
			s["direction"] != "increase" || s["in_predicted_direction"] != true {
			t.Errorf("signal %d: %v", i, s)
		}
	}
	if m["verdict"] != "supports_prediction" || m["judged_against"] != "before_change_limits" ||
		m["mean_change_in_predicted_direction"] != true || m["predicted_size_reached"] != true {
		t.Errorf("judgement %v %v %v %v", m["verdict"], m["judged_against"], m["mean_change_in_predicted_direction"], m["predicted_size_reached"])
	}
	chart := m["chart"].(map[string]any)
	if segs := chart["segments"].([]any); len(segs) != 2 || len(chart["points"].([]any)) != 20 {
		t.Errorf("chart %v", chart["segments"])
	}
	// The balancing measure predicted no change: the same shift (up, on a
	// lower-is-better standard) contradicts it, and the mean moved 2.5 > 0.
	b := ms[1].(map[string]any)
	if b["verdict"] != "contradicts_prediction" || b["mean_change_in_predicted_direction"] != nil || b["predicted_size_reached"] != nil {
		t.Errorf("balancing: %v %v %v", b["verdict"], b["mean_change_in_predicted_direction"], b["predicted_size_reached"])
	}

	// Study → Act needs the summary; Act → closed the decision.
	expectFields(t, w.transition(t, id, "act"), "study_summary")
	expectCode(t, w.patchCycle(t, id, map[string]any{"study_summary": "Log-in time fell as predicted"}), http.StatusOK)
	expectCode(t, w.transition(t, id, "act"), http.StatusOK)
	expectFields(t, w.transition(t, id, "closed"), "decision", "rationale")
	expectFields(t, w.patchCycle(t, id, map[string]any{"decision": "keep"}), "decision")
	expectCode(t, w.patchCycle(t, id, map[string]any{"decision": "adopt", "rationale": "Sustained shift in the predicted direction"}), http.StatusOK)
	c = expectCode(t, w.transition(t, id, "closed"), http.StatusOK)
	if c["stage"] != "closed" || c["decision"] != "adopt" || len(c["allowed_transitions"].([]any)) != 0 {
		t.Fatalf("closed: %v", c)
	}

	// Adopting made the change a rebase point of the outcome standard (not
	// of the balancing one), visible on its SPC chart.
	if n := w.ta.Count(t, "standard_rebases", "standard_id = ? AND period = '2025-01-01' AND source = 'cycle' AND cycle_id = ?", std.ID, id); n != 1 {
		t.Fatalf("rebase rows %d", n)
	}
	if n := w.ta.Count(t, "standard_rebases", "standard_id = ?", bal.ID); n != 0 {
		t.Fatalf("balancing standard rebased")
	}
	spc := expectCode(t, w.ta.Get(t, "/api/v1/standards/"+std.ID+"/spc", w.clinicianTok), http.StatusOK)
	segs := spc["segments"].([]any)
	if len(segs) != 2 || segs[1].(map[string]any)["start"] != "2025-01-01" || !near(num(t, segs[1].(map[string]any), "mean"), 13.5) {
		t.Fatalf("spc segments %v", segs)
	}
	found := false
	for _, a := range spc["annotations"].([]any) {
		a := a.(map[string]any)
		found = found || (a["kind"] == "cycle_adopted" && a["date"] == "2025-01-01")
	}
	if !found {
		t.Fatalf("no cycle_adopted annotation: %v", spc["annotations"])
	}

	// Every transition is audited and on the timeline.
	if n := w.ta.Count(t, "audit_events", "entity_type = 'cycle' AND entity_id = ? AND action = 'cycle.transitioned'", id); n != 4 {
		t.Fatalf("%d transition audit events, want 4", n)
	}
	tl := expectCode(t, w.ta.Get(t, "/api/v1/cycles/"+id+"/timeline", w.clinicianTok), http.StatusOK)
	var moves []string
	for _, e := range tl["items"].([]any) {
		e := e.(map[string]any)
		if e["kind"] == "transitioned" {
			d := e["detail"].(map[string]any)
			moves = append(moves, fmt.Sprintf("%v>%v", d["from"], d["to"]))
		}
	}
	if strings.Join(moves, " ") != "plan>do do>study study>act act>closed" {
		t.Fatalf("timeline moves %v", moves)
	}

	// A closed cycle is closed.
	testapp.ExpectProblem(t, w.patchCycle(t, id, map[string]any{"title": "x"}), http.StatusConflict)
	testapp.ExpectProblem(t, w.transition(t, id, "abandoned"), http.StatusConflict)
}

// TestCycleIllegalTransitions: only forward one stage, or abandoned from an
// open stage; everything else is a 409 and changes nothing.
func TestCycleIllegalTransitions(t *testing.T) {
	w := newImprovementWorld(t, time.Now().UTC())
	id := w.createCycle(t, map[string]any{"title": "Illegal moves"})["id"].(string)
	for _, to := range []string{"plan", "study", "act", "closed"} {
		m := testapp.ExpectProblem(t, w.transition(t, id, to), http.StatusConflict)
		if !strings.Contains(m["detail"].(string), "one stage at a time") {
			t.Errorf("to %s: %v", to, m["detail"])
		}
	}
	expectFields(t, w.transition(t, id, "done"), "to")
	expectFields(t, w.ta.Post(t, "/api/v1/cycles/"+id+"/transitions", w.improverTok, map[string]any{}), "to")
	if n := w.ta.Count(t, "audit_events", "entity_id = ? AND action = 'cycle.transitioned'", id); n != 0 {
		t.Fatalf("refused transitions were audited: %d", n)
	}
	r := w.ta.Post(t, "/api/v1/cycles/"+id+"/transitions", w.improverTok, map[string]any{"to": "abandoned", "note": "Superseded by the trust-wide roll-out"})
	c := expectCode(t, r, http.StatusOK)
	if c["stage"] != "abandoned" {
		t.Fatalf("stage %v", c["stage"])
	}
	for _, to := range []string{"plan", "do", "abandoned", "closed"} {
		testapp.ExpectProblem(t, w.transition(t, id, to), http.StatusConflict)
	}
	tl := expectCode(t, w.ta.Get(t, "/api/v1/cycles/"+id+"/timeline", w.improverTok), http.StatusOK)
	items := tl["items"].([]any)
	if last := items[len(items)-1].(map[string]any); !strings.Contains(last["summary"].(string), "Superseded") {
		t.Fatalf("timeline %v", last)
	}
	testapp.ExpectProblem(t, w.transition(t, uuid.NewString(), "do"), http.StatusNotFound)
	testapp.ExpectProblem(t, w.transition(t, "not-an-id", "do"), http.StatusNotFound)
}

// readyCycle makes a cycle with everything Plan needs, owned by the improver.
func (w *improvementWorld) readyCycle(t *testing.T, title string, std measuredStandard, doStart string) string {
	t.Helper()
	return w.createCycle(t, map[string]any{
		"title": title, "aim": "Better by spring", "change_idea": "Try something",
		"measures":      []map[string]any{{"standard_id": std.ID, "role": "outcome", "predicted_direction": "increase", "predicted_change": 1}},
		"do_started_on": doStart,
	})["id"].(string)
}

// walk moves a cycle from Plan to Act, filling each stage's fields.
func (w *improvementWorld) walkToAct(t *testing.T, id string) {
	t.Helper()
	expectCode(t, w.transition(t, id, "do"), http.StatusOK)
	expectCode(t, w.patchCycle(t, id, map[string]any{"do_notes": "Done", "observations": "Seen"}), http.StatusOK)
	expectCode(t, w.transition(t, id, "study"), http.StatusOK)
	expectCode(t, w.patchCycle(t, id, map[string]any{"study_summary": "Summary"}), http.StatusOK)
	expectCode(t, w.transition(t, id, "act"), http.StatusOK)
}

// TestCycleAdaptStartsTheNextCycleOfTheRamp: adapting creates the next cycle
// in Plan, pre-filled and linked both ways.
func TestCycleAdaptStartsTheNextCycleOfTheRamp(t *testing.T) {
	w := newImprovementWorld(t, day("2025-09-15"))
	std := newMeasuredStandard(t, w.ta, w.improver.ID, models.HigherIsBetter, models.PeriodMonth, 10, day("2024-01-01"), shiftSeries())
	id := w.readyCycle(t, "Badge readers", std, "2025-01-01")
	expectCode(t, w.patchCycle(t, id, map[string]any{"team": []string{"Ward 7 sister"}, "plan": "Ward 7 first"}), http.StatusOK)
	w.walkToAct(t, id)
	expectCode(t, w.patchCycle(t, id, map[string]any{"decision": "adapt", "rationale": "Works, but readers are too slow"}), http.StatusOK)
	c := expectCode(t, w.transition(t, id, "closed"), http.StatusOK)
	nextID, _ := c["next_cycle_id"].(string)
	if nextID == "" {
		t.Fatalf("no next cycle: %v", c)
	}
	n := expectCode(t, w.ta.Get(t, "/api/v1/cycles/"+nextID, w.improverTok), http.StatusOK)
	if n["ramp_id"] != c["ramp_id"] || n["sequence"] != float64(2) || n["previous_cycle_id"] != id || n["stage"] != "plan" ||
		n["title"] != "Badge readers (cycle 2)" || n["aim"] != "Better by spring" || n["plan"] != "Ward 7 first" ||
		n["do_started_on"] != nil || n["decision"] != nil || n["predictions_locked"] != false {
		t.Fatalf("next cycle %v", n)
	}
	nm := n["measures"].([]any)[0].(map[string]any)
	if nm["standard_id"] != std.ID || nm["predicted_direction"] != "increase" || nm["predicted_change"] != float64(1) {
		t.Fatalf("next measures %v", nm)
	}
	if team := n["team"].([]any); len(team) != 1 || team[0] != "Ward 7 sister" {
		t.Fatalf("team %v", team)
	}
	if n := w.ta.Count(t, "standard_rebases", "standard_id = ?", std.ID); n != 0 {
		t.Fatalf("adapting rebased the chart")
	}
	// The ramp lists both; adapting again from the new cycle makes cycle 3.
	list := expectCode(t, w.ta.Get(t, "/api/v1/cycles?ramp_id="+c["ramp_id"].(string), w.improverTok), http.StatusOK)
	if len(list["items"].([]any)) != 2 {
		t.Fatalf("ramp %v", list)
	}
	expectCode(t, w.patchCycle(t, nextID, map[string]any{"do_started_on": "2025-03-01"}), http.StatusOK)
	w.walkToAct(t, nextID)
	expectCode(t, w.patchCycle(t, nextID, map[string]any{"decision": "adapt", "rationale": "Again"}), http.StatusOK)
	third := expectCode(t, w.transition(t, nextID, "closed"), http.StatusOK)["next_cycle_id"].(string)
	if got := expectCode(t, w.ta.Get(t, "/api/v1/cycles/"+third, w.improverTok), http.StatusOK); got["title"] != "Badge readers (cycle 3)" || got["sequence"] != float64(3) {
		t.Fatalf("third %v", got)
	}
}

// TestCyclePermissions: clinicians and the board read cycles but cannot run
// them; nobody unsigned sees anything.
func TestCyclePermissions(t *testing.T) {
	w := newImprovementWorld(t, time.Now().UTC())
	id := w.createCycle(t, map[string]any{"title": "Permissions"})["id"].(string)
	before := w.ta.Count(t, "cycles", "")
	for _, tok := range []string{w.clinicianTok, w.boardTok, w.execTok} {
		testapp.ExpectProblem(t, w.ta.Post(t, "/api/v1/cycles", tok, map[string]any{"title": "Not mine to make"}), http.StatusForbidden)
		testapp.ExpectProblem(t, w.ta.Do(t, testapp.Request{Method: http.MethodPatch, Path: "/api/v1/cycles/" + id, Token: tok,
			Body: map[string]any{"title": "x"}}), http.StatusForbidden)
		testapp.ExpectProblem(t, w.ta.Post(t, "/api/v1/cycles/"+id+"/transitions", tok, map[string]any{"to": "abandoned"}), http.StatusForbidden)
		expectCode(t, w.ta.Get(t, "/api/v1/cycles/"+id, tok), http.StatusOK)
		expectCode(t, w.ta.Get(t, "/api/v1/cycles", tok), http.StatusOK)
	}
	testapp.ExpectProblem(t, w.ta.Get(t, "/api/v1/cycles", ""), http.StatusUnauthorized)
	if after := w.ta.Count(t, "cycles", ""); after != before {
		t.Fatalf("refused requests wrote cycles: %d → %d", before, after)
	}
}

// TestCycleBadInputWritesNothing: malformed bodies, unknown fields, wrong
// types and unknown enums are 400/422 and nothing is stored.
func TestCycleBadInputWritesNothing(t *testing.T) {
	w := newImprovementWorld(t, time.Now().UTC())
	std := newMeasuredStandard(t, w.ta, w.improver.ID, models.HigherIsBetter, models.PeriodMonth, 10, day("2024-01-01"), []float64{1})
	id := w.createCycle(t, map[string]any{"title": "Bad input"})["id"].(string)
	cycles, events := w.ta.Count(t, "cycles", ""), w.ta.Count(t, "audit_events", "")
	for _, c := range []struct {
		name   string
		body   any
		status int
		field  string
	}{
		{"malformed", `{"title": "x"`, 400, ""},
		{"not an object", `[1]`, 400, ""},
		{"trailing data", `{"title": "x"} {}`, 400, ""},
		{"unknown field", map[string]any{"title": "x", "colour": "red"}, 422, "colour"},
		{"stage is read-only", map[string]any{"title": "x", "stage": "act"}, 422, "stage"},
		{"wrong type", map[string]any{"title": 7}, 422, "title"},
		{"wrong nested type", map[string]any{"title": "x", "measures": []any{map[string]any{"standard_id": std.ID, "role": "outcome", "predicted_change": "lots"}}}, 422, "measures.predicted_change"},
		{"unknown role", map[string]any{"title": "x", "measures": []any{map[string]any{"standard_id": std.ID, "role": "primary"}}}, 422, "measures[0].role"},
		{"unknown direction", map[string]any{"title": "x", "measures": []any{map[string]any{"standard_id": std.ID, "role": "outcome", "predicted_direction": "up"}}}, 422, "measures[0].predicted_direction"},
		{"negative size", map[string]any{"title": "x", "measures": []any{map[string]any{"standard_id": std.ID, "role": "outcome", "predicted_change": -1}}}, 422, "measures[0].predicted_change"},
		{"no such standard", map[string]any{"title": "x", "measures": []any{map[string]any{"standard_id": uuid.NewString(), "role": "outcome"}}}, 422, "measures[0].standard_id"},
		{"measured twice", map[string]any{"title": "x", "measures": []any{map[string]any{"standard_id": std.ID, "role": "outcome"}, map[string]any{"standard_id": std.ID, "role": "process"}}}, 422, "measures[1].standard_id"},
		{"bad date", map[string]any{"title": "x", "planned_start": "01/02/2025"}, 422, "planned_start"},
		{"end before start", map[string]any{"title": "x", "planned_start": "2025-02-01", "planned_end": "2025-01-01"}, 422, "planned_end"},
		{"no such owner", map[string]any{"title": "x", "owner_id": uuid.NewString()}, 422, "owner_id"},
		{"no such issue", map[string]any{"title": "x", "issue_ids": []string{uuid.NewString()}}, 422, "issue_ids"},
		{"too many links", map[string]any{"title": "x", "problem_ids": make([]string, 101)}, 422, "problem_ids"},
		{"title required", map[string]any{"aim": "x"}, 422, "title"},
		{"title too long", map[string]any{"title": strings.Repeat("x", 201)}, 422, "title"},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, req := range []testapp.Request{
				{Method: http.MethodPost, Path: "/api/v1/cycles", Token: w.improverTok, Body: c.body},
				{Method: http.MethodPatch, Path: "/api/v1/cycles/" + id, Token: w.improverTok, Body: c.body},
			} {
				if c.name == "title required" && req.Method == http.MethodPatch {
					continue // on PATCH, leaving the title out keeps it
				}
				m := testapp.ExpectProblem(t, w.ta.Do(t, req), c.status)
				if c.field != "" && !strings.Contains(strings.Join(testapp.FieldErrors(t, m), ","), c.field) {
					t.Errorf("%s: fields %v, want %s", req.Method, testapp.FieldErrors(t, m), c.field)
				}
			}
		})
	}
	if n := w.ta.Count(t, "cycles", ""); n != cycles {
		t.Fatalf("cycles %d → %d", cycles, n)
	}
	if n := w.ta.Count(t, "audit_events", ""); n != events {
		t.Fatalf("audit events %d → %d", events, n)
	}
	// A form of the wrong media type is refused as such.
	r := w.ta.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/cycles", Token: w.improverTok,
		Body: "title=x", Headers: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}})
	testapp.ExpectProblem(t, r, http.StatusUnsupportedMediaType)
}

// TestCycleStaleIfMatchIsRefused: optimistic concurrency on PATCH and
// transitions.
func TestCycleStaleIfMatchIsRefused(t *testing.T) {
	w := newImprovementWorld(t, time.Now().UTC())
	r := w.ta.Post(t, "/api/v1/cycles", w.improverTok, map[string]any{"title": "Concurrency"})
	id := expectCode(t, r, http.StatusCreated)["id"].(string)
	etag := r.Header().Get("ETag")
	if etag != `"1"` {
		t.Fatalf("etag %q", etag)
	}
	r = w.ta.Do(t, testapp.Request{Method: http.MethodPatch, Path: "/api/v1/cycles/" + id, Token: w.improverTok,
		Body: map[string]any{"aim": "A"}, Headers: map[string]string{"If-Match": etag}})
	expectCode(t, r, http.StatusOK)
	r = w.ta.Do(t, testapp.Request{Method: http.MethodPatch, Path: "/api/v1/cycles/" + id, Token: w.improverTok,
		Body: map[string]any{"aim": "B"}, Headers: map[string]string{"If-Match": etag}})
	testapp.ExpectProblem(t, r, http.StatusPreconditionFailed)
	r = w.ta.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/cycles/" + id + "/transitions", Token: w.improverTok,
		Body: map[string]any{"to": "abandoned"}, Headers: map[string]string{"If-Match": etag}})
	testapp.ExpectProblem(t, r, http.StatusPreconditionFailed)
	if c := expectCode(t, w.ta.Get(t, "/api/v1/cycles/"+id, w.improverTok), http.StatusOK); c["aim"] != "A" || c["stage"] != "plan" {
		t.Fatalf("after stale writes: %v", c)
	}
}
