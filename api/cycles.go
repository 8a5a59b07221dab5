package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/catalogue"
	"assure/services/cycles"
	"assure/services/spc"
)

type cycleHandlers struct {
	cycles *cycles.Service
}

// cycleRoutes: PDSA cycles. Anyone who may read cycles sees them, their
// evidence and timeline; improvers (cycles.manage) plan and move them.
func (s *Server) cycleRoutes() {
	h := &cycleHandlers{cycles: s.app.Cycles}
	s.handle(http.MethodGet, "/cycles", access.CyclesRead, h.list)
	s.handle(http.MethodPost, "/cycles", access.CyclesManage, h.create)
	s.handle(http.MethodGet, "/cycles/:id", access.CyclesRead, h.get)
	s.handle(http.MethodPatch, "/cycles/:id", access.CyclesManage, h.update)
	s.handle(http.MethodPost, "/cycles/:id/transitions", access.CyclesManage, h.transition)
	s.handle(http.MethodGet, "/cycles/:id/evidence", access.CyclesRead, h.evidence)
	s.handle(http.MethodGet, "/cycles/:id/timeline", access.CyclesRead, h.timeline)
}

// cycleRequest is the body of POST and PATCH /cycles: every field optional
// on PATCH (left out: unchanged; null: cleared where that makes sense).
type cycleRequest struct {
	Title        *string                `json:"title"`
	Aim          *string                `json:"aim"`
	ChangeIdea   *string                `json:"change_idea"`
	OwnerID      optional[string]       `json:"owner_id"`
	Team         *[]string              `json:"team"`
	Measures     *[]cycleMeasureRequest `json:"measures"`
	Plan         *string                `json:"plan"`
	PlannedStart optional[string]       `json:"planned_start"`
	PlannedEnd   optional[string]       `json:"planned_end"`
	IssueIDs     *[]string              `json:"issue_ids"`
	ProblemIDs   *[]string              `json:"problem_ids"`
	DoStartedOn  optional[string]       `json:"do_started_on"`
	DoNotes      *string                `json:"do_notes"`
	Observations *string                `json:"observations"`
	StudySummary *string                `json:"study_summary"`
	Decision     optional[string]       `json:"decision"`
	Rationale    *string                `json:"rationale"`
}

type cycleMeasureRequest struct {
	StandardID         string   `json:"standard_id"`
	Role               string   `json:"role"`
	PredictedDirection *string  `json:"predicted_direction"`
	PredictedChange    *float64 `json:"predicted_change"`
}

func (r cycleRequest) input() cycles.Input {
	in := cycles.Input{
		Title: r.Title, Aim: r.Aim, ChangeIdea: r.ChangeIdea, OwnerID: catalogue.Optional[string](r.OwnerID),
		Team: r.Team, Plan: r.Plan, PlannedStart: catalogue.Optional[string](r.PlannedStart),
		PlannedEnd: catalogue.Optional[string](r.PlannedEnd), IssueIDs: r.IssueIDs, ProblemIDs: r.ProblemIDs,
		DoStartedOn: catalogue.Optional[string](r.DoStartedOn), DoNotes: r.DoNotes, Observations: r.Observations,
		StudySummary: r.StudySummary, Decision: catalogue.Optional[string](r.Decision), Rationale: r.Rationale,
	}
	if r.Measures != nil {
		ms := make([]cycles.MeasureInput, len(*r.Measures))
		for i, m := range *r.Measures {
			ms[i] = cycles.MeasureInput{StandardID: m.StandardID, Role: m.Role,
				PredictedDirection: m.PredictedDirection, PredictedChange: m.PredictedChange}
		}
		in.Measures = &ms
	}
	return in
}

type cycleTransitionRequest struct {
	To   string `json:"to"`
	Note string `json:"note"`
}

type cycleTeamMemberResponse struct {
	UserID *string `json:"user_id"`
	Name   string  `json:"name"`
}

type cycleMeasureResponse struct {
	StandardID         string                     `json:"standard_id"`
	Code               string                     `json:"code"`
	Title              string                     `json:"title"`
	Unit               string                     `json:"unit"`
	Period             models.Period              `json:"period"`
	Direction          models.Direction           `json:"direction"`
	Role               models.MeasureRole         `json:"role"`
	PredictedDirection *models.PredictedDirection `json:"predicted_direction"`
	PredictedChange    *float64                   `json:"predicted_change"`
}

