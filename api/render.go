package api

import (
	"encoding/json"
	"net/http"
)

// problemRender writes a Problem as JSON without overriding the problem
// content type (gin's JSON render would set application/json).
type problemRender struct{ p Problem }

func (r problemRender) Render(w http.ResponseWriter) error {
	return json.NewEncoder(w).Encode(r.p)
}

func (r problemRender) WriteContentType(w http.ResponseWriter) {
	w.Header().Set("Content-Type", ProblemContentType)
}
