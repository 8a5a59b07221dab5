package api_test

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"
	"time"

	"assure/api"
	"assure/internal/testapp"
	"assure/models"
)

// catalogueFixture builds sites, systems and standards through the API as an
// admin, for the catalogue, standards, compliance and SPC tests.
type catalogueFixture struct {
	ta    *testapp.App
	admin string
}

func newCatalogueFixture(t *testing.T) *catalogueFixture {
	t.Helper()
	ta := testapp.New(t)
	return &catalogueFixture{ta: ta, admin: ta.Token(t, models.RoleAdmin)}
}

// newCatalogueFixtureAt is newCatalogueFixture with the clock at now (set
// before any token is signed, so tokens are valid at that time).
func newCatalogueFixtureAt(t *testing.T, now time.Time) *catalogueFixture {
	t.Helper()
	ta := testapp.New(t)
	ta.Clock.Set(now)
	return &catalogueFixture{ta: ta, admin: ta.Token(t, models.RoleAdmin)}
}

// catName returns a name no other test uses (the package shares a database).
func catName(prefix string) string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return prefix + " " + hex.EncodeToString(b)
}

// catCode returns a standard code no other test uses.
func catCode() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return "T" + strings.ToUpper(hex.EncodeToString(b)) + "-01"
}

// expectStatus fails unless r has status, showing the body.
func expectStatus(t *testing.T, r testapp.Response, status int) map[string]any {
	t.Helper()
	if r.Code != status {
		t.Fatalf("status %d, want %d: %s", r.Code, status, r.Body.String())
	}
	if status == http.StatusNoContent {
		return nil
	}
	return r.Map(t)
}

func (f *catalogueFixture) site(t *testing.T) string {
	t.Helper()
	r := f.ta.Post(t, "/api/v1/sites", f.admin, map[string]any{"name": catName("Site")})
	return expectStatus(t, r, http.StatusCreated)["id"].(string)
}

func (f *catalogueFixture) system(t *testing.T, body map[string]any) map[string]any {
	t.Helper()
	if body == nil {
		body = map[string]any{}
	}
	if _, ok := body["name"]; !ok {
		body["name"] = catName("System")
	}
	if _, ok := body["criticality"]; !ok {
		body["criticality"] = "high"
	}
	r := f.ta.Post(t, "/api/v1/systems", f.admin, body)
	return expectStatus(t, r, http.StatusCreated)
}

func (f *catalogueFixture) patch(t *testing.T, path, token string, body any, ifMatch string) testapp.Response {
	t.Helper()
	req := testapp.Request{Method: http.MethodPatch, Path: path, Token: token, Body: body}
	if ifMatch != "" {
		req.Headers = map[string]string{"If-Match": ifMatch}
	}
	return f.ta.Do(t, req)
}

func (f *catalogueFixture) delete(t *testing.T, path, token string) testapp.Response {
	t.Helper()
	return f.ta.Do(t, testapp.Request{Method: http.MethodDelete, Path: path, Token: token})
}

