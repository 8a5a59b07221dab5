package api

import (
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"runtime/debug"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"
)

const (
	ctxRequestID = "assure.request_id"
	ctxActor     = "assure.actor"
	ctxBodyLimit = "assure.body_limit"

	// DefaultBodyLimit is the largest request body a route accepts unless it
	// raises its own limit.
	DefaultBodyLimit int64 = 1 << 20
)

var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,128}$`)

// withRequestID accepts a sane X-Request-ID from the client (or a trusted
// proxy) or makes one, and echoes it.
func withRequestID() gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.GetHeader("X-Request-ID")
		if !validRequestID.MatchString(id) {
			id = uuid.NewString()
		}
		c.Set(ctxRequestID, id)
		c.Header("X-Request-ID", id)
		c.Next()
	}
}

func requestID(c *gin.Context) string { return c.GetString(ctxRequestID) }

// withAccessLog writes one slog line per request. It never logs the query
// string or headers, so tokens and set-password codes cannot leak into logs.
func withAccessLog(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		route := c.FullPath()
		if route == "" {
			route = "unmatched"
		}
		attrs := []slog.Attr{
			slog.String("method", c.Request.Method),
			slog.String("route", route),
			slog.Int("status", c.Writer.Status()),
			slog.Float64("duration_ms", float64(time.Since(start).Microseconds())/1000),
			slog.String("request_id", requestID(c)),
			slog.Int("bytes", c.Writer.Size()),
		}
		if a, ok := actorFrom(c); ok {
			if a.UserID != "" {
				attrs = append(attrs, slog.String("user_id", a.UserID))
			}
			if a.TokenID != "" {
				attrs = append(attrs, slog.String("token_id", a.TokenID))
			}
		}
		level := slog.LevelInfo
		if c.Writer.Status() >= 500 {
			level = slog.LevelError
		}
		log.LogAttrs(c.Request.Context(), level, "request", attrs...)
	}
}

// withRecovery turns a panic into a 500 problem without internals; the stack
// goes to the log with the request id.
func withRecovery(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if r := recover(); r != nil {
				if r == http.ErrAbortHandler {
					panic(r) // the client is gone; let net/http handle it quietly
				}
				log.Error("panic", "request_id", requestID(c), "route", c.FullPath(),
					"panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				if c.Writer.Written() {
					c.Abort()
					return
				}
				writeProblem(c, http.StatusInternalServerError, "Something went wrong on our side. Quote the request id if you report it.")
			}
		}()
		c.Next()
	}
}

// contentSecurityPolicy fits the single-page app: everything from our own
// origin, no framing, no plugins. Inline style attributes are allowed because
// chart libraries set them; scripts are never inline.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; " +
	"base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

func withSecurityHeaders() gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		c.Next()
	}
}

// withBodyLimit caps the request body at the route's limit (DefaultBodyLimit
// unless the route raised it). Reading past it fails with *http.MaxBytesError,
// which bindJSON turns into a 413.
func withBodyLimit(limits map[string]int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		limit, ok := limits[c.Request.Method+" "+c.FullPath()]
		if !ok {
			limit = DefaultBodyLimit
		}
		if c.Request.ContentLength > limit {
			writeProblem(c, http.StatusRequestEntityTooLarge, fmt.Sprintf("The body is larger than the %d bytes this endpoint accepts.", limit))
			return
		}
		c.Set(ctxBodyLimit, limit)
		if c.Request.Body != nil {
			c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
		}
		c.Next()
	}
}
