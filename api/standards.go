package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"assure/models"
	"assure/services/access"
	"assure/services/catalogue"
	"assure/services/standards"
)

type standardsHandlers struct {
	standards *standards.Service
}

// standardsRoutes registers the catalogue of standards with their revisions,
// exceptions and rebases, and each standard's compliance (compliance.go) and
// SPC chart (spc.go).
func (s *Server) standardsRoutes() {
	h := &standardsHandlers{standards: s.app.Standards}
	s.handle(http.MethodGet, "/standards", access.StandardsRead, h.list)
	s.handle(http.MethodPost, "/standards", access.StandardsManage, h.create)
	s.handle(http.MethodGet, "/standards/:id", access.StandardsRead, h.get)
	// Owners may edit their own standard's text: the service decides.
	s.handle(http.MethodPatch, "/standards/:id", access.Authenticated, h.update)
	s.handle(http.MethodDelete, "/standards/:id", access.StandardsManage, h.delete)
	s.handle(http.MethodGet, "/standards/:id/revisions", access.StandardsRead, h.listRevisions)
	s.handle(http.MethodGet, "/standards/:id/exceptions", access.StandardsRead, h.listExceptions)
	s.handle(http.MethodPost, "/standards/:id/exceptions", access.StandardsManage, h.createException)
	s.handle(http.MethodDelete, "/standards/:id/exceptions/:exception_id", access.StandardsManage, h.deleteException)
	s.handle(http.MethodGet, "/standards/:id/rebases", access.StandardsRead, h.listRebases)
	// Owners and admins record rebases: the service decides.
	s.handle(http.MethodPost, "/standards/:id/rebases", access.Authenticated, h.createRebase)

	ch := &complianceHandlers{compliance: s.app.Compliance}
	s.handle(http.MethodGet, "/standards/:id/compliance", access.StandardsRead, ch.get)
	s.handle(http.MethodGet, "/standards/:id/spc", access.StandardsRead, ch.chart)
}

type standardResponse struct {
	ID                 string                `json:"id"`
	Code               string                `json:"code"`
	Title              string                `json:"title"`
	Rationale          string                `json:"rationale"`
	Category           string                `json:"category"`
	Metric             string                `json:"metric"`
	Unit               string                `json:"unit"`
	Direction          models.Direction      `json:"direction"`
	Threshold          float64               `json:"threshold"`
	Target             *float64              `json:"target"`
	Period             models.Period         `json:"period"`
	Rollup             models.Rollup         `json:"rollup"`
	SystemIDs          []string              `json:"system_ids"`
	OwnerID            *string               `json:"owner_id"`
	Status             models.StandardStatus `json:"status"`
	ReviewDue          *string               `json:"review_due"`
	References         []standards.Reference `json:"references"`
	BaselinePoints     *int                  `json:"baseline_points"`
	ScreenMovingRanges bool                  `json:"screen_moving_ranges"`
	Version            int                   `json:"version"`
	CreatedAt          time.Time             `json:"created_at"`
	UpdatedAt          time.Time             `json:"updated_at"`
}

func toStandardResponse(s standards.Standard) standardResponse {
	refs := s.Refs
	if refs == nil {
		refs = []standards.Reference{}
	}
	return standardResponse{
		ID: s.ID, Code: s.Code, Title: s.Title, Rationale: s.Rationale, Category: s.Category, Metric: s.Metric,
		Unit: s.Unit, Direction: s.Direction, Threshold: s.Threshold, Target: s.Target, Period: s.Period,
		Rollup: s.Rollup, SystemIDs: nonNilStrings(s.SystemIDs), OwnerID: s.OwnerID, Status: s.Status,
		ReviewDue: isoDayPtr(s.ReviewDue), References: refs, BaselinePoints: s.BaselinePoints,
		ScreenMovingRanges: s.ScreenMovingRanges, Version: s.Version,
		CreatedAt: s.CreatedAt.UTC(), UpdatedAt: s.UpdatedAt.UTC(),
	}
}

type createStandardRequest struct {
	Code               string                `json:"code"`
	Title              string                `json:"title"`
	Rationale          string                `json:"rationale"`
	Category           string                `json:"category"`
	Metric             string                `json:"metric"`
	Unit               string                `json:"unit"`
	Direction          string                `json:"direction"`
	Threshold          *float64              `json:"threshold"`
	Target             *float64              `json:"target"`
	Period             string                `json:"period"`
	Rollup             string                `json:"rollup"`
	SystemIDs          []string              `json:"system_ids"`
	OwnerID            *string               `json:"owner_id"`
	Status             string                `json:"status"`
	ReviewDue          *string               `json:"review_due"`
	References         []standards.Reference `json:"references"`
	BaselinePoints     *int                  `json:"baseline_points"`
	ScreenMovingRanges *bool                 `json:"screen_moving_ranges"`
	EffectiveFrom      *string               `json:"effective_from"`
}