func TestSitesCreateReadUpdateDelete(t *testing.T) {
	f := newCatalogueFixture(t)
	name := catName("Northshire Royal Infirmary")
	r := f.ta.Post(t, "/api/v1/sites", f.admin, map[string]any{"name": "  " + name + " ", "description": "Main acute site"})
	site := expectStatus(t, r, http.StatusCreated)
	id := site["id"].(string)
	if site["name"] != name || site["version"] != 1.0 || r.Header().Get("ETag") != `"1"` {
		t.Fatalf("created %v, ETag %q", site, r.Header().Get("ETag"))
	}
	if loc := r.Header().Get("Location"); loc != "/api/v1/sites/"+id {
		t.Errorf("Location %q", loc)
	}
	if n := f.ta.Count(t, "audit_events", "action = 'site.created' AND entity_id = ?", id); n != 1 {
		t.Errorf("%d audit events for the creation", n)
	}

	reader := f.ta.Token(t, models.RoleClinician)
	r = f.ta.Get(t, "/api/v1/sites/"+id, reader)
	got := expectStatus(t, r, http.StatusOK)
	if got["name"] != name || r.Header().Get("ETag") != `"1"` {
		t.Fatalf("got %v", got)
	}
	if systems, ok := got["systems"].([]any); !ok || len(systems) != 0 {
		t.Errorf("systems %v, want []", got["systems"])
	}

	// A stale If-Match changes nothing.
	r = f.patch(t, "/api/v1/sites/"+id, f.admin, map[string]any{"description": "stale"}, `"7"`)
	testapp.ExpectProblem(t, r, http.StatusPreconditionFailed)
	r = f.patch(t, "/api/v1/sites/"+id, f.admin, map[string]any{"description": "Acute and trauma centre"}, `"1"`)
	got = expectStatus(t, r, http.StatusOK)
	if got["description"] != "Acute and trauma centre" || got["name"] != name || r.Header().Get("ETag") != `"2"` {
		t.Fatalf("patched %v ETag %q", got, r.Header().Get("ETag"))
	}
	// The old version now fails, with or without the weak prefix.
	r = f.patch(t, "/api/v1/sites/"+id, f.admin, map[string]any{"description": "again"}, `W/"1"`)
	testapp.ExpectProblem(t, r, http.StatusPreconditionFailed)

	expectStatus(t, f.delete(t, "/api/v1/sites/"+id, f.admin), http.StatusNoContent)
	testapp.ExpectProblem(t, f.ta.Get(t, "/api/v1/sites/"+id, reader), http.StatusNotFound)
	testapp.ExpectProblem(t, f.ta.Get(t, "/api/v1/sites/not-a-uuid", reader), http.StatusNotFound)
	testapp.ExpectProblem(t, f.delete(t, "/api/v1/sites/"+id, f.admin), http.StatusNotFound)
}

func TestSiteNamesAreUniqueIgnoringCase(t *testing.T) {
	f := newCatalogueFixture(t)
	name := catName("Eastfield General")
	expectStatus(t, f.ta.Post(t, "/api/v1/sites", f.admin, map[string]any{"name": name}), http.StatusCreated)
	r := f.ta.Post(t, "/api/v1/sites", f.admin, map[string]any{"name": strings.ToUpper(name)})
	testapp.ExpectProblem(t, r, http.StatusConflict)
	if n := f.ta.Count(t, "sites", "lower(name) = lower(?)", name); n != 1 {
		t.Errorf("%d sites named %q", n, name)
	}
}

func TestSiteListPages(t *testing.T) {
	f := newCatalogueFixture(t)
	for range 3 {
		f.site(t)
	}
	seen := map[string]bool{}
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 1000 {
			t.Fatal("paging does not end")
		}
		path := "/api/v1/sites?limit=2"
		if cursor != "" {
			path += "&cursor=" + cursor
		}
		body := expectStatus(t, f.ta.Get(t, path, f.admin), http.StatusOK)
		items := body["items"].([]any)
		if len(items) > 2 {
			t.Fatalf("page of %d with limit 2", len(items))
		}
		for _, it := range items {
			id := it.(map[string]any)["id"].(string)
			if seen[id] {
				t.Fatalf("site %s on two pages", id)
			}
			seen[id] = true
		}
		next, _ := body["next_cursor"].(string)
		if next == "" {
			break
		}
		cursor = next
	}
	if want := f.ta.Count(t, "sites", ""); int64(len(seen)) != want {
		t.Errorf("paged through %d sites, there are %d", len(seen), want)
	}
	for _, q := range []string{"limit=0", "limit=501", "limit=ten", "cursor=bm9wZQ"} {
		m := testapp.ExpectProblem(t, f.ta.Get(t, "/api/v1/sites?"+q, f.admin), http.StatusUnprocessableEntity)
		field := strings.SplitN(q, "=", 2)[0]
		if fe := testapp.FieldErrors(t, m); len(fe) != 1 || fe[0] != field {
			t.Errorf("%s: fields %v", q, fe)
		}
	}
}

