package dashboard

import (
	"sort"
	"sync"
	"time"

	"assure/internal/database"
	"assure/models"
	"assure/services/compliance"
)

// Data is the summary every view is computed from, read in one snapshot.
// It is shared by concurrent requests: treat it as read-only.
type Data struct {
	started  time.Time // wall clock before the snapshot was taken
	snapshot string    // pg_current_snapshot() of the build
	db       *database.DB

	// BuiltAt is the clock's time when the summary was built, Today its day.
	BuiltAt time.Time
	Today   time.Time
	// BuildTime is how long the build took (reported by the benchmark), and
	// SeriesRead how many standards' series it read: every active one, or
	// after changes to series alone only those.
	BuildTime  time.Duration
	SeriesRead int

	// Standards are the active standards, by code.
	Standards    []*Standard
	standardByID map[string]*Standard
	// Systems are every system, by name.
	Systems    []*System
	systemByID map[string]*System
	// Sites are every site, by name.
	Sites    []*Site
	siteByID map[string]*Site
	// Names are the display names of every user who owns something.
	Names map[string]string

	// Reports summarises clinicians' reports of the last ReportWeeks
	// complete weeks.
	Reports Reports
	// Problems are the open problems.
	Problems []Problem
	// Cycles are every PDSA cycle; Actions the actions still to do.
	Cycles  []*Cycle
	Actions []*Action
	// Agenda is what open board reviews have still to decide.
	Agenda []AgendaItem

	renderMu sync.Mutex
	renders  map[string]Rendered
}

// Standard is an active standard with its judged series.
type Standard struct {
	ID, Code, Title, Category, Unit string
	Period                          models.Period
	OwnerID                         *string
	// Revision is the one in force at the last complete period: its
	// direction, threshold and target are what the standard asks now.
	Revision compliance.Revision
	// SystemIDs are the systems in scope, by system name.
	SystemIDs []string

	// Last and Previous are the starts of the last complete period and the
	// one before it.
	Last, Previous time.Time
	// Org is the organisation roll-up judged from its first value (at most
	// spc.MaxPoints periods back) to Last; never empty.
	Org []Judged
	// Variation and Assurance are the Making Data Count icons of the
	// standard's chart (nil when the method leaves them undefined);
	// Provisional says its latest segment is short (fewer than 13 points).
	Variation, Assurance *string
	Provisional          bool
	// Cells are each system's series over the last RateWindow+1 periods
	// (fewer when it started later), keyed by system id.
	Cells map[string][]Judged

	revisions  []compliance.Revision
	rebases    []time.Time
	exceptions []exceptionSpan
	baseline   *int
	screen     bool
}

// Judged is one period of a series and how it was judged.
type Judged struct {
	Start  time.Time
	Value  *float64
	Status compliance.Status
}

// System is an IT system.
type System struct {
	ID, Name, Supplier string
	Criticality        models.Criticality
	OwnerID            *string
	SiteIDs            []string
	// StandardIDs are the active standards it is in the scope of.
	StandardIDs []string
}

// Site is a hospital site.
type Site struct {
	ID, Name string
}

// ReportWeeks is how many complete weeks of reports the views summarise.
const ReportWeeks = 12

// Reports summarises the reports whose problem started in [From, Until).
type Reports struct {
	From, Until time.Time
	// Weeks are totals by system, site and week; SystemID is nil when the
	// reporter was not sure which system it was.
	Weeks []ReportWeek
	// Harmful are the reports with moderate or worse harm, newest first.
	Harmful []HarmReport
}

// ReportWeek is the reports of one system, site and week.
type ReportWeek struct {
	SystemID     *string
	SiteID       string
	Week         time.Time
	MinutesLost  int64
	Reports      int
	HarmfulCount int
}

// HarmReport is a report of moderate or worse patient harm.
type HarmReport struct {
	ID, Title         string
	StartedAt         time.Time
	SystemID          *string
	SiteID            string
	PhysicalHarm      models.Harm
	PsychologicalHarm models.Harm
	CareDelayed       bool
	CareNotGiven      bool
	Status            models.IssueStatus
}

// Harm is the worse of the report's physical and psychological harm.
func (h HarmReport) Harm() models.Harm {
	if h.PsychologicalHarm.Rank() > h.PhysicalHarm.Rank() {
		return h.PsychologicalHarm
	}
	return h.PhysicalHarm
}

// Problem is an open problem: one fault behind several reports.
type Problem struct {
	ID, Title string
	SystemID  *string
	CreatedAt time.Time
	Reports   int
}

// Cycle is a PDSA cycle.
type Cycle struct {
	ID, Title      string
	Stage          models.Stage
	OwnerID        *string
	Decision       *models.Decision
	StageChangedAt time.Time
	DoStartedOn    *time.Time
	PlannedEnd     *time.Time
	Measures       []CycleMeasure
}

// CycleMeasure is a standard a cycle measures.
type CycleMeasure struct {
	StandardID string
	Role       models.MeasureRole
}

// Action is an improvement action still to do.
type Action struct {
	ID, Title   string
	OwnerID     string
	DueOn       time.Time
	Status      models.ActionStatus
	CycleID     *string
	StandardIDs []string
}

// AgendaItem is an item an open board review has not decided yet.
type AgendaItem struct {
	ID, ReviewID, ReviewTitle string
	MeetingDate               time.Time
	Kind                      models.ItemKind
	EntityID                  *string
	Title                     string
}

// Standard returns the active standard with id, or nil.
func (d *Data) Standard(id string) *Standard { return d.standardByID[id] }

// System returns the system with id, or nil.
func (d *Data) System(id string) *System { return d.systemByID[id] }

// Site returns the site with id, or nil.
func (d *Data) Site(id string) *Site { return d.siteByID[id] }

// Name returns a user's display name ("" when unknown).
func (d *Data) Name(userID string) string { return d.Names[userID] }

func systemName(d *Data, id string) string {
	if s := d.systemByID[id]; s != nil {
		return s.Name
	}
	return ""
}

// LastOrg is the organisation roll-up at the last complete period.
func (s *Standard) LastOrg() Judged { return s.Org[len(s.Org)-1] }

// OrgAt returns the roll-up at period start p, if it was judged.
func (s *Standard) OrgAt(p time.Time) (Judged, bool) { return at(s.Org, p) }

// CellAt returns system sys's series at period start p, if it was judged.
func (s *Standard) CellAt(sys string, p time.Time) (Judged, bool) { return at(s.Cells[sys], p) }

func at(series []Judged, p time.Time) (Judged, bool) {
	i := sort.Search(len(series), func(i int) bool { return !series[i].Start.Before(p) })
	if i < len(series) && series[i].Start.Equal(p) {
		return series[i], true
	}
	return Judged{}, false
}
