package api_test

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"assure/internal/testapp"
	"assure/models"
)

var measSeq atomic.Int64

// measWorld is a standard of each period with two systems in scope and one
// outside, and tokens for the roles that write.
type measWorld struct {
	ta                     *testapp.App
	epr, pacs, outside     models.System
	monthly, weekly, count models.Standard
	improver, admin        string
	improverUser           models.User
}

func measSystem(t *testing.T, ta *testapp.App, prefix string) models.System {
	t.Helper()
	s := models.System{Name: fmt.Sprintf("%s meas-%d-%s", prefix, measSeq.Add(1), uuid.NewString()[:6]), Criticality: models.CriticalityCritical}
	if err := ta.App.DB.Gorm.Create(&s).Error; err != nil {
		t.Fatal(err)
	}
	return s
}

func measStandard(t *testing.T, ta *testapp.App, unit string, period models.Period, rollup models.Rollup, systems ...models.System) models.Standard {
	t.Helper()
	n := measSeq.Add(1)
	st := models.Standard{
		Code: fmt.Sprintf("MZ%d-%02d", n/100, n%100), Title: "Measured standard", Category: "availability",
		Metric: "metric", Unit: unit, Direction: models.HigherIsBetter, Threshold: 1, Period: period, Rollup: rollup,
		Status: models.StandardDraft, References: json.RawMessage("[]"), ScreenMovingRanges: true, Version: 1,
	}
	if err := ta.App.DB.Gorm.Create(&st).Error; err != nil {
		t.Fatal(err)
	}
	for _, sys := range systems {
		if err := ta.App.DB.Gorm.Create(&models.StandardSystem{StandardID: st.ID, SystemID: sys.ID}).Error; err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func newMeasWorld(t *testing.T) *measWorld {
	t.Helper()
	ta := testapp.New(t)
	w := &measWorld{ta: ta}
	w.epr, w.pacs, w.outside = measSystem(t, ta, "EPR"), measSystem(t, ta, "PACS"), measSystem(t, ta, "Outside")
	w.monthly = measStandard(t, ta, "percent", models.PeriodMonth, models.RollupMean, w.epr, w.pacs)
	w.weekly = measStandard(t, ta, "seconds", models.PeriodWeek, models.RollupMax, w.epr, w.pacs)
	w.count = measStandard(t, ta, "count", models.PeriodDay, models.RollupSum, w.epr)
	w.improverUser = ta.UserWith(t, models.RoleImprover)
	w.improver = ta.TokenFor(t, w.improverUser)
	w.admin = ta.Token(t, models.RoleAdmin)
	return w
}

func (w *measWorld) stored(t *testing.T, st models.Standard) (measurements, series int64) {
	t.Helper()
	return w.ta.Count(t, "measurements", "standard_id = ?", st.ID), w.ta.Count(t, "series_values", "standard_id = ?", st.ID)
}

func postCSV(t *testing.T, ta *testapp.App, token, body string) testapp.Response {
	t.Helper()
	return ta.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/measurements/batch", Token: token, Body: body,
		Headers: map[string]string{"Content-Type": "text/csv"}})
}

type measResult struct {
	Received int `json:"received"`
	Inserted int `json:"inserted"`
	Updated  int `json:"updated"`
}

func expectMeasResult(t *testing.T, r testapp.Response, status int, want measResult) {
	t.Helper()
	if r.Code != status {
		t.Fatalf("status %d, want %d: %s", r.Code, status, r.Body.String())
	}
	var got measResult
	r.JSON(t, &got)
	if got != want {
		t.Fatalf("answer %+v, want %+v", got, want)
	}
}