type updateStandardRequest struct {
	Code               *string                `json:"code"`
	Title              *string                `json:"title"`
	Rationale          *string                `json:"rationale"`
	Category           *string                `json:"category"`
	Metric             *string                `json:"metric"`
	Unit               *string                `json:"unit"`
	Direction          *string                `json:"direction"`
	Threshold          *float64               `json:"threshold"`
	Target             optional[float64]      `json:"target"`
	Period             *string                `json:"period"`
	Rollup             *string                `json:"rollup"`
	SystemIDs          *[]string              `json:"system_ids"`
	OwnerID            optional[string]       `json:"owner_id"`
	Status             *string                `json:"status"`
	ReviewDue          optional[string]       `json:"review_due"`
	References         *[]standards.Reference `json:"references"`
	BaselinePoints     optional[int]          `json:"baseline_points"`
	ScreenMovingRanges *bool                  `json:"screen_moving_ranges"`
	EffectiveFrom      *string                `json:"effective_from"`
}

func (r updateStandardRequest) toChange() standards.Change {
	return standards.Change{
		Code: r.Code, Title: r.Title, Rationale: r.Rationale, Category: r.Category, Metric: r.Metric,
		Unit: r.Unit, Direction: r.Direction, Threshold: r.Threshold,
		Target: catalogue.Optional[float64](r.Target), Period: r.Period, Rollup: r.Rollup,
		SystemIDs: r.SystemIDs, OwnerID: catalogue.Optional[string](r.OwnerID), Status: r.Status,
		ReviewDue: catalogue.Optional[string](r.ReviewDue), References: r.References,
		BaselinePoints:     catalogue.Optional[int](r.BaselinePoints),
		ScreenMovingRanges: r.ScreenMovingRanges, EffectiveFrom: r.EffectiveFrom,
	}
}

func (h *standardsHandlers) list(c *gin.Context) {
	opt, ok := pageOptions(c)
	if !ok {
		return
	}
	f := standards.Filter{
		ListOptions: opt, Category: c.Query("category"), Status: c.Query("status"),
		OwnerID: c.Query("owner_id"), SystemID: c.Query("system_id"), Compliance: c.Query("compliance"),
		Q: c.Query("q"),
	}
	page, err := h.standards.List(c.Request.Context(), f)
	if err != nil {
		writeError(c, err)
		return
	}
	writePage(c, page.Items, page.NextCursor, toStandardResponse)
}

func (h *standardsHandlers) get(c *gin.Context) {
	st, err := h.standards.Get(c.Request.Context(), c.Param("id"))
	if err != nil {
		writeError(c, err)
		return
	}
	setETag(c, st.Version)
	c.JSON(http.StatusOK, toStandardResponse(st))
}

func (h *standardsHandlers) create(c *gin.Context) {
	var in createStandardRequest
	if !bindJSON(c, &in) {
		return
	}
	st, err := h.standards.Create(c.Request.Context(), actor(c), standards.NewStandard(in))
	if err != nil {
		writeError(c, err)
		return
	}
	setETag(c, st.Version)
	c.Header("Location", "/api/v1/standards/"+st.ID)
	c.JSON(http.StatusCreated, toStandardResponse(st))
}

func (h *standardsHandlers) update(c *gin.Context) {
	var in updateStandardRequest
	if !bindJSON(c, &in) {
		return
	}
	st, err := h.standards.Update(c.Request.Context(), actor(c), c.Param("id"), in.toChange(), ifMatchVersions(c))
	if err != nil {
		writeError(c, err)
		return
	}
	setETag(c, st.Version)
	c.JSON(http.StatusOK, toStandardResponse(st))
}

