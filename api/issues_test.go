package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"assure/internal/testapp"
	"assure/models"
)

// issueWorld is a small catalogue of its own (two sites, two systems) and
// the people who file and triage reports in it.
type issueWorld struct {
	ta                    *testapp.App
	site, site2           string
	system, system2       string
	clinician, other      models.User
	improver, board       models.User
	clinTok, otherTok     string
	improverTok, boardTok string
}

func newIssueWorld(t *testing.T, ta *testapp.App) *issueWorld {
	t.Helper()
	w := &issueWorld{ta: ta}
	w.site = issueSite(t, ta, "Site")
	w.site2 = issueSite(t, ta, "Site")
	w.system = issueSystem(t, ta, "System")
	w.system2 = issueSystem(t, ta, "System")
	w.clinician = ta.UserWith(t, models.RoleClinician)
	w.other = ta.UserWith(t, models.RoleClinician)
	w.improver = ta.UserWith(t, models.RoleImprover)
	w.board = ta.UserWith(t, models.RoleBoard)
	w.refreshTokens(t)
	return w
}

// refreshTokens signs fresh tokens (after moving the clock past their expiry).
func (w *issueWorld) refreshTokens(t *testing.T) {
	t.Helper()
	w.clinTok = w.ta.TokenFor(t, w.clinician)
	w.otherTok = w.ta.TokenFor(t, w.other)
	w.improverTok = w.ta.TokenFor(t, w.improver)
	w.boardTok = w.ta.TokenFor(t, w.board)
}

func issueSite(t *testing.T, ta *testapp.App, prefix string) string {
	t.Helper()
	id := uuid.Must(uuid.NewV7()).String()
	if err := ta.App.DB.Gorm.Exec("INSERT INTO sites (id, name) VALUES (?, ?)", id, prefix+" "+id).Error; err != nil {
		t.Fatal(err)
	}
	return id
}

func issueSystem(t *testing.T, ta *testapp.App, prefix string) string {
	t.Helper()
	id := uuid.Must(uuid.NewV7()).String()
	if err := ta.App.DB.Gorm.Exec("INSERT INTO systems (id, name, criticality) VALUES (?, ?, 'critical')", id, prefix+" "+id).Error; err != nil {
		t.Fatal(err)
	}
	return id
}

// minimal is the least a report needs.
func (w *issueWorld) minimal(title string) map[string]any {
	return map[string]any{"title": title, "system_id": w.system, "site_id": w.site,
		"physical_harm": "none", "psychological_harm": "none"}
}

func with(body map[string]any, kv ...any) map[string]any {
	out := map[string]any{}
	for k, v := range body {
		out[k] = v
	}
	for i := 0; i < len(kv); i += 2 {
		k := kv[i].(string)
		if kv[i+1] == nil {
			delete(out, k)
		} else {
			out[k] = kv[i+1]
		}
	}
	return out
}

// file reports as token and returns the created report.
func (w *issueWorld) file(t *testing.T, token string, body map[string]any) map[string]any {
	t.Helper()
	r := w.ta.Post(t, "/api/v1/issues", token, body)
	if r.Code != http.StatusCreated {
		t.Fatalf("create report: %d %s", r.Code, r.Body.String())
	}
	return r.Map(t)
}

