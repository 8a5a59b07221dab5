package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"assure/api"
	"assure/internal/testapp"
	"assure/models"
)

// standard creates a standard through the API: a monthly, higher-is-better
// percentage unless body says otherwise.
func (f *catalogueFixture) standard(t *testing.T, body map[string]any) map[string]any {
	t.Helper()
	full := map[string]any{
		"code": catCode(), "title": "EPR availability", "category": "availability",
		"metric": "Availability in core hours", "unit": "percent", "direction": "higher_is_better",
		"threshold": 99.9, "period": "month", "rollup": "mean",
	}
	for k, v := range body {
		full[k] = v
	}
	r := f.ta.Post(t, "/api/v1/standards", f.admin, full)
	return expectStatus(t, r, http.StatusCreated)
}

func TestStandardCreateWithEveryField(t *testing.T) {
	f := newCatalogueFixture(t)
	owner := f.ta.UserWith(t, models.RoleImprover)
	epr, eprx := f.system(t, nil), f.system(t, nil)
	code := catCode()
	body := map[string]any{
		"code": code, "title": "EPR availability",
		"rationale": "When the EPR is down, clinicians work from paper and results are missed.",
		"category":  "availability", "metric": "Monthly availability in core hours", "unit": "percent",
		"direction": "higher_is_better", "threshold": 99.9, "target": 99.95, "period": "month", "rollup": "min",
		"system_ids": []string{epr["id"].(string), eprx["id"].(string)}, "owner_id": owner.ID, "status": "active",
		"review_due":      "2026-12-31",
		"references":      []map[string]string{{"scheme": "DSPT", "id": "7.3.2"}, {"scheme": "CAF", "id": "B5.c"}},
		"baseline_points": 12, "screen_moving_ranges": false, "effective_from": "2024-01-01",
	}
	r := f.ta.Post(t, "/api/v1/standards", f.admin, body)
	st := expectStatus(t, r, http.StatusCreated)
	if r.Header().Get("ETag") != `"1"` || r.Header().Get("Location") != "/api/v1/standards/"+st["id"].(string) {
		t.Errorf("headers %v", r.Header())
	}
	for k, want := range map[string]any{
		"code": code, "title": "EPR availability", "category": "availability", "unit": "percent",
		"direction": "higher_is_better", "threshold": 99.9, "target": 99.95, "period": "month", "rollup": "min",
		"owner_id": owner.ID, "status": "active", "review_due": "2026-12-31", "baseline_points": 12.0,
		"screen_moving_ranges": false, "version": 1.0,
	} {
		if st[k] != want {
			t.Errorf("%s = %v, want %v", k, st[k], want)
		}
	}
	if refs := st["references"].([]any); len(refs) != 2 || refs[1].(map[string]any)["id"] != "B5.c" {
		t.Errorf("references %v", refs)
	}
	if ids := st["system_ids"].([]any); len(ids) != 2 {
		t.Errorf("system_ids %v", ids)
	}
	got := expectStatus(t, f.ta.Get(t, "/api/v1/standards/"+st["id"].(string), f.ta.Token(t, models.RoleClinician)), http.StatusOK)
	if got["rationale"] != body["rationale"] || got["code"] != code {
		t.Errorf("read back %v", got)
	}
	revs := expectStatus(t, f.ta.Get(t, "/api/v1/standards/"+st["id"].(string)+"/revisions", f.admin), http.StatusOK)
	items := revs["items"].([]any)
	if len(items) != 1 {
		t.Fatalf("revisions %v", items)
	}
	rev := items[0].(map[string]any)
	if rev["effective_from"] != "2024-01-01" || rev["threshold"] != 99.9 || rev["target"] != 99.95 || rev["period"] != "month" {
		t.Errorf("first revision %v", rev)
	}
	if n := f.ta.Count(t, "audit_events", "action = 'standard.created' AND entity_id = ?", st["id"]); n != 1 {
		t.Errorf("%d audit events", n)
	}
}

func TestStandardDefaults(t *testing.T) {
	f := newCatalogueFixtureAt(t, time.Date(2026, 3, 18, 9, 30, 0, 0, time.UTC))
	st := f.standard(t, nil)
	for k, want := range map[string]any{"status": "draft", "screen_moving_ranges": true, "target": nil,
		"owner_id": nil, "review_due": nil, "baseline_points": nil, "rationale": ""} {
		if st[k] != want {
			t.Errorf("%s = %v, want %v", k, st[k], want)
		}
	}
	if refs, ok := st["references"].([]any); !ok || len(refs) != 0 {
		t.Errorf("references %v", st["references"])
	}
	if ids, ok := st["system_ids"].([]any); !ok || len(ids) != 0 {
		t.Errorf("system_ids %v", st["system_ids"])
	}
	revs := expectStatus(t, f.ta.Get(t, "/api/v1/standards/"+st["id"].(string)+"/revisions", f.admin), http.StatusOK)
	if rev := revs["items"].([]any)[0].(map[string]any); rev["effective_from"] != "2026-03-18" {
		t.Errorf("first revision from %v, want the creation date", rev["effective_from"])
	}
}

