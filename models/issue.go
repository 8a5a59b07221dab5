package models

import (
	"encoding/json"
	"time"
)

// IssueStatus is where a report is in triage.
type IssueStatus string

// Issue statuses, in the order a report normally moves through them.
const (
	IssueNew        IssueStatus = "new"
	IssueTriaged    IssueStatus = "triaged"
	IssueInProgress IssueStatus = "in_progress"
	IssueResolved   IssueStatus = "resolved"
	IssueClosed     IssueStatus = "closed"
)

// IssueStatuses lists every status in order.
var IssueStatuses = []IssueStatus{IssueNew, IssueTriaged, IssueInProgress, IssueResolved, IssueClosed}

// Valid reports whether s is a known status.
func (s IssueStatus) Valid() bool {
	for _, x := range IssueStatuses {
		if x == s {
			return true
		}
	}
	return false
}

// Open reports whether the report is still being dealt with.
func (s IssueStatus) Open() bool {
	return s == IssueNew || s == IssueTriaged || s == IssueInProgress
}

// Harm is a level of patient harm in the NHS Learn from Patient Safety Events
// (LFPSE) vocabulary, used for physical and psychological harm alike.
type Harm string

// Harm levels, least first.
const (
	HarmNone     Harm = "none"
	HarmLow      Harm = "low"
	HarmModerate Harm = "moderate"
	HarmSevere   Harm = "severe"
	HarmFatal    Harm = "fatal"
)

// HarmLevels lists every level, least first.
var HarmLevels = []Harm{HarmNone, HarmLow, HarmModerate, HarmSevere, HarmFatal}

// Rank is the level's position in HarmLevels (-1 if unknown).
func (h Harm) Rank() int {
	for i, x := range HarmLevels {
		if x == h {
			return i
		}
	}
	return -1
}

// Valid reports whether h is a known level.
func (h Harm) Valid() bool { return h.Rank() >= 0 }

// Issue is a clinician's report of an IT problem that got in the way of care.
type Issue struct {
	ID                string `gorm:"type:uuid;primaryKey"`
	ReporterID        string `gorm:"type:uuid"`
	Title             string
	Description       string
	SystemID          *string `gorm:"type:uuid"` // nil: the reporter was not sure
	SiteID            string  `gorm:"type:uuid"`
	Location          string  // ward or department
	StartedAt         time.Time
	Ongoing           bool
	DurationMinutes   *int
	StaffAffected     int
	MinutesLost       int // per person
	WorkaroundUsed    bool
	Workaround        string
	PhysicalHarm      Harm
	PsychologicalHarm Harm
	CareDelayed       bool
	CareNotGiven      bool
	Status            IssueStatus
	ProblemID         *string `gorm:"type:uuid"`
	TotalMinutesLost  int64
	AffectedCount     int
	ResolvedAt        *time.Time
	Version           int `gorm:"default:1"` // rows start at version 1 (the column default), bumped on each update
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// ModerateOrWorse reports whether either kind of harm is moderate or worse.
func (i Issue) ModerateOrWorse() bool {
	return i.PhysicalHarm.Rank() >= HarmModerate.Rank() || i.PsychologicalHarm.Rank() >= HarmModerate.Rank()
}

// IssueAffected records that another person was affected by a reported problem.
type IssueAffected struct {
	IssueID     string `gorm:"type:uuid;primaryKey"`
	UserID      string `gorm:"type:uuid;primaryKey"`
	MinutesLost int
	CreatedAt   time.Time
}

// TableName is the table's name (gorm would pluralise it).
func (IssueAffected) TableName() string { return "issue_affected" }

// IssueEventKind says what an entry on a report's timeline records.
type IssueEventKind string

// Timeline entry kinds.
const (
	EventReported        IssueEventKind = "reported"
	EventEdited          IssueEventKind = "edited"
	EventStatusChanged   IssueEventKind = "status_changed"
	EventComment         IssueEventKind = "comment"
	EventAffected        IssueEventKind = "affected"
	EventProblemLinked   IssueEventKind = "problem_linked"
	EventProblemUnlinked IssueEventKind = "problem_unlinked"
	EventLinkAdded       IssueEventKind = "link_added"
	EventLinkRemoved     IssueEventKind = "link_removed"
)

// IssueEvent is one entry on a report's timeline; comments are events too.
type IssueEvent struct {
	ID         string `gorm:"type:uuid;primaryKey"`
	IssueID    string `gorm:"type:uuid"`
	At         time.Time
	ActorID    *string `gorm:"type:uuid"`
	Kind       IssueEventKind
	FromStatus *IssueStatus
	ToStatus   *IssueStatus
	Body       string
	Detail     json.RawMessage `gorm:"type:jsonb"`
}

// LinkTarget is what a report may be linked to.
type LinkTarget string

// Link targets.
const (
	LinkStandard LinkTarget = "standard"
	LinkCycle    LinkTarget = "cycle"
	LinkAction   LinkTarget = "action"
)

// IssueLink links a report to a standard, cycle or action.
type IssueLink struct {
	IssueID    string     `gorm:"type:uuid;primaryKey"`
	TargetType LinkTarget `gorm:"primaryKey"`
	TargetID   string     `gorm:"type:uuid;primaryKey"`
	CreatedBy  *string    `gorm:"type:uuid"`
	CreatedAt  time.Time
}

// ProblemStatus says whether a problem's fault is still there.
type ProblemStatus string

// Problem statuses.
const (
	ProblemOpen     ProblemStatus = "open"
	ProblemResolved ProblemStatus = "resolved"
)

// Problem is one underlying fault that several reports describe.
type Problem struct {
	ID              string `gorm:"type:uuid;primaryKey"`
	Title           string
	Description     string
	RootCause       string
	KnownWorkaround string
	SystemID        *string `gorm:"type:uuid"`
	Status          ProblemStatus
	CreatedBy       *string `gorm:"type:uuid"`
	Version         int     `gorm:"default:1"` // rows start at version 1 (the column default), bumped on each update
	CreatedAt       time.Time
	UpdatedAt       time.Time
}
