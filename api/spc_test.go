package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"assure/api"
	"assure/internal/testapp"
	"assure/models"
	"assure/services/compliance"
)

// spcExamplesFile is services/spc's copy of shared/spc_examples.json.
var spcExamplesFile = filepath.Join("..", "services", "spc", "testdata", "spc_examples.json")

// spcTolerance is the tolerance the worked examples are written for.
const spcTolerance = 1e-6

// sameJSON compares decoded JSON structurally: every key and string exactly,
// every number within spcTolerance. It returns the first difference.
func sameJSON(path string, got, want any) string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return fmt.Sprintf("%s: got %T, want an object", path, got)
		}
		keys := map[string]bool{}
		for k := range w {
			keys[k] = true
		}
		for k := range g {
			keys[k] = true
		}
		sorted := make([]string, 0, len(keys))
		for k := range keys {
			sorted = append(sorted, k)
		}
		sort.Strings(sorted)
		for _, k := range sorted {
			if d := sameJSON(path+"."+k, g[k], w[k]); d != "" {
				return d
			}
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return fmt.Sprintf("%s: got %v, want %d items", path, got, len(w))
		}
		for i := range w {
			if d := sameJSON(fmt.Sprintf("%s[%d]", path, i), g[i], w[i]); d != "" {
				return d
			}
		}
	case float64:
		g, ok := got.(float64)
		if !ok || math.Abs(g-w) > spcTolerance {
			return fmt.Sprintf("%s: got %v, want %v", path, got, w)
		}
	default:
		if got != want {
			return fmt.Sprintf("%s: got %v, want %v", path, got, want)
		}
	}
	return ""
}