func TestSiteAndSystemBadBodiesWriteNothing(t *testing.T) {
	f := newCatalogueFixture(t)
	sites, systems := f.ta.Count(t, "sites", ""), f.ta.Count(t, "systems", "")
	events := f.ta.Count(t, "audit_events", "")
	huge := `{"name":"` + strings.Repeat("x", int(api.DefaultBodyLimit)) + `"}`
	cases := []struct {
		name   string
		path   string
		body   any
		status int
		field  string
	}{
		{"malformed JSON", "/api/v1/sites", `{"name":`, http.StatusBadRequest, ""},
		{"not an object", "/api/v1/sites", `["x"]`, http.StatusBadRequest, ""},
		{"trailing data", "/api/v1/sites", `{"name":"a"} {}`, http.StatusBadRequest, ""},
		{"empty body", "/api/v1/sites", ``, http.StatusBadRequest, ""},
		{"wrong type", "/api/v1/sites", `{"name": 7}`, http.StatusUnprocessableEntity, "name"},
		{"unknown field", "/api/v1/sites", `{"name": "x", "colour": "red"}`, http.StatusUnprocessableEntity, "colour"},
		{"missing name", "/api/v1/sites", `{"description": "x"}`, http.StatusUnprocessableEntity, "name"},
		{"blank name", "/api/v1/sites", `{"name": "   "}`, http.StatusUnprocessableEntity, "name"},
		{"name too long", "/api/v1/sites", map[string]any{"name": strings.Repeat("n", 201)}, http.StatusUnprocessableEntity, "name"},
		{"too large", "/api/v1/sites", huge, http.StatusRequestEntityTooLarge, ""},
		{"system without criticality", "/api/v1/systems", map[string]any{"name": catName("S")}, http.StatusUnprocessableEntity, "criticality"},
		{"unknown criticality", "/api/v1/systems", map[string]any{"name": catName("S"), "criticality": "vital"}, http.StatusUnprocessableEntity, "criticality"},
		{"site id not a uuid", "/api/v1/systems", map[string]any{"name": catName("S"), "criticality": "high", "site_ids": []string{"x"}}, http.StatusUnprocessableEntity, "site_ids[0]"},
		{"unknown site", "/api/v1/systems", map[string]any{"name": catName("S"), "criticality": "high", "site_ids": []string{"0190a8f0-1234-7000-8000-00000000beef"}}, http.StatusUnprocessableEntity, "site_ids"},
		{"unknown dependency", "/api/v1/systems", map[string]any{"name": catName("S"), "criticality": "high", "depends_on_ids": []string{"0190a8f0-1234-7000-8000-00000000beef"}}, http.StatusUnprocessableEntity, "depends_on_ids"},
		{"unknown owner", "/api/v1/systems", map[string]any{"name": catName("S"), "criticality": "high", "owner_id": "0190a8f0-1234-7000-8000-00000000beef"}, http.StatusUnprocessableEntity, "owner_id"},
		{"site ids not a list", "/api/v1/systems", `{"name": "S x", "criticality": "high", "site_ids": "x"}`, http.StatusUnprocessableEntity, "site_ids"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := f.ta.Post(t, c.path, f.admin, c.body)
			m := testapp.ExpectProblem(t, r, c.status)
			if c.field != "" {
				if fe := testapp.FieldErrors(t, m); len(fe) == 0 || fe[0] != c.field {
					t.Errorf("fields %v, want %s first", fe, c.field)
				}
			}
		})
	}
	if s, y, e := f.ta.Count(t, "sites", ""), f.ta.Count(t, "systems", ""), f.ta.Count(t, "audit_events", ""); s != sites || y != systems || e != events {
		t.Errorf("bad bodies wrote: sites %d→%d, systems %d→%d, audit events %d→%d", sites, s, systems, y, events, e)
	}
}

