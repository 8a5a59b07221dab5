package api_test

import (
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"assure/api"
	"assure/internal/database"
	"assure/internal/testapp"
	"assure/internal/testdb"
)

func TestUnknownAPIRouteIsProblem404(t *testing.T) {
	ta := testapp.New(t)
	r := ta.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/nope"})
	p := testapp.ExpectProblem(t, r, http.StatusNotFound)
	if p["instance"] != "/api/v1/nope" {
		t.Errorf("instance = %v", p["instance"])
	}
}

func TestWrongMethodIsProblem405(t *testing.T) {
	ta := testapp.New(t)
	r := ta.Do(t, testapp.Request{Method: http.MethodDelete, Path: "/api/v1/openapi.yaml"})
	testapp.ExpectProblem(t, r, http.StatusMethodNotAllowed)
	if allow := r.Header().Get("Allow"); !strings.Contains(allow, "GET") {
		t.Errorf("Allow = %q, want GET listed", allow)
	}
}

func TestOversizeBodyIsProblem413(t *testing.T) {
	ta := testapp.New(t)
	big := strings.Repeat("x", int(api.DefaultBodyLimit)+1)
	r := ta.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/nope", Body: `{"a":"` + big + `"}`})
	testapp.ExpectProblem(t, r, http.StatusRequestEntityTooLarge)
}

func TestRequestIDIsEchoedOrMade(t *testing.T) {
	ta := testapp.New(t)
	r := ta.Do(t, testapp.Request{Method: http.MethodGet, Path: "/healthz", Headers: map[string]string{"X-Request-ID": "abc-123"}})
	if got := r.Header().Get("X-Request-ID"); got != "abc-123" {
		t.Errorf("echoed request id %q", got)
	}
	r = ta.Do(t, testapp.Request{Method: http.MethodGet, Path: "/healthz", Headers: map[string]string{"X-Request-ID": "bad id with spaces\n"}})
	if got := r.Header().Get("X-Request-ID"); got == "" || strings.Contains(got, " ") {
		t.Errorf("made request id %q", got)
	}
	p := testapp.ExpectProblem(t, ta.Get(t, "/api/v1/nope", ""), http.StatusNotFound)
	if p["request_id"] == "" {
		t.Error("problem has no request id")
	}
}

func TestSecurityHeaders(t *testing.T) {
	ta := testapp.New(t)
	r := ta.Get(t, "/", "")
	h := r.Header()
	for k, want := range map[string]string{
		"X-Content-Type-Options": "nosniff",
		"Referrer-Policy":        "no-referrer",
	} {
		if h.Get(k) != want {
			t.Errorf("%s = %q, want %q", k, h.Get(k), want)
		}
	}
	csp := h.Get("Content-Security-Policy")
	for _, d := range []string{"default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "script-src 'self'"} {
		if !strings.Contains(csp, d) {
			t.Errorf("CSP %q lacks %q", csp, d)
		}
	}
}

func TestHealthAndReadiness(t *testing.T) {
	ta := testapp.New(t)
	if r := ta.Get(t, "/healthz", ""); r.Code != http.StatusOK {
		t.Fatalf("healthz %d", r.Code)
	}
	r := ta.Get(t, "/readyz", "")
	if r.Code != http.StatusOK {
		t.Fatalf("readyz on a migrated database: %d %s", r.Code, r.Body.String())
	}
}

func TestReadyzIs503WithUnmigratedSchemaAndRecovers(t *testing.T) {
	ctx := t.Context()
	name, url, err := testdb.CreateEmpty(ctx)
	if err != nil {
		t.Fatal(err)
	}
	db, err := database.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close(); _ = testdb.DropDatabase(name) })
	ta := testapp.NewWithDB(t, db)
	r := ta.Get(t, "/readyz", "")
	if r.Code != http.StatusServiceUnavailable || !strings.Contains(r.Body.String(), "migration") {
		t.Fatalf("readyz before migrating: %d %s", r.Code, r.Body.String())
	}
	if _, err := db.MigrateUp(ctx); err != nil {
		t.Fatal(err)
	}
	if r := ta.Get(t, "/readyz", ""); r.Code != http.StatusOK {
		t.Fatalf("readyz after migrating: %d %s", r.Code, r.Body.String())
	}
}

