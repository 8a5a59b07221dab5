// Package cycles runs PDSA cycles: Plan (aim, change idea, measures and
// predictions), Do (when the change was introduced, what happened), Study
// (the before/after SPC evidence computed from each measure's series, and the
// improver's summary) and Act (adopt, adapt or abandon). Stages move one at a
// time through Transition; adopting rebases the outcome standards' charts at
// the change, adapting starts the next cycle of the ramp. Every change is
// audited and on the cycle's timeline, which this package also keeps for
// actions and standards (RecordEvent).
package cycles

import (
	"context"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"assure/internal/database"
	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/audit"
	"assure/services/catalogue"
	"assure/services/compliance"
)

// Service runs PDSA cycles.
type Service struct {
	db    *gorm.DB
	pool  *database.DB
	audit *audit.Recorder
	now   func() time.Time
	soon  ScanSoon
}

// ScanSoon enqueues, inside tx, a notification scan to run at once: the
// cycle has come to await the board (internal/jobs.Enqueuer.ScanSoon).
type ScanSoon func(ctx context.Context, tx *gorm.DB, cycleID string) error

// SetScanSoon sets how a transition asks for notifications at once. Without
// it, the board hears at the next periodic scan (within a minute).
func (s *Service) SetScanSoon(f ScanSoon) { s.soon = f }

// NewService builds the cycles service. now is the clock (nil for time.Now).
func NewService(db *database.DB, rec *audit.Recorder, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{db: db.Gorm, pool: db, audit: rec, now: now}
}

// WithClock returns a copy of the service reading time from now (the demo
// seed dates its history through it).
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	return &c
}

func (s *Service) stamp() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

func (s *Service) today() time.Time { return compliance.Day(s.now()) }

// Cycle is a cycle as the API shows it: the row, its measures and links, and
// what its stage allows next.
type Cycle struct {
	models.Cycle
	OwnerName   *string
	NextCycleID *string
	TeamMembers []TeamMember
	Measures    []Measure
	IssueIDs    []string
	ProblemIDs  []string
	// Transitions lists the stages the cycle may move to now.
	Transitions []models.Stage
	// MissingForNext names the fields the next stage still needs.
	MissingForNext []services.FieldError
}

// PredictionsLocked reports whether the measures and predictions are fixed:
// they are once Do starts.
func (c Cycle) PredictionsLocked() bool { return c.Stage != models.StagePlan }

// TeamMember is one entry of a cycle's team: a user (UserID set) or the name
// of someone without an account.
type TeamMember struct {
	UserID *string
	Name   string
}

// Measure is a standard a cycle measures, with its prediction.
type Measure struct {
	StandardID         string
	Code               string
	Title              string
	Unit               string
	Period             models.Period
	Direction          models.Direction
	Role               models.MeasureRole
	PredictedDirection *models.PredictedDirection
	PredictedChange    *float64
}

// lock loads a cycle row for update.
func lock(tx *gorm.DB, id string) (models.Cycle, error) {
	var c models.Cycle
	if !catalogue.ValidID(id) {
		return c, fmt.Errorf("cycle %s: %w", id, services.ErrNotFound)
	}
	err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", id).Take(&c).Error
	return c, services.DBError("load cycle "+id, err)
}

// Get returns one cycle.
func (s *Service) Get(ctx context.Context, id string) (Cycle, error) {
	db := s.db.WithContext(ctx)
	if !catalogue.ValidID(id) {
		return Cycle{}, fmt.Errorf("cycle %s: %w", id, services.ErrNotFound)
	}
	var c models.Cycle
	if err := db.Where("id = ?", id).Take(&c).Error; err != nil {
		return Cycle{}, services.DBError("load cycle "+id, err)
	}
	out, err := s.expand(db, []models.Cycle{c})
	if err != nil {
		return Cycle{}, err
	}
	return out[0], nil
}