func TestStandardBadBodiesWriteNothing(t *testing.T) {
	f := newCatalogueFixture(t)
	valid := func(change map[string]any) map[string]any {
		b := map[string]any{
			"code": catCode(), "title": "t", "category": "availability", "metric": "m", "unit": "percent",
			"direction": "higher_is_better", "threshold": 1, "period": "month", "rollup": "mean",
		}
		for k, v := range change {
			if v == nil {
				delete(b, k)
			} else {
				b[k] = v
			}
		}
		return b
	}
	standards, revisions := f.ta.Count(t, "standards", ""), f.ta.Count(t, "standard_revisions", "")
	cases := []struct {
		name   string
		body   any
		status int
		fields []string
	}{
		{"malformed JSON", `{"code": "AV-01",`, http.StatusBadRequest, nil},
		{"too large", `{"title":"` + strings.Repeat("x", int(api.DefaultBodyLimit)) + `"}`, http.StatusRequestEntityTooLarge, nil},
		{"missing everything", `{}`, http.StatusUnprocessableEntity,
			[]string{"code", "title", "metric", "category", "unit", "direction", "period", "rollup", "threshold"}},
		{"threshold a string", valid(map[string]any{"threshold": "99"}), http.StatusUnprocessableEntity, []string{"threshold"}},
		{"threshold overflows", `{"threshold": 1e999}`, http.StatusUnprocessableEntity, []string{"threshold"}},
		{"unknown field", valid(map[string]any{"colour": "red"}), http.StatusUnprocessableEntity, []string{"colour"}},
		{"bad code", valid(map[string]any{"code": "av-1"}), http.StatusUnprocessableEntity, []string{"code"}},
		{"unknown category", valid(map[string]any{"category": "vibes"}), http.StatusUnprocessableEntity, []string{"category"}},
		{"unknown unit", valid(map[string]any{"unit": "furlongs"}), http.StatusUnprocessableEntity, []string{"unit"}},
		{"unknown direction", valid(map[string]any{"direction": "sideways"}), http.StatusUnprocessableEntity, []string{"direction"}},
		{"unknown period", valid(map[string]any{"period": "year"}), http.StatusUnprocessableEntity, []string{"period"}},
		{"unknown rollup", valid(map[string]any{"rollup": "median"}), http.StatusUnprocessableEntity, []string{"rollup"}},
		{"unknown status", valid(map[string]any{"status": "paused"}), http.StatusUnprocessableEntity, []string{"status"}},
		{"baseline of 11", valid(map[string]any{"baseline_points": 11}), http.StatusUnprocessableEntity, []string{"baseline_points"}},
		{"baseline not whole", valid(map[string]any{"baseline_points": 12.5}), http.StatusUnprocessableEntity, []string{"baseline_points"}},
		{"review_due not a date", valid(map[string]any{"review_due": "31/12/2026"}), http.StatusUnprocessableEntity, []string{"review_due"}},
		{"effective_from not a date", valid(map[string]any{"effective_from": "2026-02-30"}), http.StatusUnprocessableEntity, []string{"effective_from"}},
		{"reference without scheme", valid(map[string]any{"references": []map[string]string{{"id": "7.3.2"}}}), http.StatusUnprocessableEntity, []string{"references[0].scheme"}},
		{"reference with extra field", valid(map[string]any{"references": []map[string]string{{"scheme": "DSPT", "id": "1", "url": "x"}}}), http.StatusUnprocessableEntity, []string{"url"}},
		{"active without owner", valid(map[string]any{"status": "active"}), http.StatusUnprocessableEntity, []string{"owner_id"}},
		{"unknown owner", valid(map[string]any{"owner_id": "0190a8f0-1234-7000-8000-00000000beef"}), http.StatusUnprocessableEntity, []string{"owner_id"}},
		{"unknown system", valid(map[string]any{"system_ids": []string{"0190a8f0-1234-7000-8000-00000000beef"}}), http.StatusUnprocessableEntity, []string{"system_ids"}},
		{"title too long", valid(map[string]any{"title": strings.Repeat("t", 301)}), http.StatusUnprocessableEntity, []string{"title"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := testapp.ExpectProblem(t, f.ta.Post(t, "/api/v1/standards", f.admin, c.body), c.status)
			got := testapp.FieldErrors(t, m)
			for _, want := range c.fields {
				found := false
				for _, g := range got {
					found = found || g == want
				}
				if !found {
					t.Errorf("fields %v, want %s among them", got, want)
				}
			}
		})
	}
	if s, r := f.ta.Count(t, "standards", ""), f.ta.Count(t, "standard_revisions", ""); s != standards || r != revisions {
		t.Errorf("bad bodies wrote: standards %d→%d, revisions %d→%d", standards, s, revisions, r)
	}
}

