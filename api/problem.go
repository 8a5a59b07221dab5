package api

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"assure/services"
)

// ProblemContentType is the media type of RFC 9457 problem details.
const ProblemContentType = "application/problem+json"

// Problem is an RFC 9457 problem details body.
type Problem struct {
	Type     string                `json:"type"`
	Title    string                `json:"title"`
	Status   int                   `json:"status"`
	Detail   string                `json:"detail,omitempty"`
	Instance string                `json:"instance,omitempty"`
	Errors   []services.FieldError `json:"errors,omitempty"`
	// RequestID lets a user quote the failing request to support.
	RequestID string `json:"request_id,omitempty"`
}

// problemType is the stable type URI for each status (about:blank would lose
// the distinction between, say, validation and a conflict).
func problemType(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "https://assure.invalid/problems/bad-request"
	case http.StatusUnauthorized:
		return "https://assure.invalid/problems/unauthenticated"
	case http.StatusForbidden:
		return "https://assure.invalid/problems/forbidden"
	case http.StatusNotFound:
		return "https://assure.invalid/problems/not-found"
	case http.StatusMethodNotAllowed:
		return "https://assure.invalid/problems/method-not-allowed"
	case http.StatusConflict:
		return "https://assure.invalid/problems/conflict"
	case http.StatusPreconditionFailed:
		return "https://assure.invalid/problems/precondition-failed"
	case http.StatusRequestEntityTooLarge:
		return "https://assure.invalid/problems/too-large"
	case http.StatusUnsupportedMediaType:
		return "https://assure.invalid/problems/unsupported-media-type"
	case http.StatusUnprocessableEntity:
		return "https://assure.invalid/problems/validation"
	case http.StatusTooManyRequests:
		return "https://assure.invalid/problems/too-many-requests"
	case http.StatusServiceUnavailable:
		return "https://assure.invalid/problems/unavailable"
	default:
		return "https://assure.invalid/problems/internal"
	}
}

// writeProblem aborts the request with a problem details response.
func writeProblem(c *gin.Context, status int, detail string, fields ...services.FieldError) {
	p := Problem{
		Type:      problemType(status),
		Title:     http.StatusText(status),
		Status:    status,
		Detail:    detail,
		Errors:    fields,
		RequestID: requestID(c),
	}
	if c.Request != nil && c.Request.URL != nil {
		p.Instance = c.Request.URL.Path
	}
	c.Abort()
	c.Header("Content-Type", ProblemContentType)
	c.Header("Cache-Control", "no-store")
	c.Status(status)
	if c.Request != nil && c.Request.Method == http.MethodHead {
		return
	}
	c.Render(status, problemRender{p})
}

// writeError maps a service error to problem details: the one place where
// domain errors become HTTP (STYLE.md, Errors).
func writeError(c *gin.Context, err error) {
	var ve *services.ValidationError
	var ce *services.ConflictError
	switch {
	case errors.As(err, &ve):
		writeProblem(c, http.StatusUnprocessableEntity, "Some fields are not valid.", ve.Fields...)
	case errors.Is(err, services.ErrNotFound):
		writeProblem(c, http.StatusNotFound, "No such resource, or you may not see it.")
	case errors.Is(err, services.ErrUnauthenticated):
		writeProblem(c, http.StatusUnauthorized, "Sign in again.")
	case errors.Is(err, services.ErrForbidden):
		writeProblem(c, http.StatusForbidden, "You are not allowed to do this.")
	case errors.As(err, &ce):
		writeProblem(c, http.StatusConflict, ce.Reason)
	case errors.Is(err, services.ErrConflict):
		writeProblem(c, http.StatusConflict, "This conflicts with the current state.")
	case errors.Is(err, services.ErrPreconditionFailed):
		writeProblem(c, http.StatusPreconditionFailed, "Someone else changed this since you loaded it. Reload and try again.")
	case errors.Is(err, c.Request.Context().Err()) && c.Request.Context().Err() != nil:
		// The client went away; nothing useful to send, but record why.
		writeProblem(c, http.StatusServiceUnavailable, "The request was cancelled.")
	default:
		slog.ErrorContext(c.Request.Context(), "request failed", "request_id", requestID(c), "route", c.FullPath(), "error", err.Error())
		writeProblem(c, http.StatusInternalServerError, "Something went wrong on our side. Quote the request id if you report it.")
	}
}
