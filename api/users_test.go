package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"assure/internal/testapp"
	"assure/internal/testdb"
	"assure/models"
	"assure/services/auth"
)

type userBody struct {
	ID          string   `json:"id"`
	Email       string   `json:"email"`
	Name        string   `json:"name"`
	Roles       []string `json:"roles"`
	Active      bool     `json:"active"`
	HasPassword bool     `json:"has_password"`
	Version     int      `json:"version"`
	CreatedAt   string   `json:"created_at"`
	UpdatedAt   string   `json:"updated_at"`
}

type createdUserBody struct {
	User        userBody `json:"user"`
	SetPassword *struct {
		URL       string    `json:"url"`
		Code      string    `json:"code"`
		ExpiresAt time.Time `json:"expires_at"`
	} `json:"set_password"`
}

type userListBody struct {
	Items      []userBody `json:"items"`
	NextCursor *string    `json:"next_cursor"`
}

// nonAdminRoles are the roles that may not manage users.
var nonAdminRoles = []models.Role{models.RoleClinician, models.RoleImprover, models.RoleBoard, models.RoleExecutive}

func TestCreateUserWithInitialPassword(t *testing.T) {
	ta := testapp.New(t)
	admin := ta.Token(t, models.RoleAdmin)
	email := testapp.UniqueEmail("Created")
	r := ta.Post(t, "/api/v1/users", admin, map[string]any{
		"email": email, "name": "  Jo Bloggs ", "roles": []string{"board", "improver", "board"}, "password": signInPassword,
	})
	if r.Code != http.StatusCreated {
		t.Fatalf("create: %d %s", r.Code, r.Body.String())
	}
	var b createdUserBody
	r.JSON(t, &b)
	u := b.User
	if u.Email != email || u.Name != "Jo Bloggs" || strings.Join(u.Roles, ",") != "improver,board" || !u.Active || !u.HasPassword || u.Version != 1 {
		t.Errorf("created %+v", u)
	}
	if b.SetPassword != nil {
		t.Errorf("a set-password link was issued although a password was given")
	}
	if r.Header().Get("ETag") != `"1"` || r.Header().Get("Location") != "/api/v1/users/"+u.ID {
		t.Errorf("ETag %q Location %q", r.Header().Get("ETag"), r.Header().Get("Location"))
	}
	if strings.Contains(r.Body.String(), "argon2id") || strings.Contains(r.Body.String(), signInPassword) {
		t.Error("the response leaks the password or its hash")
	}
	if n := ta.Count(t, "audit_events", "action = 'user.created' AND entity_id = ? AND after::text NOT LIKE '%argon2%'", u.ID); n != 1 {
		t.Errorf("user.created events without the hash: %d, want 1", n)
	}
	expectSignedIn(t, signIn(t, ta, randomClientIP(), email, signInPassword))
}