// expand adds measures, links, names and next steps to cycle rows.
func (s *Service) expand(db *gorm.DB, rows []models.Cycle) ([]Cycle, error) {
	out := make([]Cycle, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	var measures []struct {
		CycleID string
		Measure
	}
	err := db.Raw(`SELECT m.cycle_id::text AS cycle_id, m.standard_id::text AS standard_id, s.code, s.title, s.unit, s.period,
			s.direction, m.role, m.predicted_direction, m.predicted_change
		FROM cycle_measures m JOIN standards s ON s.id = m.standard_id
		WHERE m.cycle_id IN ? ORDER BY m.cycle_id, m.position`, ids).Scan(&measures).Error
	if err != nil {
		return nil, fmt.Errorf("load measures: %w", err)
	}
	var links []models.ImprovementLink
	if err := db.Where("entity_type = 'cycle' AND entity_id IN ?", ids).Order("target_type, target_id").Find(&links).Error; err != nil {
		return nil, fmt.Errorf("load links: %w", err)
	}
	var next []struct{ ID, PreviousCycleID string }
	if err := db.Raw("SELECT id::text AS id, previous_cycle_id::text AS previous_cycle_id FROM cycles WHERE previous_cycle_id IN ?", ids).Scan(&next).Error; err != nil {
		return nil, fmt.Errorf("load next cycles: %w", err)
	}
	userIDs := map[string]bool{}
	for _, r := range rows {
		if r.OwnerID != nil {
			userIDs[*r.OwnerID] = true
		}
		for _, t := range r.Team {
			if catalogue.ValidID(t) {
				userIDs[t] = true
			}
		}
	}
	names, err := userNames(db, userIDs)
	if err != nil {
		return nil, err
	}
	at := map[string]int{}
	for i, r := range rows {
		at[r.ID] = i
		c := Cycle{Cycle: r, Measures: []Measure{}, IssueIDs: []string{}, ProblemIDs: []string{}, TeamMembers: []TeamMember{}}
		if r.OwnerID != nil {
			if n, ok := names[*r.OwnerID]; ok {
				c.OwnerName = &n
			}
		}
		for _, t := range r.Team {
			if n, ok := names[t]; ok && catalogue.ValidID(t) {
				id := t
				c.TeamMembers = append(c.TeamMembers, TeamMember{UserID: &id, Name: n})
			} else {
				c.TeamMembers = append(c.TeamMembers, TeamMember{Name: t})
			}
		}
		out[i] = c
	}
	for _, m := range measures {
		c := &out[at[m.CycleID]]
		c.Measures = append(c.Measures, m.Measure)
	}
	for _, l := range links {
		c := &out[at[l.EntityID]]
		if l.TargetType == "issue" {
			c.IssueIDs = append(c.IssueIDs, l.TargetID)
		} else {
			c.ProblemIDs = append(c.ProblemIDs, l.TargetID)
		}
	}
	for _, n := range next {
		id := n.ID
		out[at[n.PreviousCycleID]].NextCycleID = &id
	}
	today := s.today()
	for i := range out {
		out[i].Transitions = allowedTransitions(out[i].Stage)
		if nx := out[i].Stage.Next(); nx != "" {
			out[i].MissingForNext = missingFor(out[i], nx, today)
		}
	}
	return out, nil
}

func userNames(db *gorm.DB, ids map[string]bool) (map[string]string, error) {
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	list := make([]string, 0, len(ids))
	for id := range ids {
		list = append(list, id)
	}
	slices.Sort(list)
	var rows []struct{ ID, Name string }
	if err := db.Raw("SELECT id::text AS id, name FROM users WHERE id IN ?", list).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("load user names: %w", err)
	}
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}

// cycleAudit is what the audit trail records of a cycle.
func cycleAudit(c Cycle) map[string]any {
	measures := make([]map[string]any, len(c.Measures))
	for i, m := range c.Measures {
		measures[i] = map[string]any{"standard_id": m.StandardID, "role": m.Role,
			"predicted_direction": m.PredictedDirection, "predicted_change": m.PredictedChange}
	}
	return map[string]any{
		"id": c.ID, "ramp_id": c.RampID, "sequence": c.Sequence, "previous_cycle_id": c.PreviousCycleID,
		"title": c.Title, "aim": c.Aim, "change_idea": c.ChangeIdea, "owner_id": c.OwnerID, "team": []string(c.Team),
		"plan": c.Plan, "planned_start": dayPtr(c.PlannedStart), "planned_end": dayPtr(c.PlannedEnd),
		"do_started_on": dayPtr(c.DoStartedOn), "do_notes": c.DoNotes, "observations": c.Observations,
		"study_summary": c.StudySummary, "decision": c.Decision, "rationale": c.Rationale, "stage": c.Stage,
		"measures": measures, "issue_ids": c.IssueIDs, "problem_ids": c.ProblemIDs, "version": c.Version,
	}
}

func dayPtr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := t.Format(time.DateOnly)
	return &s
}

// requireManage refuses actors who may not run cycles.
func requireManage(actor access.Actor) error {
	if !actor.Can(access.CyclesManage) {
		return fmt.Errorf("running cycles needs cycles.manage: %w", services.ErrForbidden)
	}
	return nil
}
