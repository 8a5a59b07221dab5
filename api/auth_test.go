package api_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"assure/api"
	"assure/internal/testapp"
	"assure/models"
	"assure/services/access"
	"assure/services/auth"
)

// signInPassword passes the password rules; every hashed test user shares it.
const signInPassword = "a long enough test passphrase"

// userWithPassword creates an active user who can sign in (one argon2id hash).
func signInUser(t testing.TB, ta *testapp.App, roles ...models.Role) models.User {
	t.Helper()
	u, err := ta.App.Auth.CreateUser(context.Background(), access.System("test"), auth.NewUser{
		Email: testapp.UniqueEmail("signin"), Name: "Sign In", Roles: roles, Password: signInPassword,
	})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// randomIP returns a client address no other test uses, so the per-address
// sign-in throttle of one test never trips another.
func randomClientIP() string {
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return fmt.Sprintf("10.%d.%d.%d", b[0], b[1], b[2])
}

// doFrom sends a request from client address ip, with optional cookies.
func doFromIP(t testing.TB, ta *testapp.App, ip, method, path string, body any, cookies ...*http.Cookie) testapp.Response {
	t.Helper()
	var raw []byte
	switch b := body.(type) {
	case nil:
	case string:
		raw = []byte(b)
	case []byte:
		raw = b
	default:
		var err error
		if raw, err = json.Marshal(b); err != nil {
			t.Fatal(err)
		}
	}
	r := httptest.NewRequest(method, path, bytes.NewReader(raw))
	r.RemoteAddr = ip + ":40000"
	if body != nil {
		r.Header.Set("Content-Type", "application/json")
	}
	for _, c := range cookies {
		r.AddCookie(c)
	}
	w := httptest.NewRecorder()
	ta.Server.Handler().ServeHTTP(w, r)
	return testapp.Response{ResponseRecorder: w}
}

func signIn(t testing.TB, ta *testapp.App, ip, email, password string) testapp.Response {
	t.Helper()
	return doFromIP(t, ta, ip, http.MethodPost, "/api/v1/auth/login", map[string]string{"email": email, "password": password})
}

// refreshCookieOf returns the refresh cookie a response set (failing if none).
func refreshCookieOf(t testing.TB, r testapp.Response) *http.Cookie {
	t.Helper()
	for _, c := range r.Result().Cookies() {
		if c.Name == api.RefreshCookie {
			return c
		}
	}
	t.Fatalf("no %s cookie in response %d %s", api.RefreshCookie, r.Code, r.Body.String())
	return nil
}

type signInTokens struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in"`
}

func expectSignedIn(t testing.TB, r testapp.Response) signInTokens {
	t.Helper()
	if r.Code != http.StatusOK {
		t.Fatalf("status %d, want 200: %s", r.Code, r.Body.String())
	}
	var tb signInTokens
	r.JSON(t, &tb)
	if tb.AccessToken == "" || tb.TokenType != "Bearer" || tb.ExpiresIn != 900 {
		t.Fatalf("token response %s", r.Body.String())
	}
	if cc := r.Header().Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q, want no-store", cc)
	}
	return tb
}