type cycleResponse struct {
	ID                 string                    `json:"id"`
	RampID             string                    `json:"ramp_id"`
	Sequence           int                       `json:"sequence"`
	PreviousCycleID    *string                   `json:"previous_cycle_id"`
	NextCycleID        *string                   `json:"next_cycle_id"`
	Title              string                    `json:"title"`
	Aim                string                    `json:"aim"`
	ChangeIdea         string                    `json:"change_idea"`
	OwnerID            *string                   `json:"owner_id"`
	OwnerName          *string                   `json:"owner_name"`
	Team               []string                  `json:"team"`
	TeamMembers        []cycleTeamMemberResponse `json:"team_members"`
	Measures           []cycleMeasureResponse    `json:"measures"`
	Plan               string                    `json:"plan"`
	PlannedStart       *string                   `json:"planned_start"`
	PlannedEnd         *string                   `json:"planned_end"`
	IssueIDs           []string                  `json:"issue_ids"`
	ProblemIDs         []string                  `json:"problem_ids"`
	DoStartedOn        *string                   `json:"do_started_on"`
	DoNotes            string                    `json:"do_notes"`
	Observations       string                    `json:"observations"`
	StudySummary       string                    `json:"study_summary"`
	Decision           *models.Decision          `json:"decision"`
	Rationale          string                    `json:"rationale"`
	Stage              models.Stage              `json:"stage"`
	StageChangedAt     time.Time                 `json:"stage_changed_at"`
	PredictionsLocked  bool                      `json:"predictions_locked"`
	AllowedTransitions []models.Stage            `json:"allowed_transitions"`
	MissingForNext     []services.FieldError     `json:"missing_for_next"`
	Version            int                       `json:"version"`
	CreatedAt          time.Time                 `json:"created_at"`
	UpdatedAt          time.Time                 `json:"updated_at"`
}

func toCycleResponse(c cycles.Cycle) cycleResponse {
	r := cycleResponse{
		ID: c.ID, RampID: c.RampID, Sequence: c.Sequence, PreviousCycleID: c.PreviousCycleID, NextCycleID: c.NextCycleID,
		Title: c.Title, Aim: c.Aim, ChangeIdea: c.ChangeIdea, OwnerID: c.OwnerID, OwnerName: c.OwnerName,
		Team: append([]string{}, c.Team...), TeamMembers: make([]cycleTeamMemberResponse, len(c.TeamMembers)),
		Measures: make([]cycleMeasureResponse, len(c.Measures)), Plan: c.Plan,
		PlannedStart: isoDayPtr(c.PlannedStart), PlannedEnd: isoDayPtr(c.PlannedEnd),
		IssueIDs: c.IssueIDs, ProblemIDs: c.ProblemIDs, DoStartedOn: isoDayPtr(c.DoStartedOn),
		DoNotes: c.DoNotes, Observations: c.Observations, StudySummary: c.StudySummary, Decision: c.Decision,
		Rationale: c.Rationale, Stage: c.Stage, StageChangedAt: c.StageChangedAt.UTC(),
		PredictionsLocked: c.PredictionsLocked(), AllowedTransitions: c.Transitions,
		MissingForNext: append([]services.FieldError{}, c.MissingForNext...),
		Version:        c.Version, CreatedAt: c.CreatedAt.UTC(), UpdatedAt: c.UpdatedAt.UTC(),
	}
	for i, t := range c.TeamMembers {
		r.TeamMembers[i] = cycleTeamMemberResponse{UserID: t.UserID, Name: t.Name}
	}
	for i, m := range c.Measures {
		r.Measures[i] = cycleMeasureResponse{StandardID: m.StandardID, Code: m.Code, Title: m.Title, Unit: m.Unit,
			Period: m.Period, Direction: m.Direction, Role: m.Role, PredictedDirection: m.PredictedDirection,
			PredictedChange: m.PredictedChange}
	}
	return r
}

func (h *cycleHandlers) list(c *gin.Context) {
	v := &services.ValidationError{}
	f := cycles.Filter{OwnerID: c.Query("owner_id"), RampID: c.Query("ramp_id"), StandardID: c.Query("standard_id")}
	f.Limit, f.Cursor = improvementListParams(c, v)
	if f.OwnerID == "me" {
		f.OwnerID = actor(c).UserID
	}
	if s := c.Query("stage"); s != "" {
		for _, st := range strings.Split(s, ",") {
			f.Stages = append(f.Stages, models.Stage(strings.TrimSpace(st)))
		}
	}
	if err := v.Err(); err != nil {
		writeError(c, err)
		return
	}
	page, err := h.cycles.List(c.Request.Context(), f)
	if err != nil {
		writeError(c, err)
		return
	}
	writePage(c, page.Items, page.NextCursor, toCycleResponse)
}

func (h *cycleHandlers) respond(c *gin.Context, status int, x cycles.Cycle, err error) {
	if err != nil {
		writeError(c, err)
		return
	}
	setETag(c, x.Version)
	c.JSON(status, toCycleResponse(x))
}

func (h *cycleHandlers) create(c *gin.Context) {
	var in cycleRequest
	if !bindJSON(c, &in) {
		return
	}
	x, err := h.cycles.Create(c.Request.Context(), actor(c), in.input())
	if err == nil {
		c.Header("Location", "/api/v1/cycles/"+x.ID)
	}
	h.respond(c, http.StatusCreated, x, err)
}

func (h *cycleHandlers) get(c *gin.Context) {
	x, err := h.cycles.Get(c.Request.Context(), c.Param("id"))
	h.respond(c, http.StatusOK, x, err)
}

func (h *cycleHandlers) update(c *gin.Context) {
	var in cycleRequest
	if !bindJSON(c, &in) {
		return
	}
	x, err := h.cycles.Update(c.Request.Context(), actor(c), c.Param("id"), in.input(), ifMatchVersions(c))
	h.respond(c, http.StatusOK, x, err)
}

