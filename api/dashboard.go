package api

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/compliance"
	"assure/services/dashboard"
)

// dashboardRoutes: the executive dashboard, the supplier and accountability
// views and the exports. Each answer is encoded once per summary and filter
// (dashboard.Data.Render) and served with an ETag.
func (s *Server) dashboardRoutes() {
	h := &dashboardHandlers{dash: s.app.Dashboard}
	s.handle(http.MethodGet, "/dashboard", access.DashboardRead, h.get)
	s.handle(http.MethodGet, "/dashboard.csv", access.DashboardRead, h.csv)
	s.handle(http.MethodGet, "/suppliers", access.DashboardRead, h.suppliers)
	s.handle(http.MethodGet, "/suppliers/:name", access.DashboardRead, h.supplier)
	s.handle(http.MethodGet, "/owners", access.DashboardRead, h.owners)
	s.handle(http.MethodGet, "/owners/:user_id", access.DashboardRead, h.owner)
	s.handle(http.MethodGet, "/transparency", access.DashboardRead, h.transparency)
	s.handle(http.MethodGet, "/transparency.csv", access.DashboardRead, h.transparencyCSV)
}

type dashboardHandlers struct {
	dash *dashboard.Service
}

// render answers with view key of the current summary, encoded by build.
func (h *dashboardHandlers) render(c *gin.Context, key, contentType string, build func(d *dashboard.Data) ([]byte, error)) {
	d, err := h.dash.Data(c.Request.Context())
	if err != nil {
		writeError(c, err)
		return
	}
	dashRender(c, d, key, contentType, "", build)
}

// dashRender answers with view key of d; filename, when set, makes the
// answer a download.
func dashRender(c *gin.Context, d *dashboard.Data, key, contentType, filename string, build func(d *dashboard.Data) ([]byte, error)) {
	r, err := d.Render(key, func() ([]byte, error) { return build(d) })
	if err != nil {
		writeError(c, err)
		return
	}
	if filename != "" {
		c.Header("Content-Disposition", `attachment; filename="`+filename+`"`)
	}
	writeDashRendered(c, r, contentType)
}

func dashJSON(v any) ([]byte, error) { return json.Marshal(v) }

// writeDashRendered sends an encoded view: 304 when the client holds it already,
// gzip when the client accepts it.
func writeDashRendered(c *gin.Context, r dashboard.Rendered, contentType string) {
	c.Header("ETag", r.ETag)
	c.Header("Cache-Control", "private, no-cache")
	c.Header("Vary", "Accept-Encoding")
	for _, tag := range strings.Split(c.GetHeader("If-None-Match"), ",") {
		if t := strings.TrimPrefix(strings.TrimSpace(tag), "W/"); t == r.ETag || t == "*" {
			c.Status(http.StatusNotModified)
			return
		}
	}
	body := r.Body
	if r.Gzip != nil && dashAcceptsGzip(c.GetHeader("Accept-Encoding")) {
		c.Header("Content-Encoding", "gzip")
		body = r.Gzip
	}
	c.Data(http.StatusOK, contentType, body)
}

// dashAcceptsGzip reads Accept-Encoding (RFC 9110 §12.5.3): gzip unless its
// weight is zero.
func dashAcceptsGzip(h string) bool {
	for _, part := range strings.Split(h, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") {
			continue
		}
		q := strings.TrimSpace(params)
		if v, ok := strings.CutPrefix(strings.ReplaceAll(q, " ", ""), "q="); ok {
			w, err := strconv.ParseFloat(v, 64)
			return err != nil || w > 0
		}
		return true
	}
	return false
}

func dashFilter(c *gin.Context) dashboard.Filter {
	return dashboard.Filter{SiteID: c.Query("site_id"), SystemID: c.Query("system_id"), Category: c.Query("category")}
}

// ---- links to the evidence (web paths) ----

func dashStandardLink(id string) string { return "/standards/" + id }
func dashSupplierLink(name string) string {
	return "/suppliers/" + url.PathEscape(name)
}
func dashOwnerLink(id string) string { return "/owners/" + id }

func dashSystemLink(s *dashboard.System) string {
	if s.Supplier != "" {
		return dashSupplierLink(s.Supplier) + "#system-" + s.ID
	}
	return "/dashboard?system_id=" + s.ID
}

// ---- shared response parts ----

type dashRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Link string `json:"link"`
}

type dashCounts struct {
	Met      int `json:"met"`
	Breached int `json:"breached"`
	Excepted int `json:"excepted"`
	Missing  int `json:"missing"`
}

func dashToCounts(c dashboard.Counts) dashCounts {
	return dashCounts{Met: c.Met, Breached: c.Breached, Excepted: c.Excepted, Missing: c.Missing}
}

type dashStandardRef struct {
	ID        string           `json:"id"`
	Code      string           `json:"code"`
	Title     string           `json:"title"`
	Category  string           `json:"category"`
	Unit      string           `json:"unit"`
	Direction models.Direction `json:"direction"`
	Threshold float64          `json:"threshold"`
	Target    *float64         `json:"target"`
	Period    models.Period    `json:"period"`
	Link      string           `json:"link"`
}

func dashToStandardRef(st *dashboard.Standard) dashStandardRef {
	return dashStandardRef{ID: st.ID, Code: st.Code, Title: st.Title, Category: st.Category, Unit: st.Unit,
		Direction: st.Revision.Direction, Threshold: st.Revision.Threshold, Target: st.Revision.Target,
		Period: st.Period, Link: dashStandardLink(st.ID)}
}

type dashJudged struct {
	PeriodStart string            `json:"period_start"`
	Status      compliance.Status `json:"status"`
	Value       *float64          `json:"value"`
}

func dashToJudged(j dashboard.Judged) dashJudged {
	return dashJudged{PeriodStart: isoDay(j.Start), Status: j.Status, Value: j.Value}
}

