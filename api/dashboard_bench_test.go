package api_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkDashboard is one served dashboard through the real router, the
// summary already built: what each request costs once the data is current.
func BenchmarkDashboard(b *testing.B) {
	w := newDashWorld(b)
	h := w.ta.Server.Handler()
	get := func() *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodGet, "/api/v1/dashboard", nil)
		r.Header.Set("Authorization", "Bearer "+w.exec)
		r.Header.Set("Accept-Encoding", "gzip")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		return rec
	}
	if rec := get(); rec.Code != http.StatusOK {
		b.Fatalf("%d %s", rec.Code, rec.Body.String())
	}
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if rec := get(); rec.Code != http.StatusOK {
				b.Errorf("%d", rec.Code)
			}
		}
	})
}
