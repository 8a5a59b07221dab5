package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/actions"
	"assure/services/catalogue"
)

type actionHandlers struct {
	actions *actions.Service
}

// actionRoutes: improvement actions. Improvers create them; an owner may
// update the progress of their own (the service decides, so the update route
// is open to every reader of actions).
func (s *Server) actionRoutes() {
	h := &actionHandlers{actions: s.app.Actions}
	s.handle(http.MethodGet, "/actions", access.ActionsRead, h.list)
	s.handle(http.MethodPost, "/actions", access.ActionsManage, h.create)
	s.handle(http.MethodGet, "/actions/:id", access.ActionsRead, h.get)
	s.handle(http.MethodPatch, "/actions/:id", access.ActionsRead, h.update)
	s.handle(http.MethodGet, "/actions/:id/timeline", access.ActionsRead, h.timeline)
}

type actionRequest struct {
	Title          *string          `json:"title"`
	Description    *string          `json:"description"`
	OwnerID        *string          `json:"owner_id"`
	DueOn          *string          `json:"due_on"`
	Status         *string          `json:"status"`
	CycleID        optional[string] `json:"cycle_id"`
	StandardIDs    *[]string        `json:"standard_ids"`
	IssueIDs       *[]string        `json:"issue_ids"`
	ProblemIDs     *[]string        `json:"problem_ids"`
	ExpectedEffect *string          `json:"expected_effect"`
}

func (r actionRequest) input() actions.Input {
	return actions.Input{Title: r.Title, Description: r.Description, OwnerID: r.OwnerID, DueOn: r.DueOn,
		Status: r.Status, CycleID: catalogue.Optional[string](r.CycleID), StandardIDs: r.StandardIDs,
		IssueIDs: r.IssueIDs, ProblemIDs: r.ProblemIDs, ExpectedEffect: r.ExpectedEffect}
}

type actionResponse struct {
	ID             string              `json:"id"`
	Title          string              `json:"title"`
	Description    string              `json:"description"`
	OwnerID        string              `json:"owner_id"`
	OwnerName      string              `json:"owner_name"`
	DueOn          string              `json:"due_on"`
	Status         models.ActionStatus `json:"status"`
	Overdue        bool                `json:"overdue"`
	DaysOverdue    int                 `json:"days_overdue"`
	CycleID        *string             `json:"cycle_id"`
	CycleTitle     *string             `json:"cycle_title"`
	StandardIDs    []string            `json:"standard_ids"`
	IssueIDs       []string            `json:"issue_ids"`
	ProblemIDs     []string            `json:"problem_ids"`
	ExpectedEffect string              `json:"expected_effect"`
	CompletedOn    *string             `json:"completed_on"`
	Version        int                 `json:"version"`
	CreatedAt      time.Time           `json:"created_at"`
	UpdatedAt      time.Time           `json:"updated_at"`
}

func toActionResponse(a actions.Action) actionResponse {
	return actionResponse{
		ID: a.ID, Title: a.Title, Description: a.Description, OwnerID: a.OwnerID, OwnerName: a.OwnerName,
		DueOn: a.DueOn.Format(time.DateOnly), Status: a.Status, Overdue: a.Overdue, DaysOverdue: a.DaysOverdue,
		CycleID: a.CycleID, CycleTitle: a.CycleTitle, StandardIDs: a.StandardIDs, IssueIDs: a.IssueIDs,
		ProblemIDs: a.ProblemIDs, ExpectedEffect: a.ExpectedEffect, CompletedOn: isoDayPtr(a.CompletedOn),
		Version: a.Version, CreatedAt: a.CreatedAt.UTC(), UpdatedAt: a.UpdatedAt.UTC(),
	}
}

func (h *actionHandlers) list(c *gin.Context) {
	v := &services.ValidationError{}
	f := actions.Filter{OwnerID: c.Query("owner_id"), CycleID: c.Query("cycle_id"), StandardID: c.Query("standard_id")}
	f.Limit, f.Cursor = improvementListParams(c, v)
	if s, ok := c.GetQuery("overdue"); ok && s != "" {
		b, err := strconv.ParseBool(s)
		if err != nil {
			v.Add("overdue", "must be true or false")
		} else {
			f.Overdue = &b
		}
	}
	if s := c.Query("status"); s != "" {
		for _, st := range strings.Split(s, ",") {
			f.Statuses = append(f.Statuses, models.ActionStatus(strings.TrimSpace(st)))
		}
	}
	if err := v.Err(); err != nil {
		writeError(c, err)
		return
	}
	page, err := h.actions.List(c.Request.Context(), actor(c), f)
	if err != nil {
		writeError(c, err)
		return
	}
	writePage(c, page.Items, page.NextCursor, toActionResponse)
}

func (h *actionHandlers) respond(c *gin.Context, status int, a actions.Action, err error) {
	if err != nil {
		writeError(c, err)
		return
	}
	setETag(c, a.Version)
	c.JSON(status, toActionResponse(a))
}

func (h *actionHandlers) create(c *gin.Context) {
	var in actionRequest
	if !bindJSON(c, &in) {
		return
	}
	a, err := h.actions.Create(c.Request.Context(), actor(c), in.input())
	if err == nil {
		c.Header("Location", "/api/v1/actions/"+a.ID)
	}
	h.respond(c, http.StatusCreated, a, err)
}

func (h *actionHandlers) get(c *gin.Context) {
	a, err := h.actions.Get(c.Request.Context(), c.Param("id"))
	h.respond(c, http.StatusOK, a, err)
}

func (h *actionHandlers) update(c *gin.Context) {
	var in actionRequest
	if !bindJSON(c, &in) {
		return
	}
	a, err := h.actions.Update(c.Request.Context(), actor(c), c.Param("id"), in.input(), ifMatchVersions(c))
	h.respond(c, http.StatusOK, a, err)
}

func (h *actionHandlers) timeline(c *gin.Context) {
	entries, err := h.actions.Timeline(c.Request.Context(), c.Param("id"))
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, toTimelineResponse(entries))
}