func dashHours(minutes int64) float64 { return math.Round(float64(minutes)/60*100) / 100 }

// ---- GET /dashboard ----

type dashboardResponse struct {
	GeneratedAt         time.Time                    `json:"generated_at"`
	Filters             dashboardFiltersResponse     `json:"filters"`
	Options             dashboardOptionsResponse     `json:"options"`
	Headline            dashboardHeadlineResponse    `json:"headline"`
	Matrix              dashboardMatrixResponse      `json:"matrix"`
	ClinicianExperience dashboardExperienceResponse  `json:"clinician_experience"`
	Improvement         dashboardImprovementResponse `json:"improvement"`
	Links               map[string]string            `json:"links"`
}

type dashboardFiltersResponse struct {
	SiteID   *string `json:"site_id"`
	SystemID *string `json:"system_id"`
	Category *string `json:"category"`
}

type dashboardOptionsResponse struct {
	Sites      []dashRef `json:"sites"`
	Systems    []dashRef `json:"systems"`
	Categories []string  `json:"categories"`
}

type dashboardHeadlineResponse struct {
	ActiveStandards     int        `json:"active_standards"`
	LastPeriod          dashCounts `json:"last_period"`
	PreviousPeriod      dashCounts `json:"previous_period"`
	Change              dashCounts `json:"change"`
	RollingRate         *float64   `json:"rolling_rate"`
	PreviousRollingRate *float64   `json:"previous_rolling_rate"`
	RateWindow          int        `json:"rate_window"`
}

// The matrix can hold 200 standards x 50 systems, so its cells are arrays
// aligned with its systems rather than an object each: the same facts in a
// tenth of the bytes.
type dashboardMatrixResponse struct {
	Systems  []dashMatrixSystem `json:"systems"`
	Rows     []dashMatrixRow    `json:"rows"`
	CellLink string             `json:"cell_link"`
}

type dashMatrixSystem struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Supplier string `json:"supplier"`
	Link     string `json:"link"`
}

type dashMatrixRow struct {
	Standard       dashStandardRef    `json:"standard"`
	PeriodStart    string             `json:"period_start"`
	Status         compliance.Status  `json:"status"`
	PreviousStatus *compliance.Status `json:"previous_status"`
	Organisation   dashJudged         `json:"organisation"`
	RollingRate    *float64           `json:"rolling_rate"`
	Variation      *string            `json:"variation"`
	Assurance      *string            `json:"assurance"`
	Provisional    bool               `json:"provisional"`
	Sparkline      dashSparkline      `json:"sparkline"`
	Cells          dashCells          `json:"cells"`
	Link           string             `json:"link"`
}

// dashSparkline is the organisation roll-up's last periods, oldest first.
type dashSparkline struct {
	Periods  []string            `json:"periods"`
	Values   []*float64          `json:"values"`
	Statuses []compliance.Status `json:"statuses"`
}

// dashCells are one row's cells, each array aligned with matrix.systems;
// null where the system is not in the standard's scope (or has no value).
type dashCells struct {
	Statuses []*compliance.Status `json:"statuses"`
	Values   []*float64           `json:"values"`
}

// dashFigure rounds a measured value to six significant figures for the
// matrix, whose 10,000 cells would otherwise carry a roll-up's seventeen
// digits each; the CSV and the standard's own endpoints keep every digit.
func dashFigure(v *float64) *float64 {
	if v == nil || *v == 0 || math.IsInf(*v, 0) || math.IsNaN(*v) {
		return v
	}
	scale := math.Pow(10, 5-math.Floor(math.Log10(math.Abs(*v))))
	r := math.Round(*v*scale) / scale
	return &r
}

// dashRate rounds a rate to four decimals: enough for a percentage with two.
func dashRate(r *float64) *float64 {
	if r == nil {
		return nil
	}
	v := math.Round(*r*10000) / 10000
	return &v
}

type dashHoursPoint struct {
	PeriodStart string   `json:"period_start"`
	Hours       *float64 `json:"hours"`
}

type dashTimeLost struct {
	ID      string  `json:"id"`
	Name    string  `json:"name"`
	Hours   float64 `json:"hours"`
	Reports int     `json:"reports"`
	Link    string  `json:"link"`
}

type dashHarmReport struct {
	ID           string             `json:"id"`
	Title        string             `json:"title"`
	StartedAt    time.Time          `json:"started_at"`
	System       *dashRef           `json:"system"`
	Site         dashRef            `json:"site"`
	Harm         models.Harm        `json:"harm"`
	CareDelayed  bool               `json:"care_delayed"`
	CareNotGiven bool               `json:"care_not_given"`
	Status       models.IssueStatus `json:"status"`
	Link         string             `json:"link"`
}

type dashboardExperienceResponse struct {
	From      string `json:"from"`
	To        string `json:"to"`
	HoursLost struct {
		Source   string           `json:"source"`
		Standard *dashStandardRef `json:"standard"`
		Points   []dashHoursPoint `json:"points"`
		Link     string           `json:"link"`
	} `json:"hours_lost"`
	TotalHours float64        `json:"total_hours"`
	Reports    int            `json:"reports"`
	Link       string         `json:"link"`
	TopSystems []dashTimeLost `json:"top_systems"`
	TopSites   []dashTimeLost `json:"top_sites"`
	Harm       struct {
		Count   int              `json:"count"`
		Reports []dashHarmReport `json:"reports"`
		Link    string           `json:"link"`
	} `json:"harm"`
}

type dashStageCount struct {
	Stage models.Stage `json:"stage"`
	Count int          `json:"count"`
	Link  string       `json:"link"`
}

type dashEffect struct {
	Standard     dashStandardRef `json:"standard"`
	ChangePeriod string          `json:"change_period"`
	MeanBefore   *float64        `json:"mean_before"`
	MeanAfter    *float64        `json:"mean_after"`
	PointsBefore int             `json:"points_before"`
	PointsAfter  int             `json:"points_after"`
	Better       *bool           `json:"better"`
}