func TestMeasurementSinglePostIsManualAndReplaces(t *testing.T) {
	w := newMeasWorld(t)
	body := map[string]any{"standard": w.monthly.Code, "system": w.epr.Name, "period_start": "2025-01-01", "value": 99.95, "note": "from the EPR dashboard"}
	expectMeasResult(t, w.ta.Post(t, "/api/v1/measurements", w.improver, body), http.StatusCreated, measResult{1, 1, 0})
	body["value"] = 99.91
	expectMeasResult(t, w.ta.Post(t, "/api/v1/measurements", w.improver, body), http.StatusOK, measResult{1, 0, 1})

	var m models.Measurement
	if err := w.ta.App.DB.Gorm.Where("standard_id = ?", w.monthly.ID).Take(&m).Error; err != nil {
		t.Fatal(err)
	}
	if m.Source != models.SourceManual || m.Value != 99.91 || m.RecordedByUser == nil || *m.RecordedByUser != w.improverUser.ID || m.Note != "from the EPR dashboard" {
		t.Fatalf("stored %+v", m)
	}
	if n := w.ta.Count(t, "audit_events", "action = 'measurements.recorded' AND entity_id = ? AND actor_user_id = ?", w.monthly.ID, w.improverUser.ID); n != 2 {
		t.Fatalf("%d audit events, want 2", n)
	}

	// A single value's problems name the field without a row.
	r := w.ta.Post(t, "/api/v1/measurements", w.improver, map[string]any{"standard": w.monthly.Code, "period_start": "2025-01-02", "value": 101})
	p := testapp.ExpectProblem(t, r, http.StatusUnprocessableEntity)
	if got := testapp.FieldErrors(t, p); strings.Join(got, ",") != "period_start,value" {
		t.Fatalf("fields %v; %s", got, r.Body.String())
	}
	if strings.Contains(r.Body.String(), `"row"`) {
		t.Fatalf("a single value's problem carries a row: %s", r.Body.String())
	}
	testapp.ExpectProblem(t, w.ta.Post(t, "/api/v1/measurements", w.improver, map[string]any{"standard": w.monthly.Code, "value": "high"}), http.StatusUnprocessableEntity)
}

func TestMeasurementBatchJSONAndCSV(t *testing.T) {
	w := newMeasWorld(t)
	jsonBody := map[string]any{"measurements": []map[string]any{
		{"standard": w.monthly.Code, "system": w.epr.Name, "period_start": "2025-01-01", "value": 99.9},
		{"standard": w.monthly.ID, "system": w.pacs.ID, "period_start": "2025-01-01", "value": 99.5},
		{"standard": strings.ToLower(w.monthly.Code), "period_start": "2025-02-01", "value": 98, "note": "organisation-wide"},
	}}
	expectMeasResult(t, w.ta.Post(t, "/api/v1/measurements/batch", w.improver, jsonBody), http.StatusOK, measResult{3, 3, 0})

	csv := "standard,system,period_start,value,note\n" +
		w.monthly.Code + "," + w.epr.Name + ",2025-01-01,99.8,corrected\n" + // same key and source as the JSON batch: replaces
		w.monthly.Code + "," + w.epr.Name + ",2025-03-01,99.7,\n" +
		w.monthly.Code + ",,2025-03-01,97,\"quoted, with a comma\"\n"
	expectMeasResult(t, postCSV(t, w.ta, w.improver, csv), http.StatusOK, measResult{3, 2, 1})
	// Replaying the same file never duplicates.
	expectMeasResult(t, postCSV(t, w.ta, w.improver, csv), http.StatusOK, measResult{3, 0, 3})
	if n, _ := w.stored(t, w.monthly); n != 5 {
		t.Fatalf("%d measurements, want 5", n)
	}
	if n := w.ta.Count(t, "measurements", "standard_id = ? AND source = 'import'", w.monthly.ID); n != 5 {
		t.Fatalf("a user's batch is stored as import: %d of 5", n)
	}
	// The judged series: January's roll-up is the mean of the systems; March
	// has an explicit organisation-wide value, which wins over the roll-up.
	var jan, mar float64
	w.ta.App.DB.Gorm.Raw("SELECT value FROM series_values WHERE standard_id = ? AND system_id IS NULL AND period_start = '2025-01-01'", w.monthly.ID).Scan(&jan)
	w.ta.App.DB.Gorm.Raw("SELECT value FROM series_values WHERE standard_id = ? AND system_id IS NULL AND period_start = '2025-03-01'", w.monthly.ID).Scan(&mar)
	if math.Abs(jan-(99.8+99.5)/2) > 1e-9 || mar != 97 {
		t.Fatalf("roll-ups: January %v, March %v", jan, mar)
	}
	// Columns may come in any order, note may be left out.
	csv2 := "period_start,value,standard\n2025-01-06,1.5," + w.weekly.Code + "\n"
	expectMeasResult(t, postCSV(t, w.ta, w.improver, csv2), http.StatusOK, measResult{1, 1, 0})
}