func TestCreateUserWithSetPasswordLink(t *testing.T) {
	ta := testapp.New(t)
	admin := ta.Token(t, models.RoleAdmin)
	email := testapp.UniqueEmail("invited")
	r := ta.Post(t, "/api/v1/users", admin, map[string]any{"email": email, "name": "Invited", "roles": []string{"clinician"}})
	if r.Code != http.StatusCreated {
		t.Fatalf("create: %d %s", r.Code, r.Body.String())
	}
	var b createdUserBody
	r.JSON(t, &b)
	if b.User.HasPassword || b.SetPassword == nil {
		t.Fatalf("want a user without a password and a link: %s", r.Body.String())
	}
	link := b.SetPassword
	if !strings.HasSuffix(link.URL, "/set-password#code="+link.Code) || len(link.Code) < 40 {
		t.Errorf("link %q code %q: the code must travel in the fragment", link.URL, link.Code)
	}
	if d := link.ExpiresAt.Sub(ta.Clock.Now()); d < 71*time.Hour || d > 73*time.Hour {
		t.Errorf("link expires in %v, want 72h", d)
	}
	if n := ta.Count(t, "set_password_codes", "code_hash = ?", link.Code); n != 0 {
		t.Error("the code is stored in the clear")
	}
	if strings.Contains(ta.Get(t, "/api/v1/audit?entity_id="+b.User.ID, admin).Body.String(), link.Code) {
		t.Error("the audit trail holds the code")
	}
	// No password yet: sign-in fails like any other bad password.
	testapp.ExpectProblem(t, signIn(t, ta, randomClientIP(), email, signInPassword), http.StatusUnauthorized)

	// Bad attempts change nothing.
	for name, tc := range map[string]struct {
		body  any
		field string
	}{
		"weak password": {map[string]string{"code": link.Code, "password": "password1234"}, "password"},
		"short":         {map[string]string{"code": link.Code, "password": "short"}, "password"},
		"unknown code":  {map[string]string{"code": "x" + link.Code, "password": signInPassword}, "code"},
		"no code":       {map[string]string{"password": signInPassword}, "code"},
		"no password":   {map[string]string{"code": link.Code}, "password"},
	} {
		t.Run(name, func(t *testing.T) {
			p := testapp.ExpectProblem(t, ta.Post(t, "/api/v1/auth/set-password", "", tc.body), http.StatusUnprocessableEntity)
			if !inList(testapp.FieldErrors(t, p), tc.field) {
				t.Errorf("errors %v, want %s", p["errors"], tc.field)
			}
		})
	}
	testapp.ExpectProblem(t, ta.Post(t, "/api/v1/auth/set-password", "", `{"code": 1}`), http.StatusUnprocessableEntity)
	testapp.ExpectProblem(t, ta.Post(t, "/api/v1/auth/set-password", "", `{"code": "a", "password": "b", "x": 1}`), http.StatusUnprocessableEntity)
	testapp.ExpectProblem(t, ta.Post(t, "/api/v1/auth/set-password", "", `{"code":`), http.StatusBadRequest)
	if n := ta.Count(t, "users", "id = ? AND password_hash IS NULL", b.User.ID); n != 1 {
		t.Fatal("a failed set-password attempt set the password")
	}

	if r := ta.Post(t, "/api/v1/auth/set-password", "", map[string]string{"code": link.Code, "password": signInPassword}); r.Code != http.StatusNoContent {
		t.Fatalf("set-password: %d %s", r.Code, r.Body.String())
	}
	expectSignedIn(t, signIn(t, ta, randomClientIP(), email, signInPassword))
	if n := ta.Count(t, "audit_events", "action = 'user.password_set' AND entity_id = ? AND actor_user_id = ?", b.User.ID, b.User.ID); n != 1 {
		t.Errorf("user.password_set events %d, want 1", n)
	}
	// Single use.
	p := testapp.ExpectProblem(t, ta.Post(t, "/api/v1/auth/set-password", "", map[string]string{"code": link.Code, "password": "another good passphrase"}), http.StatusUnprocessableEntity)
	if !inList(testapp.FieldErrors(t, p), "code") {
		t.Errorf("reused code: %v", p)
	}
}

func TestSetPasswordLinkExpires(t *testing.T) {
	ta := testapp.New(t)
	admin := ta.Token(t, models.RoleAdmin)
	r := ta.Post(t, "/api/v1/users", admin, map[string]any{"email": testapp.UniqueEmail("late"), "name": "Late", "roles": []string{"clinician"}})
	var b createdUserBody
	r.JSON(t, &b)
	ta.Clock.Advance(auth.SetPasswordCodeTTL + time.Minute)
	testapp.ExpectProblem(t, ta.Post(t, "/api/v1/auth/set-password", "", map[string]string{"code": b.SetPassword.Code, "password": signInPassword}), http.StatusUnprocessableEntity)
}

