package api

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"assure/services/access"
)

// authenticate reads the bearer credential (an access JWT or an API token)
// and stores the Actor. Credentials are accepted only in the Authorization
// header, never in a URL.
func (s *Server) authenticate(c *gin.Context) {
	h := c.GetHeader("Authorization")
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		c.Header("WWW-Authenticate", `Bearer realm="assure"`)
		writeProblem(c, http.StatusUnauthorized, "Sign in: this endpoint needs a bearer token.")
		return
	}
	a, err := s.app.Auth.Authenticate(c.Request.Context(), strings.TrimSpace(token))
	if err != nil {
		c.Header("WWW-Authenticate", `Bearer realm="assure", error="invalid_token"`)
		writeError(c, err)
		return
	}
	a.RequestID = requestID(c)
	c.Set(ctxActor, a)
	c.Next()
}

// require refuses the request unless the actor holds perm.
func require(perm access.Permission) gin.HandlerFunc {
	return func(c *gin.Context) {
		if perm == access.Public {
			c.Next()
			return
		}
		a, ok := actorFrom(c)
		if !ok || !a.Can(perm) {
			writeProblem(c, http.StatusForbidden, "Your role does not allow this.")
			return
		}
		c.Next()
	}
}

func actorFrom(c *gin.Context) (access.Actor, bool) {
	v, ok := c.Get(ctxActor)
	if !ok {
		return access.Actor{}, false
	}
	a, ok := v.(access.Actor)
	return a, ok
}

// actor returns the authenticated actor of a protected route. For a public
// route it returns an anonymous actor carrying only the request id.
func actor(c *gin.Context) access.Actor {
	a, ok := actorFrom(c)
	if !ok {
		return access.Actor{RequestID: requestID(c)}
	}
	return a
}