func TestMeasurementBatchRejectsInvalidRowsAndWritesNothing(t *testing.T) {
	w := newMeasWorld(t)
	tomorrow := w.ta.Clock.Now().AddDate(0, 0, 2).Format(time.DateOnly)
	good := func(sys string) string { return w.monthly.Code + "," + sys + ",2025-01-01,99,\n" }
	long := strings.Repeat("x", 1001)
	for _, tc := range []struct {
		name      string
		rows      string // data rows after the header; row 1 is good
		wantRow   int
		wantField string
		wantIn    string
	}{
		{"unknown standard", "ZZ-99,,2025-01-01,1,\n", 2, "standard", "no standard"},
		{"unknown system", w.monthly.Code + ",Nowhere,2025-02-01,1,\n", 2, "system", "no system"},
		{"system outside the standard's scope", w.monthly.Code + "," + w.outside.Name + ",2025-02-01,1,\n", 2, "system", "not one of the systems"},
		{"monthly period not on the 1st", w.monthly.Code + ",,2025-02-02,1,\n", 2, "period_start", "first day of a month"},
		{"weekly period not a Monday", w.weekly.Code + ",,2025-01-07,1,\n", 2, "period_start", "Monday"},
		{"period not a date", w.monthly.Code + ",,1/2/2025,1,\n", 2, "period_start", "YYYY-MM-DD"},
		{"period in the future", w.count.Code + ",," + tomorrow + ",1,\n", 2, "period_start", "future"},
		{"period before 2000", w.monthly.Code + ",,1999-12-01,1,\n", 2, "period_start", "2000-01-01"},
		{"value not finite", w.monthly.Code + ",,2025-02-01,NaN,\n", 2, "value", "finite"},
		{"value infinite", w.weekly.Code + ",,2025-01-06,Inf,\n", 2, "value", "finite"},
		{"value not a number", w.monthly.Code + ",,2025-02-01,high,\n", 2, "value", "number"},
		{"value missing", w.monthly.Code + ",,2025-02-01,,\n", 2, "value", "required"},
		{"percent above 100", w.monthly.Code + ",,2025-02-01,100.5,\n", 2, "value", "between 0 and 100"},
		{"percent below 0", w.monthly.Code + ",,2025-02-01,-1,\n", 2, "value", "between 0 and 100"},
		{"negative seconds", w.weekly.Code + ",,2025-01-06,-0.1,\n", 2, "value", "0 or more"},
		{"fractional count", w.count.Code + "," + w.epr.Name + ",2025-01-06,1.5,\n", 2, "value", "whole number"},
		{"negative count", w.count.Code + "," + w.epr.Name + ",2025-01-06,-2,\n", 2, "value", "whole number"},
		{"same key twice", w.count.Code + ",,2025-01-06,1,\n" + w.count.Code + ",,2025-01-06,2,\n", 3, "period_start", "row 2"},
		{"same key twice by id and name", good(w.epr.ID), 2, "period_start", "row 1"},
		{"note too long", w.monthly.Code + ",,2025-02-01,1," + long + "\n", 2, "note", "1000"},
		{"too few fields", w.monthly.Code + ",,2025-02-01\n", 2, "row", "fields"},
		{"standard missing", ",,2025-02-01,1,\n", 2, "standard", "required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := "standard,system,period_start,value,note\n" + good(w.epr.Name) + tc.rows
			r := postCSV(t, w.ta, w.improver, body)
			p := testapp.ExpectProblem(t, r, http.StatusUnprocessableEntity)
			errs := p["errors"].([]any)
			found := false
			for _, e := range errs {
				e := e.(map[string]any)
				row, _ := e["row"].(float64)
				if int(row) == tc.wantRow && e["field"] == tc.wantField && strings.Contains(e["message"].(string), tc.wantIn) {
					found = true
				}
			}
			if !found {
				t.Fatalf("no error at row %d field %s mentioning %q: %s", tc.wantRow, tc.wantField, tc.wantIn, r.Body.String())
			}
			if !strings.Contains(p["detail"].(string), "Nothing was written") {
				t.Fatalf("detail %q", p["detail"])
			}
			for _, st := range []models.Standard{w.monthly, w.weekly, w.count} {
				if m, s := w.stored(t, st); m != 0 || s != 0 {
					t.Fatalf("%s: %d measurements and %d series values written by a rejected batch", st.Code, m, s)
				}
			}
		})
	}

	t.Run("JSON rows with the wrong type or an unknown field", func(t *testing.T) {
		r := w.ta.Post(t, "/api/v1/measurements/batch", w.improver, map[string]any{"measurements": []any{
			map[string]any{"standard": w.monthly.Code, "period_start": "2025-01-01", "value": 99},
			map[string]any{"standard": w.monthly.Code, "period_start": "2025-02-01", "value": "99"},
			map[string]any{"standard": w.monthly.Code, "period_start": "2025-03-01", "value": 99, "colour": "red"},
			42,
		}})
		p := testapp.ExpectProblem(t, r, http.StatusUnprocessableEntity)
		want := map[string]bool{"2 value": true, "3 colour": true, "4 row": true}
		for _, e := range p["errors"].([]any) {
			e := e.(map[string]any)
			delete(want, fmt.Sprintf("%v %v", e["row"], e["field"]))
		}
		if len(want) > 0 {
			t.Fatalf("missing %v in %s", want, r.Body.String())
		}
	})

	t.Run("the error list is capped and says so", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("standard,system,period_start,value,note\n")
		for i := 0; i < 1500; i++ {
			b.WriteString("NOPE-01,,2025-01-01,1,\n")
		}
		p := testapp.ExpectProblem(t, postCSV(t, w.ta, w.improver, b.String()), http.StatusUnprocessableEntity)
		if n := len(p["errors"].([]any)); n != 1000 {
			t.Fatalf("%d errors listed, want 1000", n)
		}
		if d := p["detail"].(string); !strings.Contains(d, "1500 problems") || !strings.Contains(d, "first 1000") {
			t.Fatalf("detail %q", d)
		}
	})

	t.Run("broken CSV", func(t *testing.T) {
		for body, field := range map[string]string{
			"":                                    "header",
			"standard,period\nAV-01,2025-01-01\n": "header",
			"standard,period_start,value\n" + w.monthly.Code + ",2025-01-01,1\n\"unterminated,2025-02-01,1\n": "csv",
		} {
			p := testapp.ExpectProblem(t, postCSV(t, w.ta, w.improver, body), http.StatusUnprocessableEntity)
			if got := testapp.FieldErrors(t, p); len(got) != 1 || got[0] != field {
				t.Fatalf("%q: fields %v", body, got)
			}
		}
		if m, _ := w.stored(t, w.monthly); m != 0 {
			t.Fatal("broken CSV wrote measurements")
		}
	})

	t.Run("wrong media type", func(t *testing.T) {
		r := w.ta.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/measurements/batch", Token: w.improver, Body: "x",
			Headers: map[string]string{"Content-Type": "application/xml"}})
		testapp.ExpectProblem(t, r, http.StatusUnsupportedMediaType)
	})
}

