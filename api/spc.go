package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"

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
	writeSPCResult(c, spc.Analyse(in), nil)
}

// writeSPCResult writes an analysis, with extra's fields added at the top
// level when extra is not nil. It uses spc's own encoder: encoding/json takes
// several times longer than the analysis itself on a 5-year daily series,
// and a standard's chart has a latency budget (p95 under 20 ms).
func writeSPCResult(c *gin.Context, r spc.Result, extra any) {
	// The contract says arrays; an empty series is [] rather than null.
	if r.Points == nil {
		r.Points = []spc.PointResult{}
	}
	if r.Segments == nil {
		r.Segments = []spc.Segment{}
	}
	buf := spcBuffers.Get().(*[]byte)
	defer func() {
		if cap(*buf) <= maxPooledSPCBuffer {
			spcBuffers.Put(buf)
		}
	}()
	b, err := r.AppendJSON((*buf)[:0])
	if err != nil {
		writeError(c, fmt.Errorf("encode SPC result: %w", err))
		return
	}
	if extra != nil {
		more, err := json.Marshal(extra)
		if err != nil {
			writeError(c, fmt.Errorf("encode SPC result: %w", err))
			return
		}
		// Both are JSON objects: splice extra's fields into the result's.
		if len(more) > 2 {
			b = append(append(b[:len(b)-1], ','), more[1:]...)
		}
	}
	*buf = b
	// c.Data writes b before returning, so the buffer can go back to the pool.
	c.Data(http.StatusOK, "application/json; charset=utf-8", b)
}

// spcBuffers recycles the buffers SPC results are encoded into: a five-year
// daily chart is about 400 KB of JSON, which would otherwise be garbage on
// every request. Buffers grown past maxPooledSPCBuffer are left to the GC.
var spcBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

const maxPooledSPCBuffer = 4 << 20

type annotationResponse struct {
	Date  string `json:"date"`
	Kind  string `json:"kind"`
	Label string `json:"label"`
}

// standardChartFields are what a standard's chart adds to the calculator's
// response: the standard's own lines and marks.
type standardChartFields struct {
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
	out := standardChartFields{
		StandardID: ch.StandardID, SystemID: ch.SystemID, Period: ch.Period, Unit: ch.Unit,
		Direction: ch.Revision.Direction, Improvement: ch.Improvement, Threshold: ch.Revision.Threshold,
		Target: ch.Revision.Target, Annotations: make([]annotationResponse, len(ch.Annotations)),
	}
	for i, a := range ch.Annotations {
		out.Annotations[i] = annotationResponse{Date: isoDay(a.Date), Kind: a.Kind, Label: a.Label}
	}
	writeSPCResult(c, ch.Result, out)
}