func TestCreateIssue(t *testing.T) {
	ta := testapp.New(t)
	w := newIssueWorld(t, ta)

	t.Run("minimal report from a phone", func(t *testing.T) {
		r := ta.Post(t, "/api/v1/issues", w.clinTok, w.minimal("EPR froze at handover"))
		if r.Code != http.StatusCreated {
			t.Fatalf("status %d: %s", r.Code, r.Body.String())
		}
		m := r.Map(t)
		if m["status"] != "new" || m["title"] != "EPR froze at handover" || m["staff_affected"] != float64(1) ||
			m["minutes_lost"] != float64(0) || m["system_not_sure"] != false {
			t.Errorf("unexpected report: %v", m)
		}
		if m["reporter"].(map[string]any)["id"] != w.clinician.ID || m["you_reported"] != true {
			t.Errorf("reporter: %v", m["reporter"])
		}
		if r.Header().Get("ETag") != `"1"` || r.Header().Get("Location") != "/api/v1/issues/"+m["id"].(string) {
			t.Errorf("headers: ETag %q Location %q", r.Header().Get("ETag"), r.Header().Get("Location"))
		}
		if n := ta.Count(t, "audit_events", "entity_type = 'issue' AND entity_id = ? AND action = 'issue.created'", m["id"]); n != 1 {
			t.Errorf("audit events: %d", n)
		}
		if n := ta.Count(t, "issue_events", "issue_id = ? AND kind = 'reported'", m["id"]); n != 1 {
			t.Errorf("timeline entries: %d", n)
		}
	})

	t.Run("full report", func(t *testing.T) {
		started := time.Now().UTC().Add(-3 * time.Hour).Truncate(time.Second)
		m := w.file(t, w.clinTok, map[string]any{
			"title": "Wi-Fi drops on Ward 7", "description": "Carts lose connection mid-round.",
			"system_id": w.system, "site_id": w.site, "location": "Ward 7", "started_at": started.Format(time.RFC3339),
			"duration_minutes": 90, "staff_affected": 4, "minutes_lost": 25, "workaround_used": true,
			"workaround": "Paper drug chart", "physical_harm": "low", "psychological_harm": "moderate",
			"care_delayed": true, "care_not_given": false,
		})
		if m["total_minutes_lost"] != float64(100) || m["hours_lost"] != 1.67 || m["people_affected"] != float64(4) {
			t.Errorf("time lost: %v %v %v", m["total_minutes_lost"], m["hours_lost"], m["people_affected"])
		}
		if m["started_at"] != started.Format(time.RFC3339) || m["workaround"] != "Paper drug chart" || m["care_delayed"] != true {
			t.Errorf("fields: %v", m)
		}
	})

	t.Run("not sure of the system", func(t *testing.T) {
		m := w.file(t, w.clinTok, with(w.minimal("Something is slow"), "system_id", nil, "system_not_sure", true))
		if m["system"] != nil || m["system_not_sure"] != true {
			t.Errorf("system: %v %v", m["system"], m["system_not_sure"])
		}
	})

	for _, c := range []struct {
		name  string
		body  map[string]any
		field string
	}{
		{"title missing", with(w.minimal(""), "title", nil), "title"},
		{"title blank", w.minimal("   "), "title"},
		{"system missing and not 'not sure'", with(w.minimal("x"), "system_id", nil), "system_id"},
		{"system and 'not sure' both", with(w.minimal("x"), "system_not_sure", true), "system_id"},
		{"system not in the catalogue", with(w.minimal("x"), "system_id", uuid.NewString()), "system_id"},
		{"site missing", with(w.minimal("x"), "site_id", nil), "site_id"},
		{"site not in the catalogue", with(w.minimal("x"), "site_id", uuid.NewString()), "site_id"},
		{"physical harm missing", with(w.minimal("x"), "physical_harm", nil), "physical_harm"},
		{"psychological harm missing", with(w.minimal("x"), "psychological_harm", nil), "psychological_harm"},
		{"harm not in the LFPSE vocabulary", with(w.minimal("x"), "physical_harm", "catastrophic"), "physical_harm"},
		{"NHS number in the title", w.minimal("Record for 943 476 5919 would not open"), "title"},
		{"NHS number in the description", with(w.minimal("x"), "description", "pt 9434765919"), "description"},
		{"date of birth in the location", with(w.minimal("x"), "location", "bed 4 DOB 12/03/1954"), "location"},
		{"NHS number in the workaround", with(w.minimal("x"), "workaround_used", true, "workaround", "wrote 4010232137 on paper"), "workaround"},
		{"oversize title", w.minimal(strings.Repeat("a", 201)), "title"},
		{"oversize description", with(w.minimal("x"), "description", strings.Repeat("é", 4001)), "description"},
		{"started in the future", with(w.minimal("x"), "started_at", time.Now().Add(2*time.Hour).Format(time.RFC3339)), "started_at"},
		{"started_at not a time", with(w.minimal("x"), "started_at", "yesterday"), "started_at"},
		{"duration while ongoing", with(w.minimal("x"), "ongoing", true, "duration_minutes", 30), "duration_minutes"},
		{"no staff affected", with(w.minimal("x"), "staff_affected", 0), "staff_affected"},
		{"negative minutes lost", with(w.minimal("x"), "minutes_lost", -5), "minutes_lost"},
		{"workaround without saying one was used", with(w.minimal("x"), "workaround", "paper"), "workaround"},
		{"minutes lost of the wrong type", with(w.minimal("x"), "minutes_lost", "lots"), "minutes_lost"},
		{"unknown field", with(w.minimal("x"), "nhs_number", "x"), "nhs_number"},
	} {
		t.Run("refused: "+c.name, func(t *testing.T) {
			before := ta.Count(t, "issues", "")
			events := ta.Count(t, "audit_events", "")
			r := ta.Post(t, "/api/v1/issues", w.clinTok, c.body)
			m := testapp.ExpectProblem(t, r, http.StatusUnprocessableEntity)
			fields := testapp.FieldErrors(t, m)
			if !inList(fields, c.field) {
				t.Errorf("fields %v, want %s; body %s", fields, c.field, r.Body.String())
			}
			if after := ta.Count(t, "issues", ""); after != before {
				t.Errorf("a refused report was stored (%d → %d)", before, after)
			}
			if after := ta.Count(t, "audit_events", ""); after != events {
				t.Errorf("a refused report was audited (%d → %d)", events, after)
			}
		})
	}

	t.Run("an NHS number is refused with a reason the reporter can act on", func(t *testing.T) {
		r := ta.Post(t, "/api/v1/issues", w.clinTok, with(w.minimal("x"), "description", "patient 943 476 5919"))
		m := testapp.ExpectProblem(t, r, http.StatusUnprocessableEntity)
		errs := m["errors"].([]any)
		msg := errs[0].(map[string]any)["message"].(string)
		if !strings.Contains(msg, "NHS number") || !strings.Contains(msg, "do not include patient identifiers") {
			t.Errorf("message %q", msg)
		}
	})

	t.Run("ordinary dates pass", func(t *testing.T) {
		w.file(t, w.clinTok, with(w.minimal("PACS down since 09:00 on 12/03"), "description", "Went down on 12/03/2024 at 14:10 too"))
	})
}