func TestMeasurementWritesRefusedToRolesWithoutPermission(t *testing.T) {
	w := newMeasWorld(t)
	body := map[string]any{"standard": w.monthly.Code, "period_start": "2025-01-01", "value": 99}
	testapp.ExpectProblem(t, w.ta.Post(t, "/api/v1/measurements", "", body), http.StatusUnauthorized)
	testapp.ExpectProblem(t, postCSV(t, w.ta, "", "standard,period_start,value\n"), http.StatusUnauthorized)
	for _, role := range []models.Role{models.RoleClinician, models.RoleBoard, models.RoleExecutive} {
		tok := w.ta.Token(t, role)
		testapp.ExpectProblem(t, w.ta.Post(t, "/api/v1/measurements", tok, body), http.StatusForbidden)
		testapp.ExpectProblem(t, w.ta.Post(t, "/api/v1/measurements/batch", tok, map[string]any{"measurements": []any{body}}), http.StatusForbidden)
		// They may read.
		if r := w.ta.Get(t, "/api/v1/standards/"+w.monthly.ID+"/measurements", tok); r.Code != http.StatusOK {
			t.Fatalf("%s read: %d", role, r.Code)
		}
	}
	// An admin may write.
	expectMeasResult(t, w.ta.Post(t, "/api/v1/measurements", w.admin, body), http.StatusCreated, measResult{1, 1, 0})
}

