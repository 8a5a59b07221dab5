package api

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"assure/models"
	"assure/services/access"
	"assure/services/auth"
)

// RefreshCookie is the name of the refresh-token cookie. It is HttpOnly,
// SameSite=Strict, Secure (except in dev over plain http) and sent only to
// the auth endpoints.
const (
	RefreshCookie     = "assure_refresh"
	refreshCookiePath = "/api/v1/auth"
)

type authHandlers struct {
	auth *auth.Service
	dev  func() bool
}

func (s *Server) authRoutes() {
	h := &authHandlers{auth: s.app.Auth, dev: func() bool { return s.app.Config.Dev }}
	s.handle(http.MethodPost, "/auth/login", access.Public, h.login)
	s.handle(http.MethodPost, "/auth/refresh", access.Public, h.refresh)
	s.handle(http.MethodPost, "/auth/logout", access.Public, h.logout)
	s.handle(http.MethodPost, "/auth/set-password", access.Public, h.setPassword)
	s.handle(http.MethodGet, "/me", access.Authenticated, h.me)
	s.handle(http.MethodPost, "/me/password", access.Authenticated, h.changePassword)
}

type loginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

type tokenResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in"`
}

type setPasswordRequest struct {
	Code     string `json:"code"`
	Password string `json:"password"`
}

type changePasswordRequest struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}

type meResponse struct {
	ID          string              `json:"id"`
	Email       string              `json:"email"`
	Name        string              `json:"name"`
	Roles       []models.Role       `json:"roles"`
	Permissions []access.Permission `json:"permissions"`
}

func (h *authHandlers) login(c *gin.Context) {
	var in loginRequest
	if !bindJSON(c, &in) {
		return
	}
	t, err := h.auth.Login(c.Request.Context(), actor(c), auth.LoginInput{
		Email: in.Email, Password: in.Password, ClientIP: c.ClientIP(), UserAgent: c.Request.UserAgent(),
	})
	if err != nil {
		writeAuthError(c, err)
		return
	}
	h.sendTokens(c, t)
}

func (h *authHandlers) refresh(c *gin.Context) {
	raw, _ := c.Cookie(RefreshCookie) // no cookie is the same as a bad one
	t, err := h.auth.Refresh(c.Request.Context(), actor(c), raw)
	if err != nil {
		h.clearRefreshCookie(c)
		writeAuthError(c, err)
		return
	}
	h.sendTokens(c, t)
}

func (h *authHandlers) logout(c *gin.Context) {
	raw, _ := c.Cookie(RefreshCookie)
	if err := h.auth.Logout(c.Request.Context(), actor(c), raw); err != nil {
		writeError(c, err)
		return
	}
	h.clearRefreshCookie(c)
	c.Status(http.StatusNoContent)
}

func (h *authHandlers) me(c *gin.Context) {
	u, err := h.auth.Me(c.Request.Context(), actor(c))
	if err != nil {
		writeError(c, err)
		return
	}
	roles := auth.RolesOf(u)
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, meResponse{ID: u.ID, Email: u.Email, Name: u.Name, Roles: roles, Permissions: access.PermissionsOf(roles)})
}

func (h *authHandlers) setPassword(c *gin.Context) {
	var in setPasswordRequest
	if !bindJSON(c, &in) {
		return
	}
	if err := h.auth.SetPassword(c.Request.Context(), actor(c), in.Code, in.Password); err != nil {
		writeError(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// changePassword ends every session of the user and answers like a sign-in,
// with a fresh session for this client.
func (h *authHandlers) changePassword(c *gin.Context) {
	var in changePasswordRequest
	if !bindJSON(c, &in) {
		return
	}
	t, err := h.auth.ChangePassword(c.Request.Context(), actor(c), in.CurrentPassword, in.NewPassword,
		auth.LoginInput{ClientIP: c.ClientIP(), UserAgent: c.Request.UserAgent()})
	if err != nil {
		writeAuthError(c, err)
		return
	}
	h.sendTokens(c, t)
}

// sendTokens answers a sign-in or refresh: the access token in the body
// (never cached), the refresh token in its cookie.
func (h *authHandlers) sendTokens(c *gin.Context, t auth.Tokens) {
	http.SetCookie(c.Writer, &http.Cookie{
		Name: RefreshCookie, Value: t.RefreshToken, Path: refreshCookiePath,
		Expires: t.RefreshExpiresAt, MaxAge: int(t.RefreshExpiresIn.Seconds()),
		HttpOnly: true, Secure: !h.dev(), SameSite: http.SameSiteStrictMode,
	})
	c.Header("Cache-Control", "no-store")
	c.Header("Pragma", "no-cache")
	c.JSON(http.StatusOK, tokenResponse{AccessToken: t.AccessToken, TokenType: "Bearer", ExpiresIn: int(t.ExpiresIn.Seconds())})
}

func (h *authHandlers) clearRefreshCookie(c *gin.Context) {
	http.SetCookie(c.Writer, &http.Cookie{
		Name: RefreshCookie, Value: "", Path: refreshCookiePath, MaxAge: -1,
		HttpOnly: true, Secure: !h.dev(), SameSite: http.SameSiteStrictMode,
	})
}

// writeAuthError adds what sign-in needs to writeError: 429 with Retry-After
// when throttled, and one message for every bad email or password.
func writeAuthError(c *gin.Context, err error) {
	var te *auth.ThrottledError
	switch {
	case errors.As(err, &te):
		c.Header("Retry-After", strconv.Itoa(te.RetryAfterSeconds()))
		writeProblem(c, http.StatusTooManyRequests, "Too many failed sign-ins. Try again in "+strconv.Itoa(te.RetryAfterSeconds())+" seconds.")
	case errors.Is(err, auth.ErrInvalidCredentials):
		writeProblem(c, http.StatusUnauthorized, "The email or password is not right.")
	default:
		writeError(c, err)
	}
}