func TestLoginRefreshLogout(t *testing.T) {
	ta := testapp.New(t)
	u := signInUser(t, ta, models.RoleImprover, models.RoleBoard)
	ip := randomClientIP()
	auditBefore := ta.Count(t, "audit_events", "action = 'auth.login' AND entity_id = ?", u.ID)

	// The email is matched case-insensitively and trimmed.
	r := signIn(t, ta, ip, "  "+strings.ToUpper(u.Email)+" ", signInPassword)
	tb := expectSignedIn(t, r)
	ck := refreshCookieOf(t, r)
	if !ck.HttpOnly || ck.SameSite != http.SameSiteStrictMode || ck.Path != "/api/v1/auth" || ck.Value == "" || ck.MaxAge <= 0 {
		t.Errorf("refresh cookie %+v: want HttpOnly, SameSite=Strict, Path=/api/v1/auth, a value and a Max-Age", ck)
	}
	if ck.Secure {
		t.Errorf("refresh cookie is Secure in dev mode (plain http would drop it)")
	}
	if strings.Contains(r.Body.String(), ck.Value) {
		t.Errorf("the refresh token appears in the body")
	}
	if n := ta.Count(t, "audit_events", "action = 'auth.login' AND entity_id = ?", u.ID); n != auditBefore+1 {
		t.Errorf("auth.login events %d, want %d", n, auditBefore+1)
	}
	if n := ta.Count(t, "refresh_tokens", "token_hash = ?", ck.Value); n != 0 {
		t.Errorf("the refresh token is stored in the clear")
	}

	// The access token works and says who this is.
	me := ta.Get(t, "/api/v1/me", tb.AccessToken)
	if me.Code != http.StatusOK {
		t.Fatalf("GET /me: %d %s", me.Code, me.Body.String())
	}
	var mb struct {
		ID, Email, Name string
		Roles           []string
		Permissions     []string
	}
	me.JSON(t, &mb)
	if mb.ID != u.ID || mb.Email != u.Email || mb.Name != u.Name ||
		strings.Join(mb.Roles, ",") != "improver,board" {
		t.Errorf("me = %+v, want %s %s improver,board", mb, u.ID, u.Email)
	}
	wantPerms := access.PermissionsOf([]models.Role{models.RoleImprover, models.RoleBoard})
	if len(mb.Permissions) != len(wantPerms) || !inList(mb.Permissions, "audit.read") || !inList(mb.Permissions, "measurements.write") {
		t.Errorf("permissions %v, want %v", mb.Permissions, wantPerms)
	}

	// Refresh rotates: a new access token and a new cookie.
	r2 := doFromIP(t, ta, ip, http.MethodPost, "/api/v1/auth/refresh", nil, ck)
	tb2 := expectSignedIn(t, r2)
	ck2 := refreshCookieOf(t, r2)
	if ck2.Value == ck.Value || tb2.AccessToken == tb.AccessToken {
		t.Fatal("refresh did not rotate the tokens")
	}
	if ta.Get(t, "/api/v1/me", tb2.AccessToken).Code != http.StatusOK {
		t.Fatal("the refreshed access token does not work")
	}

	// Logout ends the session: the cookie is cleared, refresh fails, and the
	// session's access tokens stop working.
	out := doFromIP(t, ta, ip, http.MethodPost, "/api/v1/auth/logout", nil, ck2)
	if out.Code != http.StatusNoContent {
		t.Fatalf("logout: %d %s", out.Code, out.Body.String())
	}
	if c := refreshCookieOf(t, out); c.MaxAge >= 0 || c.Value != "" {
		t.Errorf("logout did not clear the cookie: %+v", c)
	}
	testapp.ExpectProblem(t, doFromIP(t, ta, ip, http.MethodPost, "/api/v1/auth/refresh", nil, ck2), http.StatusUnauthorized)
	testapp.ExpectProblem(t, ta.Get(t, "/api/v1/me", tb2.AccessToken), http.StatusUnauthorized)
	if n := ta.Count(t, "audit_events", "action = 'auth.logout' AND actor_user_id = ?", u.ID); n != 1 {
		t.Errorf("auth.logout events %d, want 1", n)
	}
	// Logging out again, or with no cookie at all, still succeeds.
	if r := doFromIP(t, ta, ip, http.MethodPost, "/api/v1/auth/logout", nil, ck2); r.Code != http.StatusNoContent {
		t.Errorf("second logout: %d", r.Code)
	}
	if r := doFromIP(t, ta, ip, http.MethodPost, "/api/v1/auth/logout", nil); r.Code != http.StatusNoContent {
		t.Errorf("logout without a cookie: %d", r.Code)
	}
}

