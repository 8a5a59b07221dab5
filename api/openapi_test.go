package api_test

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"assure/api"
	"assure/internal/testapp"
	"assure/services/access"
)

var ginParam = regexp.MustCompile(`:([A-Za-z_]+)`)

// TestOpenAPIMatchesRoutes fails when a registered /api route is missing from
// api/openapi.yaml, or the spec lists a route that is not registered.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	var spec struct {
		OpenAPI string                          `yaml:"openapi"`
		Paths   map[string]map[string]yaml.Node `yaml:"paths"`
	}
	if err := yaml.Unmarshal(api.OpenAPISpec, &spec); err != nil {
		t.Fatalf("api/openapi.yaml does not parse: %v", err)
	}
	if !strings.HasPrefix(spec.OpenAPI, "3.1") {
		t.Errorf("openapi version %q, want 3.1.x", spec.OpenAPI)
	}
	inSpec := map[string]bool{}
	for path, ops := range spec.Paths {
		if !strings.HasPrefix(path, "/api/") {
			continue
		}
		for method := range ops {
			switch method {
			case "get", "post", "put", "patch", "delete", "head", "options":
				inSpec[strings.ToUpper(method)+" "+path] = true
			}
		}
	}
	ta := testapp.New(t)
	registered := map[string]bool{}
	for _, r := range ta.Server.Routes() {
		registered[r.Method+" "+ginParam.ReplaceAllString(r.Path, "{$1}")] = true
	}
	var missing, extra []string
	for k := range registered {
		if !inSpec[k] {
			missing = append(missing, k)
		}
	}
	for k := range inSpec {
		if !registered[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 {
		t.Errorf("registered but not in api/openapi.yaml:\n  %s", strings.Join(missing, "\n  "))
	}
	if len(extra) > 0 {
		t.Errorf("in api/openapi.yaml but not registered:\n  %s", strings.Join(extra, "\n  "))
	}
}

// TestEveryAPIRouteDeclaresAPermission: nothing is allowed by default. Every
// route under /api went through s.handle with a permission the table knows.
func TestEveryAPIRouteDeclaresAPermission(t *testing.T) {
	ta := testapp.New(t)
	declared := map[string]access.Permission{}
	for _, r := range ta.Server.Routes() {
		declared[r.Method+" "+r.Path] = r.Permission
		if r.Permission == "" {
			t.Errorf("%s %s has no permission", r.Method, r.Path)
		}
	}
	for _, r := range ta.Server.EngineRoutes() {
		if !strings.HasPrefix(r.Path, "/api/") {
			continue
		}
		if _, ok := declared[r.Method+" "+r.Path]; !ok {
			t.Errorf("%s %s is registered without a declared permission (use s.handle)", r.Method, r.Path)
		}
	}
}