func TestIssueRefusedCallers(t *testing.T) {
	ta := testapp.New(t)
	w := newIssueWorld(t, ta)
	mine := w.file(t, w.clinTok, w.minimal("Printer jams"))
	id := mine["id"].(string)

	before := ta.Count(t, "issues", "")
	r := ta.Post(t, "/api/v1/issues", "", w.minimal("anonymous"))
	testapp.ExpectProblem(t, r, http.StatusUnauthorized)

	// A monitoring system's API token may send measurements, not reports.
	tok := issueAPIToken(t, ta)
	r = ta.Post(t, "/api/v1/issues", tok, w.minimal("from a token"))
	testapp.ExpectProblem(t, r, http.StatusForbidden)
	if after := ta.Count(t, "issues", ""); after != before {
		t.Errorf("refused callers stored reports (%d → %d)", before, after)
	}

	// Triage is for improvers: a clinician and a board member are refused.
	for _, tk := range []string{w.clinTok, w.boardTok} {
		r = ta.Post(t, "/api/v1/issues/"+id+"/transitions", tk, map[string]any{"to": "triaged"})
		testapp.ExpectProblem(t, r, http.StatusForbidden)
		r = ta.Post(t, "/api/v1/problems", tk, map[string]any{"title": "P"})
		testapp.ExpectProblem(t, r, http.StatusForbidden)
	}
	r = ta.Post(t, "/api/v1/issues/"+id+"/links", w.clinTok, map[string]any{"target_type": "standard", "target_id": uuid.NewString()})
	testapp.ExpectProblem(t, r, http.StatusForbidden)
	if n := ta.Count(t, "issue_events", "issue_id = ? AND kind <> 'reported'", id); n != 0 {
		t.Errorf("refused changes reached the timeline: %d", n)
	}
}

func issueAPIToken(t *testing.T, ta *testapp.App) string {
	t.Helper()
	admin := ta.Token(t, models.RoleAdmin)
	r := ta.Post(t, "/api/v1/tokens", admin, map[string]any{"label": "monitor " + uuid.NewString()[:8], "scopes": []string{"measurements:write"},
		"expires_at": time.Now().Add(30 * 24 * time.Hour).UTC().Format(time.RFC3339)})
	if r.Code != http.StatusCreated {
		t.Fatalf("create token: %d %s", r.Code, r.Body.String())
	}
	m := r.Map(t)
	if tok, ok := m["token"].(string); ok {
		return tok
	}
	t.Fatalf("no token in %s", r.Body.String())
	return ""
}