func TestRefreshCookieIsSecureOutsideDev(t *testing.T) {
	ta := testapp.New(t)
	ta.App.Config.Dev = false
	u := signInUser(t, ta, models.RoleClinician)
	r := signIn(t, ta, randomClientIP(), u.Email, signInPassword)
	expectSignedIn(t, r)
	if ck := refreshCookieOf(t, r); !ck.Secure {
		t.Errorf("refresh cookie %+v is not Secure", ck)
	}
}

func TestRefreshReuseRevokesTheFamily(t *testing.T) {
	ta := testapp.New(t)
	u := signInUser(t, ta, models.RoleClinician)
	ip := randomClientIP()
	r := signIn(t, ta, ip, u.Email, signInPassword)
	first := expectSignedIn(t, r)
	ck1 := refreshCookieOf(t, r)
	r2 := doFromIP(t, ta, ip, http.MethodPost, "/api/v1/auth/refresh", nil, ck1)
	expectSignedIn(t, r2)
	ck2 := refreshCookieOf(t, r2)

	// ck1 was rotated: presenting it again is theft. The family dies — the
	// current refresh token and the session's access tokens with it.
	p := testapp.ExpectProblem(t, doFromIP(t, ta, ip, http.MethodPost, "/api/v1/auth/refresh", nil, ck1), http.StatusUnauthorized)
	if d, _ := p["detail"].(string); d == "" {
		t.Errorf("no detail in %v", p)
	}
	testapp.ExpectProblem(t, doFromIP(t, ta, ip, http.MethodPost, "/api/v1/auth/refresh", nil, ck2), http.StatusUnauthorized)
	testapp.ExpectProblem(t, ta.Get(t, "/api/v1/me", first.AccessToken), http.StatusUnauthorized)
	if n := ta.Count(t, "audit_events", "action = 'auth.refresh_reused' AND actor_user_id = ?", u.ID); n != 1 {
		t.Errorf("auth.refresh_reused events %d, want 1", n)
	}
	if n := ta.Count(t, "sessions", "user_id = ? AND revoked_at IS NULL", u.ID); n != 0 {
		t.Errorf("%d live sessions after reuse, want 0", n)
	}
	// A new sign-in is unaffected.
	expectSignedIn(t, signIn(t, ta, ip, u.Email, signInPassword))
}

func TestRefreshRejectsBadCookies(t *testing.T) {
	ta := testapp.New(t)
	ip := randomClientIP()
	for name, cookies := range map[string][]*http.Cookie{
		"no cookie":      nil,
		"unknown token":  {{Name: api.RefreshCookie, Value: "bm90LWEtcmVhbC10b2tlbg"}},
		"empty value":    {{Name: api.RefreshCookie, Value: ""}},
		"oversize value": {{Name: api.RefreshCookie, Value: strings.Repeat("a", 4000)}},
	} {
		t.Run(name, func(t *testing.T) {
			r := doFromIP(t, ta, ip, http.MethodPost, "/api/v1/auth/refresh", nil, cookies...)
			testapp.ExpectProblem(t, r, http.StatusUnauthorized)
		})
	}
}

func TestRefreshAfterExpiry(t *testing.T) {
	ta := testapp.New(t)
	u := signInUser(t, ta, models.RoleClinician)
	ip := randomClientIP()
	r := signIn(t, ta, ip, u.Email, signInPassword)
	expectSignedIn(t, r)
	ta.Clock.Advance(auth.RefreshTokenTTL + time.Second)
	testapp.ExpectProblem(t, doFromIP(t, ta, ip, http.MethodPost, "/api/v1/auth/refresh", nil, refreshCookieOf(t, r)), http.StatusUnauthorized)
}

func TestRefreshForDeactivatedUserFails(t *testing.T) {
	ta := testapp.New(t)
	u := signInUser(t, ta, models.RoleClinician)
	ip := randomClientIP()
	r := signIn(t, ta, ip, u.Email, signInPassword)
	expectSignedIn(t, r)
	ta.App.DB.Gorm.Exec("UPDATE users SET active = false WHERE id = ?", u.ID)
	testapp.ExpectProblem(t, doFromIP(t, ta, ip, http.MethodPost, "/api/v1/auth/refresh", nil, refreshCookieOf(t, r)), http.StatusUnauthorized)
	if n := ta.Count(t, "sessions", "user_id = ? AND revoked_at IS NULL", u.ID); n != 0 {
		t.Errorf("deactivated user keeps %d live sessions", n)
	}
}

