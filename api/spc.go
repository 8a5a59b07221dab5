package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/spc"
)

// spcRoutes registers the SPC calculator. A standard's own chart is
// registered with the standards (GET /standards/:id/spc).
func (s *Server) spcRoutes() {
	s.handle(http.MethodPost, "/spc", access.Authenticated, analyseSeries)
}

// analyseSeries is the SPC calculator: any series in, the analysis out
// (SPC.md, "Wire format").
func analyseSeries(c *gin.Context) {
	var req spc.Request
	if !bindJSON(c, &req) {
		return
	}
	in := req.Input()
	if errs := in.Validate(); len(errs) > 0 {
		v := &services.ValidationError{}
		for _, e := range errs {
			v.Add(e.Field, "%s", e.Message)
		}
		writeError(c, v)
		return
	}
	c.JSON(http.StatusOK, spc.Analyse(in))
}

type annotationResponse struct {
	Date  string `json:"date"`
	Kind  string `json:"kind"`
	Label string `json:"label"`
}

// standardChartResponse is the calculator's response for a standard's series
// plus the standard's own lines and marks.
type standardChartResponse struct {
	spc.Result
	StandardID  string               `json:"standard_id"`
	SystemID    *string              `json:"system_id"`
	Period      models.Period        `json:"period"`
	Unit        string               `json:"unit"`
	Direction   models.Direction     `json:"direction"`
	Improvement spc.Improvement      `json:"improvement"`
	Threshold   float64              `json:"threshold"`
	Target      *float64             `json:"target"`
	Annotations []annotationResponse `json:"annotations"`
}

func (h *complianceHandlers) chart(c *gin.Context) {
	ch, err := h.compliance.Chart(c.Request.Context(), c.Param("id"), seriesQuery(c))
	if err != nil {
		writeError(c, err)
		return
	}
	out := standardChartResponse{
		Result: ch.Result, StandardID: ch.StandardID, SystemID: ch.SystemID, Period: ch.Period, Unit: ch.Unit,
		Direction: ch.Revision.Direction, Improvement: ch.Improvement, Threshold: ch.Revision.Threshold,
		Target: ch.Revision.Target, Annotations: make([]annotationResponse, len(ch.Annotations)),
	}
	for i, a := range ch.Annotations {
		out.Annotations[i] = annotationResponse{Date: isoDay(a.Date), Kind: a.Kind, Label: a.Label}
	}
	c.JSON(http.StatusOK, out)
}