func TestStandardCodesAreUnique(t *testing.T) {
	f := newCatalogueFixture(t)
	st := f.standard(t, nil)
	r := f.ta.Post(t, "/api/v1/standards", f.admin, map[string]any{
		"code": st["code"], "title": "again", "category": "availability", "metric": "m", "unit": "percent",
		"direction": "higher_is_better", "threshold": 1, "period": "month", "rollup": "mean",
	})
	testapp.ExpectProblem(t, r, http.StatusConflict)
	if n := f.ta.Count(t, "standards", "code = ?", st["code"]); n != 1 {
		t.Errorf("%d standards with code %s", n, st["code"])
	}
}

func TestStandardActivationNeedsAnOwner(t *testing.T) {
	f := newCatalogueFixture(t)
	owner := f.ta.UserWith(t, models.RoleImprover)
	st := f.standard(t, nil)
	path := "/api/v1/standards/" + st["id"].(string)
	m := testapp.ExpectProblem(t, f.patch(t, path, f.admin, map[string]any{"status": "active"}, ""), http.StatusUnprocessableEntity)
	if fe := testapp.FieldErrors(t, m); len(fe) != 1 || fe[0] != "owner_id" {
		t.Fatalf("fields %v", fe)
	}
	got := expectStatus(t, f.patch(t, path, f.admin, map[string]any{"status": "active", "owner_id": owner.ID}, `"1"`), http.StatusOK)
	if got["status"] != "active" || got["version"] != 2.0 {
		t.Fatalf("activated %v", got)
	}
	m = testapp.ExpectProblem(t, f.patch(t, path, f.admin, map[string]any{"owner_id": nil}, ""), http.StatusUnprocessableEntity)
	if fe := testapp.FieldErrors(t, m); len(fe) != 1 || fe[0] != "owner_id" {
		t.Errorf("clearing the owner of an active standard: fields %v", fe)
	}
	m = testapp.ExpectProblem(t, f.patch(t, path, f.admin, map[string]any{"status": "draft"}, ""), http.StatusUnprocessableEntity)
	if fe := testapp.FieldErrors(t, m); len(fe) != 1 || fe[0] != "status" {
		t.Errorf("back to draft: fields %v", fe)
	}
	expectStatus(t, f.patch(t, path, f.admin, map[string]any{"status": "retired"}, ""), http.StatusOK)
	testapp.ExpectProblem(t, f.patch(t, path, f.admin, map[string]any{"status": "active"}, `"2"`), http.StatusPreconditionFailed)
}

func TestStandardRevisionsFollowChangesOfJudgedFields(t *testing.T) {
	f := newCatalogueFixtureAt(t, time.Date(2026, 3, 18, 9, 0, 0, 0, time.UTC))
	st := f.standard(t, map[string]any{"effective_from": "2025-01-01", "threshold": 99})
	path := "/api/v1/standards/" + st["id"].(string)
	revisions := func() []any {
		t.Helper()
		return expectStatus(t, f.ta.Get(t, path+"/revisions", f.admin), http.StatusOK)["items"].([]any)
	}

	// Text changes make no revision, even with an effective_from.
	expectStatus(t, f.patch(t, path, f.admin, map[string]any{"title": "EPR availability (core hours)", "effective_from": "2025-06-01"}, ""), http.StatusOK)
	if n := len(revisions()); n != 1 {
		t.Fatalf("%d revisions after a text change", n)
	}
	got := expectStatus(t, f.patch(t, path, f.admin, map[string]any{"threshold": 99.5, "target": 99.9, "effective_from": "2025-07-01"}, ""), http.StatusOK)
	if got["threshold"] != 99.5 || got["target"] != 99.9 {
		t.Fatalf("revised standard %v", got)
	}
	revs := revisions()
	if len(revs) != 2 {
		t.Fatalf("revisions %v", revs)
	}
	first, second := revs[0].(map[string]any), revs[1].(map[string]any)
	if first["effective_from"] != "2025-01-01" || first["threshold"] != 99.0 || first["target"] != nil ||
		second["effective_from"] != "2025-07-01" || second["threshold"] != 99.5 || second["target"] != 99.9 {
		t.Fatalf("revisions %v, %v", first, second)
	}
	// Revisions only move forward.
	m := testapp.ExpectProblem(t, f.patch(t, path, f.admin, map[string]any{"threshold": 98, "effective_from": "2025-03-01"}, ""), http.StatusUnprocessableEntity)
	if fe := testapp.FieldErrors(t, m); len(fe) != 1 || fe[0] != "effective_from" {
		t.Fatalf("fields %v", fe)
	}
	// The latest revision's own date corrects it.
	expectStatus(t, f.patch(t, path, f.admin, map[string]any{"threshold": 99.6, "effective_from": "2025-07-01"}, ""), http.StatusOK)
	revs = revisions()
	if len(revs) != 2 || revs[1].(map[string]any)["threshold"] != 99.6 || revs[1].(map[string]any)["id"] != second["id"] {
		t.Fatalf("corrected revisions %v", revs)
	}
	// Without effective_from a change takes effect today; direction and period count too.
	expectStatus(t, f.patch(t, path, f.admin, map[string]any{"direction": "neither"}, ""), http.StatusOK)
	revs = revisions()
	if len(revs) != 3 || revs[2].(map[string]any)["effective_from"] != "2026-03-18" || revs[2].(map[string]any)["direction"] != "neither" {
		t.Fatalf("revisions %v", revs)
	}
	// Paging the revisions.
	page := expectStatus(t, f.ta.Get(t, path+"/revisions?limit=2", f.admin), http.StatusOK)
	next, _ := page["next_cursor"].(string)
	if len(page["items"].([]any)) != 2 || next == "" {
		t.Fatalf("first page %v", page)
	}
	page = expectStatus(t, f.ta.Get(t, path+"/revisions?limit=2&cursor="+next, f.admin), http.StatusOK)
	if items := page["items"].([]any); len(items) != 1 || page["next_cursor"] != nil {
		t.Fatalf("second page %v", page)
	}
	testapp.ExpectProblem(t, f.ta.Get(t, "/api/v1/standards/0190a8f0-1234-7000-8000-00000000beef/revisions", f.admin), http.StatusNotFound)
}