func TestLoginBadInputWritesNothing(t *testing.T) {
	ta := testapp.New(t)
	ip := randomClientIP()
	cases := []struct {
		name   string
		body   any
		ctype  string
		status int
		field  string
	}{
		{"malformed JSON", `{"email": "a@b.c", "password": `, "", http.StatusBadRequest, ""},
		{"not an object", `["a@b.c"]`, "", http.StatusBadRequest, ""},
		{"empty body", ``, "", http.StatusBadRequest, ""},
		{"trailing data", `{"email":"a@b.c","password":"x"} {}`, "", http.StatusBadRequest, ""},
		{"wrong type", `{"email": 12, "password": "whatever it is"}`, "", http.StatusUnprocessableEntity, "email"},
		{"unknown field", `{"email": "a@b.c", "password": "whatever it is", "remember": true}`, "", http.StatusUnprocessableEntity, "remember"},
		{"missing password", `{"email": "a@b.c"}`, "", http.StatusUnprocessableEntity, "password"},
		{"missing email", `{"password": "whatever it is"}`, "", http.StatusUnprocessableEntity, "email"},
		{"NUL in email", `{"email": "a\u0000@b.c", "password": "whatever it is"}`, "", http.StatusUnprocessableEntity, "email"},
		{"oversize password", map[string]string{"email": "a@b.c", "password": strings.Repeat("p", 2000)}, "", http.StatusUnprocessableEntity, "password"},
		{"oversize body", `{"email": "a@b.c", "password": "` + strings.Repeat("p", 1<<20) + `"}`, "", http.StatusRequestEntityTooLarge, ""},
		{"not JSON", `email=a@b.c`, "application/x-www-form-urlencoded", http.StatusUnsupportedMediaType, ""},
	}
	failures := ta.Count(t, "login_failures", "client_ip = ?", ip)
	events := ta.Count(t, "audit_events", "")
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := doFromIP(t, ta, ip, http.MethodPost, "/api/v1/auth/login", tc.body)
			if tc.ctype != "" {
				req := httptest.NewRequest(http.MethodPost, "/api/v1/auth/login", strings.NewReader(tc.body.(string)))
				req.Header.Set("Content-Type", tc.ctype)
				w := httptest.NewRecorder()
				ta.Server.Handler().ServeHTTP(w, req)
				r = testapp.Response{ResponseRecorder: w}
			}
			p := testapp.ExpectProblem(t, r, tc.status)
			if tc.field != "" && !inList(testapp.FieldErrors(t, p), tc.field) {
				t.Errorf("errors %v do not name %q", p["errors"], tc.field)
			}
			if len(refreshCookies(r)) > 0 {
				t.Error("a refresh cookie was set")
			}
		})
	}
	if n := ta.Count(t, "login_failures", "client_ip = ?", ip); n != failures {
		t.Errorf("bad requests recorded %d sign-in failures", n-failures)
	}
	if n := ta.Count(t, "audit_events", ""); n != events {
		t.Errorf("bad requests wrote %d audit events", n-events)
	}
}

func refreshCookies(r testapp.Response) []*http.Cookie {
	var out []*http.Cookie
	for _, c := range r.Result().Cookies() {
		if c.Name == api.RefreshCookie {
			out = append(out, c)
		}
	}
	return out
}

func inList[T comparable](xs []T, x T) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// withoutRequestID drops what legitimately differs between two answers.
func withoutRequestIDField(t testing.TB, r testapp.Response) map[string]any {
	t.Helper()
	m := r.Map(t)
	delete(m, "request_id")
	return m
}