// measAPIToken creates an API token with scope measurements:write.
func measAPIToken(t *testing.T, ta *testapp.App) string {
	t.Helper()
	admin := ta.Token(t, models.RoleAdmin)
	r := ta.Post(t, "/api/v1/tokens", admin, map[string]any{"label": "meas monitor " + uuid.NewString()[:8], "scopes": []string{"measurements:write"},
		"expires_at": ta.Clock.Now().Add(24 * time.Hour).UTC().Format(time.RFC3339)})
	if r.Code != http.StatusCreated {
		t.Fatalf("create token: %d %s", r.Code, r.Body.String())
	}
	tok, _ := r.Map(t)["token"].(string)
	if tok == "" {
		t.Fatalf("no token in %s", r.Body.String())
	}
	return tok
}

func TestMeasurementAPITokenWritesAsSourceAPI(t *testing.T) {
	w := newMeasWorld(t)
	pat := measAPIToken(t, w.ta)
	expectMeasResult(t, w.ta.Post(t, "/api/v1/measurements", pat, map[string]any{"standard": w.monthly.Code, "system": w.epr.Name, "period_start": "2025-01-01", "value": 99.1}),
		http.StatusCreated, measResult{1, 1, 0})
	expectMeasResult(t, postCSV(t, w.ta, pat, "standard,system,period_start,value\n"+w.monthly.Code+","+w.pacs.Name+",2025-01-01,99.2\n"),
		http.StatusOK, measResult{1, 1, 0})
	if n := w.ta.Count(t, "measurements", "standard_id = ? AND source = 'api' AND recorded_by_token IS NOT NULL AND recorded_by_user IS NULL", w.monthly.ID); n != 2 {
		t.Fatalf("%d measurements stored as the token's, want 2", n)
	}
	if n := w.ta.Count(t, "audit_events", "action = 'measurements.recorded' AND entity_id = ? AND actor_token_id IS NOT NULL", w.monthly.ID); n != 2 {
		t.Fatalf("%d audit events by the token, want 2", n)
	}
	// A manual value for the same key is judged over the token's.
	expectMeasResult(t, w.ta.Post(t, "/api/v1/measurements", w.improver, map[string]any{"standard": w.monthly.Code, "system": w.epr.Name, "period_start": "2025-01-01", "value": 90}),
		http.StatusCreated, measResult{1, 1, 0})
	var v float64
	w.ta.App.DB.Gorm.Raw("SELECT value FROM series_values WHERE standard_id = ? AND system_id = ? AND period_start = '2025-01-01'", w.monthly.ID, w.epr.ID).Scan(&v)
	if v != 90 {
		t.Fatalf("judged value %v, want the manual 90", v)
	}
}

func TestMeasurementBatchBodyLimit(t *testing.T) {
	w := newMeasWorld(t)
	big := strings.Repeat("x", 17<<20)
	r := postCSV(t, w.ta, w.improver, "standard,period_start,value,note\n"+w.monthly.Code+",2025-01-01,1,"+big+"\n")
	testapp.ExpectProblem(t, r, http.StatusRequestEntityTooLarge)
	// The single endpoint keeps the default limit.
	r = w.ta.Post(t, "/api/v1/measurements", w.improver, `{"standard":"`+w.monthly.Code+`","period_start":"2025-01-01","value":1,"note":"`+strings.Repeat("x", 2<<20)+`"}`)
	testapp.ExpectProblem(t, r, http.StatusRequestEntityTooLarge)
}