func TestCreateUserBadInputWritesNothing(t *testing.T) {
	ta := testapp.New(t)
	admin := ta.Token(t, models.RoleAdmin)
	existing := ta.UserWith(t, models.RoleClinician)
	email := testapp.UniqueEmail("never")
	valid := func(mod func(m map[string]any)) map[string]any {
		m := map[string]any{"email": email, "name": "Never Created", "roles": []string{"board"}}
		mod(m)
		return m
	}
	cases := []struct {
		name   string
		body   any
		status int
		field  string
	}{
		{"malformed JSON", `{"email": "` + email + `",`, http.StatusBadRequest, ""},
		{"array body", `[]`, http.StatusBadRequest, ""},
		{"roles not an array", valid(func(m map[string]any) { m["roles"] = "admin" }), http.StatusUnprocessableEntity, "roles"},
		{"name a number", valid(func(m map[string]any) { m["name"] = 7 }), http.StatusUnprocessableEntity, "name"},
		{"unknown field", valid(func(m map[string]any) { m["is_admin"] = true }), http.StatusUnprocessableEntity, "is_admin"},
		{"missing email", valid(func(m map[string]any) { delete(m, "email") }), http.StatusUnprocessableEntity, "email"},
		{"missing name", valid(func(m map[string]any) { delete(m, "name") }), http.StatusUnprocessableEntity, "name"},
		{"missing roles", valid(func(m map[string]any) { delete(m, "roles") }), http.StatusUnprocessableEntity, "roles"},
		{"empty roles", valid(func(m map[string]any) { m["roles"] = []string{} }), http.StatusUnprocessableEntity, "roles"},
		{"invalid role", valid(func(m map[string]any) { m["roles"] = []string{"board", "superuser"} }), http.StatusUnprocessableEntity, "roles[1]"},
		{"not an email", valid(func(m map[string]any) { m["email"] = "jo at nhs" }), http.StatusUnprocessableEntity, "email"},
		{"NUL in name", valid(func(m map[string]any) { m["name"] = "Jo\x00" }), http.StatusUnprocessableEntity, "name"},
		{"short password", valid(func(m map[string]any) { m["password"] = "short" }), http.StatusUnprocessableEntity, "password"},
		{"common password", valid(func(m map[string]any) { m["password"] = "Password1234" }), http.StatusUnprocessableEntity, "password"},
		{"oversize body", valid(func(m map[string]any) { m["name"] = strings.Repeat("n", 1<<20) }), http.StatusRequestEntityTooLarge, ""},
		{"duplicate email in other case", valid(func(m map[string]any) { m["email"] = strings.ToUpper(existing.Email) }), http.StatusConflict, ""},
	}
	users, events := ta.Count(t, "users", ""), ta.Count(t, "audit_events", "")
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := testapp.ExpectProblem(t, ta.Post(t, "/api/v1/users", admin, tc.body), tc.status)
			if tc.field != "" && !inList(testapp.FieldErrors(t, p), tc.field) {
				t.Errorf("errors %v do not name %q", p["errors"], tc.field)
			}
		})
	}
	if n := ta.Count(t, "users", ""); n != users {
		t.Errorf("bad requests created %d users", n-users)
	}
	if n := ta.Count(t, "audit_events", ""); n != events {
		t.Errorf("bad requests wrote %d audit events", n-events)
	}
}

func TestUserManagementRefusesOtherRoles(t *testing.T) {
	ta := testapp.New(t)
	target := ta.UserWith(t, models.RoleClinician)
	body := map[string]any{"email": testapp.UniqueEmail("refused"), "name": "No", "roles": []string{"admin"}}
	for _, role := range nonAdminRoles {
		tok := ta.Token(t, role)
		t.Run(string(role), func(t *testing.T) {
			testapp.ExpectProblem(t, ta.Post(t, "/api/v1/users", tok, body), http.StatusForbidden)
			testapp.ExpectProblem(t, ta.Do(t, testapp.Request{Method: http.MethodPatch, Path: "/api/v1/users/" + target.ID, Token: tok, Body: map[string]any{"roles": []string{"admin"}}}), http.StatusForbidden)
			testapp.ExpectProblem(t, ta.Post(t, "/api/v1/users/"+target.ID+"/reset-password", tok, nil), http.StatusForbidden)
		})
	}
	// users.read: improver, board and executive may list; a clinician may not.
	testapp.ExpectProblem(t, ta.Get(t, "/api/v1/users", ta.Token(t, models.RoleClinician)), http.StatusForbidden)
	testapp.ExpectProblem(t, ta.Get(t, "/api/v1/users/"+target.ID, ta.Token(t, models.RoleClinician)), http.StatusForbidden)
	if r := ta.Get(t, "/api/v1/users/"+target.ID, ta.Token(t, models.RoleImprover)); r.Code != http.StatusOK {
		t.Errorf("improver reading a user: %d", r.Code)
	}
	for _, req := range []testapp.Request{
		{Method: http.MethodGet, Path: "/api/v1/users"},
		{Method: http.MethodPost, Path: "/api/v1/users", Body: body},
		{Method: http.MethodGet, Path: "/api/v1/users/" + target.ID},
		{Method: http.MethodPatch, Path: "/api/v1/users/" + target.ID, Body: map[string]any{"active": false}},
		{Method: http.MethodPost, Path: "/api/v1/users/" + target.ID + "/reset-password"},
	} {
		testapp.ExpectProblem(t, ta.Do(t, req), http.StatusUnauthorized)
	}
	if n := ta.Count(t, "users", "email = ?", body["email"]); n != 0 {
		t.Error("a refused request created the user")
	}
	if n := ta.Count(t, "users", "id = ? AND active AND roles = '{clinician}'", target.ID); n != 1 {
		t.Error("a refused request changed the user")
	}
}

