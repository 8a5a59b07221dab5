package api

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"

	"assure/services/access"
)

// OpenAPISpec is the API contract, served at /api/v1/openapi.yaml and checked
// against the registered routes by a test.
//
//go:embed openapi.yaml
var OpenAPISpec []byte

func (s *Server) openAPIRoutes() {
	s.handle(http.MethodGet, "/openapi.yaml", access.Public, func(c *gin.Context) {
		c.Data(http.StatusOK, "application/yaml; charset=utf-8", OpenAPISpec)
	})
}