func TestSitesAndSystemsRefuseRolesWithoutSitesManage(t *testing.T) {
	f := newCatalogueFixture(t)
	siteID := f.site(t)
	sys := f.system(t, nil)
	sysID := sys["id"].(string)
	sites, systems := f.ta.Count(t, "sites", ""), f.ta.Count(t, "systems", "")
	writes := []struct {
		method, path string
		body         any
	}{
		{http.MethodPost, "/api/v1/sites", map[string]any{"name": catName("Nope")}},
		{http.MethodPatch, "/api/v1/sites/" + siteID, map[string]any{"name": catName("Nope")}},
		{http.MethodDelete, "/api/v1/sites/" + siteID, nil},
		{http.MethodPost, "/api/v1/systems", map[string]any{"name": catName("Nope"), "criticality": "high"}},
		{http.MethodPatch, "/api/v1/systems/" + sysID, map[string]any{"name": catName("Nope")}},
		{http.MethodDelete, "/api/v1/systems/" + sysID, nil},
	}
	for _, w := range writes {
		r := f.ta.Do(t, testapp.Request{Method: w.method, Path: w.path, Body: w.body})
		testapp.ExpectProblem(t, r, http.StatusUnauthorized)
		for _, role := range []models.Role{models.RoleClinician, models.RoleImprover, models.RoleBoard, models.RoleExecutive} {
			r := f.ta.Do(t, testapp.Request{Method: w.method, Path: w.path, Body: w.body, Token: f.ta.Token(t, role)})
			if r.Code != http.StatusForbidden {
				t.Errorf("%s %s as %s: %d, want 403", w.method, w.path, role, r.Code)
			}
		}
	}
	// Every role reads the catalogue.
	for _, role := range models.Roles {
		tok := f.ta.Token(t, role)
		for _, p := range []string{"/api/v1/sites", "/api/v1/sites/" + siteID, "/api/v1/systems", "/api/v1/systems/" + sysID} {
			if r := f.ta.Get(t, p, tok); r.Code != http.StatusOK {
				t.Errorf("GET %s as %s: %d", p, role, r.Code)
			}
		}
	}
	testapp.ExpectProblem(t, f.ta.Get(t, "/api/v1/systems", ""), http.StatusUnauthorized)
	if s, y := f.ta.Count(t, "sites", ""), f.ta.Count(t, "systems", ""); s != sites || y != systems {
		t.Errorf("refused writes changed the catalogue: sites %d→%d, systems %d→%d", sites, s, systems, y)
	}
}