func TestIssueVisibility(t *testing.T) {
	ta := testapp.New(t)
	w := newIssueWorld(t, ta)
	mine := w.file(t, w.clinTok, w.minimal("Mine"))
	theirs := w.file(t, w.otherTok, w.minimal("Theirs"))
	id := mine["id"].(string)

	t.Run("a clinician cannot read another's report: 404, not 403", func(t *testing.T) {
		for _, path := range []string{"", "/timeline", "/comments"} {
			r := ta.Get(t, "/api/v1/issues/"+theirs["id"].(string)+path, w.clinTok)
			testapp.ExpectProblem(t, r, http.StatusNotFound)
		}
		r := ta.Do(t, testapp.Request{Method: http.MethodPatch, Path: "/api/v1/issues/" + theirs["id"].(string),
			Token: w.clinTok, Body: map[string]any{"title": "mine now"}})
		testapp.ExpectProblem(t, r, http.StatusNotFound)
		r = ta.Post(t, "/api/v1/issues/"+theirs["id"].(string)+"/comments", w.clinTok, map[string]any{"body": "hello"})
		testapp.ExpectProblem(t, r, http.StatusNotFound)
	})

	t.Run("an unknown or malformed id is 404 too", func(t *testing.T) {
		testapp.ExpectProblem(t, ta.Get(t, "/api/v1/issues/"+uuid.NewString(), w.clinTok), http.StatusNotFound)
		testapp.ExpectProblem(t, ta.Get(t, "/api/v1/issues/not-an-id", w.clinTok), http.StatusNotFound)
	})

	t.Run("a clinician's list holds only their own", func(t *testing.T) {
		var page struct {
			Items []map[string]any `json:"items"`
		}
		ta.Get(t, "/api/v1/issues?limit=500", w.clinTok).JSON(t, &page)
		for _, it := range page.Items {
			if it["reporter"].(map[string]any)["id"] != w.clinician.ID {
				t.Errorf("clinician sees %v", it["title"])
			}
		}
		if len(page.Items) != 1 {
			t.Errorf("clinician sees %d reports, want 1", len(page.Items))
		}
	})

	t.Run("improvers and board see all", func(t *testing.T) {
		for _, tok := range []string{w.improverTok, w.boardTok} {
			if r := ta.Get(t, "/api/v1/issues/"+theirs["id"].(string), tok); r.Code != http.StatusOK {
				t.Errorf("status %d", r.Code)
			}
		}
	})

	t.Run("the reporter sees their own", func(t *testing.T) {
		r := ta.Get(t, "/api/v1/issues/"+id, w.clinTok)
		if r.Code != http.StatusOK || r.Header().Get("ETag") != `"1"` {
			t.Fatalf("status %d etag %q", r.Code, r.Header().Get("ETag"))
		}
	})
}

func TestIssueEdit(t *testing.T) {
	ta := testapp.New(t)
	w := newIssueWorld(t, ta)
	id := w.file(t, w.clinTok, w.minimal("EPR slow"))["id"].(string)
	patch := func(tok string, body any, ifMatch string) testapp.Response {
		h := map[string]string{}
		if ifMatch != "" {
			h["If-Match"] = ifMatch
		}
		return ta.Do(t, testapp.Request{Method: http.MethodPatch, Path: "/api/v1/issues/" + id, Token: tok, Body: body, Headers: h})
	}

	r := patch(w.clinTok, map[string]any{"minutes_lost": 20, "staff_affected": 3, "system_id": nil}, `"1"`)
	if r.Code != http.StatusOK {
		t.Fatalf("edit: %d %s", r.Code, r.Body.String())
	}
	m := r.Map(t)
	if m["total_minutes_lost"] != float64(60) || m["system_not_sure"] != true || m["version"] != float64(2) {
		t.Errorf("after edit: %v", m)
	}
	testapp.ExpectProblem(t, patch(w.clinTok, map[string]any{"minutes_lost": 5}, `"1"`), http.StatusPreconditionFailed)
	m422 := testapp.ExpectProblem(t, patch(w.clinTok, map[string]any{"description": "DOB 01/02/1950"}, ""), http.StatusUnprocessableEntity)
	if f := testapp.FieldErrors(t, m422); !inList(f, "description") {
		t.Errorf("fields %v", f)
	}
	if n := ta.Count(t, "issues", "id = ? AND version = 2 AND description = ''", id); n != 1 {
		t.Error("a refused edit changed the report")
	}
	// Another clinician may not even see it; a board member sees it but may not change it.
	testapp.ExpectProblem(t, patch(w.otherTok, map[string]any{"title": "x"}, ""), http.StatusNotFound)
	testapp.ExpectProblem(t, patch(w.boardTok, map[string]any{"title": "x"}, ""), http.StatusForbidden)
	if r := patch(w.improverTok, map[string]any{"title": "EPR slow on Ward 7"}, ""); r.Code != http.StatusOK {
		t.Errorf("improver edit: %d %s", r.Code, r.Body.String())
	}
	if n := ta.Count(t, "issue_events", "issue_id = ? AND kind = 'edited'", id); n != 2 {
		t.Errorf("edited entries: %d, want 2", n)
	}
}

