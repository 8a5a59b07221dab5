package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"assure/services"
	"assure/services/access"
	"assure/services/measurements"
)

// MeasurementsBatchBodyLimit is the largest batch upload: 100,000 CSV rows
// with short notes fit well within it.
const MeasurementsBatchBodyLimit int64 = 16 << 20

type measurementsHandlers struct {
	svc *measurements.Service
}

func (s *Server) measurementRoutes() {
	h := &measurementsHandlers{svc: s.app.Measurements}
	s.handle(http.MethodPost, "/measurements", access.MeasurementsWrite, h.create)
	s.handle(http.MethodPost, "/measurements/batch", access.MeasurementsWrite, h.batch, bodyLimit(MeasurementsBatchBodyLimit))
	s.handle(http.MethodGet, "/standards/:id/measurements", access.StandardsRead, h.list)
	s.handle(http.MethodGet, "/standards/:id/measurements.csv", access.StandardsRead, h.export)
}

// measurementRequest is one measurement as a client sends it.
type measurementRequest struct {
	Standard    string   `json:"standard"`
	System      string   `json:"system"`
	PeriodStart string   `json:"period_start"`
	Value       *float64 `json:"value"`
	Note        string   `json:"note"`
}

func (r measurementRequest) toInput() measurements.Input {
	return measurements.Input{Standard: r.Standard, System: r.System, PeriodStart: r.PeriodStart, Value: r.Value, Note: r.Note}
}

type measurementsResultResponse struct {
	Received int `json:"received"`
	Inserted int `json:"inserted"`
	Updated  int `json:"updated"`
}

func toResultResponse(r measurements.Result) measurementsResultResponse {
	return measurementsResultResponse{Received: r.Received, Inserted: r.Inserted, Updated: r.Updated}
}

// create records one value: source "manual" for a user, "api" for an API token.
func (h *measurementsHandlers) create(c *gin.Context) {
	var in measurementRequest
	if !bindJSON(c, &in) {
		return
	}
	a := actor(c)
	res, err := h.svc.RecordOne(c.Request.Context(), a, in.toInput(), measurements.SourceFor(a, false))
	if err != nil {
		writeError(c, err)
		return
	}
	status := http.StatusOK
	if res.Inserted > 0 {
		status = http.StatusCreated
	}
	c.JSON(status, toResultResponse(res))
}

// batch records up to 100,000 values sent as JSON {"measurements": [...]} or
// as text/csv: all of them, or none when any row is invalid.
func (h *measurementsHandlers) batch(c *gin.Context) {
	mt := "application/json"
	if ct := c.GetHeader("Content-Type"); ct != "" {
		var err error
		if mt, _, err = mime.ParseMediaType(ct); err != nil {
			mt = ""
		}
	}
	var inputs []measurements.Input
	var ok bool
	switch {
	case mt == "text/csv":
		inputs, ok = readCSVBatch(c)
	case mt == "application/json" || strings.HasSuffix(mt, "+json"):
		inputs, ok = readJSONBatch(c)
	default:
		writeProblem(c, http.StatusUnsupportedMediaType, "Send the batch as application/json or text/csv.")
		return
	}
	if !ok {
		return
	}
	a := actor(c)
	res, err := h.svc.Record(c.Request.Context(), a, inputs, measurements.Options{Source: measurements.SourceFor(a, true), Label: "upload (" + mt + ")"})
	if err != nil {
		writeBatchError(c, err)
		return
	}
	c.JSON(http.StatusOK, toResultResponse(res))
}

// writeBatchError reports a rejected batch with how many problems it had.
func writeBatchError(c *gin.Context, err error) {
	var be *measurements.BatchError
	if errors.As(err, &be) {
		writeProblem(c, http.StatusUnprocessableEntity, be.Detail(), be.Invalid.Fields...)
		return
	}
	writeError(c, err)
}

func readCSVBatch(c *gin.Context) ([]measurements.Input, bool) {
	inputs, err := measurements.ReadCSV(c.Request.Body, measurements.MaxBatchRows)
	var mbe *http.MaxBytesError
	var ce *measurements.CSVError
	switch {
	case errors.As(err, &mbe):
		writeProblem(c, http.StatusRequestEntityTooLarge, fmt.Sprintf("The body is larger than the %d bytes this endpoint accepts; split the batch.", mbe.Limit))
		return nil, false
	case errors.As(err, &ce):
		field := "csv"
		if ce.Row == 0 {
			field = "header"
		}
		writeProblem(c, http.StatusUnprocessableEntity, "The CSV cannot be read. Nothing was written.",
			services.FieldError{Row: ce.Row, Field: field, Message: ce.Err})
		return nil, false
	case err != nil:
		writeError(c, err)
		return nil, false
	}
	return inputs, true
}