type dashAdoptedChange struct {
	Cycle     dashRef      `json:"cycle"`
	AdoptedOn string       `json:"adopted_on"`
	Effects   []dashEffect `json:"effects"`
}

type dashOverdueAction struct {
	ID          string              `json:"id"`
	Title       string              `json:"title"`
	Status      models.ActionStatus `json:"status"`
	DueOn       string              `json:"due_on"`
	DaysOverdue int                 `json:"days_overdue"`
	Link        string              `json:"link"`
}

type dashOwnerActions struct {
	Owner   dashRef             `json:"owner"`
	Count   int                 `json:"count"`
	Actions []dashOverdueAction `json:"actions"`
}

type dashAwaiting struct {
	Kind   models.ItemKind `json:"kind"`
	ID     *string         `json:"id"`
	Title  string          `json:"title"`
	Reason string          `json:"reason"`
	Link   string          `json:"link"`
	Review *struct {
		ID          string `json:"id"`
		Title       string `json:"title"`
		MeetingDate string `json:"meeting_date"`
		Link        string `json:"link"`
	} `json:"review"`
}

type dashboardImprovementResponse struct {
	CyclesByStage  []dashStageCount    `json:"cycles_by_stage"`
	AdoptedSince   string              `json:"adopted_since"`
	AdoptedChanges []dashAdoptedChange `json:"adopted_changes"`
	OverdueActions []dashOwnerActions  `json:"overdue_actions"`
	AwaitingBoard  []dashAwaiting      `json:"awaiting_board"`
	AwaitingTotal  int                 `json:"awaiting_board_total"`
}

func (h *dashboardHandlers) get(c *gin.Context) {
	f := dashFilter(c)
	h.render(c, "dashboard|"+f.Key(), "application/json; charset=utf-8", func(d *dashboard.Data) ([]byte, error) {
		db, err := d.Dashboard(f)
		if err != nil {
			return nil, err
		}
		return dashJSON(dashToResponse(d, db))
	})
}

func dashNullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func dashToResponse(d *dashboard.Data, db dashboard.Dashboard) dashboardResponse {
	out := dashboardResponse{GeneratedAt: d.BuiltAt.UTC(),
		Filters: dashboardFiltersResponse{SiteID: dashNullable(db.Filter.SiteID), SystemID: dashNullable(db.Filter.SystemID),
			Category: dashNullable(db.Filter.Category)},
		Options: dashboardOptionsResponse{Sites: []dashRef{}, Systems: []dashRef{}, Categories: models.Categories},
		Links: map[string]string{"csv": "/api/v1/dashboard.csv", "print": "/dashboard/print", "suppliers": "/suppliers",
			"owners": "/owners", "transparency": "/transparency", "standards": "/standards"},
	}
	for _, s := range d.Sites {
		out.Options.Sites = append(out.Options.Sites, dashRef{ID: s.ID, Name: s.Name, Link: "/dashboard?site_id=" + s.ID})
	}
	for _, s := range d.Systems {
		out.Options.Systems = append(out.Options.Systems, dashRef{ID: s.ID, Name: s.Name, Link: "/dashboard?system_id=" + s.ID})
	}
	hl := db.Headline
	out.Headline = dashboardHeadlineResponse{ActiveStandards: hl.ActiveStandards, LastPeriod: dashToCounts(hl.Last),
		PreviousPeriod: dashToCounts(hl.Previous), RollingRate: dashRate(hl.Rate), PreviousRollingRate: dashRate(hl.PreviousRate),
		RateWindow: compliance.RateWindow,
		Change: dashCounts{Met: hl.Last.Met - hl.Previous.Met, Breached: hl.Last.Breached - hl.Previous.Breached,
			Excepted: hl.Last.Excepted - hl.Previous.Excepted, Missing: hl.Last.Missing - hl.Previous.Missing}}

	out.Matrix.CellLink = "/standards/{standard_id}?system={system_id}"
	out.Matrix.Systems = make([]dashMatrixSystem, 0, len(db.Systems))
	column := make(map[string]int, len(db.Systems))
	for i, s := range db.Systems {
		column[s.ID] = i
		out.Matrix.Systems = append(out.Matrix.Systems, dashMatrixSystem{ID: s.ID, Name: s.Name, Supplier: s.Supplier, Link: dashSystemLink(s)})
	}
	n := len(db.Systems)
	out.Matrix.Rows = make([]dashMatrixRow, 0, len(db.Rows))
	for _, r := range db.Rows {
		st := r.Standard
		row := dashMatrixRow{Standard: dashToStandardRef(st), PeriodStart: isoDay(st.Last), Status: r.Status,
			Organisation: dashToJudged(r.Org), RollingRate: dashRate(r.Rate), Variation: st.Variation, Assurance: st.Assurance,
			Provisional: st.Provisional, Link: dashStandardLink(st.ID),
			Sparkline: dashSparkline{Periods: make([]string, len(r.Sparkline)), Values: make([]*float64, len(r.Sparkline)),
				Statuses: make([]compliance.Status, len(r.Sparkline))},
			Cells: dashCells{Statuses: make([]*compliance.Status, n), Values: make([]*float64, n)}}
		if r.Previous != "" {
			p := r.Previous
			row.PreviousStatus = &p
		}
		for i, p := range r.Sparkline {
			row.Sparkline.Periods[i], row.Sparkline.Values[i], row.Sparkline.Statuses[i] = isoDay(p.Start), dashFigure(p.Value), p.Status
		}
		for _, cell := range r.Cells {
			i := column[cell.System.ID]
			status := cell.Status
			row.Cells.Statuses[i], row.Cells.Values[i] = &status, dashFigure(cell.Value)
		}
		out.Matrix.Rows = append(out.Matrix.Rows, row)
	}
	out.ClinicianExperience = dashToExperience(d, db)
	out.Improvement = dashToImprovement(d, db.Improvement)
	return out
}