func TestStandardOwnerMayEditOnlyTheText(t *testing.T) {
	f := newCatalogueFixture(t)
	owner := f.ta.UserWith(t, models.RoleImprover)
	ownerTok := f.ta.TokenFor(t, owner)
	st := f.standard(t, map[string]any{"owner_id": owner.ID, "status": "active"})
	path := "/api/v1/standards/" + st["id"].(string)

	text := map[string]any{
		"title": "Median clinician log-in time", "rationale": "Every second at log-in is a second away from the patient.",
		"metric": "Median log-in time", "references": []map[string]string{{"scheme": "DCB0160", "id": "HAZ-012"}},
		"review_due": "2027-01-31",
	}
	got := expectStatus(t, f.patch(t, path, ownerTok, text, `"1"`), http.StatusOK)
	if got["title"] != text["title"] || got["review_due"] != "2027-01-31" || got["version"] != 2.0 {
		t.Fatalf("owner's edit %v", got)
	}
	got = expectStatus(t, f.patch(t, path, ownerTok, map[string]any{"review_due": nil}, ""), http.StatusOK)
	if got["review_due"] != nil {
		t.Fatalf("review_due not cleared: %v", got)
	}

	// Not the owner's to change: judged fields, scope, status, ownership.
	for _, body := range []map[string]any{
		{"threshold": 1}, {"title": "x", "target": 5}, {"status": "retired"}, {"owner_id": nil},
		{"system_ids": []string{}}, {"effective_from": "2026-01-01"}, {"code": catCode()},
	} {
		testapp.ExpectProblem(t, f.patch(t, path, ownerTok, body, ""), http.StatusForbidden)
	}
	// Nobody else's but an admin's.
	other := f.ta.Token(t, models.RoleImprover)
	testapp.ExpectProblem(t, f.patch(t, path, other, map[string]any{"title": "hijacked"}, ""), http.StatusForbidden)
	for _, role := range []models.Role{models.RoleClinician, models.RoleBoard, models.RoleExecutive} {
		testapp.ExpectProblem(t, f.patch(t, path, f.ta.Token(t, role), map[string]any{"title": "hijacked"}, ""), http.StatusForbidden)
	}
	testapp.ExpectProblem(t, f.patch(t, path, "", map[string]any{"title": "hijacked"}, ""), http.StatusUnauthorized)
	got = expectStatus(t, f.ta.Get(t, path, f.admin), http.StatusOK)
	if got["title"] != text["title"] || got["threshold"] != 99.9 || got["version"] != 3.0 {
		t.Fatalf("refused edits changed the standard: %v", got)
	}
	expectStatus(t, f.patch(t, path, f.admin, map[string]any{"threshold": 99.8}, ""), http.StatusOK)
}

func TestStandardListFilters(t *testing.T) {
	f := newCatalogueFixture(t)
	owner := f.ta.UserWith(t, models.RoleImprover)
	sys := f.system(t, nil)
	word := strings.Fields(catName("x"))[1]
	a := f.standard(t, map[string]any{"code": "TA" + strings.ToUpper(word[:6]) + "-01", "title": "Backup " + word,
		"category": "backup_recovery", "owner_id": owner.ID, "status": "active"})
	b := f.standard(t, map[string]any{"code": "TB" + strings.ToUpper(word[:6]) + "-01", "title": "Patch " + word,
		"category": "security", "system_ids": []string{sys["id"].(string)}})
	codes := func(q string) []string {
		t.Helper()
		body := expectStatus(t, f.ta.Get(t, "/api/v1/standards?"+q, f.admin), http.StatusOK)
		var out []string
		for _, it := range body["items"].([]any) {
			out = append(out, it.(map[string]any)["code"].(string))
		}
		return out
	}
	for q, want := range map[string][]string{
		"q=" + word: {a["code"].(string), b["code"].(string)},
		"q=" + word + "&category=backup_recovery":  {a["code"].(string)},
		"q=" + word + "&status=draft":              {b["code"].(string)},
		"owner_id=" + owner.ID:                     {a["code"].(string)},
		"system_id=" + sys["id"].(string):          {b["code"].(string)},
		"q=" + strings.ToLower(a["code"].(string)): {a["code"].(string)},
	} {
		got := codes(q)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: %v, want %v", q, got, want)
		}
	}
	page := expectStatus(t, f.ta.Get(t, "/api/v1/standards?limit=1&q="+word, f.admin), http.StatusOK)
	next := page["next_cursor"].(string)
	page = expectStatus(t, f.ta.Get(t, "/api/v1/standards?limit=1&q="+word+"&cursor="+next, f.admin), http.StatusOK)
	if items := page["items"].([]any); len(items) != 1 || items[0].(map[string]any)["code"] != b["code"] || page["next_cursor"] != nil {
		t.Errorf("second page %v", page)
	}
	for _, q := range []string{"category=vibes", "status=paused", "compliance=fine", "owner_id=me", "limit=1000"} {
		m := testapp.ExpectProblem(t, f.ta.Get(t, "/api/v1/standards?"+q, f.admin), http.StatusUnprocessableEntity)
		if fe := testapp.FieldErrors(t, m); len(fe) != 1 || fe[0] != strings.SplitN(q, "=", 2)[0] {
			t.Errorf("%s: fields %v", q, fe)
		}
	}
}