func TestListUsersFiltersAndPages(t *testing.T) {
	ta := testapp.New(t)
	admin := ta.Token(t, models.RoleAdmin)
	tag := strings.TrimSuffix(strings.TrimPrefix(testapp.UniqueEmail("x"), "x-"), "@test.assure.test")
	var made []string
	for i, roles := range [][]models.Role{{models.RoleBoard}, {models.RoleBoard, models.RoleAdmin}, {models.RoleClinician}, {models.RoleBoard}} {
		r := ta.Post(t, "/api/v1/users", admin, map[string]any{
			"email": fmt.Sprintf("list-%s-%d@test.assure.test", tag, i), "name": fmt.Sprintf("Lister_%s %d", tag, i), "roles": roles,
		})
		var b createdUserBody
		r.JSON(t, &b)
		made = append(made, b.User.ID)
	}
	// Deactivate the last.
	if r := ta.Do(t, testapp.Request{Method: http.MethodPatch, Path: "/api/v1/users/" + made[3], Token: admin, Body: map[string]any{"active": false}}); r.Code != http.StatusOK {
		t.Fatalf("deactivate: %d %s", r.Code, r.Body.String())
	}
	list := func(query string) userListBody {
		t.Helper()
		r := ta.Get(t, "/api/v1/users?"+query, admin)
		if r.Code != http.StatusOK {
			t.Fatalf("list ?%s: %d %s", query, r.Code, r.Body.String())
		}
		var b userListBody
		r.JSON(t, &b)
		return b
	}
	q := "q=" + url.QueryEscape("LISTER_"+strings.ToUpper(tag))
	if got := list(q); len(got.Items) != 4 || got.NextCursor != nil {
		t.Errorf("q by name: %d items", len(got.Items))
	}
	if got := list("q=list-" + tag + "-2"); len(got.Items) != 1 || got.Items[0].ID != made[2] {
		t.Errorf("q by email: %+v", got.Items)
	}
	if got := list(q + "&role=board"); len(got.Items) != 3 {
		t.Errorf("role=board: %d items, want 3", len(got.Items))
	}
	if got := list(q + "&role=board&active=true"); len(got.Items) != 2 {
		t.Errorf("role=board&active=true: %d items, want 2", len(got.Items))
	}
	if got := list(q + "&active=false"); len(got.Items) != 1 || got.Items[0].ID != made[3] || got.Items[0].Active {
		t.Errorf("active=false: %+v", got.Items)
	}
	// LIKE wildcards in q are literal.
	if got := list("q=" + url.QueryEscape("%")); len(got.Items) != 0 {
		t.Errorf("q=%%: %d items, want none", len(got.Items))
	}
	// Paging: two at a time, in email order, each user once.
	var seen []string
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 3 {
			t.Fatal("paging does not end")
		}
		qs := q + "&limit=2"
		if cursor != "" {
			qs += "&cursor=" + url.QueryEscape(cursor)
		}
		got := list(qs)
		for _, u := range got.Items {
			seen = append(seen, u.ID)
		}
		if got.NextCursor == nil {
			break
		}
		cursor = *got.NextCursor
	}
	if strings.Join(seen, ",") != strings.Join(made, ",") {
		t.Errorf("paged %v, want %v", seen, made)
	}
	for query, field := range map[string]string{
		"limit=0": "limit", "limit=501": "limit", "limit=ten": "limit", "role=superuser": "role",
		"active=maybe": "active", "cursor=not-a-cursor": "cursor", "q=" + strings.Repeat("a", 201): "q",
		"q=a%00b": "q", "cursor=WyJhXHUwMDAwIiwibm90LWEtdXVpZCJd": "cursor",
	} {
		p := testapp.ExpectProblem(t, ta.Get(t, "/api/v1/users?"+query, admin), http.StatusUnprocessableEntity)
		if !inList(testapp.FieldErrors(t, p), field) {
			t.Errorf("?%s: errors %v, want %s", query, p["errors"], field)
		}
	}
}

