package api_test

import (
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"assure/api"
	"assure/internal/testapp"
	"assure/models"
	"assure/services/access"
)

var routeParam = regexp.MustCompile(`[:*][A-Za-z_]+`)

// matrixPath fills a route's parameters with a random UUID: the route is
// matched, and a resource it names does not exist (a 404 is an allow).
func matrixPath(path string) string {
	return routeParam.ReplaceAllString(path, "0190a8f0-1234-7000-8000-00000000beef")
}

// TestAuthorizationMatrix walks every registered /api route — including those
// added after this test was written — with no token, with a token for each
// single role, and with an API token, and checks allow and deny against the
// permission table in services/access.
func TestAuthorizationMatrix(t *testing.T) {
	ta := testapp.New(t)
	routes := ta.Server.Routes()
	if len(routes) < 10 {
		t.Fatalf("only %d routes registered", len(routes))
	}
	known := map[access.Permission]bool{access.Public: true, access.Authenticated: true}
	for _, p := range access.All() {
		known[p] = true
	}
	tokens := map[models.Role]string{}
	for _, r := range models.Roles {
		tokens[r] = ta.Token(t, r)
	}
	admin := ta.Token(t, models.RoleAdmin)
	pat := ta.Post(t, "/api/v1/tokens", admin, map[string]any{
		"label": "matrix", "scopes": access.Scopes, "expires_at": ta.Clock.Now().Add(time.Hour).Format(time.RFC3339),
	}).Map(t)["token"].(string)
	patActor := access.Actor{TokenID: "matrix", Scopes: access.Scopes}

	for _, rt := range routes {
		t.Run(rt.Method+" "+rt.Path, func(t *testing.T) {
			if !strings.HasPrefix(rt.Path, "/api/") {
				t.Fatalf("route outside /api: %s", rt.Path)
			}
			if !known[rt.Permission] {
				t.Fatalf("permission %q is not in the permission table", rt.Permission)
			}
			path := matrixPath(rt.Path)
			call := func(token string) testapp.Response {
				return ta.Do(t, testapp.Request{Method: rt.Method, Path: path, Token: token})
			}
			// No token: 401, unless the route is public.
			r := call("")
			switch {
			case rt.Permission == access.Public:
				if r.Code == http.StatusForbidden {
					t.Errorf("public route refused an anonymous caller: 403")
				}
			case r.Code != http.StatusUnauthorized:
				t.Errorf("no token: %d, want 401", r.Code)
			}
			for _, role := range models.Roles {
				r := call(tokens[role])
				allowed := rt.Permission == access.Public || rt.Permission == access.Authenticated || access.RoleAllows(role, rt.Permission)
				checkMatrixCell(t, string(role), allowed, rt.Permission == access.Public, r)
			}
			if rt.Permission != access.Public {
				checkMatrixCell(t, "API token", patActor.Can(rt.Permission), false, call(pat))
			}
		})
	}
}

func checkMatrixCell(t *testing.T, who string, allowed, public bool, r testapp.Response) {
	t.Helper()
	switch {
	case allowed && public && r.Code == http.StatusForbidden:
		t.Errorf("%s: 403 on a public route", who)
	case allowed && !public && (r.Code == http.StatusUnauthorized || r.Code == http.StatusForbidden):
		t.Errorf("%s: %d, want it allowed (anything but 401/403): %s", who, r.Code, r.Body.String())
	case !allowed && r.Code != http.StatusForbidden:
		t.Errorf("%s: %d, want 403", who, r.Code)
	case r.Code >= 500:
		t.Errorf("%s: %d: %s", who, r.Code, r.Body.String())
	}
}

// TestPermissionTableIsConsistent: every permission is granted to some role
// or scope, every grant is a known permission, and the API contract's
// Permission enum (what the web client shapes its navigation by) matches.
func TestPermissionTableIsConsistent(t *testing.T) {
	granted := map[access.Permission]bool{}
	for _, r := range models.Roles {
		for _, p := range access.PermissionsOf([]models.Role{r}) {
			granted[p] = true
		}
	}
	all := map[access.Permission]bool{}
	for _, p := range access.All() {
		all[p] = true
		if !granted[p] {
			t.Errorf("no role holds %s", p)
		}
	}
	for p := range granted {
		if !all[p] {
			t.Errorf("a role holds %s, which access.All does not list", p)
		}
	}
	var spec struct {
		Components struct {
			Schemas map[string]struct {
				Enum []string `yaml:"enum"`
			} `yaml:"schemas"`
		} `yaml:"components"`
	}
	if err := yaml.Unmarshal(api.OpenAPISpec, &spec); err != nil {
		t.Fatal(err)
	}
	var want, inSpec []string
	for _, p := range access.All() {
		want = append(want, string(p))
	}
	inSpec = append(inSpec, spec.Components.Schemas["Permission"].Enum...)
	sort.Strings(want)
	sort.Strings(inSpec)
	if strings.Join(want, ",") != strings.Join(inSpec, ",") {
		t.Errorf("openapi Permission enum %v, want %v", inSpec, want)
	}
	var roles []string
	for _, r := range models.Roles {
		roles = append(roles, string(r))
	}
	if got := spec.Components.Schemas["Role"].Enum; strings.Join(got, ",") != strings.Join(roles, ",") {
		t.Errorf("openapi Role enum %v, want %v", got, roles)
	}
	var scopes []string
	for _, s := range access.Scopes {
		scopes = append(scopes, string(s))
	}
	if got := spec.Components.Schemas["Scope"].Enum; strings.Join(got, ",") != strings.Join(scopes, ",") {
		t.Errorf("openapi Scope enum %v, want %v", got, scopes)
	}
}
