package api_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"assure/internal/testapp"
	"assure/models"
	"assure/services/access"
)

type apiTokenBody struct {
	ID            string     `json:"id"`
	Label         string     `json:"label"`
	Scopes        []string   `json:"scopes"`
	Status        string     `json:"status"`
	CreatedBy     *string    `json:"created_by"`
	CreatedByName string     `json:"created_by_name"`
	CreatedAt     time.Time  `json:"created_at"`
	ExpiresAt     time.Time  `json:"expires_at"`
	LastUsedAt    *time.Time `json:"last_used_at"`
	RevokedAt     *time.Time `json:"revoked_at"`
	Token         string     `json:"token"`
}

type apiTokenListBody struct {
	Items      []apiTokenBody `json:"items"`
	NextCursor *string        `json:"next_cursor"`
}

// createAPIToken makes a token as admin and returns it with its secret.
func createAPIToken(t testing.TB, ta *testapp.App, admin, label string) apiTokenBody {
	t.Helper()
	r := ta.Post(t, "/api/v1/tokens", admin, map[string]any{
		"label": label, "scopes": []string{"measurements:write"},
		"expires_at": ta.Clock.Now().Add(30 * 24 * time.Hour).Format(time.RFC3339),
	})
	if r.Code != http.StatusCreated {
		t.Fatalf("create token: %d %s", r.Code, r.Body.String())
	}
	var b apiTokenBody
	r.JSON(t, &b)
	return b
}

func findToken(t testing.TB, ta *testapp.App, admin, id string) apiTokenBody {
	t.Helper()
	cursor := ""
	for {
		r := ta.Get(t, "/api/v1/tokens?limit=500&cursor="+url.QueryEscape(cursor), admin)
		if r.Code != http.StatusOK {
			t.Fatalf("list tokens: %d %s", r.Code, r.Body.String())
		}
		var b apiTokenListBody
		r.JSON(t, &b)
		for _, it := range b.Items {
			if it.ID == id {
				return it
			}
		}
		if b.NextCursor == nil {
			t.Fatalf("token %s is not listed", id)
		}
		cursor = *b.NextCursor
	}
}

func TestAPITokenLifecycle(t *testing.T) {
	ta := testapp.New(t)
	adminUser := ta.UserWith(t, models.RoleAdmin)
	admin := ta.TokenFor(t, adminUser)
	created := createAPIToken(t, ta, admin, "  Zabbix EPR availability ")
	secret := created.Token
	if !strings.HasPrefix(secret, "assure_pat_") || len(secret) != len("assure_pat_")+43 {
		t.Fatalf("token %q: want assure_pat_ and 32 random bytes in base64url", secret)
	}
	if created.Label != "Zabbix EPR availability" || created.Status != "active" || created.LastUsedAt != nil ||
		created.CreatedBy == nil || *created.CreatedBy != adminUser.ID || strings.Join(created.Scopes, ",") != "measurements:write" {
		t.Errorf("created %+v", created)
	}
	sum := sha256.Sum256([]byte(secret))
	if n := ta.Count(t, "api_tokens", "id = ? AND token_hash = ?", created.ID, hex.EncodeToString(sum[:])); n != 1 {
		t.Error("the token is not stored as its SHA-256")
	}
	if n := ta.Count(t, "api_tokens", "token_hash = ?", secret); n != 0 {
		t.Error("the token is stored in the clear")
	}
	if n := ta.Count(t, "audit_events", "action = 'api_token.created' AND entity_id = ? AND actor_user_id = ? AND position(? in after::text) = 0",
		created.ID, adminUser.ID, secret[len("assure_pat_"):]); n != 1 {
		t.Errorf("api_token.created events without the secret: %d", n)
	}

	// The list never shows the secret again.
	listed := findToken(t, ta, admin, created.ID)
	if listed.Token != "" || listed.CreatedByName != adminUser.Name {
		t.Errorf("listed %+v", listed)
	}
	if r := ta.Get(t, "/api/v1/tokens", admin); strings.Contains(r.Body.String(), secret) {
		t.Error("the list shows a secret")
	}

	// The token authenticates as itself, holding only its scopes.
	a, err := ta.App.Auth.Authenticate(context.Background(), secret)
	if err != nil {
		t.Fatal(err)
	}
	if a.TokenID != created.ID || a.Label != "Zabbix EPR availability" || a.IsUser() ||
		!a.Can(access.MeasurementsWrite) || a.Can(access.UsersRead) || a.Can(access.Authenticated) {
		t.Errorf("actor %+v", a)
	}
	// Through the router: a valid token lacking the permission is 403, not 401.
	testapp.ExpectProblem(t, ta.Get(t, "/api/v1/me", secret), http.StatusForbidden)
	testapp.ExpectProblem(t, ta.Get(t, "/api/v1/users", secret), http.StatusForbidden)
	used := findToken(t, ta, admin, created.ID)
	if used.LastUsedAt == nil {
		t.Fatal("last_used_at not recorded")
	}
	// Within a minute, use is not written again; after it, it is.
	ta.Clock.Advance(30 * time.Second)
	ta.Get(t, "/api/v1/me", secret)
	if again := findToken(t, ta, admin, created.ID); !again.LastUsedAt.Equal(*used.LastUsedAt) {
		t.Errorf("last_used_at moved within a minute: %v -> %v", used.LastUsedAt, again.LastUsedAt)
	}
	ta.Clock.Advance(31 * time.Second)
	ta.Get(t, "/api/v1/me", secret)
	if later := findToken(t, ta, admin, created.ID); !later.LastUsedAt.After(*used.LastUsedAt) {
		t.Errorf("last_used_at not updated after a minute: %v", later.LastUsedAt)
	}

	// Revoking ends it at once.
	r := ta.Do(t, testapp.Request{Method: http.MethodDelete, Path: "/api/v1/tokens/" + created.ID, Token: admin})
	if r.Code != http.StatusNoContent {
		t.Fatalf("revoke: %d %s", r.Code, r.Body.String())
	}
	testapp.ExpectProblem(t, ta.Get(t, "/api/v1/me", secret), http.StatusUnauthorized)
	if got := findToken(t, ta, admin, created.ID); got.Status != "revoked" || got.RevokedAt == nil {
		t.Errorf("after revoking: %+v", got)
	}
	// Again: nothing changes, nothing more is audited.
	if r := ta.Do(t, testapp.Request{Method: http.MethodDelete, Path: "/api/v1/tokens/" + created.ID, Token: admin}); r.Code != http.StatusNoContent {
		t.Errorf("second revoke: %d", r.Code)
	}
	if n := ta.Count(t, "audit_events", "action = 'api_token.revoked' AND entity_id = ?", created.ID); n != 1 {
		t.Errorf("api_token.revoked events %d, want 1", n)
	}
	testapp.ExpectProblem(t, ta.Do(t, testapp.Request{Method: http.MethodDelete, Path: "/api/v1/tokens/0190a8f0-0000-7000-8000-000000000000", Token: admin}), http.StatusNotFound)
	testapp.ExpectProblem(t, ta.Do(t, testapp.Request{Method: http.MethodDelete, Path: "/api/v1/tokens/nope", Token: admin}), http.StatusNotFound)
}

