package models

import (
	"encoding/json"
	"time"
)

// Stage is where a PDSA cycle is.
type Stage string

// Cycle stages: plan → do → study → act → closed, or abandoned from any open
// stage.
const (
	StagePlan      Stage = "plan"
	StageDo        Stage = "do"
	StageStudy     Stage = "study"
	StageAct       Stage = "act"
	StageClosed    Stage = "closed"
	StageAbandoned Stage = "abandoned"
)

// Stages lists every stage in order.
var Stages = []Stage{StagePlan, StageDo, StageStudy, StageAct, StageClosed, StageAbandoned}

// Valid reports whether s is a known stage.
func (s Stage) Valid() bool {
	for _, x := range Stages {
		if x == s {
			return true
		}
	}
	return false
}

// Open reports whether the cycle is still running.
func (s Stage) Open() bool { return s == StagePlan || s == StageDo || s == StageStudy || s == StageAct }

// Next is the stage after s on the way to closed ("" for none).
func (s Stage) Next() Stage {
	switch s {
	case StagePlan:
		return StageDo
	case StageDo:
		return StageStudy
	case StageStudy:
		return StageAct
	case StageAct:
		return StageClosed
	}
	return ""
}

// Decision is what the Act stage decides about the change.
type Decision string

// Decisions.
const (
	DecisionAdopt   Decision = "adopt"
	DecisionAdapt   Decision = "adapt"
	DecisionAbandon Decision = "abandon"
)

// Valid reports whether d is a known decision.
func (d Decision) Valid() bool {
	return d == DecisionAdopt || d == DecisionAdapt || d == DecisionAbandon
}

// Cycle is a PDSA cycle.
type Cycle struct {
	ID              string `gorm:"type:uuid;primaryKey"`
	RampID          string `gorm:"type:uuid"`
	Sequence        int
	PreviousCycleID *string `gorm:"type:uuid"`
	Title           string
	Aim             string
	ChangeIdea      string
	OwnerID         *string `gorm:"type:uuid"`
	Team            StringArray
	Plan            string
	PlannedStart    *time.Time `gorm:"type:date"`
	PlannedEnd      *time.Time `gorm:"type:date"`
	DoStartedOn     *time.Time `gorm:"type:date"`
	DoNotes         string
	Observations    string
	StudySummary    string
	Decision        *Decision
	Rationale       string
	Stage           Stage
	StageChangedAt  time.Time
	CreatedBy       *string `gorm:"type:uuid"`
	Version         int     `gorm:"default:1"` // rows start at version 1 (the column default), bumped on each update
	CreatedAt       time.Time
	UpdatedAt       time.Time `gorm:"autoUpdateTime:false"`
}

// MeasureRole is what a standard tells a cycle.
type MeasureRole string

// Measure roles (the IHI model for improvement's three kinds of measure).
const (
	RoleOutcome   MeasureRole = "outcome"
	RoleProcess   MeasureRole = "process"
	RoleBalancing MeasureRole = "balancing"
)

// Valid reports whether r is a known role.
func (r MeasureRole) Valid() bool { return r == RoleOutcome || r == RoleProcess || r == RoleBalancing }

// PredictedDirection is which way a cycle expects a measure to move.
type PredictedDirection string

// Predicted directions.
const (
	PredictIncrease PredictedDirection = "increase"
	PredictDecrease PredictedDirection = "decrease"
	PredictNoChange PredictedDirection = "no_change"
)

// Valid reports whether d is a known direction.
func (d PredictedDirection) Valid() bool {
	return d == PredictIncrease || d == PredictDecrease || d == PredictNoChange
}

// CycleMeasure is a standard a cycle measures, with its prediction.
type CycleMeasure struct {
	CycleID            string `gorm:"type:uuid;primaryKey"`
	StandardID         string `gorm:"type:uuid;primaryKey"`
	Position           int
	Role               MeasureRole
	PredictedDirection *PredictedDirection
	PredictedChange    *float64
}

// ImprovementLink links a cycle or an action to a report or problem that
// motivated it.
type ImprovementLink struct {
	EntityType string `gorm:"primaryKey"`
	EntityID   string `gorm:"type:uuid;primaryKey"`
	TargetType string `gorm:"primaryKey"`
	TargetID   string `gorm:"type:uuid;primaryKey"`
}

// ImprovementEvent is one entry on the timeline of a cycle, an action or a
// standard.
type ImprovementEvent struct {
	ID         string `gorm:"type:uuid;primaryKey"`
	EntityType string
	EntityID   string `gorm:"type:uuid"`
	At         time.Time
	ActorID    *string `gorm:"type:uuid"`
	Kind       string
	Summary    string
	Detail     json.RawMessage `gorm:"type:jsonb"`
	ReviewID   *string         `gorm:"type:uuid"`
}