func TestStandardDeleteOnlyDrafts(t *testing.T) {
	f := newCatalogueFixture(t)
	owner := f.ta.UserWith(t, models.RoleImprover)
	draft := f.standard(t, nil)
	active := f.standard(t, map[string]any{"owner_id": owner.ID, "status": "active"})
	testapp.ExpectProblem(t, f.delete(t, "/api/v1/standards/"+draft["id"].(string), f.ta.Token(t, models.RoleImprover)), http.StatusForbidden)
	testapp.ExpectProblem(t, f.delete(t, "/api/v1/standards/"+active["id"].(string), f.admin), http.StatusConflict)
	expectStatus(t, f.delete(t, "/api/v1/standards/"+draft["id"].(string), f.admin), http.StatusNoContent)
	if n := f.ta.Count(t, "standards", "id IN (?, ?)", draft["id"], active["id"]); n != 1 {
		t.Errorf("%d standards left, want the active one", n)
	}
	if n := f.ta.Count(t, "standard_revisions", "standard_id = ?", draft["id"]); n != 0 {
		t.Errorf("%d revisions of the deleted draft left", n)
	}
	testapp.ExpectProblem(t, f.delete(t, "/api/v1/standards/"+draft["id"].(string), f.admin), http.StatusNotFound)
}

