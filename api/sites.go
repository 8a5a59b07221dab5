package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"assure/models"
	"assure/services/access"
	"assure/services/catalogue"
)

type catalogueHandlers struct {
	catalogue *catalogue.Service
}

// catalogueRoutes registers sites and systems (systems.go).
func (s *Server) catalogueRoutes() {
	h := &catalogueHandlers{catalogue: s.app.Catalogue}
	s.handle(http.MethodGet, "/sites", access.StandardsRead, h.listSites)
	s.handle(http.MethodPost, "/sites", access.SitesManage, h.createSite)
	s.handle(http.MethodGet, "/sites/:id", access.StandardsRead, h.getSite)
	s.handle(http.MethodPatch, "/sites/:id", access.SitesManage, h.updateSite)
	s.handle(http.MethodDelete, "/sites/:id", access.SitesManage, h.deleteSite)
	s.handle(http.MethodGet, "/systems", access.StandardsRead, h.listSystems)
	s.handle(http.MethodPost, "/systems", access.SitesManage, h.createSystem)
	s.handle(http.MethodGet, "/systems/:id", access.StandardsRead, h.getSystem)
	s.handle(http.MethodPatch, "/systems/:id", access.SitesManage, h.updateSystem)
	s.handle(http.MethodDelete, "/systems/:id", access.SitesManage, h.deleteSystem)
}

// isoDay formats a calendar day as YYYY-MM-DD.
func isoDay(t time.Time) string { return t.Format(time.DateOnly) }

func isoDayPtr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := isoDay(*t)
	return &s
}

type siteResponse struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	Version     int       `json:"version"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

func toSiteResponse(s models.Site) siteResponse {
	return siteResponse{ID: s.ID, Name: s.Name, Description: s.Description, Version: s.Version,
		CreatedAt: s.CreatedAt.UTC(), UpdatedAt: s.UpdatedAt.UTC()}
}

type siteDetailResponse struct {
	siteResponse
	Systems []systemRefResponse `json:"systems"`
}

type systemRefResponse struct {
	ID          string             `json:"id"`
	Name        string             `json:"name"`
	Criticality models.Criticality `json:"criticality"`
}

func toSystemRefs(refs []catalogue.SystemRef) []systemRefResponse {
	out := make([]systemRefResponse, len(refs))
	for i, r := range refs {
		out[i] = systemRefResponse{ID: r.ID, Name: r.Name, Criticality: r.Criticality}
	}
	return out
}

type createSiteRequest struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

type updateSiteRequest struct {
	Name        *string `json:"name"`
	Description *string `json:"description"`
}

func (h *catalogueHandlers) listSites(c *gin.Context) {
	opt, ok := pageOptions(c)
	if !ok {
		return
	}
	page, err := h.catalogue.ListSites(c.Request.Context(), opt)
	if err != nil {
		writeError(c, err)
		return
	}
	writePage(c, page.Items, page.NextCursor, toSiteResponse)
}

func (h *catalogueHandlers) getSite(c *gin.Context) {
	d, err := h.catalogue.GetSite(c.Request.Context(), c.Param("id"))
	if err != nil {
		writeError(c, err)
		return
	}
	setETag(c, d.Version)
	c.JSON(http.StatusOK, siteDetailResponse{siteResponse: toSiteResponse(d.Site), Systems: toSystemRefs(d.Systems)})
}

func (h *catalogueHandlers) createSite(c *gin.Context) {
	var in createSiteRequest
	if !bindJSON(c, &in) {
		return
	}
	site, err := h.catalogue.CreateSite(c.Request.Context(), actor(c), catalogue.NewSite{Name: in.Name, Description: in.Description})
	if err != nil {
		writeError(c, err)
		return
	}
	setETag(c, site.Version)
	c.Header("Location", "/api/v1/sites/"+site.ID)
	c.JSON(http.StatusCreated, toSiteResponse(site))
}

func (h *catalogueHandlers) updateSite(c *gin.Context) {
	var in updateSiteRequest
	if !bindJSON(c, &in) {
		return
	}
	site, err := h.catalogue.UpdateSite(c.Request.Context(), actor(c), c.Param("id"),
		catalogue.SiteChange{Name: in.Name, Description: in.Description}, ifMatchVersions(c))
	if err != nil {
		writeError(c, err)
		return
	}
	setETag(c, site.Version)
	c.JSON(http.StatusOK, toSiteResponse(site))
}

func (h *catalogueHandlers) deleteSite(c *gin.Context) {
	if err := h.catalogue.DeleteSite(c.Request.Context(), actor(c), c.Param("id")); err != nil {
		writeError(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
