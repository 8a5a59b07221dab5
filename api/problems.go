package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/issues"
)

type problemHandlers struct {
	issues *issues.Service
}

// problemRoutes: problems group reports of one underlying fault. Anyone who
// may report sees the problems their reports belong to; triagers manage them.
func (s *Server) problemRoutes() {
	h := &problemHandlers{issues: s.app.Issues}
	s.handle(http.MethodGet, "/problems", access.IssuesCreate, h.list)
	s.handle(http.MethodPost, "/problems", access.IssuesTriage, h.create)
	s.handle(http.MethodGet, "/problems/:id", access.IssuesCreate, h.get)
	s.handle(http.MethodPatch, "/problems/:id", access.IssuesTriage, h.update)
	s.handle(http.MethodPost, "/problems/:id/issues", access.IssuesTriage, h.link)
	s.handle(http.MethodDelete, "/problems/:id/issues/:issue_id", access.IssuesTriage, h.unlink)
}

type problemResponse struct {
	ID               string               `json:"id"`
	Title            string               `json:"title"`
	Description      string               `json:"description"`
	RootCause        string               `json:"root_cause"`
	KnownWorkaround  string               `json:"known_workaround"`
	System           *issueRef            `json:"system"`
	Status           models.ProblemStatus `json:"status"`
	ReportCount      int                  `json:"report_count"`
	OpenReportCount  int                  `json:"open_report_count"`
	PeopleAffected   int                  `json:"people_affected"`
	TotalMinutesLost int64                `json:"total_minutes_lost"`
	HoursLost        float64              `json:"hours_lost"`
	FirstStartedAt   *time.Time           `json:"first_started_at"`
	LastStartedAt    *time.Time           `json:"last_started_at"`
	// Reports are the linked reports the caller may see; present on a single
	// problem, absent from lists.
	Reports []issueResponse `json:"reports,omitempty"`
	// Cycles are the PDSA cycles linked to the problem; present on a single
	// problem, absent from lists.
	Cycles    []issueCycleResponse `json:"cycles,omitempty"`
	CanEdit   bool                 `json:"can_edit"`
	Version   int                  `json:"version"`
	CreatedAt time.Time            `json:"created_at"`
	UpdatedAt time.Time            `json:"updated_at"`
}

func toProblemResponse(v issues.ProblemView) problemResponse {
	p := v.Problem
	out := problemResponse{
		ID: p.ID, Title: p.Title, Description: p.Description, RootCause: p.RootCause, KnownWorkaround: p.KnownWorkaround,
		Status: p.Status, ReportCount: v.ReportCount, OpenReportCount: v.OpenReportCount, PeopleAffected: v.PeopleAffected,
		TotalMinutesLost: v.TotalMinutesLost, HoursLost: hoursFromMinutes(v.TotalMinutesLost),
		FirstStartedAt: utcPtr(v.FirstStartedAt), LastStartedAt: utcPtr(v.LastStartedAt), CanEdit: v.CanEdit,
		Version: p.Version, CreatedAt: p.CreatedAt.UTC(), UpdatedAt: p.UpdatedAt.UTC(),
	}
	if v.System != nil {
		out.System = &issueRef{ID: v.System.ID, Name: v.System.Name}
	}
	if v.Reports != nil {
		out.Reports = make([]issueResponse, 0, len(v.Reports))
		for _, r := range v.Reports {
			out.Reports = append(out.Reports, toIssueResponse(r))
		}
	}
	if v.Cycles != nil {
		out.Cycles = make([]issueCycleResponse, 0, len(v.Cycles))
		for _, c := range v.Cycles {
			out.Cycles = append(out.Cycles, toIssueCycleResponse(c, v.CanOpenCycles))
		}
	}
	return out
}

type createProblemRequest struct {
	Title           string   `json:"title"`
	Description     string   `json:"description"`
	RootCause       string   `json:"root_cause"`
	KnownWorkaround string   `json:"known_workaround"`
	SystemID        *string  `json:"system_id"`
	IssueIDs        []string `json:"issue_ids"`
}

type updateProblemRequest struct {
	Title           *string               `json:"title"`
	Description     *string               `json:"description"`
	RootCause       *string               `json:"root_cause"`
	KnownWorkaround *string               `json:"known_workaround"`
	SystemID        optional[string]      `json:"system_id"`
	Status          *models.ProblemStatus `json:"status"`
}

type linkProblemIssueRequest struct {
	IssueID string `json:"issue_id"`
}

func (h *problemHandlers) list(c *gin.Context) {
	v := &services.ValidationError{}
	limit := issueQueryInt(c, "limit", v)
	if err := v.Err(); err != nil {
		writeError(c, err)
		return
	}
	page, err := h.issues.ListProblems(c.Request.Context(), actor(c), models.ProblemStatus(c.Query("status")), limit, c.Query("cursor"))
	if err != nil {
		writeError(c, err)
		return
	}
	writePage(c, page.Items, page.NextCursor, toProblemResponse)
}

func (h *problemHandlers) create(c *gin.Context) {
	var in createProblemRequest
	if !bindJSON(c, &in) {
		return
	}
	p, err := h.issues.CreateProblem(c.Request.Context(), actor(c), issues.ProblemInput{
		Title: in.Title, Description: in.Description, RootCause: in.RootCause, KnownWorkaround: in.KnownWorkaround,
		SystemID: in.SystemID, IssueIDs: in.IssueIDs,
	})
	if err != nil {
		writeError(c, err)
		return
	}
	c.Header("Location", "/api/v1/problems/"+p.Problem.ID)
	setETag(c, p.Problem.Version)
	c.JSON(http.StatusCreated, toProblemResponse(p))
}

func (h *problemHandlers) get(c *gin.Context) {
	p, err := h.issues.GetProblem(c.Request.Context(), actor(c), c.Param("id"))
	if err != nil {
		writeError(c, err)
		return
	}
	setETag(c, p.Problem.Version)
	c.JSON(http.StatusOK, toProblemResponse(p))
}

func (h *problemHandlers) update(c *gin.Context) {
	var in updateProblemRequest
	if !bindJSON(c, &in) {
		return
	}
	patch := issues.ProblemPatch{Title: in.Title, Description: in.Description, RootCause: in.RootCause,
		KnownWorkaround: in.KnownWorkaround, Status: in.Status}
	if in.SystemID.Set {
		patch.SystemID = in.SystemID.Value
		patch.ClearSystem = in.SystemID.Value == nil
	}
	p, err := h.issues.UpdateProblem(c.Request.Context(), actor(c), c.Param("id"), patch, ifMatchVersions(c))
	if err != nil {
		writeError(c, err)
		return
	}
	setETag(c, p.Problem.Version)
	c.JSON(http.StatusOK, toProblemResponse(p))
}

func (h *problemHandlers) link(c *gin.Context) {
	var in linkProblemIssueRequest
	if !bindJSON(c, &in) {
		return
	}
	p, err := h.issues.LinkIssue(c.Request.Context(), actor(c), c.Param("id"), in.IssueID)
	if err != nil {
		writeError(c, err)
		return
	}
	setETag(c, p.Problem.Version)
	c.JSON(http.StatusOK, toProblemResponse(p))
}

func (h *problemHandlers) unlink(c *gin.Context) {
	p, err := h.issues.UnlinkIssue(c.Request.Context(), actor(c), c.Param("id"), c.Param("issue_id"))
	if err != nil {
		writeError(c, err)
		return
	}
	setETag(c, p.Problem.Version)
	c.JSON(http.StatusOK, toProblemResponse(p))
}