func TestAPITokenExpires(t *testing.T) {
	ta := testapp.New(t)
	admin := ta.Token(t, models.RoleAdmin)
	created := createAPIToken(t, ta, admin, "expiring")
	testapp.ExpectProblem(t, ta.Get(t, "/api/v1/me", created.Token), http.StatusForbidden)
	ta.Clock.Advance(31 * 24 * time.Hour)
	testapp.ExpectProblem(t, ta.Get(t, "/api/v1/me", created.Token), http.StatusUnauthorized)
	admin = ta.Token(t, models.RoleAdmin) // the first expired with the clock
	if got := findToken(t, ta, admin, created.ID); got.Status != "expired" {
		t.Errorf("status %q, want expired", got.Status)
	}
	for _, bad := range []string{"assure_pat_", "assure_pat_" + strings.Repeat("A", 43), "assure_pat_" + strings.Repeat("x", 300)} {
		testapp.ExpectProblem(t, ta.Get(t, "/api/v1/me", bad), http.StatusUnauthorized)
	}
}

func TestCreateAPITokenBadInputWritesNothing(t *testing.T) {
	ta := testapp.New(t)
	admin := ta.Token(t, models.RoleAdmin)
	now := ta.Clock.Now()
	valid := func(mod func(m map[string]any)) map[string]any {
		m := map[string]any{"label": "never", "scopes": []string{"measurements:write"}, "expires_at": now.Add(24 * time.Hour).Format(time.RFC3339)}
		mod(m)
		return m
	}
	cases := []struct {
		name   string
		body   any
		status int
		field  string
	}{
		{"malformed", `{"label": `, 400, ""},
		{"missing label", valid(func(m map[string]any) { delete(m, "label") }), 422, "label"},
		{"blank label", valid(func(m map[string]any) { m["label"] = "   " }), 422, "label"},
		{"long label", valid(func(m map[string]any) { m["label"] = strings.Repeat("l", 101) }), 422, "label"},
		{"NUL in label", valid(func(m map[string]any) { m["label"] = "a\x00b" }), 422, "label"},
		{"missing scopes", valid(func(m map[string]any) { delete(m, "scopes") }), 422, "scopes"},
		{"unknown scope", valid(func(m map[string]any) { m["scopes"] = []string{"measurements:write", "admin:*"} }), 422, "scopes[1]"},
		{"scopes not an array", valid(func(m map[string]any) { m["scopes"] = "measurements:write" }), 422, "scopes"},
		{"missing expiry", valid(func(m map[string]any) { delete(m, "expires_at") }), 422, "expires_at"},
		{"past expiry", valid(func(m map[string]any) { m["expires_at"] = now.Add(-time.Hour).Format(time.RFC3339) }), 422, "expires_at"},
		{"expiry over a year", valid(func(m map[string]any) { m["expires_at"] = now.AddDate(1, 0, 2).Format(time.RFC3339) }), 422, "expires_at"},
		{"expiry not a time", valid(func(m map[string]any) { m["expires_at"] = "next tuesday" }), 422, "expires_at"},
		{"expiry a number", valid(func(m map[string]any) { m["expires_at"] = 1893456000 }), 422, "expires_at"},
		{"unknown field", valid(func(m map[string]any) { m["owner"] = "me" }), 422, "owner"},
		{"oversize", valid(func(m map[string]any) { m["label"] = strings.Repeat("l", 1<<20) }), 413, ""},
	}
	tokens, events := ta.Count(t, "api_tokens", ""), ta.Count(t, "audit_events", "")
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := testapp.ExpectProblem(t, ta.Post(t, "/api/v1/tokens", admin, tc.body), tc.status)
			if tc.field != "" && !inList(testapp.FieldErrors(t, p), tc.field) {
				t.Errorf("errors %v, want %s", p["errors"], tc.field)
			}
		})
	}
	if n := ta.Count(t, "api_tokens", ""); n != tokens {
		t.Errorf("bad requests created %d tokens", n-tokens)
	}
	if n := ta.Count(t, "audit_events", ""); n != events {
		t.Errorf("bad requests wrote %d audit events", n-events)
	}
	// A date alone is accepted (midnight UTC at its start).
	r := ta.Post(t, "/api/v1/tokens", admin, valid(func(m map[string]any) { m["expires_at"] = now.AddDate(0, 6, 0).Format(time.DateOnly) }))
	if r.Code != http.StatusCreated {
		t.Errorf("date-only expiry: %d %s", r.Code, r.Body.String())
	}
}

