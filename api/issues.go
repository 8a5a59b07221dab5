package api

import (
	"math"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/issues"
)

type issueHandlers struct {
	issues *issues.Service
}

// issueRoutes: clinicians' reports of IT problems. Anyone who may report
// reaches every report route; the service decides which reports they see
// (others' are 404) and what they may do to them.
func (s *Server) issueRoutes() {
	h := &issueHandlers{issues: s.app.Issues}
	s.handle(http.MethodGet, "/issues", access.IssuesCreate, h.list)
	s.handle(http.MethodPost, "/issues", access.IssuesCreate, h.create)
	s.handle(http.MethodGet, "/issues/similar", access.IssuesCreate, h.similar)
	s.handle(http.MethodGet, "/issues/:id", access.IssuesCreate, h.get)
	s.handle(http.MethodPatch, "/issues/:id", access.IssuesCreate, h.update)
	s.handle(http.MethodPost, "/issues/:id/transitions", access.IssuesCreate, h.transition)
	s.handle(http.MethodPost, "/issues/:id/affected", access.IssuesCreate, h.addAffected)
	s.handle(http.MethodGet, "/issues/:id/timeline", access.IssuesCreate, h.timeline)
	s.handle(http.MethodGet, "/issues/:id/comments", access.IssuesCreate, h.comments)
	s.handle(http.MethodPost, "/issues/:id/comments", access.IssuesCreate, h.addComment)
	s.handle(http.MethodPost, "/issues/:id/links", access.IssuesTriage, h.addLink)
	s.handle(http.MethodDelete, "/issues/:id/links/:target_type/:target_id", access.IssuesTriage, h.removeLink)
}

type issueRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type issueLinkResponse struct {
	TargetType models.LinkTarget `json:"target_type"`
	TargetID   string            `json:"target_id"`
	CreatedAt  time.Time         `json:"created_at"`
}

// issueCycleResponse is a PDSA cycle working on a report: the closed
// feedback loop its reporter sees.
type issueCycleResponse struct {
	ID             string                     `json:"id"`
	Title          string                     `json:"title"`
	ChangeIdea     string                     `json:"change_idea"`
	Stage          models.Stage               `json:"stage"`
	StageChangedAt time.Time                  `json:"stage_changed_at"`
	LinkedVia      issues.CycleVia            `json:"linked_via"`
	Outcome        *issueCycleOutcomeResponse `json:"outcome"`
	CanOpen        bool                       `json:"can_open"`
}

func toIssueCycleResponse(c issues.LinkedCycle, canOpen bool) issueCycleResponse {
	rc := issueCycleResponse{ID: c.ID, Title: c.Title, ChangeIdea: c.ChangeIdea, Stage: c.Stage,
		StageChangedAt: c.StageChangedAt.UTC(), LinkedVia: c.Via, CanOpen: canOpen}
	if o := c.Outcome; o != nil {
		rc.Outcome = &issueCycleOutcomeResponse{Decision: o.Decision, DecidedAt: o.DecidedAt.UTC(),
			Rationale: o.Rationale, StudySummary: o.StudySummary}
	}
	return rc
}

type issueCycleOutcomeResponse struct {
	Decision     models.Decision `json:"decision"`
	DecidedAt    time.Time       `json:"decided_at"`
	Rationale    string          `json:"rationale"`
	StudySummary string          `json:"study_summary"`
}