func dashToExperience(d *dashboard.Data, db dashboard.Dashboard) dashboardExperienceResponse {
	ex := db.Experience
	var out dashboardExperienceResponse
	out.From, out.To = isoDay(ex.From), isoDay(ex.Until.AddDate(0, 0, -1))
	// The reports behind the figures, in the triage queue's terms.
	reportsLink := "/triage?status=all&from=" + out.From + "&to=" + out.To
	if db.Filter.SiteID != "" {
		reportsLink += "&site=" + db.Filter.SiteID
	}
	if db.Filter.SystemID != "" {
		reportsLink += "&system=" + db.Filter.SystemID
	}
	out.Link = reportsLink
	out.HoursLost.Source, out.HoursLost.Link = "reports", reportsLink
	if ex.HoursStandard != nil {
		ref := dashToStandardRef(ex.HoursStandard)
		out.HoursLost.Source, out.HoursLost.Standard, out.HoursLost.Link = "standard", &ref, ref.Link
	}
	out.HoursLost.Points = make([]dashHoursPoint, 0, len(ex.HoursLost))
	for _, p := range ex.HoursLost {
		out.HoursLost.Points = append(out.HoursLost.Points, dashHoursPoint{PeriodStart: isoDay(p.Start), Hours: p.Hours})
	}
	out.TotalHours, out.Reports = dashHours(ex.TotalMinutes), ex.Reports
	out.TopSystems = make([]dashTimeLost, 0, len(ex.TopSystems))
	for _, t := range ex.TopSystems {
		link := "/dashboard?system_id=" + t.ID
		if s := d.System(t.ID); s != nil {
			link = dashSystemLink(s)
		}
		out.TopSystems = append(out.TopSystems, dashTimeLost{ID: t.ID, Name: t.Name, Hours: dashHours(t.Minutes), Reports: t.Reports, Link: link})
	}
	out.TopSites = make([]dashTimeLost, 0, len(ex.TopSites))
	for _, t := range ex.TopSites {
		out.TopSites = append(out.TopSites, dashTimeLost{ID: t.ID, Name: t.Name, Hours: dashHours(t.Minutes),
			Reports: t.Reports, Link: "/dashboard?site_id=" + t.ID})
	}
	out.Harm.Count, out.Harm.Link = ex.HarmfulCount, reportsLink+"&harm=moderate"
	out.Harm.Reports = make([]dashHarmReport, 0, len(ex.Harmful))
	for _, r := range ex.Harmful {
		hr := dashHarmReport{ID: r.ID, Title: r.Title, StartedAt: r.StartedAt.UTC(), Harm: r.Harm(),
			CareDelayed: r.CareDelayed, CareNotGiven: r.CareNotGiven, Status: r.Status, Link: "/reports/" + r.ID}
		if r.SystemID != nil {
			if s := d.System(*r.SystemID); s != nil {
				hr.System = &dashRef{ID: s.ID, Name: s.Name, Link: dashSystemLink(s)}
			}
		}
		if s := d.Site(r.SiteID); s != nil {
			hr.Site = dashRef{ID: s.ID, Name: s.Name, Link: "/dashboard?site_id=" + s.ID}
		}
		out.Harm.Reports = append(out.Harm.Reports, hr)
	}
	return out
}

func dashToEffects(effects []dashboard.Effect) []dashEffect {
	out := make([]dashEffect, 0, len(effects))
	for _, e := range effects {
		out = append(out, dashEffect{Standard: dashToStandardRef(e.Standard), ChangePeriod: isoDay(e.ChangePeriod),
			MeanBefore: e.MeanBefore, MeanAfter: e.MeanAfter, PointsBefore: e.PointsBefore, PointsAfter: e.PointsAfter,
			Better: e.Better})
	}
	return out
}

func dashToImprovement(d *dashboard.Data, im dashboard.Improvement) dashboardImprovementResponse {
	out := dashboardImprovementResponse{AdoptedSince: isoDay(im.AdoptedSince), AwaitingTotal: im.AwaitingTotal,
		CyclesByStage: make([]dashStageCount, 0, len(im.Stages)), AdoptedChanges: make([]dashAdoptedChange, 0, len(im.Adopted)),
		OverdueActions: make([]dashOwnerActions, 0, len(im.Overdue)), AwaitingBoard: make([]dashAwaiting, 0, len(im.Awaiting))}
	for _, s := range im.Stages {
		out.CyclesByStage = append(out.CyclesByStage, dashStageCount{Stage: s.Stage, Count: s.Count, Link: "/cycles?stage=" + string(s.Stage)})
	}
	for _, a := range im.Adopted {
		out.AdoptedChanges = append(out.AdoptedChanges, dashAdoptedChange{
			Cycle:     dashRef{ID: a.Cycle.ID, Name: a.Cycle.Title, Link: "/cycles/" + a.Cycle.ID},
			AdoptedOn: isoDay(a.AdoptedOn), Effects: dashToEffects(a.Effects)})
	}
	today := d.Today
	for _, o := range im.Overdue {
		r := dashOwnerActions{Owner: dashRef{ID: o.OwnerID, Name: o.Name, Link: dashOwnerLink(o.OwnerID)},
			Count: o.Count, Actions: make([]dashOverdueAction, 0, len(o.Actions))}
		for _, a := range o.Actions {
			r.Actions = append(r.Actions, dashOverdueAction{ID: a.ID, Title: a.Title, Status: a.Status, DueOn: isoDay(a.DueOn),
				DaysOverdue: int(today.Sub(a.DueOn).Hours() / 24), Link: "/actions/" + a.ID})
		}
		out.OverdueActions = append(out.OverdueActions, r)
	}
	for _, a := range im.Awaiting {
		r := dashAwaiting{Kind: a.Kind, ID: a.EntityID, Title: a.Title, Reason: a.Reason}
		if a.EntityID != nil {
			switch a.Kind {
			case models.ItemCycle:
				r.Link = "/cycles/" + *a.EntityID
			case models.ItemStandard:
				r.Link = dashStandardLink(*a.EntityID)
			case models.ItemAction:
				r.Link = "/actions/" + *a.EntityID
			}
		}
		if a.Item != nil {
			r.Review = &struct {
				ID          string `json:"id"`
				Title       string `json:"title"`
				MeetingDate string `json:"meeting_date"`
				Link        string `json:"link"`
			}{ID: a.Item.ReviewID, Title: a.Item.ReviewTitle, MeetingDate: isoDay(a.Item.MeetingDate), Link: "/reviews/" + a.Item.ReviewID}
			if r.Link == "" {
				r.Link = r.Review.Link
			}
		}
		out.AwaitingBoard = append(out.AwaitingBoard, r)
	}
	return out
}

