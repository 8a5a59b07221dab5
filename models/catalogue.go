package models

import (
	"encoding/json"
	"time"
)

// Site is a hospital site or department where IT is used.
type Site struct {
	ID          string `gorm:"type:uuid;primaryKey"`
	Name        string
	Description string
	Version     int `gorm:"default:1"` // rows start at version 1 (the column default), bumped on each update
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Criticality ranks a system by how much care depends on it.
type Criticality string

// Criticalities.
const (
	CriticalityCritical Criticality = "critical"
	CriticalityHigh     Criticality = "high"
	CriticalityStandard Criticality = "standard"
)

// System is an IT service clinicians depend on.
type System struct {
	ID          string `gorm:"type:uuid;primaryKey"`
	Name        string
	Description string
	Supplier    string
	Criticality Criticality
	OwnerID     *string `gorm:"type:uuid"`
	Version     int     `gorm:"default:1"` // rows start at version 1 (the column default), bumped on each update
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// SystemSite links a system to a site that uses it.
type SystemSite struct {
	SystemID string `gorm:"type:uuid;primaryKey"`
	SiteID   string `gorm:"type:uuid;primaryKey"`
}

// SystemDependency says SystemID depends on DependsOnID.
type SystemDependency struct {
	SystemID    string `gorm:"type:uuid;primaryKey"`
	DependsOnID string `gorm:"type:uuid;primaryKey"`
}

// Direction says which way a standard's metric should move.
type Direction string

// Directions.
const (
	HigherIsBetter Direction = "higher_is_better"
	LowerIsBetter  Direction = "lower_is_better"
	Neither        Direction = "neither"
)

// Period is the granularity a standard is judged at.
type Period string

// Periods.
const (
	PeriodDay   Period = "day"
	PeriodWeek  Period = "week"
	PeriodMonth Period = "month"
)

// Rollup combines systems' values into the organisation's.
type Rollup string

// Rollups.
const (
	RollupMean Rollup = "mean"
	RollupSum  Rollup = "sum"
	RollupMin  Rollup = "min"
	RollupMax  Rollup = "max"
)

// StandardStatus is a standard's life-cycle state.
type StandardStatus string

// Standard statuses.
const (
	StandardDraft   StandardStatus = "draft"
	StandardActive  StandardStatus = "active"
	StandardRetired StandardStatus = "retired"
)

// Categories of standards.
var Categories = []string{"availability", "performance", "reliability", "security",
	"backup_recovery", "clinician_experience", "service_support"}

// Units a standard's metric may be measured in.
var Units = []string{"percent", "count", "seconds", "minutes", "hours", "days", "number"}

// Standard is an IT minimum standard.
type Standard struct {
	ID                 string `gorm:"type:uuid;primaryKey"`
	Code               string
	Title              string
	Rationale          string
	Category           string
	Metric             string
	Unit               string
	Direction          Direction
	Threshold          float64
	Target             *float64
	Period             Period
	Rollup             Rollup
	OwnerID            *string `gorm:"type:uuid"`
	Status             StandardStatus
	ReviewDue          *time.Time      `gorm:"type:date"`
	References         json.RawMessage `gorm:"column:references;type:jsonb"`
	BaselinePoints     *int
	ScreenMovingRanges bool
	Version            int `gorm:"default:1"` // rows start at version 1 (the column default), bumped on each update
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// StandardSystem puts a system in a standard's scope.
type StandardSystem struct {
	StandardID string `gorm:"type:uuid;primaryKey"`
	SystemID   string `gorm:"type:uuid;primaryKey"`
}

// StandardRevision is the judged fields of a standard from a date on.
type StandardRevision struct {
	ID            string    `gorm:"type:uuid;primaryKey"`
	StandardID    string    `gorm:"type:uuid"`
	EffectiveFrom time.Time `gorm:"type:date"`
	Direction     Direction
	Threshold     float64
	Target        *float64
	Period        Period
	CreatedBy     *string `gorm:"type:uuid"`
	CreatedAt     time.Time
}

// StandardException excuses a standard at a system or site for a time.
type StandardException struct {
	ID         string  `gorm:"type:uuid;primaryKey"`
	StandardID string  `gorm:"type:uuid"`
	SystemID   *string `gorm:"type:uuid"`
	SiteID     *string `gorm:"type:uuid"`
	Reason     string
	ApprovedBy string    `gorm:"type:uuid"`
	StartsOn   time.Time `gorm:"type:date"`
	ExpiresOn  time.Time `gorm:"type:date"`
	CreatedAt  time.Time
}

// RebaseSource says why limits were recalculated.
type RebaseSource string

// Rebase sources.
const (
	RebaseRecalculation RebaseSource = "recalculation"
	RebaseCycle         RebaseSource = "cycle"
)

// StandardRebase is a recalculation point on a standard's SPC chart.
type StandardRebase struct {
	ID         string    `gorm:"type:uuid;primaryKey"`
	StandardID string    `gorm:"type:uuid"`
	Period     time.Time `gorm:"type:date"`
	Reason     string
	Source     RebaseSource
	CycleID    *string `gorm:"type:uuid"`
	CreatedBy  *string `gorm:"type:uuid"`
	CreatedAt  time.Time
}

// Source says where a measurement came from.
type Source string

// Measurement sources, in order of precedence when several give a value for
// the same standard, system and period.
const (
	SourceManual Source = "manual"
	SourceImport Source = "import"
	SourceAPI    Source = "api"
	SourceIssues Source = "issues"
)

// Measurement is one value of a standard's metric for one period.
type Measurement struct {
	StandardID      string    `gorm:"type:uuid"`
	SystemID        *string   `gorm:"type:uuid"`
	PeriodStart     time.Time `gorm:"type:date"`
	Value           float64
	Note            string
	Source          Source
	RecordedByUser  *string `gorm:"type:uuid"`
	RecordedByToken *string `gorm:"type:uuid"`
	RecordedAt      time.Time
}

// SeriesValue is the value a standard is judged on for one system (nil: the
// organisation-wide roll-up) and period.
type SeriesValue struct {
	StandardID  string    `gorm:"type:uuid"`
	SystemID    *string   `gorm:"type:uuid"`
	PeriodStart time.Time `gorm:"type:date"`
	Value       float64
	UpdatedAt   time.Time
}