func TestGetUser(t *testing.T) {
	ta := testapp.New(t)
	tok := ta.Token(t, models.RoleExecutive)
	u := ta.UserWith(t, models.RoleBoard)
	r := ta.Get(t, "/api/v1/users/"+u.ID, tok)
	if r.Code != http.StatusOK || r.Header().Get("ETag") != `"1"` {
		t.Fatalf("get: %d %q %s", r.Code, r.Header().Get("ETag"), r.Body.String())
	}
	var b userBody
	r.JSON(t, &b)
	if b.ID != u.ID || b.Email != u.Email || b.HasPassword {
		t.Errorf("got %+v", b)
	}
	testapp.ExpectProblem(t, ta.Get(t, "/api/v1/users/0190a8f0-0000-7000-8000-000000000000", tok), http.StatusNotFound)
	testapp.ExpectProblem(t, ta.Get(t, "/api/v1/users/not-a-uuid", tok), http.StatusNotFound)
}

func patchUser(t testing.TB, ta *testapp.App, token, id, ifMatch string, body any) testapp.Response {
	t.Helper()
	req := testapp.Request{Method: http.MethodPatch, Path: "/api/v1/users/" + id, Token: token, Body: body}
	if ifMatch != "" {
		req.Headers = map[string]string{"If-Match": ifMatch}
	}
	return ta.Do(t, req)
}

func TestChangeRolesAuditsAndTakesEffectAtOnce(t *testing.T) {
	ta := testapp.New(t)
	admin := ta.Token(t, models.RoleAdmin)
	u := ta.UserWith(t, models.RoleImprover)
	userTok := ta.TokenFor(t, u)
	if r := ta.Get(t, "/api/v1/users", userTok); r.Code != http.StatusOK {
		t.Fatalf("improver listing users: %d", r.Code)
	}
	r := patchUser(t, ta, admin, u.ID, `"1"`, map[string]any{"roles": []string{"clinician"}, "name": "Renamed"})
	if r.Code != http.StatusOK || r.Header().Get("ETag") != `"2"` {
		t.Fatalf("patch: %d %q %s", r.Code, r.Header().Get("ETag"), r.Body.String())
	}
	var b userBody
	r.JSON(t, &b)
	if strings.Join(b.Roles, ",") != "clinician" || b.Name != "Renamed" || b.Version != 2 {
		t.Errorf("patched %+v", b)
	}
	// Roles are read from the database, not the token: the change applies now.
	testapp.ExpectProblem(t, ta.Get(t, "/api/v1/users", userTok), http.StatusForbidden)
	if n := ta.Count(t, "audit_events", `action = 'user.roles_changed' AND entity_id = ?
		AND before->'roles' = '["improver"]' AND after->'roles' = '["clinician"]'`, u.ID); n != 1 {
		t.Errorf("user.roles_changed events %d, want 1", n)
	}
	if n := ta.Count(t, "audit_events", "action = 'user.updated' AND entity_id = ?", u.ID); n != 1 {
		t.Errorf("user.updated events %d, want 1", n)
	}
	// A stale If-Match changes nothing.
	p := testapp.ExpectProblem(t, patchUser(t, ta, admin, u.ID, `"1"`, map[string]any{"roles": []string{"admin"}}), http.StatusPreconditionFailed)
	_ = p
	testapp.ExpectProblem(t, patchUser(t, ta, admin, u.ID, `"banana"`, map[string]any{"roles": []string{"admin"}}), http.StatusPreconditionFailed)
	if n := ta.Count(t, "users", "id = ? AND roles = '{clinician}' AND version = 2", u.ID); n != 1 {
		t.Error("a stale PATCH changed the user")
	}
	// The same values again: no new version, no audit event.
	r = patchUser(t, ta, admin, u.ID, `W/"2"`, map[string]any{"roles": []string{"clinician"}})
	if r.Code != http.StatusOK || r.Header().Get("ETag") != `"2"` {
		t.Errorf("no-op patch: %d %q", r.Code, r.Header().Get("ETag"))
	}
	for _, tc := range []struct {
		body   string
		status int
		field  string
	}{
		{`{"roles": ["clinician", "root"]}`, 422, "roles[1]"},
		{`{"roles": []}`, 422, "roles"},
		{`{"name": "  "}`, 422, "name"},
		{`{"active": "no"}`, 422, "active"},
		{`{"email": "new@x.test"}`, 422, "email"},
		{`{"roles": `, 400, ""},
	} {
		p := testapp.ExpectProblem(t, patchUser(t, ta, admin, u.ID, "", tc.body), tc.status)
		if tc.field != "" && !inList(testapp.FieldErrors(t, p), tc.field) {
			t.Errorf("%s: errors %v, want %s", tc.body, p["errors"], tc.field)
		}
	}
	testapp.ExpectProblem(t, patchUser(t, ta, admin, "0190a8f0-0000-7000-8000-000000000000", "", map[string]any{"active": false}), http.StatusNotFound)
}