// ---- GET /dashboard.csv ----

func (h *dashboardHandlers) csv(c *gin.Context) {
	f := dashFilter(c)
	d, err := h.dash.Data(c.Request.Context())
	if err != nil {
		writeError(c, err)
		return
	}
	dashRender(c, d, "dashboard.csv|"+f.Key(), "text/csv; charset=utf-8", "assure-dashboard-"+isoDay(d.Today)+".csv", func(d *dashboard.Data) ([]byte, error) {
		db, err := d.Dashboard(f)
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		err = db.WriteCSV(&buf)
		return buf.Bytes(), err
	})
}

// ---- paging of the in-memory lists ----

// dashPage reads ?limit= and ?cursor= for a list held in memory, all, and
// returns that page of it converted by conv, and the next page's cursor: an
// opaque offset.
func dashPage[T, R any](c *gin.Context, all []T, conv func(T) R) (items []R, next *string, err error) {
	n, from := len(all), 0
	limit := 50
	v := &services.ValidationError{}
	if s := c.Query("limit"); s != "" {
		l, e := strconv.Atoi(s)
		if e != nil || l < 1 || l > 500 {
			v.Add("limit", "must be a whole number from 1 to 500")
		}
		limit = l
	}
	if s := c.Query("cursor"); s != "" {
		raw, e := base64.RawURLEncoding.DecodeString(s)
		off, e2 := strconv.Atoi(strings.TrimPrefix(string(raw), "o:"))
		if e != nil || e2 != nil || !strings.HasPrefix(string(raw), "o:") || off < 0 {
			v.Add("cursor", "is not a cursor this list gave out")
		}
		from = off
	}
	if err := v.Err(); err != nil {
		return nil, nil, err
	}
	from = min(from, n)
	to := min(from+limit, n)
	if to < n {
		s := base64.RawURLEncoding.EncodeToString([]byte("o:" + strconv.Itoa(to)))
		next = &s
	}
	items = make([]R, 0, to-from)
	for _, x := range all[from:to] {
		items = append(items, conv(x))
	}
	return items, next, nil
}

func dashPageKey(c *gin.Context) string { return c.Query("limit") + "|" + c.Query("cursor") }

// ---- suppliers ----

type supplierSummaryResponse struct {
	Name              string                  `json:"name"`
	Systems           []dashSupplierSystemRef `json:"systems"`
	Compliance        dashCounts              `json:"compliance"`
	RollingRate       *float64                `json:"rolling_rate"`
	HoursLost         float64                 `json:"hours_lost"`
	Reports           int                     `json:"reports"`
	OpenProblems      int                     `json:"open_problems"`
	OldestProblemDays *int                    `json:"oldest_problem_days"`
	Link              string                  `json:"link"`
}

type dashSupplierSystemRef struct {
	ID          string             `json:"id"`
	Name        string             `json:"name"`
	Criticality models.Criticality `json:"criticality"`
	Link        string             `json:"link"`
}

// dashWindow is the window of the clinicians' reports a supplier's figures
// count: its first and last days.
type dashWindow struct {
	WindowFrom string `json:"window_from"`
	WindowTo   string `json:"window_to"`
}

func dashReportsWindow(d *dashboard.Data) dashWindow {
	return dashWindow{WindowFrom: isoDay(d.Reports.From), WindowTo: isoDay(d.Reports.Until.AddDate(0, 0, -1))}
}

type supplierListResponse struct {
	GeneratedAt time.Time `json:"generated_at"`
	dashWindow
	Items      []supplierSummaryResponse `json:"items"`
	NextCursor *string                   `json:"next_cursor"`
}

type supplierStandardResponse struct {
	Standard dashStandardRef `json:"standard"`
	dashJudged
	RollingRate *float64 `json:"rolling_rate"`
	Link        string   `json:"link"`
}

type dashProblemAge struct {
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	CreatedAt time.Time `json:"created_at"`
	AgeDays   int       `json:"age_days"`
	Reports   int       `json:"reports"`
	Link      string    `json:"link"`
}

type supplierSystemResponse struct {
	ID          string                     `json:"id"`
	Name        string                     `json:"name"`
	Criticality models.Criticality         `json:"criticality"`
	Owner       *dashRef                   `json:"owner"`
	Compliance  dashCounts                 `json:"compliance"`
	RollingRate *float64                   `json:"rolling_rate"`
	HoursLost   float64                    `json:"hours_lost"`
	Reports     int                        `json:"reports"`
	Standards   []supplierStandardResponse `json:"standards"`
	Problems    []dashProblemAge           `json:"problems"`
	Link        string                     `json:"link"`
}

type supplierResponse struct {
	supplierSummaryResponse
	GeneratedAt time.Time `json:"generated_at"`
	dashWindow
	SystemsFull []supplierSystemResponse `json:"system_details"`
}

