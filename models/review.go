package models

import "time"

// ReviewStatus says whether a board review is still open for edits.
type ReviewStatus string

// Review statuses.
const (
	ReviewOpen   ReviewStatus = "open"
	ReviewClosed ReviewStatus = "closed"
)

// Review is a board governance meeting.
type Review struct {
	ID          string `gorm:"type:uuid;primaryKey"`
	Title       string
	MeetingDate time.Time `gorm:"type:date"`
	Status      ReviewStatus
	Minutes     string
	ClosedAt    *time.Time
	ClosedBy    *string `gorm:"type:uuid"`
	CreatedBy   *string `gorm:"type:uuid"`
	Version     int     `gorm:"default:1"` // rows start at version 1 (the column default), bumped on each update
	CreatedAt   time.Time
	UpdatedAt   time.Time `gorm:"autoUpdateTime:false"`
}

// ReviewMember is a board member present at a review.
type ReviewMember struct {
	ReviewID string `gorm:"type:uuid;primaryKey"`
	UserID   string `gorm:"type:uuid;primaryKey"`
}

// ItemKind is what an agenda item is about.
type ItemKind string

// Agenda item kinds.
const (
	ItemCycle    ItemKind = "cycle"
	ItemStandard ItemKind = "standard"
	ItemAction   ItemKind = "action"
	ItemOther    ItemKind = "other"
)

// Valid reports whether k is a known kind.
func (k ItemKind) Valid() bool {
	return k == ItemCycle || k == ItemStandard || k == ItemAction || k == ItemOther
}

// ReviewDecision is the board's decision on an agenda item.
type ReviewDecision string

// Review decisions.
const (
	DecisionApproved         ReviewDecision = "approved"
	DecisionChangesRequested ReviewDecision = "changes_requested"
	DecisionNoted            ReviewDecision = "noted"
	DecisionEscalated        ReviewDecision = "escalated"
)

// Valid reports whether d is a known decision.
func (d ReviewDecision) Valid() bool {
	return d == DecisionApproved || d == DecisionChangesRequested || d == DecisionNoted || d == DecisionEscalated
}

// ItemSource says how an item got on the agenda.
type ItemSource string

// Item sources.
const (
	SourceAgenda ItemSource = "agenda" // built from what needs a decision
	SourceHand   ItemSource = "manual" // added by hand
)

// ReviewItem is one agenda item and the decision on it.
type ReviewItem struct {
	ID           string `gorm:"type:uuid;primaryKey"`
	ReviewID     string `gorm:"type:uuid"`
	Position     int
	Kind         ItemKind
	EntityID     *string `gorm:"type:uuid"`
	Reasons      StringArray
	Title        string
	Detail       string
	Source       ItemSource
	Decision     *ReviewDecision
	DecisionText string
	DecidedBy    *string `gorm:"type:uuid"`
	DecidedAt    *time.Time
}
