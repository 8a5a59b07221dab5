// Package testapp runs the real router, services and a real PostgreSQL
// database for API tests: requests go through httptest exactly as a client's
// would. Each test package gets one fresh database (Main), dropped afterwards.
package testapp

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"assure/api"
	"assure/internal/app"
	"assure/internal/config"
	"assure/internal/database"
	"assure/internal/testdb"
	"assure/models"
	"assure/services/access"
	"assure/services/auth"
)

// Secret is the JWT secret every test app signs with.
const Secret = "test-secret-test-secret-test-secret-0123"

var (
	pkgClone *testdb.Clone
	pkgMu    sync.Mutex
)

// Main runs a test package's tests with one fresh database, dropped after.
// Call it from TestMain: func TestMain(m *testing.M) { testapp.Main(m) }.
func Main(m *testing.M) {
	c, err := testdb.Create(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	pkgClone = c
	code := m.Run()
	if err := c.Drop(); err != nil {
		fmt.Fprintln(os.Stderr, "drop test database:", err)
	}
	os.Exit(code)
}

// DB returns the package's database (Main must have run).
func DB(t testing.TB) *database.DB {
	t.Helper()
	pkgMu.Lock()
	defer pkgMu.Unlock()
	if pkgClone == nil {
		t.Fatal("testapp: call testapp.Main(m) from TestMain")
	}
	return pkgClone.DB
}

// App is a running test application.
type App struct {
	App    *app.App
	Server *api.Server
	// Clock is the app's clock; tests may move it.
	Clock *Clock
}

// Clock is a settable clock, starting at the real time.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// Set sets the clock.
func (c *Clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// New builds the app over the package database.
func New(t testing.TB) *App {
	t.Helper()
	return NewWithDB(t, DB(t))
}

// NewWithDB builds the app over db.
func NewWithDB(t testing.TB, db *database.DB) *App {
	t.Helper()
	cfg, err := config.Load(func(k string) string {
		switch k {
		case "ASSURE_JWT_SECRET":
			return Secret
		case "ASSURE_DEV":
			return "true"
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	clock := &Clock{t: time.Now().UTC()}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if os.Getenv("ASSURE_TEST_LOG") != "" {
		log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	a, err := app.New(cfg, db, log, clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	s, err := api.New(a, api.Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return &App{App: a, Server: s, Clock: clock}
}

// UniqueEmail returns an email no other test uses.
func UniqueEmail(prefix string) string {
	b := make([]byte, 5)
	_, _ = rand.Read(b)
	return prefix + "-" + hex.EncodeToString(b) + "@test.assure.test"
}

// UserWith creates an active user holding roles and returns it.
func (ta *App) UserWith(t testing.TB, roles ...models.Role) models.User {
	t.Helper()
	name := "Test user"
	if len(roles) > 0 {
		name = "Test " + string(roles[0])
	}
	u, err := ta.App.Auth.CreateUser(context.Background(), access.System("test"), auth.NewUser{
		Email: UniqueEmail(strings.ToLower(strings.ReplaceAll(name, " ", "-"))), Name: name, Roles: roles,
	})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TokenFor signs an access token for u.
func (ta *App) TokenFor(t testing.TB, u models.User) string {
	t.Helper()
	tok, _, err := ta.App.Auth.Signer().Issue(u.ID, auth.RolesOf(u))
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// Token creates a user with roles and returns an access token for them.
func (ta *App) Token(t testing.TB, roles ...models.Role) string {
	t.Helper()
	return ta.TokenFor(t, ta.UserWith(t, roles...))
}

// Request is one HTTP request to the app.
type Request struct {
	Method  string
	Path    string
	Token   string
	Body    any // string and []byte are sent as-is; anything else as JSON
	Headers map[string]string
	// RemoteAddr is the client address (default 192.0.2.1:1234), for tests of
	// per-address limits that must not affect each other.
	RemoteAddr string
}

// Response is the recorded answer.
type Response struct {
	*httptest.ResponseRecorder
}

// JSON decodes the body into v, failing the test if it cannot.
func (r Response) JSON(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body.Bytes(), v); err != nil {
		t.Fatalf("decode %d response %q: %v", r.Code, r.Body.String(), err)
	}
}

// Map decodes the body as a JSON object.
func (r Response) Map(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	r.JSON(t, &m)
	return m
}

// Do sends the request through the real router.
func (ta *App) Do(t testing.TB, req Request) Response {
	t.Helper()
	var body io.Reader
	contentType := ""
	switch b := req.Body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
		contentType = "application/json"
	case []byte:
		body = bytes.NewReader(b)
		contentType = "application/json"
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		body = bytes.NewReader(raw)
		contentType = "application/json"
	}
	r := httptest.NewRequest(req.Method, req.Path, body)
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	if req.Token != "" {
		r.Header.Set("Authorization", "Bearer "+req.Token)
	}
	for k, v := range req.Headers {
		r.Header.Set(k, v)
	}
	if req.RemoteAddr != "" {
		r.RemoteAddr = req.RemoteAddr
	}
	w := httptest.NewRecorder()
	ta.Server.Handler().ServeHTTP(w, r)
	return Response{w}
}

// Get is Do with GET.
func (ta *App) Get(t testing.TB, path, token string) Response {
	t.Helper()
	return ta.Do(t, Request{Method: http.MethodGet, Path: path, Token: token})
}

// Post is Do with POST and a JSON body.
func (ta *App) Post(t testing.TB, path, token string, body any) Response {
	t.Helper()
	return ta.Do(t, Request{Method: http.MethodPost, Path: path, Token: token, Body: body})
}

// ExpectProblem fails unless r is a problem details response with status.
func ExpectProblem(t testing.TB, r Response, status int) map[string]any {
	t.Helper()
	if r.Code != status {
		t.Fatalf("status %d, want %d; body %s", r.Code, status, r.Body.String())
	}
	if ct := r.Header().Get("Content-Type"); !strings.HasPrefix(ct, api.ProblemContentType) {
		t.Fatalf("content type %q, want %s; body %s", ct, api.ProblemContentType, r.Body.String())
	}
	m := r.Map(t)
	if int(m["status"].(float64)) != status || m["title"] == "" || m["type"] == "" {
		t.Fatalf("not a problem body: %s", r.Body.String())
	}
	return m
}

// FieldErrors returns the field names of a 422 problem's errors.
func FieldErrors(t testing.TB, m map[string]any) []string {
	t.Helper()
	var out []string
	errs, _ := m["errors"].([]any)
	for _, e := range errs {
		if f, ok := e.(map[string]any)["field"].(string); ok {
			out = append(out, f)
		}
	}
	return out
}

// Count returns the number of rows in table matching where (a trusted,
// test-written SQL fragment) — for asserting what was, and was not, written.
func (ta *App) Count(t testing.TB, table, where string, args ...any) int64 {
	t.Helper()
	var n int64
	q := "SELECT count(*) FROM " + table
	if where != "" {
		q += " WHERE " + where
	}
	if err := ta.App.DB.Gorm.Raw(q, args...).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}