func TestUnknownEmailAndWrongPasswordAreIndistinguishable(t *testing.T) {
	ta := testapp.New(t)
	u := signInUser(t, ta, models.RoleClinician)
	var logs bytes.Buffer
	ta.App.Auth.SetLogger(slog.New(slog.NewTextHandler(&lockedBuffer{w: &logs}, nil)))

	const rounds = 3
	// The fastest of a few tries each: robust against a busy machine's spikes.
	unknownTime, wrongTime := time.Duration(1<<62), time.Duration(1<<62)
	var unknown, wrong testapp.Response
	for i := 0; i < rounds; i++ {
		start := time.Now()
		unknown = signIn(t, ta, randomClientIP(), testapp.UniqueEmail("nobody"), "wrong password 123")
		unknownTime = min(unknownTime, time.Since(start))
		start = time.Now()
		wrong = signIn(t, ta, randomClientIP(), u.Email, "wrong password 123")
		wrongTime = min(wrongTime, time.Since(start))
	}
	testapp.ExpectProblem(t, unknown, http.StatusUnauthorized)
	testapp.ExpectProblem(t, wrong, http.StatusUnauthorized)
	a, b := withoutRequestIDField(t, unknown), withoutRequestIDField(t, wrong)
	ab, _ := json.Marshal(a)
	bb, _ := json.Marshal(b)
	if !bytes.Equal(ab, bb) {
		t.Errorf("bodies differ:\nunknown email:  %s\nwrong password: %s", ab, bb)
	}
	for _, h := range []string{"Content-Type", "Cache-Control", "WWW-Authenticate", "Set-Cookie"} {
		if unknown.Header().Get(h) != wrong.Header().Get(h) {
			t.Errorf("header %s differs: %q vs %q", h, unknown.Header().Get(h), wrong.Header().Get(h))
		}
	}
	// Both pay for one argon2id check; an unknown email must not answer in a
	// fraction of the time. The bound is loose: this is a shared machine.
	ratio := float64(unknownTime) / float64(wrongTime)
	if ratio < 0.33 || ratio > 3 {
		t.Errorf("unknown email took %v, wrong password %v (ratio %.2f): timing tells them apart", unknownTime, wrongTime, ratio)
	}
	// Failures are logged with the account, never the password.
	if strings.Contains(logs.String(), "wrong password 123") {
		t.Errorf("the log holds a password:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), strings.ToLower(u.Email)) || !strings.Contains(logs.String(), "wrong_password") {
		t.Errorf("the log does not record the failure:\n%s", logs.String())
	}
	// Both are audited with the email as entered as the actor label.
	if n := ta.Count(t, "audit_events", "action = 'auth.login_failed' AND actor_label = ? AND entity_id = ?", u.Email, u.ID); n != rounds {
		t.Errorf("%d auth.login_failed events for the wrong password, want %d", n, rounds)
	}
	if n := ta.Count(t, "audit_events", "action = 'auth.login_failed' AND after->>'reason' = 'unknown_email'"); n < rounds {
		t.Errorf("%d auth.login_failed events for unknown emails, want at least %d", n, rounds)
	}
}

type lockedBuffer struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (s *lockedBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func TestLoginThrottledPerAccount(t *testing.T) {
	ta := testapp.New(t)
	u := signInUser(t, ta, models.RoleClinician)
	// Five failures from five addresses: the account, not the address, trips.
	for i := 0; i < auth.ThrottleLimit; i++ {
		testapp.ExpectProblem(t, signIn(t, ta, randomClientIP(), u.Email, "not the password!"), http.StatusUnauthorized)
	}
	// Now even the right password is refused, and cheaply (no hash).
	r := signIn(t, ta, randomClientIP(), strings.ToUpper(u.Email), signInPassword)
	p := testapp.ExpectProblem(t, r, http.StatusTooManyRequests)
	retry, err := strconv.Atoi(r.Header().Get("Retry-After"))
	if err != nil || retry < 1 || retry > int(auth.ThrottleWindow.Seconds()) {
		t.Errorf("Retry-After %q, want 1..900 seconds", r.Header().Get("Retry-After"))
	}
	if d, _ := p["detail"].(string); !strings.Contains(d, strconv.Itoa(retry)) {
		t.Errorf("detail %q does not say how long to wait", d)
	}
	if len(refreshCookies(r)) > 0 {
		t.Error("a throttled sign-in set a cookie")
	}
	// After the window the right password works again, and clears the count.
	ta.Clock.Advance(time.Duration(retry)*time.Second + time.Second)
	expectSignedIn(t, signIn(t, ta, randomClientIP(), u.Email, signInPassword))
	if n := ta.Count(t, "login_failures", "account = ?", strings.ToLower(u.Email)); n != 0 {
		t.Errorf("%d failures left for the account after a successful sign-in", n)
	}
}

func TestLoginThrottledPerAddress(t *testing.T) {
	ta := testapp.New(t)
	ip := randomClientIP()
	for i := 0; i < auth.ThrottleLimit; i++ {
		testapp.ExpectProblem(t, signIn(t, ta, ip, testapp.UniqueEmail("spray"), "not the password!"), http.StatusUnauthorized)
	}
	r := signIn(t, ta, ip, testapp.UniqueEmail("spray"), "not the password!")
	testapp.ExpectProblem(t, r, http.StatusTooManyRequests)
	if r.Header().Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	// Another address is not affected.
	testapp.ExpectProblem(t, signIn(t, ta, randomClientIP(), testapp.UniqueEmail("spray"), "not the password!"), http.StatusUnauthorized)
}

// signWith signs claims with key and method (for forged-token tests).
func signJWT(t testing.TB, method jwt.SigningMethod, key any, claims jwt.Claims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(method, claims).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestForgedAccessTokensAreRejected(t *testing.T) {
	ta := testapp.New(t)
	u := ta.UserWith(t, models.RoleAdmin)
	now := ta.Clock.Now()
	claims := func(mod func(*auth.Claims)) *auth.Claims {
		c := &auth.Claims{Roles: []models.Role{models.RoleAdmin}, RegisteredClaims: jwt.RegisteredClaims{
			Issuer: auth.Issuer, Audience: jwt.ClaimStrings{auth.Audience}, Subject: u.ID,
			IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(now.Add(10 * time.Minute)), ID: "x",
		}}
		if mod != nil {
			mod(c)
		}
		return c
	}
	secret := []byte(testapp.Secret)
	good := signJWT(t, jwt.SigningMethodHS256, secret, claims(nil))
	if r := ta.Get(t, "/api/v1/me", good); r.Code != http.StatusOK {
		t.Fatalf("the control token is refused: %d %s", r.Code, r.Body.String())
	}
	none, err := jwt.NewWithClaims(jwt.SigningMethodNone, claims(nil)).SignedString(jwt.UnsafeAllowNoneSignatureType)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(good, ".")
	payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
	tampered := parts[0] + "." + base64.RawURLEncoding.EncodeToString(bytes.Replace(payload, []byte(`"admin"`), []byte(`"board"`), 1)) + "." + parts[2]

	cases := map[string]string{
		"alg none":           none,
		"another key":        signJWT(t, jwt.SigningMethodHS256, []byte("another-secret-another-secret-0123456"), claims(nil)),
		"HS512 with our key": signJWT(t, jwt.SigningMethodHS512, secret, claims(nil)),
		"expired":            signJWT(t, jwt.SigningMethodHS256, secret, claims(func(c *auth.Claims) { c.ExpiresAt = jwt.NewNumericDate(now.Add(-time.Minute)) })),
		"no expiry":          signJWT(t, jwt.SigningMethodHS256, secret, claims(func(c *auth.Claims) { c.ExpiresAt = nil })),
		"wrong issuer":       signJWT(t, jwt.SigningMethodHS256, secret, claims(func(c *auth.Claims) { c.Issuer = "someone-else" })),
		"wrong audience":     signJWT(t, jwt.SigningMethodHS256, secret, claims(func(c *auth.Claims) { c.Audience = jwt.ClaimStrings{"other-api"} })),
		"issued in future":   signJWT(t, jwt.SigningMethodHS256, secret, claims(func(c *auth.Claims) { c.IssuedAt = jwt.NewNumericDate(now.Add(time.Hour)) })),
		"no subject":         signJWT(t, jwt.SigningMethodHS256, secret, claims(func(c *auth.Claims) { c.Subject = "" })),
		"unknown subject":    signJWT(t, jwt.SigningMethodHS256, secret, claims(func(c *auth.Claims) { c.Subject = "0190a8f0-0000-7000-8000-000000000000" })),
		"subject not a uuid": signJWT(t, jwt.SigningMethodHS256, secret, claims(func(c *auth.Claims) { c.Subject = "'; DROP TABLE users; --" })),
		"unknown session":    signJWT(t, jwt.SigningMethodHS256, secret, claims(func(c *auth.Claims) { c.SessionID = "0190a8f0-0000-7000-8000-000000000000" })),
		"tampered payload":   tampered,
		"garbage":            "not.a.jwt",
	}
	for name, tok := range cases {
		t.Run(name, func(t *testing.T) {
			r := ta.Get(t, "/api/v1/me", tok)
			testapp.ExpectProblem(t, r, http.StatusUnauthorized)
			if !strings.HasPrefix(r.Header().Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("WWW-Authenticate %q", r.Header().Get("WWW-Authenticate"))
			}
		})
	}
	for name, h := range map[string]string{"no header": "", "basic auth": "Basic dXNlcjpwYXNz", "bearer without token": "Bearer "} {
		t.Run(name, func(t *testing.T) {
			r := ta.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/me", Headers: map[string]string{"Authorization": h}})
			testapp.ExpectProblem(t, r, http.StatusUnauthorized)
		})
	}
}

func TestDeactivatedUsersTokenStopsAfterCacheWindow(t *testing.T) {
	ta := testapp.New(t)
	u := ta.UserWith(t, models.RoleBoard)
	tok := ta.TokenFor(t, u)
	if r := ta.Get(t, "/api/v1/me", tok); r.Code != http.StatusOK {
		t.Fatalf("GET /me: %d", r.Code)
	}
	// Deactivated behind the service's back (as by another instance): the
	// cached status holds for at most the cache window.
	if err := ta.App.DB.Gorm.Exec("UPDATE users SET active = false WHERE id = ?", u.ID).Error; err != nil {
		t.Fatal(err)
	}
	ta.Clock.Advance(auth.ActiveCacheTTL + time.Second)
	testapp.ExpectProblem(t, ta.Get(t, "/api/v1/me", tok), http.StatusUnauthorized)
}

func TestAccessTokenExpiresAfterFifteenMinutes(t *testing.T) {
	ta := testapp.New(t)
	tok := ta.Token(t, models.RoleClinician)
	ta.Clock.Advance(auth.AccessTokenTTL + 10*time.Second)
	testapp.ExpectProblem(t, ta.Get(t, "/api/v1/me", tok), http.StatusUnauthorized)
}

func TestChangePassword(t *testing.T) {
	ta := testapp.New(t)
	u := signInUser(t, ta, models.RoleExecutive)
	ip := randomClientIP()
	in := signIn(t, ta, ip, u.Email, signInPassword)
	old := expectSignedIn(t, in)
	change := func(body any) testapp.Response {
		t.Helper()
		return ta.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/me/password", Token: old.AccessToken, Body: body})
	}
	const next = "the new and longer passphrase"
	for _, tc := range []struct {
		name   string
		body   any
		status int
		field  string
	}{
		{"wrong current password", map[string]string{"current_password": "not it at all!", "new_password": next}, 422, "current_password"},
		{"weak new password", map[string]string{"current_password": signInPassword, "new_password": "qwerty123456"}, 422, "new_password"},
		{"same password", map[string]string{"current_password": signInPassword, "new_password": signInPassword}, 422, "new_password"},
		{"missing new password", map[string]string{"current_password": signInPassword}, 422, "new_password"},
		{"missing current password", map[string]string{"new_password": next}, 422, "current_password"},
		{"unknown field", map[string]string{"current_password": signInPassword, "new_password": next, "confirm": next}, 422, "confirm"},
		{"wrong type", `{"current_password": true, "new_password": "x"}`, 422, "current_password"},
		{"malformed", `{"current_password": `, 400, ""},
		{"oversize", `{"current_password": "` + strings.Repeat("x", 1<<20) + `"}`, 413, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := testapp.ExpectProblem(t, change(tc.body), tc.status)
			if tc.field != "" && !inList(testapp.FieldErrors(t, p), tc.field) {
				t.Errorf("errors %v, want %s", p["errors"], tc.field)
			}
		})
	}
	if n := ta.Count(t, "users", "id = ? AND version = 1", u.ID); n != 1 {
		t.Fatal("a refused change changed the user")
	}
	testapp.ExpectProblem(t, ta.Post(t, "/api/v1/me/password", "", map[string]string{"current_password": signInPassword, "new_password": next}), http.StatusUnauthorized)

	r := change(map[string]string{"current_password": signInPassword, "new_password": next})
	fresh := expectSignedIn(t, r)
	freshCookie := refreshCookieOf(t, r)
	// Every earlier session is over; the fresh one works.
	testapp.ExpectProblem(t, ta.Get(t, "/api/v1/me", old.AccessToken), http.StatusUnauthorized)
	testapp.ExpectProblem(t, doFromIP(t, ta, ip, http.MethodPost, "/api/v1/auth/refresh", nil, refreshCookieOf(t, in)), http.StatusUnauthorized)
	if r := ta.Get(t, "/api/v1/me", fresh.AccessToken); r.Code != http.StatusOK {
		t.Errorf("the fresh access token: %d", r.Code)
	}
	expectSignedIn(t, doFromIP(t, ta, ip, http.MethodPost, "/api/v1/auth/refresh", nil, freshCookie))
	testapp.ExpectProblem(t, signIn(t, ta, randomClientIP(), u.Email, signInPassword), http.StatusUnauthorized)
	expectSignedIn(t, signIn(t, ta, randomClientIP(), u.Email, next))
	if n := ta.Count(t, "audit_events", "action = 'user.password_changed' AND entity_id = ? AND actor_user_id = ?", u.ID, u.ID); n != 1 {
		t.Errorf("user.password_changed events %d", n)
	}
}

// expectJSONAnswer fails on a 500 or a body that is not JSON.
func expectJSONAnswer(t testing.TB, r testapp.Response) {
	t.Helper()
	if r.Code >= 500 {
		t.Fatalf("status %d: %s", r.Code, r.Body.String())
	}
	if !json.Valid(r.Body.Bytes()) {
		t.Fatalf("status %d with a body that is not JSON: %q", r.Code, r.Body.String())
	}
	if ct := r.Header().Get("Content-Type"); !strings.Contains(ct, "json") {
		t.Fatalf("status %d with content type %q", r.Code, ct)
	}
}

// FuzzLoginRequestDecoding feeds arbitrary bodies to POST /api/v1/auth/login:
// never a 500, always a JSON answer.
func FuzzLoginRequestDecoding(f *testing.F) {
	for _, s := range []string{
		`{"email":"clinician@demo.assure.test","password":"assure-demo-2026"}`,
		`{"email":"","password":""}`,
		`{"email":null,"password":[]}`,
		`{"email":"a@b.c","password":"x","extra":1}`,
		`{"email":"\ud800","password":"\u0000"}`,
		`{"email":"a@b.c"} trailing`,
		`[`, `{`, `null`, `1e999`, ``,
	} {
		f.Add([]byte(s))
	}
	ta := testapp.New(f)
	ip := randomClientIP()
	f.Fuzz(func(t *testing.T, body []byte) {
		expectJSONAnswer(t, doFromIP(t, ta, ip, http.MethodPost, "/api/v1/auth/login", body))
	})
}