func TestSystemPageShowsSitesDependenciesDependantsAndStandards(t *testing.T) {
	f := newCatalogueFixture(t)
	owner := f.ta.UserWith(t, models.RoleImprover)
	siteA, siteB := f.site(t), f.site(t)
	network := f.system(t, map[string]any{"criticality": "critical"})
	wifi := f.system(t, map[string]any{"depends_on_ids": []string{network["id"].(string)}})
	epr := f.system(t, map[string]any{
		"name": catName("EPR"), "description": "Electronic patient record", "supplier": "Meridian Health Systems",
		"criticality": "critical", "owner_id": owner.ID, "site_ids": []string{siteA, siteB, siteA},
		"depends_on_ids": []string{network["id"].(string), wifi["id"].(string)},
	})
	if len(epr["site_ids"].([]any)) != 2 || len(epr["depends_on_ids"].([]any)) != 2 || epr["owner_id"] != owner.ID {
		t.Fatalf("created %v", epr)
	}
	std := f.standard(t, map[string]any{"system_ids": []string{epr["id"].(string)}})

	page := expectStatus(t, f.ta.Get(t, "/api/v1/systems/"+network["id"].(string), f.admin), http.StatusOK)
	dependants := page["dependants"].([]any)
	if len(dependants) != 2 || len(page["dependencies"].([]any)) != 0 {
		t.Fatalf("network page %v", page)
	}
	page = expectStatus(t, f.ta.Get(t, "/api/v1/systems/"+epr["id"].(string), f.admin), http.StatusOK)
	if len(page["sites"].([]any)) != 2 || len(page["dependencies"].([]any)) != 2 || len(page["dependants"].([]any)) != 0 {
		t.Fatalf("EPR page %v", page)
	}
	stds := page["standards"].([]any)
	if len(stds) != 1 || stds[0].(map[string]any)["code"] != std["code"] {
		t.Fatalf("EPR standards %v", stds)
	}
	if page["supplier"] != "Meridian Health Systems" || page["criticality"] != "critical" {
		t.Errorf("EPR page %v", page)
	}
	site := expectStatus(t, f.ta.Get(t, "/api/v1/sites/"+siteA, f.admin), http.StatusOK)
	if systems := site["systems"].([]any); len(systems) != 1 || systems[0].(map[string]any)["id"] != epr["id"] {
		t.Errorf("site's systems %v", site["systems"])
	}

	// Filters.
	list := expectStatus(t, f.ta.Get(t, "/api/v1/systems?site_id="+siteB, f.admin), http.StatusOK)
	if items := list["items"].([]any); len(items) != 1 || items[0].(map[string]any)["id"] != epr["id"] {
		t.Errorf("systems at site B: %v", items)
	}
	list = expectStatus(t, f.ta.Get(t, "/api/v1/systems?criticality=critical&q="+strings.Fields(epr["name"].(string))[1], f.admin), http.StatusOK)
	if items := list["items"].([]any); len(items) != 1 {
		t.Errorf("critical systems matching the EPR's name: %v", items)
	}
	m := testapp.ExpectProblem(t, f.ta.Get(t, "/api/v1/systems?criticality=vital", f.admin), http.StatusUnprocessableEntity)
	if fe := testapp.FieldErrors(t, m); len(fe) != 1 || fe[0] != "criticality" {
		t.Errorf("fields %v", fe)
	}
}

func TestSystemDependencyCyclesAreRefused(t *testing.T) {
	f := newCatalogueFixture(t)
	a := f.system(t, map[string]any{"name": catName("Network core")})
	b := f.system(t, map[string]any{"name": catName("Single sign-on"), "depends_on_ids": []string{a["id"].(string)}})
	c := f.system(t, map[string]any{"name": catName("EPR"), "depends_on_ids": []string{b["id"].(string)}})
	aPath := "/api/v1/systems/" + a["id"].(string)

	// a → c would close a → c → b → a.
	r := f.patch(t, aPath, f.admin, map[string]any{"depends_on_ids": []string{c["id"].(string)}}, "")
	m := testapp.ExpectProblem(t, r, http.StatusUnprocessableEntity)
	if fe := testapp.FieldErrors(t, m); len(fe) != 1 || fe[0] != "depends_on_ids" {
		t.Fatalf("fields %v", fe)
	}
	msg := m["errors"].([]any)[0].(map[string]any)["message"].(string)
	for _, n := range []any{a["name"], b["name"], c["name"]} {
		if !strings.Contains(msg, n.(string)) {
			t.Errorf("cycle message %q does not name %s", msg, n)
		}
	}
	r = f.patch(t, aPath, f.admin, map[string]any{"depends_on_ids": []string{a["id"].(string)}}, "")
	testapp.ExpectProblem(t, r, http.StatusUnprocessableEntity)
	if n := f.ta.Count(t, "system_dependencies", "system_id = ?", a["id"]); n != 0 {
		t.Errorf("a refused cycle left %d dependencies", n)
	}
	got := expectStatus(t, f.ta.Get(t, aPath, f.admin), http.StatusOK)
	if got["version"] != 1.0 {
		t.Errorf("version %v after refused changes", got["version"])
	}

	// Reversing an edge is fine once the old one is gone.
	bPath := "/api/v1/systems/" + b["id"].(string)
	expectStatus(t, f.patch(t, bPath, f.admin, map[string]any{"depends_on_ids": []string{}}, `"1"`), http.StatusOK)
	got = expectStatus(t, f.patch(t, aPath, f.admin, map[string]any{"depends_on_ids": []string{b["id"].(string)}}, ""), http.StatusOK)
	if deps := got["depends_on_ids"].([]any); len(deps) != 1 || deps[0] != b["id"] {
		t.Errorf("a depends on %v", deps)
	}
}

