package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"assure/internal/config"
	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/auth"
)

type userHandlers struct {
	auth *auth.Service
	cfg  func() config.Config
}

func (s *Server) userRoutes() {
	h := &userHandlers{auth: s.app.Auth, cfg: func() config.Config { return s.app.Config }}
	s.handle(http.MethodGet, "/users", access.UsersRead, h.list)
	s.handle(http.MethodPost, "/users", access.UsersManage, h.create)
	s.handle(http.MethodGet, "/users/:id", access.UsersRead, h.get)
	s.handle(http.MethodPatch, "/users/:id", access.UsersManage, h.update)
	s.handle(http.MethodPost, "/users/:id/reset-password", access.UsersManage, h.resetPassword)
}

type userResponse struct {
	ID          string        `json:"id"`
	Email       string        `json:"email"`
	Name        string        `json:"name"`
	Roles       []models.Role `json:"roles"`
	Active      bool          `json:"active"`
	HasPassword bool          `json:"has_password"`
	Version     int           `json:"version"`
	CreatedAt   time.Time     `json:"created_at"`
	UpdatedAt   time.Time     `json:"updated_at"`
}

func toUserResponse(u models.User) userResponse {
	return userResponse{
		ID: u.ID, Email: u.Email, Name: u.Name, Roles: auth.RolesOf(u), Active: u.Active,
		HasPassword: u.PasswordHash != nil, Version: u.Version,
		CreatedAt: u.CreatedAt.UTC(), UpdatedAt: u.UpdatedAt.UTC(),
	}
}

type createUserRequest struct {
	Email    string        `json:"email"`
	Name     string        `json:"name"`
	Roles    []models.Role `json:"roles"`
	Password string        `json:"password"`
}

type setPasswordLink struct {
	URL       string    `json:"url"`
	Code      string    `json:"code"`
	ExpiresAt time.Time `json:"expires_at"`
}

type createUserResponse struct {
	User        userResponse     `json:"user"`
	SetPassword *setPasswordLink `json:"set_password"`
}

type updateUserRequest struct {
	Name   *string        `json:"name"`
	Roles  *[]models.Role `json:"roles"`
	Active *bool          `json:"active"`
}

func (h *userHandlers) list(c *gin.Context) {
	v := &services.ValidationError{}
	limit, cursor := readListParams(c, v)
	q := auth.UserQuery{Q: c.Query("q"), Role: c.Query("role"), Limit: limit, Cursor: cursor}
	q.Active = queryBoolParam(c, "active", v)
	if err := v.Err(); err != nil {
		writeError(c, err)
		return
	}
	page, err := h.auth.ListUsers(c.Request.Context(), actor(c), q)
	if err != nil {
		writeError(c, err)
		return
	}
	writePage(c, page.Items, page.NextCursor, toUserResponse)
}

func (h *userHandlers) get(c *gin.Context) {
	u, err := h.auth.GetUser(c.Request.Context(), actor(c), c.Param("id"))
	if err != nil {
		writeError(c, err)
		return
	}
	setETag(c, u.Version)
	c.JSON(http.StatusOK, toUserResponse(u))
}

func (h *userHandlers) create(c *gin.Context) {
	var in createUserRequest
	if !bindJSON(c, &in) {
		return
	}
	acc, err := h.auth.CreateAccount(c.Request.Context(), actor(c), auth.NewUser{
		Email: in.Email, Name: in.Name, Roles: in.Roles, Password: in.Password,
	})
	if err != nil {
		writeError(c, err)
		return
	}
	out := createUserResponse{User: toUserResponse(acc.User)}
	if acc.SetPassword != nil {
		out.SetPassword = h.link(c, *acc.SetPassword)
	}
	setETag(c, acc.User.Version)
	c.Header("Location", "/api/v1/users/"+acc.User.ID)
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusCreated, out)
}

func (h *userHandlers) update(c *gin.Context) {
	var in updateUserRequest
	if !bindJSON(c, &in) {
		return
	}
	u, err := h.auth.UpdateUser(c.Request.Context(), actor(c), c.Param("id"), ifMatchVersions(c),
		auth.UserChanges{Name: in.Name, Roles: in.Roles, Active: in.Active})
	if err != nil {
		writeError(c, err)
		return
	}
	setETag(c, u.Version)
	c.JSON(http.StatusOK, toUserResponse(u))
}

func (h *userHandlers) resetPassword(c *gin.Context) {
	code, err := h.auth.ResetPassword(c.Request.Context(), actor(c), c.Param("id"))
	if err != nil {
		writeError(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, h.link(c, code))
}

// link builds the set-password link an admin sends. The code travels in the
// URL fragment, which browsers never send to a server, so it cannot end up in
// an access log; the page reads it and posts it to /api/v1/auth/set-password.
func (h *userHandlers) link(c *gin.Context, code auth.IssuedCode) *setPasswordLink {
	cfg := h.cfg()
	base := cfg.PublicURL
	if base == "" {
		scheme := "https"
		if c.Request.TLS == nil && cfg.Dev {
			scheme = "http"
		}
		base = scheme + "://" + c.Request.Host
	}
	return &setPasswordLink{URL: base + "/set-password#code=" + code.Code, Code: code.Code, ExpiresAt: code.ExpiresAt.UTC()}
}

// queryBoolParam reads an optional true/false query parameter.
func queryBoolParam(c *gin.Context, name string, v *services.ValidationError) *bool {
	s, ok := c.GetQuery(name)
	if !ok || s == "" {
		return nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		v.Add(name, "must be true or false")
		return nil
	}
	return &b
}

// queryTimeParam reads an optional RFC 3339 date-time (or a date, meaning
// midnight UTC at its start) query parameter.
func queryTimeParam(c *gin.Context, name string, v *services.ValidationError) *time.Time {
	s, ok := c.GetQuery(name)
	if !ok || s == "" {
		return nil
	}
	t, ok := parseDateTime(s)
	if !ok {
		v.Add(name, "must be a date-time such as 2026-03-31T23:00:00Z, or a date such as 2026-03-31")
		return nil
	}
	return &t
}

func parseDateTime(s string) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), true
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.UTC(), true
	}
	return time.Time{}, false
}
