package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"assure/models"
	"assure/services/compliance"
)

type complianceHandlers struct {
	compliance *compliance.Service
}

// seriesQuery reads ?from=&to=&system_id= (the service validates them).
func seriesQuery(c *gin.Context) compliance.Query {
	return compliance.Query{From: c.Query("from"), To: c.Query("to"), SystemID: c.Query("system_id")}
}

type compliancePeriodResponse struct {
	PeriodStart string            `json:"period_start"`
	Value       *float64          `json:"value"`
	Status      compliance.Status `json:"status"`
	Threshold   float64           `json:"threshold"`
	Target      *float64          `json:"target"`
	Direction   models.Direction  `json:"direction"`
	RevisionID  string            `json:"revision_id"`
	RollingRate *float64          `json:"rolling_rate"`
}

type complianceCountsResponse struct {
	Met      int `json:"met"`
	Breached int `json:"breached"`
	Excepted int `json:"excepted"`
	Missing  int `json:"missing"`
}

type complianceResponse struct {
	StandardID string                     `json:"standard_id"`
	SystemID   *string                    `json:"system_id"`
	Period     models.Period              `json:"period"`
	From       *string                    `json:"from"`
	To         *string                    `json:"to"`
	Periods    []compliancePeriodResponse `json:"periods"`
	Rate       *float64                   `json:"rate"`
	Counts     complianceCountsResponse   `json:"counts"`
}

func (h *complianceHandlers) get(c *gin.Context) {
	res, err := h.compliance.Compliance(c.Request.Context(), c.Param("id"), seriesQuery(c))
	if err != nil {
		writeError(c, err)
		return
	}
	out := complianceResponse{
		StandardID: res.StandardID, SystemID: res.SystemID, Period: res.Period,
		Periods: make([]compliancePeriodResponse, len(res.Periods)), Rate: res.Rate,
		Counts: complianceCountsResponse{Met: res.Counts.Met, Breached: res.Counts.Breached,
			Excepted: res.Counts.Excepted, Missing: res.Counts.Missing},
	}
	if len(res.Periods) > 0 {
		out.From, out.To = isoDayPtr(&res.From), isoDayPtr(&res.To)
	}
	for i, p := range res.Periods {
		out.Periods[i] = compliancePeriodResponse{
			PeriodStart: isoDay(p.Start), Value: p.Value, Status: p.Status, Threshold: p.Revision.Threshold,
			Target: p.Revision.Target, Direction: p.Revision.Direction, RevisionID: p.Revision.ID, RollingRate: p.RollingRate,
		}
	}
	c.JSON(http.StatusOK, out)
}