type issueResponse struct {
	ID                 string               `json:"id"`
	Title              string               `json:"title"`
	Description        string               `json:"description"`
	System             *issueRef            `json:"system"`
	SystemNotSure      bool                 `json:"system_not_sure"`
	Site               issueRef             `json:"site"`
	Location           string               `json:"location"`
	StartedAt          time.Time            `json:"started_at"`
	Ongoing            bool                 `json:"ongoing"`
	DurationMinutes    *int                 `json:"duration_minutes"`
	StaffAffected      int                  `json:"staff_affected"`
	MinutesLost        int                  `json:"minutes_lost"`
	WorkaroundUsed     bool                 `json:"workaround_used"`
	Workaround         string               `json:"workaround"`
	PhysicalHarm       models.Harm          `json:"physical_harm"`
	PsychologicalHarm  models.Harm          `json:"psychological_harm"`
	CareDelayed        bool                 `json:"care_delayed"`
	CareNotGiven       bool                 `json:"care_not_given"`
	Status             models.IssueStatus   `json:"status"`
	Problem            *issueRef            `json:"problem"`
	Reporter           issueRef             `json:"reporter"`
	AffectedCount      int                  `json:"affected_count"`
	PeopleAffected     int                  `json:"people_affected"`
	TotalMinutesLost   int64                `json:"total_minutes_lost"`
	HoursLost          float64              `json:"hours_lost"`
	Links              []issueLinkResponse  `json:"links"`
	Cycles             []issueCycleResponse `json:"cycles"`
	YouReported        bool                 `json:"you_reported"`
	YouAreAffected     bool                 `json:"you_are_affected"`
	AllowedTransitions []models.IssueStatus `json:"allowed_transitions"`
	ReopenUntil        *time.Time           `json:"reopen_until"`
	CanEdit            bool                 `json:"can_edit"`
	CanComment         bool                 `json:"can_comment"`
	ResolvedAt         *time.Time           `json:"resolved_at"`
	Version            int                  `json:"version"`
	CreatedAt          time.Time            `json:"created_at"`
	UpdatedAt          time.Time            `json:"updated_at"`
}

// hoursFromMinutes is minutes as hours to 0.01 h, as the derived CE-01
// series counts them.
func hoursFromMinutes(m int64) float64 { return math.Round(float64(m)/60*100) / 100 }

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

func toIssueResponse(r issues.Report) issueResponse {
	is := r.Issue
	out := issueResponse{
		ID: is.ID, Title: is.Title, Description: is.Description, SystemNotSure: is.SystemID == nil,
		Site: issueRef(r.Site), Location: is.Location, StartedAt: is.StartedAt.UTC(), Ongoing: is.Ongoing,
		DurationMinutes: is.DurationMinutes, StaffAffected: is.StaffAffected, MinutesLost: is.MinutesLost,
		WorkaroundUsed: is.WorkaroundUsed, Workaround: is.Workaround, PhysicalHarm: is.PhysicalHarm,
		PsychologicalHarm: is.PsychologicalHarm, CareDelayed: is.CareDelayed, CareNotGiven: is.CareNotGiven,
		Status: is.Status, Reporter: issueRef(r.Reporter), AffectedCount: is.AffectedCount,
		PeopleAffected: r.PeopleAffected(), TotalMinutesLost: is.TotalMinutesLost,
		HoursLost:   hoursFromMinutes(is.TotalMinutesLost),
		Links:       make([]issueLinkResponse, 0, len(r.Links)),
		Cycles:      make([]issueCycleResponse, 0, len(r.Cycles)),
		YouReported: r.YouReported, YouAreAffected: r.YouAreAffected, AllowedTransitions: r.AllowedTransitions,
		ReopenUntil: utcPtr(r.ReopenUntil), CanEdit: r.CanEdit, CanComment: r.CanComment,
		ResolvedAt: utcPtr(is.ResolvedAt), Version: is.Version, CreatedAt: is.CreatedAt.UTC(), UpdatedAt: is.UpdatedAt.UTC(),
	}
	if r.System != nil {
		out.System = &issueRef{ID: r.System.ID, Name: r.System.Name}
	}
	if r.Problem != nil {
		out.Problem = &issueRef{ID: r.Problem.ID, Name: r.Problem.Name}
	}
	for _, l := range r.Links {
		out.Links = append(out.Links, issueLinkResponse{TargetType: l.TargetType, TargetID: l.TargetID, CreatedAt: l.CreatedAt.UTC()})
	}
	for _, c := range r.Cycles {
		out.Cycles = append(out.Cycles, toIssueCycleResponse(c, r.CanOpenCycles))
	}
	if out.AllowedTransitions == nil {
		out.AllowedTransitions = []models.IssueStatus{}
	}
	return out
}