func dashToSupplierSummary(s dashboard.Supplier) supplierSummaryResponse {
	out := supplierSummaryResponse{Name: s.Name, Systems: make([]dashSupplierSystemRef, 0, len(s.Systems)), Compliance: dashToCounts(s.Cells),
		RollingRate: s.Rate, HoursLost: dashHours(s.MinutesLost), Reports: s.Reports, OpenProblems: s.OpenProblems,
		OldestProblemDays: s.OldestProblemDays, Link: dashSupplierLink(s.Name)}
	for _, ss := range s.Systems {
		out.Systems = append(out.Systems, dashSupplierSystemRef{ID: ss.System.ID, Name: ss.System.Name,
			Criticality: ss.System.Criticality, Link: dashSystemLink(ss.System)})
	}
	return out
}

func (h *dashboardHandlers) suppliers(c *gin.Context) {
	h.render(c, "suppliers|"+dashPageKey(c), "application/json; charset=utf-8", func(d *dashboard.Data) ([]byte, error) {
		items, next, err := dashPage(c, d.Suppliers(), dashToSupplierSummary)
		if err != nil {
			return nil, err
		}
		return dashJSON(supplierListResponse{GeneratedAt: d.BuiltAt.UTC(), dashWindow: dashReportsWindow(d), Items: items, NextCursor: next})
	})
}

func (h *dashboardHandlers) supplier(c *gin.Context) {
	name := c.Param("name")
	h.render(c, "supplier|"+name, "application/json; charset=utf-8", func(d *dashboard.Data) ([]byte, error) {
		s, err := d.Supplier(name)
		if err != nil {
			return nil, err
		}
		out := supplierResponse{supplierSummaryResponse: dashToSupplierSummary(s), GeneratedAt: d.BuiltAt.UTC(),
			dashWindow: dashReportsWindow(d), SystemsFull: make([]supplierSystemResponse, 0, len(s.Systems))}
		for _, ss := range s.Systems {
			r := supplierSystemResponse{ID: ss.System.ID, Name: ss.System.Name, Criticality: ss.System.Criticality,
				Compliance: dashToCounts(ss.Cells), RollingRate: ss.Rate, HoursLost: dashHours(ss.MinutesLost), Reports: ss.Reports,
				Standards: make([]supplierStandardResponse, 0, len(ss.Standards)), Problems: make([]dashProblemAge, 0, len(ss.Problems)),
				Link: "/dashboard?system_id=" + ss.System.ID}
			if ss.System.OwnerID != nil {
				r.Owner = &dashRef{ID: *ss.System.OwnerID, Name: d.Name(*ss.System.OwnerID), Link: dashOwnerLink(*ss.System.OwnerID)}
			}
			for _, x := range ss.Standards {
				r.Standards = append(r.Standards, supplierStandardResponse{Standard: dashToStandardRef(x.Standard),
					dashJudged: dashToJudged(x.Judged), RollingRate: x.Rate, Link: dashStandardLink(x.Standard.ID) + "?system=" + ss.System.ID})
			}
			for _, p := range ss.Problems {
				r.Problems = append(r.Problems, dashProblemAge{ID: p.ID, Title: p.Title, CreatedAt: p.CreatedAt.UTC(),
					AgeDays: p.AgeDays, Reports: p.Reports, Link: "/problems/" + p.ID})
			}
			out.SystemsFull = append(out.SystemsFull, r)
		}
		return dashJSON(out)
	})
}

// ---- owners ----

type ownerSummaryResponse struct {
	ID                string `json:"id"`
	Name              string `json:"name"`
	Standards         int    `json:"standards"`
	StandardsBreached int    `json:"standards_breached"`
	StandardsMissing  int    `json:"standards_missing"`
	Systems           int    `json:"systems"`
	SystemsBreached   int    `json:"systems_breached"`
	Cycles            int    `json:"cycles"`
	CyclesOverdue     int    `json:"cycles_overdue"`
	Actions           int    `json:"actions"`
	ActionsOverdue    int    `json:"actions_overdue"`
	Link              string `json:"link"`
}

type ownerListResponse struct {
	GeneratedAt time.Time              `json:"generated_at"`
	Items       []ownerSummaryResponse `json:"items"`
	NextCursor  *string                `json:"next_cursor"`
}

type ownedStandardResponse struct {
	Standard dashStandardRef `json:"standard"`
	dashJudged
	Variation *string `json:"variation"`
	Assurance *string `json:"assurance"`
	Link      string  `json:"link"`
}

type ownedSystemResponse struct {
	ID         string            `json:"id"`
	Name       string            `json:"name"`
	Supplier   string            `json:"supplier"`
	Compliance dashCounts        `json:"compliance"`
	Breached   []dashStandardRef `json:"breached"`
	Missing    []dashStandardRef `json:"missing"`
	Link       string            `json:"link"`
}

type ownedCycleResponse struct {
	ID         string       `json:"id"`
	Title      string       `json:"title"`
	Stage      models.Stage `json:"stage"`
	PlannedEnd *string      `json:"planned_end"`
	Overdue    bool         `json:"overdue"`
	Link       string       `json:"link"`
}

type ownedActionResponse struct {
	ID          string              `json:"id"`
	Title       string              `json:"title"`
	Status      models.ActionStatus `json:"status"`
	DueOn       string              `json:"due_on"`
	Overdue     bool                `json:"overdue"`
	DaysOverdue int                 `json:"days_overdue"`
	Link        string              `json:"link"`
}

type ownerResponse struct {
	ownerSummaryResponse
	GeneratedAt  time.Time               `json:"generated_at"`
	StandardList []ownedStandardResponse `json:"standard_list"`
	SystemList   []ownedSystemResponse   `json:"system_list"`
	CycleList    []ownedCycleResponse    `json:"cycle_list"`
	ActionList   []ownedActionResponse   `json:"action_list"`
}