// readJSONBatch decodes {"measurements": [...]}, each row on its own, so a
// row with a wrong type or an unknown field is reported with its row number
// alongside the other rows' problems.
func readJSONBatch(c *gin.Context) ([]measurements.Input, bool) {
	var body struct {
		Measurements []json.RawMessage `json:"measurements"`
	}
	if !bindJSON(c, &body) {
		return nil, false
	}
	if body.Measurements == nil {
		writeProblem(c, http.StatusUnprocessableEntity, "Some fields are not valid.",
			services.FieldError{Field: "measurements", Message: "is required: an array of measurements"})
		return nil, false
	}
	if n := len(body.Measurements); n > measurements.MaxBatchRows {
		writeProblem(c, http.StatusUnprocessableEntity, "The batch is too large.",
			services.FieldError{Field: "measurements", Message: fmt.Sprintf("must hold at most %d measurements (this batch has %d); split it", measurements.MaxBatchRows, n)})
		return nil, false
	}
	inputs := make([]measurements.Input, len(body.Measurements))
	for i, raw := range body.Measurements {
		var r measurementRequest
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			// Decode again leniently, so the row's other fields are still
			// checked; the first problem is reported with them.
			r = measurementRequest{}
			_ = json.Unmarshal(raw, &r) // its error is the one just reported
			inputs[i] = r.toInput()
			inputs[i].Problems = []measurements.Problem{rowDecodeProblem(err)}
			continue
		}
		inputs[i] = r.toInput()
	}
	return inputs, true
}

func rowDecodeProblem(err error) measurements.Problem {
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typ) && typ.Field != "":
		return measurements.Problem{Field: typ.Field, Message: "must be " + article(jsonKind(typ.Type.Kind().String()))}
	case errors.As(err, &typ):
		return measurements.Problem{Field: "row", Message: "must be a JSON object"}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		// encoding/json has no typed error for this; the message format is stable.
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return measurements.Problem{Field: name, Message: "is not a known field"}
	default:
		return measurements.Problem{Field: "row", Message: "is not valid JSON"}
	}
}

type measurementResponse struct {
	StandardID        string    `json:"standard_id"`
	StandardCode      string    `json:"standard_code"`
	SystemID          *string   `json:"system_id"`
	SystemName        *string   `json:"system_name"`
	PeriodStart       string    `json:"period_start"`
	Value             float64   `json:"value"`
	Note              string    `json:"note"`
	Source            string    `json:"source"`
	RecordedByUserID  *string   `json:"recorded_by_user_id"`
	RecordedByTokenID *string   `json:"recorded_by_token_id"`
	RecordedAt        time.Time `json:"recorded_at"`
}

func measurementFilter(c *gin.Context) measurements.Filter {
	return measurements.Filter{From: c.Query("from"), To: c.Query("to"), SystemID: c.Query("system_id"),
		Source: c.Query("source"), Limit: c.Query("limit"), Cursor: c.Query("cursor")}
}

func (h *measurementsHandlers) list(c *gin.Context) {
	page, err := h.svc.List(c.Request.Context(), actor(c), c.Param("id"), measurementFilter(c))
	if err != nil {
		writeError(c, err)
		return
	}
	writePage(c, page.Items, page.NextCursor, toMeasurementResponse)
}

func toMeasurementResponse(m measurements.Measurement) measurementResponse {
	r := measurementResponse{
		StandardID: m.StandardID, StandardCode: m.StandardCode, SystemID: m.SystemID,
		PeriodStart: m.PeriodStart.Format(time.DateOnly), Value: m.Value, Note: m.Note, Source: string(m.Source),
		RecordedByUserID: m.RecordedByUser, RecordedByTokenID: m.RecordedByToken, RecordedAt: m.RecordedAt.UTC(),
	}
	if m.SystemID != nil {
		name := m.SystemName
		r.SystemName = &name
	}
	return r
}

// export streams the measurements as CSV in the upload format. Once the first
// byte is sent a failure can only cut the download short; it is logged.
func (h *measurementsHandlers) export(c *gin.Context) {
	ex, err := h.svc.Export(c.Request.Context(), actor(c), c.Param("id"), measurementFilter(c))
	if err != nil {
		writeError(c, err)
		return
	}
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": ex.Filename}))
	c.Header("Cache-Control", "no-store")
	c.Status(http.StatusOK)
	if _, err := ex.WriteTo(c.Request.Context(), c.Writer); err != nil {
		slog.ErrorContext(c.Request.Context(), "measurements export cut short", "request_id", requestID(c), "error", err.Error())
	}
}