// issueIDs returns the ids of a list response's items, in order.
func issueIDs(t *testing.T, r testapp.Response) []string {
	t.Helper()
	var page struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
		NextCursor *string `json:"next_cursor"`
	}
	r.JSON(t, &page)
	out := make([]string, len(page.Items))
	for i, it := range page.Items {
		out[i] = it.ID
	}
	return out
}

func TestIssueQueue(t *testing.T) {
	ta := testapp.New(t)
	w := newIssueWorld(t, ta)
	// A site of its own, so other tests' reports stay out of the queue.
	site := issueSite(t, ta, "Queue site")
	rep := func(title string, minutes, staff int, harm string, system string) string {
		b := map[string]any{"title": title, "site_id": site, "physical_harm": harm, "psychological_harm": "none",
			"minutes_lost": minutes, "staff_affected": staff}
		if system == "" {
			b["system_not_sure"] = true
		} else {
			b["system_id"] = system
		}
		return w.file(t, w.clinTok, b)["id"].(string)
	}
	small := rep("small", 10, 1, "none", w.system)
	big := rep("big", 30, 5, "moderate", w.system2)
	mid := rep("mid", 20, 2, "severe", "")

	q := "/api/v1/issues?site_id=" + site
	got := issueIDs(t, ta.Get(t, q, w.improverTok))
	if want := []string{big, mid, small}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("queue order %v, want %v (most time lost first)", got, want)
	}
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"&harm=moderate", []string{big, mid}},
		{"&harm=severe", []string{mid}},
		{"&system_id=" + w.system, []string{small}},
		{"&system_not_sure=true", []string{mid}},
		{"&status=new,triaged", []string{big, mid, small}},
		{"&status=resolved", []string{}},
		{"&from=" + time.Now().UTC().Format(time.DateOnly) + "&to=" + time.Now().UTC().Format(time.DateOnly), []string{big, mid, small}},
		{"&to=" + time.Now().UTC().AddDate(0, 0, -2).Format(time.DateOnly), []string{}},
		{"&sort=recent", []string{mid, big, small}},
	} {
		if got := issueIDs(t, ta.Get(t, q+c.query, w.improverTok)); fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%s: %v, want %v", c.query, got, c.want)
		}
	}

	// Paging: one at a time, following the cursor, gives the same order.
	var seen []string
	path := q + "&limit=1"
	for i := 0; i < 5; i++ {
		var page struct {
			Items []struct {
				ID string `json:"id"`
			} `json:"items"`
			NextCursor *string `json:"next_cursor"`
		}
		ta.Get(t, path, w.improverTok).JSON(t, &page)
		for _, it := range page.Items {
			seen = append(seen, it.ID)
		}
		if page.NextCursor == nil {
			break
		}
		path = q + "&limit=1&cursor=" + *page.NextCursor
	}
	if fmt.Sprint(seen) != fmt.Sprint([]string{big, mid, small}) {
		t.Errorf("paged %v", seen)
	}

	for _, bad := range []string{"&status=open", "&harm=awful", "&from=yesterday", "&limit=501", "&cursor=nonsense", "&sort=alpha"} {
		testapp.ExpectProblem(t, ta.Get(t, q+bad, w.improverTok), http.StatusUnprocessableEntity)
	}
}
