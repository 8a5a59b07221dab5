package api

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"assure/services/spc"
)

// newBareEngine is the middleware stack without services, for testing the
// mechanisms themselves with handlers no real route would have.
func newBareEngine(log *slog.Logger, limits map[string]int64) *gin.Engine {
	e := gin.New()
	e.Use(withRequestID(), withAccessLog(log), withRecovery(log), withSecurityHeaders(), withBodyLimit(limits))
	return e
}

func TestPanicBecomesProblem500WithoutInternals(t *testing.T) {
	var logs bytes.Buffer
	e := newBareEngine(slog.New(slog.NewJSONHandler(&logs, nil)), map[string]int64{})
	e.GET("/api/v1/boom", func(*gin.Context) {
		panic("pq: relation \"secret_table\" does not exist")
	})
	w := httptest.NewRecorder()
	e.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/v1/boom", nil))
	if w.Code != http.StatusInternalServerError {
		t.Fatalf("status %d", w.Code)
	}
	if ct := w.Header().Get("Content-Type"); ct != ProblemContentType {
		t.Fatalf("content type %q", ct)
	}
	body := w.Body.String()
	for _, leak := range []string{"secret_table", "goroutine", ".go:", "pq:"} {
		if strings.Contains(body, leak) {
			t.Errorf("500 body leaks %q: %s", leak, body)
		}
	}
	var p Problem
	if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil || p.Status != 500 || p.RequestID == "" {
		t.Fatalf("problem %+v, err %v", p, err)
	}
	// The details go to the log, with the request id, for the operator.
	if !strings.Contains(logs.String(), "secret_table") || !strings.Contains(logs.String(), p.RequestID) {
		t.Errorf("log lacks the panic and request id: %s", logs.String())
	}
}

func TestAccessLogLineHasRouteStatusAndNoQuery(t *testing.T) {
	var logs bytes.Buffer
	e := newBareEngine(slog.New(slog.NewJSONHandler(&logs, nil)), map[string]int64{})
	e.GET("/api/v1/things/:id", func(c *gin.Context) { c.Status(204) })
	e.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/api/v1/things/42?code=supersecret", nil))
	var line map[string]any
	if err := json.Unmarshal(logs.Bytes(), &line); err != nil {
		t.Fatalf("one JSON line per request: %q", logs.String())
	}
	if line["route"] != "/api/v1/things/:id" || line["status"] != float64(204) || line["method"] != "GET" || line["request_id"] == "" {
		t.Errorf("log line %v", line)
	}
	if strings.Contains(logs.String(), "supersecret") {
		t.Error("the query string (which may hold a code or token) was logged")
	}
}

func TestRouteMayRaiseItsBodyLimit(t *testing.T) {
	e := newBareEngine(slog.New(slog.DiscardHandler), map[string]int64{"POST /big": 3 << 20})
	ok := func(c *gin.Context) {
		var v map[string]any
		if bindJSON(c, &v) {
			c.Status(204)
		}
	}
	e.POST("/big", ok)
	e.POST("/small", ok)
	body := `{"a":"` + strings.Repeat("x", 2<<20) + `"}`
	w := httptest.NewRecorder()
	e.ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/big", strings.NewReader(body)))
	if w.Code != 204 {
		t.Errorf("2 MiB on a 3 MiB route: %d", w.Code)
	}
	w = httptest.NewRecorder()
	e.ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/small", strings.NewReader(body)))
	if w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("2 MiB on a default route: %d", w.Code)
	}
	// A chunked body without Content-Length is cut off while reading.
	req := httptest.NewRequest(http.MethodPost, "/small", strings.NewReader(body))
	req.ContentLength = -1
	w = httptest.NewRecorder()
	e.ServeHTTP(w, req)
	if w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("chunked 2 MiB on a default route: %d", w.Code)
	}
}

func TestBindJSONRejectsBadBodies(t *testing.T) {
	type in struct {
		Name  string `json:"name"`
		Count int    `json:"count"`
	}
	e := newBareEngine(slog.New(slog.DiscardHandler), map[string]int64{})
	e.POST("/x", func(c *gin.Context) {
		var v in
		if bindJSON(c, &v) {
			c.Status(204)
		}
	})
	cases := []struct {
		name, body, ct string
		status         int
		field          string
	}{
		{"valid", `{"name":"a","count":1}`, "application/json", 204, ""},
		{"malformed", `{"name":`, "application/json", 400, ""},
		{"syntax error", `{"name" "a"}`, "application/json", 400, ""},
		{"empty", ``, "application/json", 400, ""},
		{"trailing data", `{"name":"a"} {"x":1}`, "application/json", 400, ""},
		{"not an object", `[1,2]`, "application/json", 400, ""},
		{"wrong type", `{"count":"seven"}`, "application/json", 422, "count"},
		{"unknown field", `{"name":"a","admin":true}`, "application/json", 422, "admin"},
		{"not json", `name=a`, "application/x-www-form-urlencoded", 415, ""},
		{"NUL in a string", `{"name":"a\u0000b"}`, "application/json", 422, "name"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, "/x", strings.NewReader(tc.body))
			req.Header.Set("Content-Type", tc.ct)
			w := httptest.NewRecorder()
			e.ServeHTTP(w, req)
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body.String())
			}
			if tc.status == 204 {
				return
			}
			var p Problem
			if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
				t.Fatal(err)
			}
			if tc.field != "" && (len(p.Errors) != 1 || p.Errors[0].Field != tc.field) {
				t.Errorf("errors %+v, want field %s", p.Errors, tc.field)
			}
		})
	}
}

func TestBindJSONNamesABadDate(t *testing.T) {
	type in struct {
		Start spc.Date `json:"start"`
	}
	e := newBareEngine(slog.New(slog.DiscardHandler), map[string]int64{})
	e.POST("/x", func(c *gin.Context) {
		var v in
		if bindJSON(c, &v) {
			c.Status(204)
		}
	})
	req := httptest.NewRequest(http.MethodPost, "/x", strings.NewReader(`{"start":"01/02/2025"}`))
	w := httptest.NewRecorder()
	e.ServeHTTP(w, req)
	var p Problem
	_ = json.Unmarshal(w.Body.Bytes(), &p)
	if w.Code != 422 || len(p.Errors) != 1 || p.Errors[0].Field != "start" || !strings.Contains(p.Errors[0].Message, "YYYY-MM-DD") {
		t.Fatalf("%d %+v", w.Code, p)
	}
}