type createIssueRequest struct {
	Title             string      `json:"title"`
	Description       string      `json:"description"`
	SystemID          *string     `json:"system_id"`
	SystemNotSure     bool        `json:"system_not_sure"`
	SiteID            string      `json:"site_id"`
	Location          string      `json:"location"`
	StartedAt         *string     `json:"started_at"`
	Ongoing           bool        `json:"ongoing"`
	DurationMinutes   *int        `json:"duration_minutes"`
	StaffAffected     *int        `json:"staff_affected"`
	MinutesLost       *int        `json:"minutes_lost"`
	WorkaroundUsed    bool        `json:"workaround_used"`
	Workaround        string      `json:"workaround"`
	PhysicalHarm      models.Harm `json:"physical_harm"`
	PsychologicalHarm models.Harm `json:"psychological_harm"`
	CareDelayed       bool        `json:"care_delayed"`
	CareNotGiven      bool        `json:"care_not_given"`
}

type updateIssueRequest struct {
	Title             *string          `json:"title"`
	Description       *string          `json:"description"`
	SystemID          optional[string] `json:"system_id"`
	SystemNotSure     *bool            `json:"system_not_sure"`
	SiteID            *string          `json:"site_id"`
	Location          *string          `json:"location"`
	StartedAt         *string          `json:"started_at"`
	Ongoing           *bool            `json:"ongoing"`
	DurationMinutes   optional[int]    `json:"duration_minutes"`
	StaffAffected     *int             `json:"staff_affected"`
	MinutesLost       *int             `json:"minutes_lost"`
	WorkaroundUsed    *bool            `json:"workaround_used"`
	Workaround        *string          `json:"workaround"`
	PhysicalHarm      *models.Harm     `json:"physical_harm"`
	PsychologicalHarm *models.Harm     `json:"psychological_harm"`
	CareDelayed       *bool            `json:"care_delayed"`
	CareNotGiven      *bool            `json:"care_not_given"`
}

type transitionRequest struct {
	To   models.IssueStatus `json:"to"`
	Note string             `json:"note"`
}

type affectedRequest struct {
	MinutesLost *int `json:"minutes_lost"`
}

type commentRequest struct {
	Body string `json:"body"`
}

type issueLinkRequest struct {
	TargetType models.LinkTarget `json:"target_type"`
	TargetID   string            `json:"target_id"`
}

type similarIssueResponse struct {
	ID             string             `json:"id"`
	Title          string             `json:"title"`
	Location       string             `json:"location"`
	StartedAt      time.Time          `json:"started_at"`
	Status         models.IssueStatus `json:"status"`
	PeopleAffected int                `json:"people_affected"`
}

type similarIssuesResponse struct {
	Items []similarIssueResponse `json:"items"`
}

type issueEventResponse struct {
	ID         string                `json:"id"`
	At         time.Time             `json:"at"`
	Kind       models.IssueEventKind `json:"kind"`
	Actor      *issueRef             `json:"actor"`
	FromStatus *models.IssueStatus   `json:"from_status"`
	ToStatus   *models.IssueStatus   `json:"to_status"`
	Body       string                `json:"body"`
	Detail     map[string]any        `json:"detail"`
}

type issueEventsResponse struct {
	Items []issueEventResponse `json:"items"`
}

func toIssueEventResponse(e issues.TimelineEntry) issueEventResponse {
	ev := e.Event
	out := issueEventResponse{ID: ev.ID, At: ev.At.UTC(), Kind: ev.Kind, FromStatus: ev.FromStatus,
		ToStatus: ev.ToStatus, Body: ev.Body, Detail: issues.EventDetail(ev)}
	if ev.ActorID != nil {
		out.Actor = &issueRef{ID: *ev.ActorID, Name: e.ActorName}
	}
	return out
}

// parseStartedAt reads an RFC 3339 time, adding a field error if it is not one.
func parseStartedAt(s *string, v *services.ValidationError) *time.Time {
	if s == nil {
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(*s))
	if err != nil {
		v.Add("started_at", "must be a date and time such as 2026-03-12T09:00:00Z")
		return nil
	}
	return &t
}