// TestReadyzFollowsTheDatabase cuts the server's path to PostgreSQL with a
// proxy we control: /readyz goes 503 while it is down, the process keeps
// serving, and it is 200 again once the database is back.
func TestReadyzFollowsTheDatabase(t *testing.T) {
	proxy := newToggleProxy(t, "127.0.0.1:5432")
	base := testapp.DB(t)
	name := base.Pool.Config().ConnConfig.Database
	db, err := database.Open(t.Context(), "postgres://postgres@"+proxy.addr()+"/"+name+"?sslmode=disable")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	ta := testapp.NewWithDB(t, db)
	if r := ta.Get(t, "/readyz", ""); r.Code != http.StatusOK {
		t.Fatalf("readyz with the database up: %d %s", r.Code, r.Body.String())
	}
	proxy.down()
	db.Pool.Reset() // drop pooled connections, as a database restart would
	if r := ta.Get(t, "/readyz", ""); r.Code != http.StatusServiceUnavailable {
		t.Fatalf("readyz with the database down: %d %s", r.Code, r.Body.String())
	}
	if r := ta.Get(t, "/healthz", ""); r.Code != http.StatusOK {
		t.Fatalf("healthz while the database is down: %d", r.Code)
	}
	proxy.up()
	if r := ta.Get(t, "/readyz", ""); r.Code != http.StatusOK {
		t.Fatalf("readyz after the database came back: %d %s", r.Code, r.Body.String())
	}
}

func TestMetricsExposeRequestsAndPool(t *testing.T) {
	ta := testapp.New(t)
	ta.Get(t, "/healthz", "")
	body := ta.Get(t, "/metrics", "").Body.String()
	for _, m := range []string{
		`assure_http_requests_total{method="GET",route="/healthz",status="200"}`,
		"assure_http_request_duration_seconds_bucket",
		"assure_db_pool_connections",
		"assure_db_pool_acquired_connections",
	} {
		if !strings.Contains(body, m) {
			t.Errorf("metrics lack %s", m)
		}
	}
}

func TestOpenAPISpecIsServed(t *testing.T) {
	ta := testapp.New(t)
	r := ta.Get(t, "/api/v1/openapi.yaml", "")
	if r.Code != http.StatusOK || !strings.HasPrefix(r.Body.String(), "openapi: 3.1") {
		t.Fatalf("spec: %d %.60s", r.Code, r.Body.String())
	}
}

func TestWebAppIsServedWithFallbackAndCaching(t *testing.T) {
	ta := testapp.New(t)
	web := fstest.MapFS{
		"index.html":           {Data: []byte("<!doctype html><title>Assure</title><div id=root></div>")},
		"assets/app-abc123.js": {Data: []byte("console.log(1)")},
		"favicon.ico":          {Data: []byte("ico")},
	}
	srv, err := api.New(ta.App, api.Options{Web: web})
	if err != nil {
		t.Fatal(err)
	}
	get := func(path string) *http.Response {
		req, _ := http.NewRequest(http.MethodGet, path, nil)
		w := newRecorder()
		srv.Handler().ServeHTTP(w, req)
		return w.Result()
	}
	for _, p := range []string{"/", "/standards/123", "/report"} {
		res := get(p)
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 || !strings.Contains(string(b), "<title>Assure</title>") {
			t.Errorf("%s: %d %q", p, res.StatusCode, b)
		}
		if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
			t.Errorf("%s: index.html Cache-Control %q", p, cc)
		}
	}
	res := get("/assets/app-abc123.js")
	if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("hashed asset: %d %q", res.StatusCode, res.Header.Get("Cache-Control"))
	}
	if res := get("/assets/missing-999.js"); res.StatusCode != 404 {
		t.Errorf("missing asset: %d, want 404", res.StatusCode)
	}
	if res := get("/api/v1/nope"); res.StatusCode != 404 || res.Header.Get("Content-Type") != api.ProblemContentType {
		t.Errorf("API 404 under the SPA: %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
}

func TestWithoutWebBuildRootSaysHowToBuild(t *testing.T) {
	ta := testapp.New(t)
	r := ta.Get(t, "/", "")
	if r.Code != 200 || !strings.Contains(r.Body.String(), "npm run build") {
		t.Fatalf("/ without a web build: %d %s", r.Code, r.Body.String())
	}
}

// toggleProxy forwards TCP to target while up; while down it refuses.
type toggleProxy struct {
	t      *testing.T
	target string
	ln     net.Listener
	mu     sync.Mutex
	conns  []net.Conn
	isDown bool
}

func newToggleProxy(t *testing.T, target string) *toggleProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &toggleProxy{t: t, target: target, ln: ln}
	go p.serve()
	t.Cleanup(func() { ln.Close(); p.closeAll() })
	return p
}

func (p *toggleProxy) addr() string { return p.ln.Addr().String() }

func (p *toggleProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		down := p.isDown
		p.mu.Unlock()
		if down {
			c.Close()
			continue
		}
		u, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		p.conns = append(p.conns, c, u)
		p.mu.Unlock()
		go func() { _, _ = io.Copy(u, c); u.Close() }()
		go func() { _, _ = io.Copy(c, u); c.Close() }()
	}
}

func (p *toggleProxy) closeAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

func (p *toggleProxy) down() {
	p.mu.Lock()
	p.isDown = true
	p.mu.Unlock()
	p.closeAll()
}

func (p *toggleProxy) up() {
	p.mu.Lock()
	p.isDown = false
	p.mu.Unlock()
}
