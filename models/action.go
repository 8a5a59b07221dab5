package models

import "time"

// ActionStatus is where an improvement action is.
type ActionStatus string

// Action statuses.
const (
	ActionOpen       ActionStatus = "open"
	ActionInProgress ActionStatus = "in_progress"
	ActionDone       ActionStatus = "done"
	ActionCancelled  ActionStatus = "cancelled"
)

// Valid reports whether s is a known status.
func (s ActionStatus) Valid() bool {
	return s == ActionOpen || s == ActionInProgress || s == ActionDone || s == ActionCancelled
}

// Finished reports whether nothing more is to be done.
func (s ActionStatus) Finished() bool { return s == ActionDone || s == ActionCancelled }

// Action is an improvement action with an accountable owner and a due date.
type Action struct {
	ID             string `gorm:"type:uuid;primaryKey"`
	Title          string
	Description    string
	OwnerID        string    `gorm:"type:uuid"`
	DueOn          time.Time `gorm:"type:date"`
	Status         ActionStatus
	CycleID        *string `gorm:"type:uuid"`
	ExpectedEffect string
	CompletedOn    *time.Time `gorm:"type:date"`
	CreatedBy      *string    `gorm:"type:uuid"`
	Version        int        `gorm:"default:1"` // rows start at version 1 (the column default), bumped on each update
	CreatedAt      time.Time
	UpdatedAt      time.Time `gorm:"autoUpdateTime:false"`
}

// Overdue reports whether the action is still to do after its due date.
// today is a calendar day (midnight UTC).
func (a Action) Overdue(today time.Time) bool {
	return !a.Status.Finished() && a.DueOn.Before(today)
}

// ActionStandard links an action to a standard whose chart it should move.
type ActionStandard struct {
	ActionID   string `gorm:"type:uuid;primaryKey"`
	StandardID string `gorm:"type:uuid;primaryKey"`
}