func (h *cycleHandlers) transition(c *gin.Context) {
	var in cycleTransitionRequest
	if !bindJSON(c, &in) {
		return
	}
	x, err := h.cycles.Transition(c.Request.Context(), actor(c), c.Param("id"), in.To, in.Note, ifMatchVersions(c))
	h.respond(c, http.StatusOK, x, err)
}

type cycleSignalResponse struct {
	Period               string                    `json:"period"`
	Value                *float64                  `json:"value"`
	SpecialCause         string                    `json:"special_cause"`
	Rule                 string                    `json:"rule"`
	Direction            models.PredictedDirection `json:"direction"`
	InPredictedDirection *bool                     `json:"in_predicted_direction"`
}

type cycleMeasureEvidenceResponse struct {
	cycleMeasureResponse
	ChangePeriod                   string                `json:"change_period"`
	Improvement                    spc.Improvement       `json:"improvement"`
	Threshold                      float64               `json:"threshold"`
	Before                         *spc.Segment          `json:"before"`
	After                          *spc.Segment          `json:"after"`
	MeanBefore                     *float64              `json:"mean_before"`
	MeanAfter                      *float64              `json:"mean_after"`
	MeanChange                     *float64              `json:"mean_change"`
	MeanChangeInPredictedDirection *bool                 `json:"mean_change_in_predicted_direction"`
	PredictedSizeReached           *bool                 `json:"predicted_size_reached"`
	Signals                        []cycleSignalResponse `json:"signals"`
	JudgedAgainst                  *string               `json:"judged_against"`
	Verdict                        string                `json:"verdict"`
	Chart                          spc.Result            `json:"chart"`
}

type cycleEvidenceResponse struct {
	CycleID     string                         `json:"cycle_id"`
	DoStartedOn string                         `json:"do_started_on"`
	Measures    []cycleMeasureEvidenceResponse `json:"measures"`
}

func (h *cycleHandlers) evidence(c *gin.Context) {
	ev, err := h.cycles.Evidence(c.Request.Context(), c.Param("id"))
	if err != nil {
		writeError(c, err)
		return
	}
	out := cycleEvidenceResponse{CycleID: ev.CycleID, DoStartedOn: ev.DoStartedOn.Format(time.DateOnly),
		Measures: make([]cycleMeasureEvidenceResponse, len(ev.Measures))}
	for i, m := range ev.Measures {
		r := cycleMeasureEvidenceResponse{
			cycleMeasureResponse: toCycleResponse(cycles.Cycle{Measures: []cycles.Measure{m.Measure}}).Measures[0],
			ChangePeriod:         m.ChangePeriod.Format(time.DateOnly), Improvement: m.Improvement, Threshold: m.Threshold,
			Before: m.Before, After: m.After, MeanChange: m.MeanChange,
			MeanChangeInPredictedDirection: m.MeanChangeInPredictedDirection, PredictedSizeReached: m.PredictedSizeReached,
			Signals: make([]cycleSignalResponse, len(m.Signals)), Verdict: m.Verdict, Chart: m.Chart,
		}
		if m.Before != nil {
			r.MeanBefore = m.Before.Mean
		}
		if m.After != nil {
			r.MeanAfter = m.After.Mean
		}
		if m.JudgedAgainst != "" {
			j := m.JudgedAgainst
			r.JudgedAgainst = &j
		}
		for j, s := range m.Signals {
			r.Signals[j] = cycleSignalResponse{Period: s.Period.Format(time.DateOnly), Value: s.Value,
				SpecialCause: s.SpecialCause, Rule: s.Rule, Direction: s.Direction, InPredictedDirection: s.InPredictedDirection}
		}
		out.Measures[i] = r
	}
	c.JSON(http.StatusOK, out)
}

type improvementEventResponse struct {
	ID        string          `json:"id"`
	At        time.Time       `json:"at"`
	Kind      string          `json:"kind"`
	Summary   string          `json:"summary"`
	ActorID   *string         `json:"actor_id"`
	ActorName *string         `json:"actor_name"`
	ReviewID  *string         `json:"review_id"`
	Detail    json.RawMessage `json:"detail"`
}

type improvementTimelineResponse struct {
	Items      []improvementEventResponse `json:"items"`
	NextCursor *string                    `json:"next_cursor"`
}

func toTimelineResponse(entries []cycles.TimelineEntry) improvementTimelineResponse {
	out := improvementTimelineResponse{Items: make([]improvementEventResponse, len(entries))}
	for i, e := range entries {
		detail := json.RawMessage(e.Detail)
		if len(detail) == 0 {
			detail = json.RawMessage("{}")
		}
		out.Items[i] = improvementEventResponse{ID: e.ID, At: e.At.UTC(), Kind: e.Kind, Summary: e.Summary,
			ActorID: e.ActorID, ActorName: e.ActorName, ReviewID: e.ReviewID, Detail: detail}
	}
	return out
}

func (h *cycleHandlers) timeline(c *gin.Context) {
	entries, err := h.cycles.Timeline(c.Request.Context(), c.Param("id"))
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, toTimelineResponse(entries))
}
