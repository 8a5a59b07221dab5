package api

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// healthz says the process is alive; it never touches the database.
func (s *Server) healthz(version string) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.JSON(http.StatusOK, gin.H{"status": "ok", "version": version})
	}
}

// readyz says whether this instance can serve: the database answers and the
// schema is at the latest migration. 503 otherwise, so a load balancer stops
// sending traffic while the database is down and resumes when it is back.
func (s *Server) readyz(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), 2*time.Second)
	defer cancel()
	c.Header("Cache-Control", "no-store")
	if err := s.app.DB.Ping(ctx); err != nil {
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "unavailable", "database": "unreachable"})
		return
	}
	current, err := s.app.DB.SchemaCurrent(ctx)
	if err != nil || !current {
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "unavailable", "database": "ok", "schema": "not at the latest migration"})
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready", "database": "ok", "schema": "current"})
}