func dashToOwnerSummary(o dashboard.Owner) ownerSummaryResponse {
	return ownerSummaryResponse{ID: o.ID, Name: o.Name, Standards: len(o.Standards), StandardsBreached: o.StandardsBreached,
		StandardsMissing: o.StandardsMissing, Systems: len(o.Systems), SystemsBreached: o.SystemsBreached,
		Cycles: len(o.Cycles), CyclesOverdue: o.CyclesOverdue, Actions: len(o.Actions), ActionsOverdue: o.ActionsOverdue,
		Link: dashOwnerLink(o.ID)}
}

func (h *dashboardHandlers) owners(c *gin.Context) {
	h.render(c, "owners|"+dashPageKey(c), "application/json; charset=utf-8", func(d *dashboard.Data) ([]byte, error) {
		items, next, err := dashPage(c, d.Owners(), dashToOwnerSummary)
		if err != nil {
			return nil, err
		}
		return dashJSON(ownerListResponse{GeneratedAt: d.BuiltAt.UTC(), Items: items, NextCursor: next})
	})
}

func (h *dashboardHandlers) owner(c *gin.Context) {
	id := c.Param("user_id")
	h.render(c, "owner|"+id, "application/json; charset=utf-8", func(d *dashboard.Data) ([]byte, error) {
		o, err := d.Owner(id)
		if err != nil {
			return nil, err
		}
		out := ownerResponse{ownerSummaryResponse: dashToOwnerSummary(o), GeneratedAt: d.BuiltAt.UTC(),
			StandardList: make([]ownedStandardResponse, 0, len(o.Standards)), SystemList: make([]ownedSystemResponse, 0, len(o.Systems)),
			CycleList: make([]ownedCycleResponse, 0, len(o.Cycles)), ActionList: make([]ownedActionResponse, 0, len(o.Actions))}
		for _, s := range o.Standards {
			out.StandardList = append(out.StandardList, ownedStandardResponse{Standard: dashToStandardRef(s.Standard),
				dashJudged: dashToJudged(s.Judged), Variation: s.Standard.Variation, Assurance: s.Standard.Assurance,
				Link: dashStandardLink(s.Standard.ID)})
		}
		for _, s := range o.Systems {
			r := ownedSystemResponse{ID: s.System.ID, Name: s.System.Name, Supplier: s.System.Supplier, Compliance: dashToCounts(s.Cells),
				Breached: make([]dashStandardRef, 0, len(s.Breached)), Missing: make([]dashStandardRef, 0, len(s.Missing)),
				Link: "/dashboard?system_id=" + s.System.ID}
			for _, st := range s.Breached {
				r.Breached = append(r.Breached, dashToStandardRef(st))
			}
			for _, st := range s.Missing {
				r.Missing = append(r.Missing, dashToStandardRef(st))
			}
			out.SystemList = append(out.SystemList, r)
		}
		for _, cy := range o.Cycles {
			out.CycleList = append(out.CycleList, ownedCycleResponse{ID: cy.Cycle.ID, Title: cy.Cycle.Title, Stage: cy.Cycle.Stage,
				PlannedEnd: isoDayPtr(cy.Cycle.PlannedEnd), Overdue: cy.Overdue, Link: "/cycles/" + cy.Cycle.ID})
		}
		for _, a := range o.Actions {
			out.ActionList = append(out.ActionList, ownedActionResponse{ID: a.Action.ID, Title: a.Action.Title, Status: a.Action.Status,
				DueOn: isoDay(a.Action.DueOn), Overdue: a.DaysOverdue > 0, DaysOverdue: a.DaysOverdue, Link: "/actions/" + a.Action.ID})
		}
		return dashJSON(out)
	})
}

// ---- transparency ----

// The transparency report is for publication: it carries codes, titles,
// counts and figures only — no ids, no people, nothing a reporter wrote.

type transparencyStandardResponse struct {
	Code      string           `json:"code"`
	Title     string           `json:"title"`
	Category  string           `json:"category"`
	Unit      string           `json:"unit"`
	Direction models.Direction `json:"direction"`
	Threshold float64          `json:"threshold"`
	Period    models.Period    `json:"period"`
	Periods   int              `json:"periods"`
	dashCounts
	ComplianceRate *float64 `json:"compliance_rate"`
	Variation      *string  `json:"variation"`
	Assurance      *string  `json:"assurance"`
}

type transparencyEffectResponse struct {
	StandardCode  string   `json:"standard_code"`
	StandardTitle string   `json:"standard_title"`
	Unit          string   `json:"unit"`
	ChangePeriod  string   `json:"change_period"`
	MeanBefore    *float64 `json:"mean_before"`
	MeanAfter     *float64 `json:"mean_after"`
	Better        *bool    `json:"better"`
}

type transparencyChangeResponse struct {
	Title     string                       `json:"title"`
	AdoptedOn string                       `json:"adopted_on"`
	Effects   []transparencyEffectResponse `json:"effects"`
}