func TestStandardExceptions(t *testing.T) {
	f := newCatalogueFixture(t)
	owner := f.ta.UserWith(t, models.RoleImprover)
	pacs, other := f.system(t, nil), f.system(t, nil)
	siteID := f.site(t)
	st := f.standard(t, map[string]any{"owner_id": owner.ID, "status": "active", "system_ids": []string{pacs["id"].(string)}})
	path := "/api/v1/standards/" + st["id"].(string) + "/exceptions"
	body := map[string]any{
		"reason":    "Planned PACS migration at Westbrook Community Hospital",
		"system_id": pacs["id"], "starts_on": "2026-01-01", "expires_on": "2026-02-28",
	}
	before := f.ta.Count(t, "standard_exceptions", "")
	for _, c := range []struct {
		name   string
		change map[string]any
		status int
		field  string
	}{
		{"longer than a year", map[string]any{"expires_on": "2027-01-02"}, 422, "expires_on"},
		{"ends before it starts", map[string]any{"expires_on": "2025-12-31"}, 422, "expires_on"},
		{"system out of scope", map[string]any{"system_id": other["id"]}, 422, "system_id"},
		{"system and site", map[string]any{"site_id": siteID}, 422, "site_id"},
		{"unknown site", map[string]any{"system_id": nil, "site_id": "0190a8f0-1234-7000-8000-00000000beef"}, 422, "site_id"},
		{"no reason", map[string]any{"reason": " "}, 422, "reason"},
		{"bad date", map[string]any{"starts_on": "2026-1-1"}, 422, "starts_on"},
		{"unknown field", map[string]any{"approved_by": owner.ID}, 422, "approved_by"},
	} {
		b := map[string]any{}
		for k, v := range body {
			b[k] = v
		}
		for k, v := range c.change {
			b[k] = v
		}
		m := testapp.ExpectProblem(t, f.ta.Post(t, path, f.admin, b), c.status)
		if fe := testapp.FieldErrors(t, m); len(fe) == 0 || fe[0] != c.field {
			t.Errorf("%s: fields %v, want %s", c.name, fe, c.field)
		}
	}
	// Only admins approve, not even the standard's owner.
	testapp.ExpectProblem(t, f.ta.Post(t, path, f.ta.TokenFor(t, owner), body), http.StatusForbidden)
	testapp.ExpectProblem(t, f.ta.Post(t, path, "", body), http.StatusUnauthorized)
	if n := f.ta.Count(t, "standard_exceptions", ""); n != before {
		t.Fatalf("refused exceptions wrote %d rows", n-before)
	}

	adminUser := f.ta.UserWith(t, models.RoleAdmin)
	adminTok := f.ta.TokenFor(t, adminUser)
	r := f.ta.Post(t, path, adminTok, body)
	ex := expectStatus(t, r, http.StatusCreated)
	if ex["approved_by"] != adminUser.ID || ex["system_id"] != pacs["id"] || ex["site_id"] != nil ||
		ex["starts_on"] != "2026-01-01" || ex["expires_on"] != "2026-02-28" {
		t.Fatalf("exception %v", ex)
	}
	orgWide := expectStatus(t, f.ta.Post(t, path, adminTok, map[string]any{
		"reason": "Trust-wide network refresh", "starts_on": "2025-06-01", "expires_on": "2026-06-01",
	}), http.StatusCreated)
	atSite := expectStatus(t, f.ta.Post(t, path, adminTok, map[string]any{
		"reason": "Site closed for refurbishment", "site_id": siteID, "starts_on": "2026-03-01", "expires_on": "2026-03-31",
	}), http.StatusCreated)
	if orgWide["system_id"] != nil || orgWide["site_id"] != nil || atSite["site_id"] != siteID {
		t.Fatalf("exceptions %v %v", orgWide, atSite)
	}
	list := expectStatus(t, f.ta.Get(t, path, f.ta.Token(t, models.RoleBoard)), http.StatusOK)
	items := list["items"].([]any)
	if len(items) != 3 || items[0].(map[string]any)["id"] != orgWide["id"] || items[2].(map[string]any)["id"] != atSite["id"] {
		t.Fatalf("exceptions by start date %v", items)
	}
	// Paging the exceptions, two at a time.
	page := expectStatus(t, f.ta.Get(t, path+"?limit=2", f.admin), http.StatusOK)
	next, _ := page["next_cursor"].(string)
	if items := page["items"].([]any); len(items) != 2 || items[1].(map[string]any)["id"] != ex["id"] || next == "" {
		t.Fatalf("first page of exceptions %v", page)
	}
	page = expectStatus(t, f.ta.Get(t, path+"?limit=2&cursor="+next, f.admin), http.StatusOK)
	if items := page["items"].([]any); len(items) != 1 || items[0].(map[string]any)["id"] != atSite["id"] || page["next_cursor"] != nil {
		t.Fatalf("second page of exceptions %v", page)
	}
	testapp.ExpectProblem(t, f.ta.Get(t, path+"?cursor=bm90IGpzb24", f.admin), http.StatusUnprocessableEntity)

	otherStd := f.standard(t, nil)
	testapp.ExpectProblem(t, f.delete(t, "/api/v1/standards/"+otherStd["id"].(string)+"/exceptions/"+ex["id"].(string), f.admin), http.StatusNotFound)
	testapp.ExpectProblem(t, f.delete(t, path+"/"+ex["id"].(string), f.ta.TokenFor(t, owner)), http.StatusForbidden)
	expectStatus(t, f.delete(t, path+"/"+ex["id"].(string), f.admin), http.StatusNoContent)
	testapp.ExpectProblem(t, f.delete(t, path+"/"+ex["id"].(string), f.admin), http.StatusNotFound)
	if n := f.ta.Count(t, "audit_events", "entity_id = ? AND action IN ('standard.exception_approved', 'standard.exception_withdrawn')", ex["id"]); n != 2 {
		t.Errorf("%d audit events for the exception", n)
	}
}