func TestAPITokensRefuseOtherRoles(t *testing.T) {
	ta := testapp.New(t)
	admin := ta.Token(t, models.RoleAdmin)
	created := createAPIToken(t, ta, admin, "kept")
	body := map[string]any{"label": "no", "scopes": []string{"measurements:write"}, "expires_at": ta.Clock.Now().Add(time.Hour).Format(time.RFC3339)}
	for _, role := range nonAdminRoles {
		tok := ta.Token(t, role)
		testapp.ExpectProblem(t, ta.Get(t, "/api/v1/tokens", tok), http.StatusForbidden)
		testapp.ExpectProblem(t, ta.Post(t, "/api/v1/tokens", tok, body), http.StatusForbidden)
		testapp.ExpectProblem(t, ta.Do(t, testapp.Request{Method: http.MethodDelete, Path: "/api/v1/tokens/" + created.ID, Token: tok}), http.StatusForbidden)
	}
	// An API token cannot mint or revoke API tokens.
	testapp.ExpectProblem(t, ta.Post(t, "/api/v1/tokens", created.Token, body), http.StatusForbidden)
	testapp.ExpectProblem(t, ta.Post(t, "/api/v1/tokens", "", body), http.StatusUnauthorized)
	testapp.ExpectProblem(t, ta.Get(t, "/api/v1/tokens", ""), http.StatusUnauthorized)
	testapp.ExpectProblem(t, ta.Do(t, testapp.Request{Method: http.MethodDelete, Path: "/api/v1/tokens/" + created.ID}), http.StatusUnauthorized)
	if n := ta.Count(t, "api_tokens", "label = 'no'"); n != 0 {
		t.Error("a refused request created a token")
	}
	if n := ta.Count(t, "api_tokens", "id = ? AND revoked_at IS NULL", created.ID); n != 1 {
		t.Error("a refused request revoked the token")
	}
}

func TestListAPITokensPages(t *testing.T) {
	ta := testapp.New(t)
	admin := ta.Token(t, models.RoleAdmin)
	var ids []string
	for _, l := range []string{"page a", "page b", "page c"} {
		ids = append(ids, createAPIToken(t, ta, admin, l).ID)
	}
	r := ta.Get(t, "/api/v1/tokens?limit=2", admin)
	var first apiTokenListBody
	r.JSON(t, &first)
	if len(first.Items) != 2 || first.NextCursor == nil || first.Items[0].ID != ids[2] || first.Items[1].ID != ids[1] {
		t.Fatalf("first page: %s", r.Body.String())
	}
	var second apiTokenListBody
	ta.Get(t, "/api/v1/tokens?limit=2&cursor="+url.QueryEscape(*first.NextCursor), admin).JSON(t, &second)
	if len(second.Items) == 0 || second.Items[0].ID != ids[0] {
		t.Errorf("second page starts with %+v, want %s", second.Items, ids[0])
	}
	for _, q := range []string{"limit=0", "limit=x", "limit=501", "cursor=!!!", "cursor=WyJub3QtYS11dWlkIl0"} {
		testapp.ExpectProblem(t, ta.Get(t, "/api/v1/tokens?"+q, admin), http.StatusUnprocessableEntity)
	}
}