func TestMeasurementBatchOf100000CSVRows(t *testing.T) {
	w := newMeasWorld(t)
	sys := make([]models.System, 50)
	for i := range sys {
		sys[i] = measSystem(t, w.ta, "Bulk")
	}
	st := measStandard(t, w.ta, "number", models.PeriodDay, models.RollupMean, sys...)
	var b strings.Builder
	b.WriteString("standard,system,period_start,value,note\n")
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for d := 0; d < 2000; d++ {
		day := start.AddDate(0, 0, d).Format(time.DateOnly)
		for _, s := range sys {
			fmt.Fprintf(&b, "%s,%s,%s,%d.5,\n", st.Code, s.ID, day, d%97)
		}
	}
	began := time.Now()
	expectMeasResult(t, postCSV(t, w.ta, w.improver, b.String()), http.StatusOK, measResult{100_000, 100_000, 0})
	t.Logf("100,000 rows in %v", time.Since(began))
	if n := w.ta.Count(t, "series_values", "standard_id = ?", st.ID); n != 2000*51 {
		t.Fatalf("%d series values, want %d (50 systems + the roll-up, 2000 days)", n, 2000*51)
	}
	if n := w.ta.Count(t, "audit_events", "action = 'measurements.recorded' AND entity_id = ?", st.ID); n != 1 {
		t.Fatalf("%d audit events for one batch, want 1", n)
	}
	// One row more is refused as a whole.
	fmt.Fprintf(&b, "%s,,2025-01-01,1,\n", st.Code)
	p := testapp.ExpectProblem(t, postCSV(t, w.ta, w.improver, b.String()), http.StatusUnprocessableEntity)
	if got := testapp.FieldErrors(t, p); len(got) != 1 || got[0] != "measurements" {
		t.Fatalf("fields %v", got)
	}
}

func TestMeasurementListPagesAndFilters(t *testing.T) {
	w := newMeasWorld(t)
	csv := "standard,system,period_start,value\n"
	for _, p := range []string{"2025-01-06", "2025-01-13", "2025-01-20"} {
		csv += w.weekly.Code + "," + w.epr.Name + "," + p + ",1\n" + w.weekly.Code + "," + w.pacs.Name + "," + p + ",2\n" + w.weekly.Code + ",," + p + ",3\n"
	}
	expectMeasResult(t, postCSV(t, w.ta, w.improver, csv), http.StatusOK, measResult{9, 9, 0})
	expectMeasResult(t, w.ta.Post(t, "/api/v1/measurements", w.improver, map[string]any{"standard": w.weekly.Code, "period_start": "2025-01-13", "value": 4}), http.StatusCreated, measResult{1, 1, 0})

	type item struct {
		SystemID    *string `json:"system_id"`
		SystemName  *string `json:"system_name"`
		PeriodStart string  `json:"period_start"`
		Value       float64 `json:"value"`
		Source      string  `json:"source"`
	}
	type page struct {
		Items      []item  `json:"items"`
		NextCursor *string `json:"next_cursor"`
	}
	reader := w.ta.Token(t, models.RoleExecutive)
	var all []item
	path := "/api/v1/standards/" + w.weekly.ID + "/measurements?limit=4"
	for pages := 0; ; pages++ {
		r := w.ta.Get(t, path, reader)
		if r.Code != http.StatusOK {
			t.Fatalf("%d %s", r.Code, r.Body.String())
		}
		var p page
		r.JSON(t, &p)
		all = append(all, p.Items...)
		if p.NextCursor == nil {
			break
		}
		if pages > 5 {
			t.Fatal("paging does not end")
		}
		path = "/api/v1/standards/" + w.weekly.ID + "/measurements?limit=4&cursor=" + *p.NextCursor
	}
	if len(all) != 10 {
		t.Fatalf("%d items over all pages, want 10: %+v", len(all), all)
	}
	seen := map[string]bool{}
	for i, it := range all {
		k := fmt.Sprintf("%s %v %s", it.PeriodStart, it.SystemID, it.Source)
		if seen[k] {
			t.Fatalf("item %s listed twice", k)
		}
		seen[k] = true
		if i > 0 && it.PeriodStart < all[i-1].PeriodStart {
			t.Fatalf("not in period order: %+v", all)
		}
		if (it.SystemID == nil) != (it.SystemName == nil) {
			t.Fatalf("system id and name disagree: %+v", it)
		}
	}
	count := func(q string) int {
		r := w.ta.Get(t, "/api/v1/standards/"+w.weekly.Code+"/measurements?"+q, reader)
		if r.Code != http.StatusOK {
			t.Fatalf("%s: %d %s", q, r.Code, r.Body.String())
		}
		var p page
		r.JSON(t, &p)
		return len(p.Items)
	}
	for q, want := range map[string]int{
		"from=2025-01-13":                      7,
		"from=2025-01-13&to=2025-01-13":        4,
		"system_id=" + w.epr.ID:                3,
		"system_id=none":                       4,
		"source=manual":                        1,
		"source=import&system_id=none":         3,
		"to=2025-01-06&system_id=" + w.pacs.ID: 1,
	} {
		if got := count(q); got != want {
			t.Errorf("%s: %d items, want %d", q, got, want)
		}
	}
	for _, q := range []string{"from=yesterday", "source=telepathy", "system_id=EPR", "limit=0", "limit=501", "cursor=bogus", "from=2025-02-01&to=2025-01-01"} {
		testapp.ExpectProblem(t, w.ta.Get(t, "/api/v1/standards/"+w.weekly.ID+"/measurements?"+q, reader), http.StatusUnprocessableEntity)
	}
	testapp.ExpectProblem(t, w.ta.Get(t, "/api/v1/standards/"+uuid.NewString()+"/measurements", reader), http.StatusNotFound)
	testapp.ExpectProblem(t, w.ta.Get(t, "/api/v1/standards/"+w.weekly.ID+"/measurements", ""), http.StatusUnauthorized)
}