func (h *standardsHandlers) delete(c *gin.Context) {
	if err := h.standards.Delete(c.Request.Context(), actor(c), c.Param("id")); err != nil {
		writeError(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

type revisionResponse struct {
	ID            string           `json:"id"`
	StandardID    string           `json:"standard_id"`
	EffectiveFrom string           `json:"effective_from"`
	Direction     models.Direction `json:"direction"`
	Threshold     float64          `json:"threshold"`
	Target        *float64         `json:"target"`
	Period        models.Period    `json:"period"`
	CreatedBy     *string          `json:"created_by"`
	CreatedAt     time.Time        `json:"created_at"`
}

func toRevisionResponse(r models.StandardRevision) revisionResponse {
	return revisionResponse{
		ID: r.ID, StandardID: r.StandardID, EffectiveFrom: isoDay(r.EffectiveFrom), Direction: r.Direction,
		Threshold: r.Threshold, Target: r.Target, Period: r.Period, CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt.UTC(),
	}
}

func (h *standardsHandlers) listRevisions(c *gin.Context) {
	opt, ok := pageOptions(c)
	if !ok {
		return
	}
	page, err := h.standards.ListRevisions(c.Request.Context(), c.Param("id"), opt)
	if err != nil {
		writeError(c, err)
		return
	}
	writePage(c, page.Items, page.NextCursor, toRevisionResponse)
}

type exceptionResponse struct {
	ID         string    `json:"id"`
	StandardID string    `json:"standard_id"`
	SystemID   *string   `json:"system_id"`
	SiteID     *string   `json:"site_id"`
	Reason     string    `json:"reason"`
	ApprovedBy string    `json:"approved_by"`
	StartsOn   string    `json:"starts_on"`
	ExpiresOn  string    `json:"expires_on"`
	CreatedAt  time.Time `json:"created_at"`
}

func toExceptionResponse(e models.StandardException) exceptionResponse {
	return exceptionResponse{
		ID: e.ID, StandardID: e.StandardID, SystemID: e.SystemID, SiteID: e.SiteID, Reason: e.Reason,
		ApprovedBy: e.ApprovedBy, StartsOn: isoDay(e.StartsOn), ExpiresOn: isoDay(e.ExpiresOn), CreatedAt: e.CreatedAt.UTC(),
	}
}

type createExceptionRequest struct {
	Reason    string  `json:"reason"`
	SystemID  *string `json:"system_id"`
	SiteID    *string `json:"site_id"`
	StartsOn  string  `json:"starts_on"`
	ExpiresOn string  `json:"expires_on"`
}

func (h *standardsHandlers) listExceptions(c *gin.Context) {
	opt, ok := pageOptions(c)
	if !ok {
		return
	}
	page, err := h.standards.ListExceptions(c.Request.Context(), c.Param("id"), opt)
	if err != nil {
		writeError(c, err)
		return
	}
	writePage(c, page.Items, page.NextCursor, toExceptionResponse)
}

func (h *standardsHandlers) createException(c *gin.Context) {
	var in createExceptionRequest
	if !bindJSON(c, &in) {
		return
	}
	ex, err := h.standards.CreateException(c.Request.Context(), actor(c), c.Param("id"), standards.NewException(in))
	if err != nil {
		writeError(c, err)
		return
	}
	c.Header("Location", "/api/v1/standards/"+ex.StandardID+"/exceptions/"+ex.ID)
	c.JSON(http.StatusCreated, toExceptionResponse(ex))
}

func (h *standardsHandlers) deleteException(c *gin.Context) {
	err := h.standards.DeleteException(c.Request.Context(), actor(c), c.Param("id"), c.Param("exception_id"))
	if err != nil {
		writeError(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

type rebaseResponse struct {
	ID         string              `json:"id"`
	StandardID string              `json:"standard_id"`
	Period     string              `json:"period"`
	Reason     string              `json:"reason"`
	Source     models.RebaseSource `json:"source"`
	CycleID    *string             `json:"cycle_id"`
	CreatedBy  *string             `json:"created_by"`
	CreatedAt  time.Time           `json:"created_at"`
}

func toRebaseResponse(r models.StandardRebase) rebaseResponse {
	return rebaseResponse{
		ID: r.ID, StandardID: r.StandardID, Period: isoDay(r.Period), Reason: r.Reason, Source: r.Source,
		CycleID: r.CycleID, CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt.UTC(),
	}
}

type createRebaseRequest struct {
	Period string `json:"period"`
	Reason string `json:"reason"`
}

func (h *standardsHandlers) listRebases(c *gin.Context) {
	opt, ok := pageOptions(c)
	if !ok {
		return
	}
	page, err := h.standards.ListRebases(c.Request.Context(), c.Param("id"), opt)
	if err != nil {
		writeError(c, err)
		return
	}
	writePage(c, page.Items, page.NextCursor, toRebaseResponse)
}

func (h *standardsHandlers) createRebase(c *gin.Context) {
	var in createRebaseRequest
	if !bindJSON(c, &in) {
		return
	}
	rb, err := h.standards.CreateRebase(c.Request.Context(), actor(c), c.Param("id"), standards.NewRebase(in))
	if err != nil {
		writeError(c, err)
		return
	}
	c.Header("Location", "/api/v1/standards/"+rb.StandardID+"/rebases")
	c.JSON(http.StatusCreated, toRebaseResponse(rb))
}