func TestDeactivateEndsSessionsAndReactivate(t *testing.T) {
	ta := testapp.New(t)
	admin := ta.Token(t, models.RoleAdmin)
	u := signInUser(t, ta, models.RoleBoard)
	ip := randomClientIP()
	in := signIn(t, ta, ip, u.Email, signInPassword)
	tb := expectSignedIn(t, in)

	r := patchUser(t, ta, admin, u.ID, "", map[string]any{"active": false})
	if r.Code != http.StatusOK {
		t.Fatalf("deactivate: %d %s", r.Code, r.Body.String())
	}
	// On this instance at once (the cache is dropped); elsewhere within a minute.
	testapp.ExpectProblem(t, ta.Get(t, "/api/v1/me", tb.AccessToken), http.StatusUnauthorized)
	testapp.ExpectProblem(t, doFromIP(t, ta, ip, http.MethodPost, "/api/v1/auth/refresh", nil, refreshCookieOf(t, in)), http.StatusUnauthorized)
	testapp.ExpectProblem(t, signIn(t, ta, ip, u.Email, signInPassword), http.StatusUnauthorized)
	if n := ta.Count(t, "audit_events", "action = 'user.deactivated' AND entity_id = ?", u.ID); n != 1 {
		t.Errorf("user.deactivated events %d", n)
	}
	if n := ta.Count(t, "sessions", "user_id = ? AND revoked_at IS NULL", u.ID); n != 0 {
		t.Errorf("%d live sessions after deactivation", n)
	}
	if r := patchUser(t, ta, admin, u.ID, "", map[string]any{"active": true}); r.Code != http.StatusOK {
		t.Fatalf("reactivate: %d", r.Code)
	}
	expectSignedIn(t, signIn(t, ta, randomClientIP(), u.Email, signInPassword))
	if n := ta.Count(t, "audit_events", "action = 'user.reactivated' AND entity_id = ?", u.ID); n != 1 {
		t.Errorf("user.reactivated events %d", n)
	}
}

func TestLastActiveAdminStays(t *testing.T) {
	// A database of its own: the package's has many admins.
	ta := testapp.NewWithDB(t, testdb.New(t))
	admin := ta.UserWith(t, models.RoleAdmin)
	tok := ta.TokenFor(t, admin)
	p := testapp.ExpectProblem(t, patchUser(t, ta, tok, admin.ID, "", map[string]any{"roles": []string{"board"}}), http.StatusConflict)
	if d, _ := p["detail"].(string); !strings.Contains(d, "last active admin") {
		t.Errorf("detail %q", d)
	}
	testapp.ExpectProblem(t, patchUser(t, ta, tok, admin.ID, "", map[string]any{"active": false}), http.StatusConflict)
	// With a second admin, the first may step down.
	ta.UserWith(t, models.RoleAdmin)
	if r := patchUser(t, ta, tok, admin.ID, "", map[string]any{"roles": []string{"board", "admin"}}); r.Code != http.StatusOK {
		t.Fatalf("keeping admin: %d %s", r.Code, r.Body.String())
	}
	if r := patchUser(t, ta, tok, admin.ID, "", map[string]any{"roles": []string{"board"}}); r.Code != http.StatusOK {
		t.Fatalf("stepping down with another admin: %d %s", r.Code, r.Body.String())
	}
}

