package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"assure/models"
	"assure/services/catalogue"
)

type systemResponse struct {
	ID           string             `json:"id"`
	Name         string             `json:"name"`
	Description  string             `json:"description"`
	Supplier     string             `json:"supplier"`
	Criticality  models.Criticality `json:"criticality"`
	OwnerID      *string            `json:"owner_id"`
	SiteIDs      []string           `json:"site_ids"`
	DependsOnIDs []string           `json:"depends_on_ids"`
	Version      int                `json:"version"`
	CreatedAt    time.Time          `json:"created_at"`
	UpdatedAt    time.Time          `json:"updated_at"`
}

func toSystemResponse(s catalogue.System) systemResponse {
	return systemResponse{
		ID: s.ID, Name: s.Name, Description: s.Description, Supplier: s.Supplier, Criticality: s.Criticality,
		OwnerID: s.OwnerID, SiteIDs: nonNilStrings(s.SiteIDs), DependsOnIDs: nonNilStrings(s.DependsOnIDs),
		Version: s.Version, CreatedAt: s.CreatedAt.UTC(), UpdatedAt: s.UpdatedAt.UTC(),
	}
}

// nonNilStrings makes an absent list encode as [] rather than null.
func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

type siteRefResponse struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type standardRefResponse struct {
	ID     string                `json:"id"`
	Code   string                `json:"code"`
	Title  string                `json:"title"`
	Status models.StandardStatus `json:"status"`
}

type systemDetailResponse struct {
	systemResponse
	Sites        []siteRefResponse     `json:"sites"`
	Dependencies []systemRefResponse   `json:"dependencies"`
	Dependants   []systemRefResponse   `json:"dependants"`
	Standards    []standardRefResponse `json:"standards"`
}

type createSystemRequest struct {
	Name         string   `json:"name"`
	Description  string   `json:"description"`
	Supplier     string   `json:"supplier"`
	Criticality  string   `json:"criticality"`
	OwnerID      *string  `json:"owner_id"`
	SiteIDs      []string `json:"site_ids"`
	DependsOnIDs []string `json:"depends_on_ids"`
}

type updateSystemRequest struct {
	Name         *string          `json:"name"`
	Description  *string          `json:"description"`
	Supplier     *string          `json:"supplier"`
	Criticality  *string          `json:"criticality"`
	OwnerID      optional[string] `json:"owner_id"`
	SiteIDs      *[]string        `json:"site_ids"`
	DependsOnIDs *[]string        `json:"depends_on_ids"`
}

func (h *catalogueHandlers) listSystems(c *gin.Context) {
	opt, ok := pageOptions(c)
	if !ok {
		return
	}
	f := catalogue.SystemFilter{
		ListOptions: opt, Q: c.Query("q"), Criticality: c.Query("criticality"),
		SiteID: c.Query("site_id"), Supplier: c.Query("supplier"),
	}
	page, err := h.catalogue.ListSystems(c.Request.Context(), f)
	if err != nil {
		writeError(c, err)
		return
	}
	writePage(c, page.Items, page.NextCursor, toSystemResponse)
}

func (h *catalogueHandlers) getSystem(c *gin.Context) {
	d, err := h.catalogue.GetSystem(c.Request.Context(), c.Param("id"))
	if err != nil {
		writeError(c, err)
		return
	}
	out := systemDetailResponse{
		systemResponse: toSystemResponse(d.System),
		Sites:          make([]siteRefResponse, len(d.Sites)),
		Dependencies:   toSystemRefs(d.Dependencies),
		Dependants:     toSystemRefs(d.Dependants),
		Standards:      make([]standardRefResponse, len(d.Standards)),
	}
	for i, s := range d.Sites {
		out.Sites[i] = siteRefResponse{ID: s.ID, Name: s.Name}
	}
	for i, s := range d.Standards {
		out.Standards[i] = standardRefResponse{ID: s.ID, Code: s.Code, Title: s.Title, Status: s.Status}
	}
	setETag(c, d.Version)
	c.JSON(http.StatusOK, out)
}

func (h *catalogueHandlers) createSystem(c *gin.Context) {
	var in createSystemRequest
	if !bindJSON(c, &in) {
		return
	}
	sys, err := h.catalogue.CreateSystem(c.Request.Context(), actor(c), catalogue.NewSystem{
		Name: in.Name, Description: in.Description, Supplier: in.Supplier, Criticality: in.Criticality,
		OwnerID: in.OwnerID, SiteIDs: in.SiteIDs, DependsOnIDs: in.DependsOnIDs,
	})
	if err != nil {
		writeError(c, err)
		return
	}
	setETag(c, sys.Version)
	c.Header("Location", "/api/v1/systems/"+sys.ID)
	c.JSON(http.StatusCreated, toSystemResponse(sys))
}

func (h *catalogueHandlers) updateSystem(c *gin.Context) {
	var in updateSystemRequest
	if !bindJSON(c, &in) {
		return
	}
	sys, err := h.catalogue.UpdateSystem(c.Request.Context(), actor(c), c.Param("id"), catalogue.SystemChange{
		Name: in.Name, Description: in.Description, Supplier: in.Supplier, Criticality: in.Criticality,
		OwnerID: catalogue.Optional[string]{Set: in.OwnerID.Set, Value: in.OwnerID.Value},
		SiteIDs: in.SiteIDs, DependsOnIDs: in.DependsOnIDs,
	}, ifMatchVersions(c))
	if err != nil {
		writeError(c, err)
		return
	}
	setETag(c, sys.Version)
	c.JSON(http.StatusOK, toSystemResponse(sys))
}

func (h *catalogueHandlers) deleteSystem(c *gin.Context) {
	if err := h.catalogue.DeleteSystem(c.Request.Context(), actor(c), c.Param("id")); err != nil {
		writeError(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