func TestStandardRebases(t *testing.T) {
	f := newCatalogueFixtureAt(t, time.Date(2026, 3, 18, 9, 0, 0, 0, time.UTC)) // a Wednesday
	owner := f.ta.UserWith(t, models.RoleImprover)
	ownerTok := f.ta.TokenFor(t, owner)
	st := f.standard(t, map[string]any{"owner_id": owner.ID, "status": "active", "period": "week",
		"direction": "lower_is_better", "unit": "seconds", "threshold": 15})
	path := "/api/v1/standards/" + st["id"].(string) + "/rebases"

	for _, c := range []struct {
		name  string
		body  any
		field string
	}{
		{"not a Monday", map[string]any{"period": "2025-06-17", "reason": "x"}, "period"},
		{"after the current week", map[string]any{"period": "2026-03-23", "reason": "x"}, "period"},
		{"no reason", map[string]any{"period": "2025-06-16", "reason": ""}, "reason"},
		{"not a date", map[string]any{"period": "June", "reason": "x"}, "period"},
		{"unknown field", map[string]any{"period": "2025-06-16", "reason": "x", "source": "cycle"}, "source"},
	} {
		m := testapp.ExpectProblem(t, f.ta.Post(t, path, ownerTok, c.body), http.StatusUnprocessableEntity)
		if fe := testapp.FieldErrors(t, m); len(fe) != 1 || fe[0] != c.field {
			t.Errorf("%s: fields %v", c.name, fe)
		}
	}
	testapp.ExpectProblem(t, f.ta.Post(t, path, f.ta.Token(t, models.RoleImprover), map[string]any{"period": "2025-06-16", "reason": "x"}), http.StatusForbidden)
	testapp.ExpectProblem(t, f.ta.Post(t, path, f.ta.Token(t, models.RoleBoard), map[string]any{"period": "2025-06-16", "reason": "x"}), http.StatusForbidden)
	if n := f.ta.Count(t, "standard_rebases", "standard_id = ?", st["id"]); n != 0 {
		t.Fatalf("refused rebases wrote %d", n)
	}

	rb := expectStatus(t, f.ta.Post(t, path, ownerTok, map[string]any{"period": "2025-06-16", "reason": "Tap-and-go log-in adopted"}), http.StatusCreated)
	if rb["period"] != "2025-06-16" || rb["source"] != "recalculation" || rb["created_by"] != owner.ID {
		t.Fatalf("rebase %v", rb)
	}
	expectStatus(t, f.ta.Post(t, path, f.admin, map[string]any{"period": "2026-03-16", "reason": "New workstation fleet"}), http.StatusCreated)
	testapp.ExpectProblem(t, f.ta.Post(t, path, f.admin, map[string]any{"period": "2025-06-16", "reason": "again"}), http.StatusConflict)
	list := expectStatus(t, f.ta.Get(t, path, f.ta.Token(t, models.RoleClinician)), http.StatusOK)
	if items := list["items"].([]any); len(items) != 2 || items[0].(map[string]any)["period"] != "2025-06-16" {
		t.Fatalf("rebases %v", items)
	}
	// Paging the rebases, one at a time.
	page := expectStatus(t, f.ta.Get(t, path+"?limit=1", f.admin), http.StatusOK)
	next, _ := page["next_cursor"].(string)
	if items := page["items"].([]any); len(items) != 1 || items[0].(map[string]any)["period"] != "2025-06-16" || next == "" {
		t.Fatalf("first page of rebases %v", page)
	}
	page = expectStatus(t, f.ta.Get(t, path+"?limit=1&cursor="+next, f.admin), http.StatusOK)
	if items := page["items"].([]any); len(items) != 1 || items[0].(map[string]any)["period"] != "2026-03-16" || page["next_cursor"] != nil {
		t.Fatalf("second page of rebases %v", page)
	}
	testapp.ExpectProblem(t, f.ta.Get(t, path+"?cursor=bm90IGpzb24", f.admin), http.StatusUnprocessableEntity)
	testapp.ExpectProblem(t, f.ta.Get(t, "/api/v1/standards/0190a8f0-1234-7000-8000-00000000beef/rebases", f.admin), http.StatusNotFound)
}

func TestStandardPatchBadBodiesChangeNothing(t *testing.T) {
	f := newCatalogueFixture(t)
	owner := f.ta.UserWith(t, models.RoleImprover)
	st := f.standard(t, map[string]any{"owner_id": owner.ID, "status": "active"})
	path := "/api/v1/standards/" + st["id"].(string)
	events := f.ta.Count(t, "audit_events", "entity_id = ?", st["id"])
	for _, c := range []struct {
		name   string
		body   any
		status int
		field  string
	}{
		{"malformed JSON", `{"title": `, 400, ""},
		{"empty body", ``, 400, ""},
		{"too large", `{"rationale":"` + strings.Repeat("r", int(api.DefaultBodyLimit)) + `"}`, 413, ""},
		{"target a string", `{"target": "high"}`, 422, "target"},
		{"threshold null", `{"threshold": null, "title": ""}`, 422, "title"},
		{"system_ids not a list", `{"system_ids": "all"}`, 422, "system_ids"},
		{"unknown field", `{"owner": "me"}`, 422, "owner"},
		{"unknown direction", `{"direction": "up"}`, 422, "direction"},
		{"baseline of 11", `{"baseline_points": 11}`, 422, "baseline_points"},
		{"review_due not a date", `{"review_due": "soon"}`, 422, "review_due"},
		{"effective_from not a date", `{"threshold": 5, "effective_from": "today"}`, 422, "effective_from"},
		{"duplicate code", map[string]any{"code": f.standard(t, nil)["code"]}, 409, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := testapp.ExpectProblem(t, f.patch(t, path, f.admin, c.body, ""), c.status)
			if c.field != "" {
				if fe := testapp.FieldErrors(t, m); len(fe) == 0 || fe[0] != c.field {
					t.Errorf("fields %v, want %s", fe, c.field)
				}
			}
		})
	}
	got := expectStatus(t, f.ta.Get(t, path, f.admin), http.StatusOK)
	if got["version"] != 1.0 || got["title"] != st["title"] {
		t.Errorf("refused patches changed the standard: %v", got)
	}
	if n := f.ta.Count(t, "audit_events", "entity_id = ?", st["id"]); n != events {
		t.Errorf("refused patches recorded %d audit events", n-events)
	}
	if n := f.ta.Count(t, "standard_revisions", "standard_id = ?", st["id"]); n != 1 {
		t.Errorf("%d revisions after refused patches", n)
	}
}

