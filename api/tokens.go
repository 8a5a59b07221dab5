package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"assure/services"
	"assure/services/access"
	"assure/services/auth"
)

type tokenHandlers struct {
	auth *auth.Service
	now  func() time.Time
}

func (s *Server) tokenRoutes() {
	h := &tokenHandlers{auth: s.app.Auth, now: s.app.Now}
	s.handle(http.MethodGet, "/tokens", access.TokensManage, h.list)
	s.handle(http.MethodPost, "/tokens", access.TokensManage, h.create)
	s.handle(http.MethodDelete, "/tokens/:id", access.TokensManage, h.revoke)
}

type apiTokenResponse struct {
	ID            string     `json:"id"`
	Label         string     `json:"label"`
	Scopes        []string   `json:"scopes"`
	Status        string     `json:"status"` // active, expired or revoked
	CreatedBy     *string    `json:"created_by"`
	CreatedByName string     `json:"created_by_name"`
	CreatedAt     time.Time  `json:"created_at"`
	ExpiresAt     time.Time  `json:"expires_at"`
	LastUsedAt    *time.Time `json:"last_used_at"`
	RevokedAt     *time.Time `json:"revoked_at"`
}

type apiTokenCreatedResponse struct {
	apiTokenResponse
	// Token is the secret, shown in this response only.
	Token string `json:"token"`
}

type createAPITokenRequest struct {
	Label     string   `json:"label"`
	Scopes    []string `json:"scopes"`
	ExpiresAt string   `json:"expires_at"`
}

func (h *tokenHandlers) toResponse(t auth.APITokenView) apiTokenResponse {
	status := "active"
	switch {
	case t.RevokedAt != nil:
		status = "revoked"
	case !h.now().Before(t.ExpiresAt):
		status = "expired"
	}
	return apiTokenResponse{
		ID: t.ID, Label: t.Label, Scopes: []string(t.Scopes), Status: status,
		CreatedBy: t.CreatedBy, CreatedByName: t.CreatedByName,
		CreatedAt: t.CreatedAt.UTC(), ExpiresAt: t.ExpiresAt.UTC(),
		LastUsedAt: utcTimePtr(t.LastUsedAt), RevokedAt: utcTimePtr(t.RevokedAt),
	}
}

func (h *tokenHandlers) list(c *gin.Context) {
	v := &services.ValidationError{}
	limit, cursor := readListParams(c, v)
	if err := v.Err(); err != nil {
		writeError(c, err)
		return
	}
	page, err := h.auth.ListAPITokens(c.Request.Context(), actor(c), auth.APITokenQuery{Limit: limit, Cursor: cursor})
	if err != nil {
		writeError(c, err)
		return
	}
	writePage(c, page.Items, page.NextCursor, h.toResponse)
}

func (h *tokenHandlers) create(c *gin.Context) {
	var in createAPITokenRequest
	if !bindJSON(c, &in) {
		return
	}
	var expires time.Time
	if in.ExpiresAt != "" {
		var ok bool
		if expires, ok = parseDateTime(in.ExpiresAt); !ok {
			writeError(c, services.Invalid("expires_at", "must be a date-time such as 2027-03-31T00:00:00Z, or a date such as 2027-03-31"))
			return
		}
	}
	t, secret, err := h.auth.CreateAPIToken(c.Request.Context(), actor(c), auth.NewAPIToken{
		Label: in.Label, Scopes: in.Scopes, ExpiresAt: expires,
	})
	if err != nil {
		writeError(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusCreated, apiTokenCreatedResponse{
		apiTokenResponse: h.toResponse(auth.APITokenView{APIToken: t, CreatedByName: actor(c).Label}),
		Token:            secret,
	})
}

func (h *tokenHandlers) revoke(c *gin.Context) {
	if _, err := h.auth.RevokeAPIToken(c.Request.Context(), actor(c), c.Param("id")); err != nil {
		writeError(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