func TestSystemUpdateClearsOwnerAndKeepsUnsentFields(t *testing.T) {
	f := newCatalogueFixture(t)
	owner := f.ta.UserWith(t, models.RoleImprover)
	siteID := f.site(t)
	sys := f.system(t, map[string]any{"owner_id": owner.ID, "supplier": "VaultSafe Ltd", "site_ids": []string{siteID}})
	path := "/api/v1/systems/" + sys["id"].(string)
	got := expectStatus(t, f.patch(t, path, f.admin, map[string]any{"criticality": "critical"}, ""), http.StatusOK)
	if got["owner_id"] != owner.ID || got["supplier"] != "VaultSafe Ltd" || len(got["site_ids"].([]any)) != 1 || got["criticality"] != "critical" {
		t.Fatalf("unsent fields changed: %v", got)
	}
	got = expectStatus(t, f.patch(t, path, f.admin, map[string]any{"owner_id": nil}, ""), http.StatusOK)
	if got["owner_id"] != nil {
		t.Fatalf("owner not cleared: %v", got)
	}
	m := testapp.ExpectProblem(t, f.patch(t, path, f.admin, map[string]any{"owner_id": 12}, ""), http.StatusUnprocessableEntity)
	if fe := testapp.FieldErrors(t, m); len(fe) != 1 || fe[0] != "owner_id" {
		t.Errorf("fields %v", fe)
	}
	testapp.ExpectProblem(t, f.patch(t, "/api/v1/systems/0190a8f0-1234-7000-8000-00000000beef", f.admin, map[string]any{"name": "x"}, ""), http.StatusNotFound)
}

func TestDeletingReferencedSitesAndSystemsIsRefused(t *testing.T) {
	f := newCatalogueFixture(t)
	siteID := f.site(t)
	network := f.system(t, map[string]any{"site_ids": []string{siteID}})
	dependant := f.system(t, map[string]any{"depends_on_ids": []string{network["id"].(string)}})
	inScope := f.system(t, nil)
	f.standard(t, map[string]any{"system_ids": []string{inScope["id"].(string)}})

	testapp.ExpectProblem(t, f.delete(t, "/api/v1/sites/"+siteID, f.admin), http.StatusConflict)
	m := testapp.ExpectProblem(t, f.delete(t, "/api/v1/systems/"+network["id"].(string), f.admin), http.StatusConflict)
	if !strings.Contains(m["detail"].(string), "dependent system") {
		t.Errorf("detail %q", m["detail"])
	}
	m = testapp.ExpectProblem(t, f.delete(t, "/api/v1/systems/"+inScope["id"].(string), f.admin), http.StatusConflict)
	if !strings.Contains(m["detail"].(string), "1 standard") {
		t.Errorf("detail %q", m["detail"])
	}
	// A system out of every standard's scope keeps its measured history.
	measured := f.system(t, nil)
	st := f.standard(t, nil)
	f.seriesValue(t, st["id"].(string), measured["id"].(string), "2024-01-01", 1)
	f.seriesValue(t, st["id"].(string), measured["id"].(string), "2024-02-01", 2)
	m = testapp.ExpectProblem(t, f.delete(t, "/api/v1/systems/"+measured["id"].(string), f.admin), http.StatusConflict)
	if !strings.Contains(m["detail"].(string), "1 series of measurements") {
		t.Errorf("detail %q", m["detail"])
	}
	if n := f.ta.Count(t, "systems", "id IN (?, ?, ?)", network["id"], inScope["id"], measured["id"]); n != 3 {
		t.Fatalf("%d of the referenced systems left", n)
	}
	// Unreferenced, they go; the audit trail keeps what they were.
	expectStatus(t, f.delete(t, "/api/v1/systems/"+dependant["id"].(string), f.admin), http.StatusNoContent)
	expectStatus(t, f.delete(t, "/api/v1/systems/"+network["id"].(string), f.admin), http.StatusNoContent)
	expectStatus(t, f.delete(t, "/api/v1/sites/"+siteID, f.admin), http.StatusNoContent)
	if n := f.ta.Count(t, "audit_events", "action = 'system.deleted' AND entity_id = ? AND before IS NOT NULL", network["id"]); n != 1 {
		t.Errorf("%d audit events for the deletion", n)
	}
}