func TestStandardWritesRefuseRolesWithoutStandardsManage(t *testing.T) {
	f := newCatalogueFixture(t)
	owner := f.ta.UserWith(t, models.RoleImprover)
	sys := f.system(t, nil)
	st := f.standard(t, map[string]any{"owner_id": owner.ID, "status": "active", "system_ids": []string{sys["id"].(string)}})
	draft := f.standard(t, nil)
	id := st["id"].(string)
	adminUser := f.ta.TokenFor(t, f.ta.UserWith(t, models.RoleAdmin))
	ex := expectStatus(t, f.ta.Post(t, "/api/v1/standards/"+id+"/exceptions", adminUser,
		map[string]any{"reason": "r", "starts_on": "2026-01-01", "expires_on": "2026-01-31"}), http.StatusCreated)
	counts := func() [4]int64 {
		return [4]int64{f.ta.Count(t, "standards", ""), f.ta.Count(t, "standard_exceptions", ""),
			f.ta.Count(t, "standard_rebases", ""), f.ta.Count(t, "standard_revisions", "")}
	}
	before := counts()
	writes := []struct {
		method, path string
		body         any
	}{
		{http.MethodPost, "/api/v1/standards", map[string]any{"code": catCode(), "title": "t", "category": "security",
			"metric": "m", "unit": "percent", "direction": "higher_is_better", "threshold": 1, "period": "month", "rollup": "mean"}},
		{http.MethodDelete, "/api/v1/standards/" + draft["id"].(string), nil},
		{http.MethodPatch, "/api/v1/standards/" + id, map[string]any{"threshold": 1}},
		{http.MethodPost, "/api/v1/standards/" + id + "/exceptions", map[string]any{"reason": "r", "starts_on": "2026-01-01", "expires_on": "2026-01-31"}},
		{http.MethodDelete, "/api/v1/standards/" + id + "/exceptions/" + ex["id"].(string), nil},
		{http.MethodPost, "/api/v1/standards/" + id + "/rebases", map[string]any{"period": "2025-01-01", "reason": "r"}},
	}
	for _, w := range writes {
		testapp.ExpectProblem(t, f.ta.Do(t, testapp.Request{Method: w.method, Path: w.path, Body: w.body}), http.StatusUnauthorized)
		for _, role := range []models.Role{models.RoleClinician, models.RoleImprover, models.RoleBoard, models.RoleExecutive} {
			r := f.ta.Do(t, testapp.Request{Method: w.method, Path: w.path, Body: w.body, Token: f.ta.Token(t, role)})
			if r.Code != http.StatusForbidden {
				t.Errorf("%s %s as %s: %d, want 403: %s", w.method, w.path, role, r.Code, r.Body.String())
			}
		}
	}
	if after := counts(); after != before {
		t.Errorf("refused writes changed standards, exceptions, rebases, revisions: %v → %v", before, after)
	}
	// Reading is every role's.
	for _, role := range models.Roles {
		tok := f.ta.Token(t, role)
		for _, p := range []string{"/api/v1/standards", "/api/v1/standards/" + id, "/api/v1/standards/" + id + "/revisions",
			"/api/v1/standards/" + id + "/exceptions", "/api/v1/standards/" + id + "/rebases"} {
			if r := f.ta.Get(t, p, tok); r.Code != http.StatusOK {
				t.Errorf("GET %s as %s: %d", p, role, r.Code)
			}
		}
	}
}

func TestStandardOfADeactivatedOwnerStaysEditable(t *testing.T) {
	f := newCatalogueFixture(t)
	owner := f.ta.UserWith(t, models.RoleImprover)
	gone := f.ta.UserWith(t, models.RoleImprover)
	st := f.standard(t, map[string]any{"owner_id": owner.ID, "status": "active"})
	draft := f.standard(t, map[string]any{"owner_id": owner.ID})
	sys := f.system(t, map[string]any{"owner_id": owner.ID})
	if err := f.ta.App.DB.Gorm.Exec("UPDATE users SET active = false WHERE id IN (?, ?)", owner.ID, gone.ID).Error; err != nil {
		t.Fatal(err)
	}
	expectStatus(t, f.patch(t, "/api/v1/standards/"+st["id"].(string), f.admin, map[string]any{"title": "Still judged"}, ""), http.StatusOK)
	expectStatus(t, f.patch(t, "/api/v1/systems/"+sys["id"].(string), f.admin, map[string]any{"supplier": "Another"}, ""), http.StatusOK)
	// Choosing a deactivated owner, or activating under one, is refused.
	for _, c := range []struct {
		path string
		body map[string]any
	}{
		{"/api/v1/standards/" + st["id"].(string), map[string]any{"owner_id": gone.ID}},
		{"/api/v1/standards/" + draft["id"].(string), map[string]any{"status": "active"}},
		{"/api/v1/systems/" + sys["id"].(string), map[string]any{"owner_id": gone.ID}},
	} {
		m := testapp.ExpectProblem(t, f.patch(t, c.path, f.admin, c.body, ""), http.StatusUnprocessableEntity)
		if fe := testapp.FieldErrors(t, m); len(fe) != 1 || fe[0] != "owner_id" {
			t.Errorf("%s %v: fields %v", c.path, c.body, fe)
		}
	}
}