type transparencyResponse struct {
	Quarter     string    `json:"quarter"`
	From        string    `json:"from"`
	To          string    `json:"to"`
	Complete    bool      `json:"complete"`
	GeneratedAt time.Time `json:"generated_at"`
	Summary     struct {
		Standards          int        `json:"standards"`
		StandardsAlwaysMet int        `json:"standards_always_met"`
		Periods            dashCounts `json:"periods"`
		ComplianceRate     *float64   `json:"compliance_rate"`
	} `json:"summary"`
	Standards []transparencyStandardResponse `json:"standards"`
	HoursLost struct {
		Hours                      float64 `json:"hours"`
		Reports                    int     `json:"reports"`
		ModerateOrWorseHarmReports int     `json:"moderate_or_worse_harm_reports"`
		ByMonth                    []struct {
			Month   string  `json:"month"`
			Hours   float64 `json:"hours"`
			Reports int     `json:"reports"`
		} `json:"by_month"`
		BySystem []struct {
			System   *string `json:"system"`
			Supplier *string `json:"supplier"`
			Hours    float64 `json:"hours"`
			Reports  int     `json:"reports"`
		} `json:"by_system"`
	} `json:"hours_lost"`
	Improvement struct {
		CyclesClosed     int                          `json:"cycles_closed"`
		Adopted          int                          `json:"adopted"`
		Adapted          int                          `json:"adapted"`
		Abandoned        int                          `json:"abandoned"`
		ActionsCompleted int                          `json:"actions_completed"`
		Changes          []transparencyChangeResponse `json:"changes"`
	} `json:"improvement"`
}

// dashTransparencyReport resolves ?quarter= and builds the report (uncached).
func dashTransparencyReport(c *gin.Context, d *dashboard.Data) (dashboard.Transparency, error) {
	start, err := d.ResolveQuarter(c.Query("quarter"))
	if err != nil {
		return dashboard.Transparency{}, err
	}
	return d.Transparency(c.Request.Context(), start)
}

func dashToTransparency(d *dashboard.Data, t dashboard.Transparency) transparencyResponse {
	var out transparencyResponse
	out.Quarter, out.From, out.To, out.Complete, out.GeneratedAt = t.Quarter, isoDay(t.From), isoDay(t.To), t.Complete, d.BuiltAt.UTC()
	out.Summary.Standards, out.Summary.StandardsAlwaysMet = len(t.Standards), t.StandardsAlwaysMet
	out.Summary.Periods, out.Summary.ComplianceRate = dashToCounts(t.Counts), t.Rate
	out.Standards = make([]transparencyStandardResponse, 0, len(t.Standards))
	for _, qs := range t.Standards {
		st := qs.Standard
		out.Standards = append(out.Standards, transparencyStandardResponse{Code: st.Code, Title: st.Title, Category: st.Category,
			Unit: st.Unit, Direction: st.Revision.Direction, Threshold: st.Revision.Threshold, Period: st.Period,
			Periods: len(qs.Periods), dashCounts: dashToCounts(qs.Counts), ComplianceRate: qs.Rate, Variation: qs.Variation,
			Assurance: qs.Assurance})
	}
	hl := &out.HoursLost
	hl.Hours, hl.Reports, hl.ModerateOrWorseHarmReports = dashHours(t.Hours.Minutes), t.Hours.Reports, t.Hours.HarmfulCount
	for _, m := range t.Hours.ByMonth {
		hl.ByMonth = append(hl.ByMonth, struct {
			Month   string  `json:"month"`
			Hours   float64 `json:"hours"`
			Reports int     `json:"reports"`
		}{m.Month.Format("2006-01"), dashHours(m.Minutes), m.Reports})
	}
	hl.BySystem = make([]struct {
		System   *string `json:"system"`
		Supplier *string `json:"supplier"`
		Hours    float64 `json:"hours"`
		Reports  int     `json:"reports"`
	}, 0, len(t.Hours.BySystem))
	for _, s := range t.Hours.BySystem {
		var name, supplier *string
		if sys := d.System(s.ID); sys != nil {
			name, supplier = &sys.Name, dashNullable(sys.Supplier)
		}
		hl.BySystem = append(hl.BySystem, struct {
			System   *string `json:"system"`
			Supplier *string `json:"supplier"`
			Hours    float64 `json:"hours"`
			Reports  int     `json:"reports"`
		}{name, supplier, dashHours(s.Minutes), s.Reports})
	}
	im := &out.Improvement
	im.CyclesClosed, im.Adopted, im.Adapted, im.Abandoned = t.Improvement.CyclesClosed, t.Improvement.Adopted, t.Improvement.Adapted, t.Improvement.Abandoned
	im.ActionsCompleted = t.Improvement.ActionsCompleted
	im.Changes = make([]transparencyChangeResponse, 0, len(t.Improvement.Changes))
	for _, ch := range t.Improvement.Changes {
		r := transparencyChangeResponse{Title: ch.Cycle.Title, AdoptedOn: isoDay(ch.AdoptedOn), Effects: make([]transparencyEffectResponse, 0, len(ch.Effects))}
		for _, e := range ch.Effects {
			r.Effects = append(r.Effects, transparencyEffectResponse{StandardCode: e.Standard.Code, StandardTitle: e.Standard.Title,
				Unit: e.Standard.Unit, ChangePeriod: isoDay(e.ChangePeriod), MeanBefore: e.MeanBefore, MeanAfter: e.MeanAfter, Better: e.Better})
		}
		im.Changes = append(im.Changes, r)
	}
	return out
}

func (h *dashboardHandlers) transparency(c *gin.Context) {
	h.render(c, "transparency|"+c.Query("quarter"), "application/json; charset=utf-8", func(d *dashboard.Data) ([]byte, error) {
		t, err := dashTransparencyReport(c, d)
		if err != nil {
			return nil, err
		}
		return dashJSON(dashToTransparency(d, t))
	})
}

func (h *dashboardHandlers) transparencyCSV(c *gin.Context) {
	d, err := h.dash.Data(c.Request.Context())
	if err != nil {
		writeError(c, err)
		return
	}
	filename := ""
	if start, err := d.ResolveQuarter(c.Query("quarter")); err == nil {
		filename = "assure-transparency-" + dashboard.QuarterName(start) + ".csv"
	}
	dashRender(c, d, "transparency.csv|"+c.Query("quarter"), "text/csv; charset=utf-8", filename, func(d *dashboard.Data) ([]byte, error) {
		t, err := dashTransparencyReport(c, d)
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		err = t.WriteCSV(&buf)
		return buf.Bytes(), err
	})
}