func (h *issueHandlers) create(c *gin.Context) {
	var in createIssueRequest
	if !bindJSON(c, &in) {
		return
	}
	v := &services.ValidationError{}
	started := parseStartedAt(in.StartedAt, v)
	if err := v.Err(); err != nil {
		writeError(c, err)
		return
	}
	r, err := h.issues.Create(c.Request.Context(), actor(c), issues.ReportInput{
		Title: in.Title, Description: in.Description, SystemID: in.SystemID, SystemNotSure: in.SystemNotSure,
		SiteID: in.SiteID, Location: in.Location, StartedAt: started, Ongoing: in.Ongoing,
		DurationMinutes: in.DurationMinutes, StaffAffected: in.StaffAffected, MinutesLost: in.MinutesLost,
		WorkaroundUsed: in.WorkaroundUsed, Workaround: in.Workaround, PhysicalHarm: in.PhysicalHarm,
		PsychologicalHarm: in.PsychologicalHarm, CareDelayed: in.CareDelayed, CareNotGiven: in.CareNotGiven,
	})
	if err != nil {
		writeError(c, err)
		return
	}
	c.Header("Location", "/api/v1/issues/"+r.Issue.ID)
	setETag(c, r.Issue.Version)
	c.JSON(http.StatusCreated, toIssueResponse(r))
}

func (h *issueHandlers) get(c *gin.Context) {
	r, err := h.issues.Get(c.Request.Context(), actor(c), c.Param("id"))
	if err != nil {
		writeError(c, err)
		return
	}
	setETag(c, r.Issue.Version)
	c.JSON(http.StatusOK, toIssueResponse(r))
}

func (h *issueHandlers) update(c *gin.Context) {
	var in updateIssueRequest
	if !bindJSON(c, &in) {
		return
	}
	v := &services.ValidationError{}
	p := issues.ReportPatch{
		Title: in.Title, Description: in.Description, SystemNotSure: in.SystemNotSure, SiteID: in.SiteID,
		Location: in.Location, StartedAt: parseStartedAt(in.StartedAt, v), Ongoing: in.Ongoing,
		StaffAffected: in.StaffAffected, MinutesLost: in.MinutesLost, WorkaroundUsed: in.WorkaroundUsed,
		Workaround: in.Workaround, PhysicalHarm: in.PhysicalHarm, PsychologicalHarm: in.PsychologicalHarm,
		CareDelayed: in.CareDelayed, CareNotGiven: in.CareNotGiven,
	}
	if in.SystemID.Set {
		if in.SystemID.Value == nil {
			notSure := true
			p.SystemNotSure = &notSure
		} else {
			p.SystemID = in.SystemID.Value
		}
	}
	if in.DurationMinutes.Set {
		p.DurationMinutes = in.DurationMinutes.Value
		p.ClearDuration = in.DurationMinutes.Value == nil
	}
	if err := v.Err(); err != nil {
		writeError(c, err)
		return
	}
	r, err := h.issues.Update(c.Request.Context(), actor(c), c.Param("id"), p, ifMatchVersions(c))
	if err != nil {
		writeError(c, err)
		return
	}
	setETag(c, r.Issue.Version)
	c.JSON(http.StatusOK, toIssueResponse(r))
}

func (h *issueHandlers) list(c *gin.Context) {
	v := &services.ValidationError{}
	f := issues.Filter{SystemID: c.Query("system_id"), SiteID: c.Query("site_id"), ProblemID: c.Query("problem_id"),
		Harm: models.Harm(c.Query("harm")), Sort: c.Query("sort"), Cursor: c.Query("cursor")}
	for _, st := range c.QueryArray("status") {
		for _, one := range strings.Split(st, ",") {
			if one = strings.TrimSpace(one); one != "" {
				f.Statuses = append(f.Statuses, models.IssueStatus(one))
			}
		}
	}
	f.Limit = issueQueryInt(c, "limit", v)
	f.NotSure = issueQueryBool(c, "system_not_sure", v)
	f.Mine = issueQueryBool(c, "mine", v)
	f.From = issueQueryDate(c, "from", v)
	f.To = issueQueryDate(c, "to", v)
	if err := v.Err(); err != nil {
		writeError(c, err)
		return
	}
	page, err := h.issues.List(c.Request.Context(), actor(c), f)
	if err != nil {
		writeError(c, err)
		return
	}
	writePage(c, page.Items, page.NextCursor, toIssueResponse)
}

func (h *issueHandlers) similar(c *gin.Context) {
	list, err := h.issues.Similar(c.Request.Context(), actor(c), c.Query("system_id"), c.Query("site_id"))
	if err != nil {
		writeError(c, err)
		return
	}
	out := similarIssuesResponse{Items: make([]similarIssueResponse, 0, len(list))}
	for _, s := range list {
		out.Items = append(out.Items, similarIssueResponse{ID: s.ID, Title: s.Title, Location: s.Location,
			StartedAt: s.StartedAt.UTC(), Status: s.Status, PeopleAffected: s.PeopleAffected})
	}
	c.JSON(http.StatusOK, out)
}