func TestMeasurementCSVExportRoundTrips(t *testing.T) {
	w := newMeasWorld(t)
	csv := "standard,system,period_start,value,note\n" +
		w.monthly.Code + "," + w.epr.Name + ",2025-01-01,99.95,\"line one\nline two\"\n" +
		w.monthly.Code + "," + w.pacs.Name + ",2025-01-01,100,\"'=HYPERLINK(\"\"x\"\")\"\n" +
		w.monthly.Code + ",,2025-02-01,0.000001,\"a, b\"\n"
	expectMeasResult(t, postCSV(t, w.ta, w.improver, csv), http.StatusOK, measResult{3, 3, 0})
	var before []models.Measurement
	w.ta.App.DB.Gorm.Where("standard_id = ?", w.monthly.ID).Order("period_start, system_id").Find(&before)
	if before[1].Note != `=HYPERLINK("x")` {
		t.Fatalf("the apostrophe guarding a formula was not removed on upload: %q", before[1].Note)
	}

	r := w.ta.Get(t, "/api/v1/standards/"+w.monthly.ID+"/measurements.csv?source=import", w.ta.Token(t, models.RoleBoard))
	if r.Code != http.StatusOK || !strings.HasPrefix(r.Header().Get("Content-Type"), "text/csv") {
		t.Fatalf("%d %s %s", r.Code, r.Header().Get("Content-Type"), r.Body.String())
	}
	if !strings.Contains(r.Header().Get("Content-Disposition"), "attachment") {
		t.Fatalf("disposition %q", r.Header().Get("Content-Disposition"))
	}
	exported := r.Body.String()
	if !strings.HasPrefix(exported, "standard,system,period_start,value,note\n") || !strings.Contains(exported, `'=HYPERLINK`) {
		t.Fatalf("export:\n%s", exported)
	}
	// Uploading the export again replaces every row with itself.
	expectMeasResult(t, postCSV(t, w.ta, w.improver, exported), http.StatusOK, measResult{3, 0, 3})
	var after []models.Measurement
	w.ta.App.DB.Gorm.Where("standard_id = ?", w.monthly.ID).Order("period_start, system_id").Find(&after)
	for i := range before {
		if before[i].Value != after[i].Value || before[i].Note != after[i].Note || (before[i].SystemID == nil) != (after[i].SystemID == nil) {
			t.Fatalf("row %d changed in the round trip: %+v -> %+v", i, before[i], after[i])
		}
	}
	testapp.ExpectProblem(t, w.ta.Get(t, "/api/v1/standards/"+w.monthly.ID+"/measurements.csv?from=nope", w.improver), http.StatusUnprocessableEntity)
	testapp.ExpectProblem(t, w.ta.Get(t, "/api/v1/standards/NOPE-01/measurements.csv", w.improver), http.StatusNotFound)
}