func TestResetPassword(t *testing.T) {
	ta := testapp.New(t)
	admin := ta.Token(t, models.RoleAdmin)
	u := signInUser(t, ta, models.RoleClinician)
	ip := randomClientIP()
	in := signIn(t, ta, ip, u.Email, signInPassword)
	expectSignedIn(t, in)

	r := ta.Post(t, "/api/v1/users/"+u.ID+"/reset-password", admin, nil)
	if r.Code != http.StatusOK {
		t.Fatalf("reset: %d %s", r.Code, r.Body.String())
	}
	var link struct {
		URL, Code string
		ExpiresAt time.Time `json:"expires_at"`
	}
	r.JSON(t, &link)
	if link.Code == "" || !strings.Contains(link.URL, "#code="+link.Code) {
		t.Fatalf("link %+v", link)
	}
	// The old password and the old session are gone.
	testapp.ExpectProblem(t, doFromIP(t, ta, ip, http.MethodPost, "/api/v1/auth/refresh", nil, refreshCookieOf(t, in)), http.StatusUnauthorized)
	testapp.ExpectProblem(t, signIn(t, ta, ip, u.Email, signInPassword), http.StatusUnauthorized)
	if n := ta.Count(t, "audit_events", "action = 'user.password_reset' AND entity_id = ?", u.ID); n != 1 {
		t.Errorf("user.password_reset events %d", n)
	}
	// A second reset replaces the first link.
	r2 := ta.Post(t, "/api/v1/users/"+u.ID+"/reset-password", admin, nil)
	var link2 struct{ Code string }
	r2.JSON(t, &link2)
	testapp.ExpectProblem(t, ta.Post(t, "/api/v1/auth/set-password", "", map[string]string{"code": link.Code, "password": "brand new passphrase"}), http.StatusUnprocessableEntity)
	if r := ta.Post(t, "/api/v1/auth/set-password", "", map[string]string{"code": link2.Code, "password": "brand new passphrase"}); r.Code != http.StatusNoContent {
		t.Fatalf("set-password: %d %s", r.Code, r.Body.String())
	}
	expectSignedIn(t, signIn(t, ta, randomClientIP(), u.Email, "brand new passphrase"))

	testapp.ExpectProblem(t, ta.Post(t, "/api/v1/users/0190a8f0-0000-7000-8000-000000000000/reset-password", admin, nil), http.StatusNotFound)
	gone := ta.UserWith(t, models.RoleClinician)
	patchUser(t, ta, admin, gone.ID, "", map[string]any{"active": false})
	testapp.ExpectProblem(t, ta.Post(t, "/api/v1/users/"+gone.ID+"/reset-password", admin, nil), http.StatusConflict)
}

// FuzzUserCreateDecoding feeds arbitrary bodies to POST /api/v1/users: never
// a 500, always a JSON answer.
func FuzzUserCreateDecoding(f *testing.F) {
	for _, s := range []string{
		`{"email":"fuzz@test.assure.test","name":"Fuzz","roles":["board"]}`,
		`{"email":"fuzz2@test.assure.test","name":"Fuzz","roles":["board"],"password":"a fuzzing passphrase"}`,
		`{"email":1,"name":null,"roles":{}}`,
		`{"roles":["\u0000"]}`,
		`[`, `null`, `""`, `{}`, ``,
	} {
		f.Add([]byte(s))
	}
	ta := testapp.New(f)
	admin := ta.Token(f, models.RoleAdmin)
	f.Fuzz(func(t *testing.T, body []byte) {
		r := ta.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/users", Token: admin, Body: body})
		expectJSONAnswer(t, r)
	})
}