func TestSPCCalculatorAnswersEveryWorkedExample(t *testing.T) {
	raw, err := os.ReadFile(spcExamplesFile)
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Examples []struct {
			Name     string          `json:"name"`
			Request  json.RawMessage `json:"request"`
			Response any             `json:"response"`
		} `json:"examples"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Examples) != 7 {
		t.Fatalf("%d examples, want the 7 of SPC.md", len(file.Examples))
	}
	ta := testapp.New(t)
	tok := ta.Token(t, models.RoleClinician) // any signed-in user
	for _, ex := range file.Examples {
		t.Run(ex.Name, func(t *testing.T) {
			r := ta.Post(t, "/api/v1/spc", tok, []byte(ex.Request))
			if r.Code != http.StatusOK {
				t.Fatalf("status %d: %s", r.Code, r.Body.String())
			}
			var got any
			r.JSON(t, &got)
			if d := sameJSON("response", got, ex.Response); d != "" {
				t.Error(d)
			}
		})
	}
}

func spcPoints(n int, value func(i int) any) []map[string]any {
	out := make([]map[string]any, n)
	start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range out {
		out[i] = map[string]any{"period": start.AddDate(0, 0, i).Format(time.DateOnly), "value": value(i)}
	}
	return out
}

func TestSPCCalculatorRefusesBadSeries(t *testing.T) {
	ta := testapp.New(t)
	tok := ta.Token(t, models.RoleImprover)
	ten := func(i int) any { return 10 + i%3 }
	dup := spcPoints(3, ten)
	dup[2]["period"] = dup[1]["period"]
	backwards := spcPoints(3, ten)
	backwards[2]["period"] = "1999-12-31"
	cases := []struct {
		name   string
		body   any
		status int
		field  string
	}{
		{"duplicate period", map[string]any{"points": dup, "improvement": "increase"}, 422, "points[2].period"},
		{"out of order", map[string]any{"points": backwards, "improvement": "increase"}, 422, "points[2].period"},
		{"overflowing value", `{"points": [{"period": "2025-01-01", "value": 1e999}], "improvement": "increase"}`, 422, "points.value"},
		{"value a string", `{"points": [{"period": "2025-01-01", "value": "NaN"}], "improvement": "increase"}`, 422, "points.value"},
		{"period not a date", `{"points": [{"period": "2025-02-30", "value": 1}], "improvement": "increase"}`, 422, "points.period"},
		{"baseline of 11", map[string]any{"points": spcPoints(3, ten), "improvement": "increase", "baseline_points": 11}, 422, "baseline_points"},
		{"unknown improvement", map[string]any{"points": spcPoints(3, ten), "improvement": "up"}, 422, "improvement"},
		{"no improvement", map[string]any{"points": spcPoints(3, ten)}, 422, "improvement"},
		{"10,001 points", map[string]any{"points": spcPoints(10001, ten), "improvement": "neutral"}, 422, "points"},
		{"unknown field", map[string]any{"points": spcPoints(3, ten), "improvement": "increase", "colour": "blue"}, 422, "colour"},
		{"target overflows", `{"points": [], "improvement": "increase", "target": -1e999}`, 422, "target"},
		{"malformed", `{"points": [`, 400, ""},
		{"too large", `{"points": [], "improvement": "` + strings.Repeat("x", int(api.DefaultBodyLimit)) + `"}`, 413, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := testapp.ExpectProblem(t, ta.Post(t, "/api/v1/spc", tok, c.body), c.status)
			if c.field != "" {
				if fe := testapp.FieldErrors(t, m); len(fe) == 0 || fe[0] != c.field {
					t.Errorf("fields %v, want %s", fe, c.field)
				}
			}
		})
	}
	// 10,000 points is the most, and fine.
	r := ta.Post(t, "/api/v1/spc", tok, map[string]any{"points": spcPoints(10000, ten), "improvement": "neutral"})
	if r.Code != http.StatusOK {
		t.Errorf("10,000 points: %d", r.Code)
	}
	testapp.ExpectProblem(t, ta.Post(t, "/api/v1/spc", "", map[string]any{"points": []any{}, "improvement": "increase"}), http.StatusUnauthorized)
}

type standardChartBody struct {
	StandardID  string  `json:"standard_id"`
	Period      string  `json:"period"`
	Unit        string  `json:"unit"`
	Direction   string  `json:"direction"`
	Improvement string  `json:"improvement"`
	Threshold   float64 `json:"threshold"`
	Target      *float64
	Points      []struct {
		Period  string   `json:"period"`
		Value   *float64 `json:"value"`
		Segment int      `json:"segment"`
	} `json:"points"`
	Segments []struct {
		Start  string `json:"start"`
		Points int    `json:"points"`
	} `json:"segments"`
	Variation   *string `json:"variation"`
	Assurance   *string `json:"assurance"`
	Annotations []struct {
		Date, Kind, Label string
	} `json:"annotations"`
}

func TestStandardSPCUsesItsSettingsRebasesAndAnnotations(t *testing.T) {
	f := newCatalogueFixtureAt(t, time.Date(2026, 3, 18, 10, 0, 0, 0, time.UTC))
	owner := f.ta.UserWith(t, models.RoleImprover)
	st := f.standard(t, map[string]any{
		"title": "Median clinician log-in time", "unit": "seconds", "direction": "lower_is_better",
		"threshold": 15, "target": 10, "period": "month", "effective_from": "2024-01-01",
		"owner_id": owner.ID, "status": "active",
	})
	id := st["id"].(string)
	// 24 months to February 2026: about 22 s, then about 11 s from March 2025;
	// October 2024 was never recorded.
	start := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	var periods []string
	values := map[string]float64{}
	for i := range 24 {
		p := start.AddDate(0, i, 0).Format(time.DateOnly)
		periods = append(periods, p)
		if p == "2024-10-01" {
			continue
		}
		v := 22 + float64(i%3) - 1
		if i >= 12 {
			v = 11 + float64(i%2)
		}
		values[p] = v
		f.seriesValue(t, id, "", p, v)
	}
	chart := func(query string) (standardChartBody, map[string]any) {
		t.Helper()
		r := f.ta.Get(t, "/api/v1/standards/"+id+"/spc?"+query, f.ta.Token(t, models.RoleExecutive))
		expectStatus(t, r, http.StatusOK)
		var b standardChartBody
		r.JSON(t, &b)
		return b, r.Map(t)
	}

	before, _ := chart("")
	if len(before.Points) != 24 || len(before.Segments) != 1 || before.Points[7].Value != nil || before.Points[7].Period != "2024-10-01" {
		t.Fatalf("one segment of 24 periods with October missing, got %d points, %d segments", len(before.Points), len(before.Segments))
	}
	if before.Improvement != "decrease" || before.Direction != "lower_is_better" || before.Threshold != 15 ||
		before.Target == nil || *before.Target != 10 || before.Unit != "seconds" || before.Period != "month" {
		t.Errorf("standard's lines %+v", before)
	}
	if len(before.Annotations) != 0 {
		t.Errorf("annotations %+v", before.Annotations)
	}

	ownerTok := f.ta.TokenFor(t, owner)
	expectStatus(t, f.ta.Post(t, "/api/v1/standards/"+id+"/rebases", ownerTok,
		map[string]any{"period": "2025-03-01", "reason": "Tap-and-go log-in adopted"}), http.StatusCreated)
	// Another area's marks arrive through the annotation hook.
	f.ta.App.Compliance.AddAnnotationSource(compliance.AnnotationFunc(
		func(_ context.Context, standardID string, from, until time.Time) ([]compliance.Annotation, error) {
			if standardID != id {
				return nil, nil
			}
			return []compliance.Annotation{{Date: time.Date(2025, 2, 14, 0, 0, 0, 0, time.UTC), Kind: compliance.AnnotationActionCompleted, Label: "Badge readers installed"}}, nil
		}))

	after, raw := chart("")
	if len(after.Segments) != 2 || after.Segments[0].Points != 12 || after.Segments[1].Start != "2025-03-01" || after.Points[12].Segment != 1 {
		t.Fatalf("after the rebase: segments %+v", after.Segments)
	}
	if len(after.Annotations) != 2 || after.Annotations[0].Kind != "action_completed" ||
		after.Annotations[1].Kind != "rebase" || after.Annotations[1].Date != "2025-03-01" || after.Annotations[1].Label != "Tap-and-go log-in adopted" {
		t.Errorf("annotations %+v", after.Annotations)
	}
	// The standard's chart is the calculator's answer for the same series.
	req := map[string]any{"improvement": "decrease", "target": 15, "rebase": []string{"2025-03-01"}, "screen_moving_ranges": true}
	var pts []map[string]any
	for _, p := range periods {
		var v any
		if x, ok := values[p]; ok {
			v = x
		}
		pts = append(pts, map[string]any{"period": p, "value": v})
	}
	req["points"] = pts
	calc := expectStatus(t, f.ta.Post(t, "/api/v1/spc", ownerTok, req), http.StatusOK)
	for _, k := range []string{"points", "segments", "variation", "assurance"} {
		if d := sameJSON(k, raw[k], calc[k]); d != "" {
			t.Errorf("standard chart differs from the calculator: %s", d)
		}
	}
	// A window: only its periods, and only the marks within it.
	win, _ := chart("from=2025-06-01&to=2025-11-30")
	if len(win.Points) != 6 || win.Points[0].Period != "2025-06-01" || len(win.Annotations) != 0 || len(win.Segments) != 1 {
		t.Errorf("window %+v", win)
	}
	// Baseline settings come from the standard.
	expectStatus(t, f.patch(t, "/api/v1/standards/"+id, f.admin, map[string]any{"baseline_points": 12, "screen_moving_ranges": false}, ""), http.StatusOK)
	_, withBaseline := chart("")
	req["baseline_points"], req["screen_moving_ranges"] = 12, false
	calc = expectStatus(t, f.ta.Post(t, "/api/v1/spc", ownerTok, req), http.StatusOK)
	if d := sameJSON("segments", withBaseline["segments"], calc["segments"]); d != "" {
		t.Errorf("baseline settings not used: %s", d)
	}
}

func TestStandardSPCOfANeitherStandardHasNoAssurance(t *testing.T) {
	f := newCatalogueFixtureAt(t, time.Date(2026, 3, 18, 10, 0, 0, 0, time.UTC))
	st := f.standard(t, map[string]any{"direction": "neither", "threshold": 5, "period": "week", "effective_from": "2026-01-05"})
	id := st["id"].(string)
	for i := range 8 {
		f.seriesValue(t, id, "", time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*i).Format(time.DateOnly), float64(i))
	}
	body := expectStatus(t, f.ta.Get(t, "/api/v1/standards/"+id+"/spc", f.admin), http.StatusOK)
	if body["improvement"] != "neutral" || body["assurance"] != nil || len(body["points"].([]any)) != 10 {
		t.Errorf("neither chart: improvement %v assurance %v, %d points", body["improvement"], body["assurance"], len(body["points"].([]any)))
	}
	// An empty window (a new daily standard) is an empty chart, not an error.
	daily := f.standard(t, map[string]any{"period": "day"})
	body = expectStatus(t, f.ta.Get(t, "/api/v1/standards/"+daily["id"].(string)+"/spc?from=2026-03-17", f.admin), http.StatusOK)
	if pts := body["points"].([]any); len(pts) != 1 || body["variation"] == nil {
		t.Errorf("one missing day: %v", body)
	}
	// A window with no complete period yet: empty arrays, not nulls.
	r := f.ta.Get(t, "/api/v1/standards/"+daily["id"].(string)+"/spc?from=2026-03-18", f.admin)
	body = expectStatus(t, r, http.StatusOK)
	if pts, ok := body["points"].([]any); !ok || len(pts) != 0 {
		t.Errorf("points %v, want []", body["points"])
	}
	if segs, ok := body["segments"].([]any); !ok || len(segs) != 0 || body["standard_id"] != daily["id"] {
		t.Errorf("empty chart %v", body)
	}
	if ct := r.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
}