// TestCatalogueJSONEndpointsRefuseBadBodies sends every JSON-body endpoint of
// the catalogue, standards and SPC the same broken bodies: each is a problem,
// and nothing is written (no audit event, so no change).
func TestCatalogueJSONEndpointsRefuseBadBodies(t *testing.T) {
	f := newCatalogueFixture(t)
	owner := f.ta.UserWith(t, models.RoleImprover)
	siteID := f.site(t)
	sysID := f.system(t, nil)["id"].(string)
	stID := f.standard(t, map[string]any{"owner_id": owner.ID, "status": "active"})["id"].(string)
	endpoints := []struct{ method, path string }{
		{http.MethodPost, "/api/v1/sites"},
		{http.MethodPatch, "/api/v1/sites/" + siteID},
		{http.MethodPost, "/api/v1/systems"},
		{http.MethodPatch, "/api/v1/systems/" + sysID},
		{http.MethodPost, "/api/v1/standards"},
		{http.MethodPatch, "/api/v1/standards/" + stID},
		{http.MethodPost, "/api/v1/standards/" + stID + "/exceptions"},
		{http.MethodPost, "/api/v1/standards/" + stID + "/rebases"},
		{http.MethodPost, "/api/v1/spc"},
	}
	bodies := []struct {
		name   string
		body   string
		status int
	}{
		{"malformed", `{"name": "x"`, http.StatusBadRequest},
		{"array", `[]`, http.StatusBadRequest},
		{"two values", `{} {}`, http.StatusBadRequest},
		{"unknown field", `{"zzz": 1}`, http.StatusUnprocessableEntity},
		{"too large", `{"zzz": "` + strings.Repeat("z", int(api.DefaultBodyLimit)) + `"}`, http.StatusRequestEntityTooLarge},
	}
	events := f.ta.Count(t, "audit_events", "")
	for _, e := range endpoints {
		for _, b := range bodies {
			r := f.ta.Do(t, testapp.Request{Method: e.method, Path: e.path, Token: f.admin, Body: b.body})
			if r.Code != b.status {
				t.Errorf("%s %s with %s: %d, want %d", e.method, e.path, b.name, r.Code, b.status)
				continue
			}
			testapp.ExpectProblem(t, r, b.status)
		}
		r := f.ta.Do(t, testapp.Request{Method: e.method, Path: e.path, Token: f.admin, Body: `{}`,
			Headers: map[string]string{"Content-Type": "text/plain"}})
		testapp.ExpectProblem(t, r, http.StatusUnsupportedMediaType)
	}
	if n := f.ta.Count(t, "audit_events", ""); n != events {
		t.Errorf("bad bodies recorded %d audit events", n-events)
	}
}