func (h *issueHandlers) transition(c *gin.Context) {
	var in transitionRequest
	if !bindJSON(c, &in) {
		return
	}
	if in.To == "" {
		writeError(c, services.Invalid("to", "is required: the status to move the report to"))
		return
	}
	r, err := h.issues.Transition(c.Request.Context(), actor(c), c.Param("id"), in.To, in.Note)
	if err != nil {
		writeError(c, err)
		return
	}
	setETag(c, r.Issue.Version)
	c.JSON(http.StatusOK, toIssueResponse(r))
}

func (h *issueHandlers) addAffected(c *gin.Context) {
	var in affectedRequest
	if !bindJSON(c, &in) {
		return
	}
	minutes := 0
	if in.MinutesLost != nil {
		minutes = *in.MinutesLost
	}
	r, err := h.issues.AddAffected(c.Request.Context(), actor(c), c.Param("id"), minutes)
	if err != nil {
		writeError(c, err)
		return
	}
	setETag(c, r.Issue.Version)
	c.JSON(http.StatusCreated, toIssueResponse(r))
}

func (h *issueHandlers) timeline(c *gin.Context) {
	list, err := h.issues.Timeline(c.Request.Context(), actor(c), c.Param("id"))
	h.writeEvents(c, list, err)
}

func (h *issueHandlers) comments(c *gin.Context) {
	list, err := h.issues.Comments(c.Request.Context(), actor(c), c.Param("id"))
	h.writeEvents(c, list, err)
}

func (h *issueHandlers) writeEvents(c *gin.Context, list []issues.TimelineEntry, err error) {
	if err != nil {
		writeError(c, err)
		return
	}
	out := issueEventsResponse{Items: make([]issueEventResponse, 0, len(list))}
	for _, e := range list {
		out.Items = append(out.Items, toIssueEventResponse(e))
	}
	c.JSON(http.StatusOK, out)
}

func (h *issueHandlers) addComment(c *gin.Context) {
	var in commentRequest
	if !bindJSON(c, &in) {
		return
	}
	e, err := h.issues.AddComment(c.Request.Context(), actor(c), c.Param("id"), in.Body)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, toIssueEventResponse(e))
}

func (h *issueHandlers) addLink(c *gin.Context) {
	var in issueLinkRequest
	if !bindJSON(c, &in) {
		return
	}
	r, err := h.issues.AddLink(c.Request.Context(), actor(c), c.Param("id"), in.TargetType, in.TargetID)
	if err != nil {
		writeError(c, err)
		return
	}
	setETag(c, r.Issue.Version)
	c.JSON(http.StatusCreated, toIssueResponse(r))
}

func (h *issueHandlers) removeLink(c *gin.Context) {
	r, err := h.issues.RemoveLink(c.Request.Context(), actor(c), c.Param("id"),
		models.LinkTarget(c.Param("target_type")), c.Param("target_id"))
	if err != nil {
		writeError(c, err)
		return
	}
	setETag(c, r.Issue.Version)
	c.JSON(http.StatusOK, toIssueResponse(r))
}

// issueQueryInt reads an optional whole-number query parameter (0 if absent).
func issueQueryInt(c *gin.Context, name string, v *services.ValidationError) int {
	s, ok := c.GetQuery(name)
	if !ok || s == "" {
		return 0
	}
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' || n > 1_000_000 {
			v.Add(name, "must be a whole number")
			return 0
		}
		n = n*10 + int(r-'0')
	}
	return n
}

// issueQueryBool reads an optional true/false query parameter.
func issueQueryBool(c *gin.Context, name string, v *services.ValidationError) bool {
	switch s := c.Query(name); s {
	case "", "false":
		return false
	case "true":
		return true
	default:
		v.Add(name, "must be true or false")
		return false
	}
}

// issueQueryDate reads an optional YYYY-MM-DD query parameter.
func issueQueryDate(c *gin.Context, name string, v *services.ValidationError) *time.Time {
	s := c.Query(name)
	if s == "" {
		return nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		v.Add(name, "must be a date such as 2026-03-31")
		return nil
	}
	return &t
}
