package cycles

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/catalogue"
	"assure/services/compliance"
)

// allowedTransitions lists where a cycle in stage may go: the next stage, or
// abandoned, while it is open.
func allowedTransitions(stage models.Stage) []models.Stage {
	if !stage.Open() {
		return []models.Stage{}
	}
	return []models.Stage{stage.Next(), models.StageAbandoned}
}

// missingFor names every field the cycle still needs before it may enter
// stage to. Abandoning needs nothing.
func missingFor(c Cycle, to models.Stage, today time.Time) []services.FieldError {
	v := &services.ValidationError{}
	blank := func(field, value, why string) {
		if value == "" {
			v.Add(field, "is required %s", why)
		}
	}
	switch to {
	case models.StageDo:
		const why = "before Do starts"
		if c.OwnerID == nil {
			v.Add("owner_id", "is required %s: a cycle needs an accountable owner", why)
		}
		blank("aim", c.Aim, why+": what will improve, by how much, by when")
		blank("change_idea", c.ChangeIdea, why)
		outcome := false
		for i, m := range c.Measures {
			outcome = outcome || m.Role == models.RoleOutcome
			if m.PredictedDirection == nil {
				v.Add(fmt.Sprintf("measures[%d].predicted_direction", i), "is required %s: predict which way %s will move", why, m.Code)
			}
			if m.PredictedChange == nil && (m.PredictedDirection == nil || *m.PredictedDirection != models.PredictNoChange) {
				v.Add(fmt.Sprintf("measures[%d].predicted_change", i), "is required %s: predict by how much %s will move", why, m.Code)
			}
		}
		if !outcome {
			v.Add("measures", "needs at least one outcome measure %s", why)
		}
		switch {
		case c.DoStartedOn == nil:
			v.Add("do_started_on", "is required %s: the day the change was introduced", why)
		case c.DoStartedOn.After(today):
			v.Add("do_started_on", "must not be in the future: Do starts when the change has been introduced")
		}
	case models.StageStudy:
		blank("do_notes", c.DoNotes, "before Study: what happened when the change was made")
		blank("observations", c.Observations, "before Study: what was observed")
	case models.StageAct:
		blank("study_summary", c.StudySummary, "before Act: the results against the predictions")
	case models.StageClosed:
		if c.Decision == nil {
			v.Add("decision", "is required to close the cycle: adopt, adapt or abandon")
		}
		blank("rationale", c.Rationale, "to close the cycle: why this decision")
	}
	return v.Fields
}

// Transition moves a cycle to stage to: forward one stage, or abandoned from
// any open stage. Anything else is a conflict; a stage whose fields are not
// all there is a ValidationError naming each. Closing applies the decision:
// adopt rebases the outcome standards' charts at the change, adapt starts the
// next cycle of the ramp. note, if any, goes on the timeline.
func (s *Service) Transition(ctx context.Context, actor access.Actor, id, to, note string, ifMatch []int) (Cycle, error) {
	if err := requireManage(actor); err != nil {
		return Cycle{}, err
	}
	target := models.Stage(to)
	v := &services.ValidationError{}
	switch {
	case to == "":
		v.Add("to", "is required: the stage to move to")
	case !target.Valid():
		v.Add("to", "must be plan, do, study, act, closed or abandoned")
	}
	note = catalogue.CheckText(v, "note", note, 0, 2000)
	if err := v.Err(); err != nil {
		return Cycle{}, err
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		row, err := lock(tx, id)
		if err != nil {
			return err
		}
		if err := catalogue.CheckIfMatch(ifMatch, row.Version); err != nil {
			return err
		}
		cur, err := s.expand(tx, []models.Cycle{row})
		if err != nil {
			return err
		}
		c := cur[0]
		switch {
		case !row.Stage.Open():
			return services.Conflict("the cycle is %s: it cannot move to %s", row.Stage, target)
		case target == models.StageAbandoned:
		case target != row.Stage.Next():
			return services.Conflict("a cycle moves forward one stage at a time: from %s it can move to %s or be abandoned, not to %s",
				row.Stage, row.Stage.Next(), target)
		default:
			if missing := missingFor(c, target, s.today()); len(missing) > 0 {
				return &services.ValidationError{Fields: missing}
			}
		}
		now := s.stamp()
		from := row.Stage
		row.Stage = target
		row.StageChangedAt = now
		row.Version++
		row.UpdatedAt = now
		if err := tx.Save(&row).Error; err != nil {
			return services.DBError("move cycle", err)
		}
		summary := fmt.Sprintf("Moved from %s to %s", from, target)
		if target == models.StageClosed && row.Decision != nil {
			summary += fmt.Sprintf(": %s (%s)", *row.Decision, row.Rationale)
		}
		if note != "" {
			summary += ". " + note
		}
		if err := RecordEvent(tx, actor, Event{EntityType: "cycle", EntityID: id, Kind: "transitioned", Summary: summary,
			Detail: map[string]any{"from": from, "to": target, "note": note}}, now); err != nil {
			return err
		}
		c.Stage, c.Version = target, row.Version
		if err := s.audit.Record(tx, actor, "cycle.transitioned", "cycle", id,
			map[string]any{"stage": from, "version": row.Version - 1},
			map[string]any{"stage": target, "version": row.Version, "note": note, "decision": row.Decision}); err != nil {
			return err
		}
		if (target == models.StageStudy || target == models.StageAct) && s.soon != nil {
			// The job commits with the transition, or not at all.
			if err := s.soon(ctx, tx, id); err != nil {
				return err
			}
		}
		if target != models.StageClosed || row.Decision == nil {
			return nil
		}
		if err := notifyReporters(tx, actor, row, *row.Decision, now); err != nil {
			return err
		}
		switch *row.Decision {
		case models.DecisionAdopt:
			return s.adopt(tx, actor, c, now)
		case models.DecisionAdapt:
			return s.adapt(tx, actor, c, now)
		}
		return nil
	})
	if err != nil {
		return Cycle{}, err
	}
	return s.Get(ctx, id)
}

// ChangePeriod is the first period of a standard of period p that the change
// made on day doStart could have affected throughout: the period starting
// that day, or else the next one. Before it, the process was the old one.
func ChangePeriod(p models.Period, doStart time.Time) time.Time {
	start := compliance.PeriodStart(p, doStart)
	if start.Before(compliance.Day(doStart)) {
		return compliance.NextPeriod(p, start)
	}
	return start
}

// adopt makes the change a rebase point on each outcome standard's chart, so
// its limits are recalculated from the change on. A rebase an owner already
// recorded at that period (and no cycle claimed) becomes this adoption; one
// another cycle made stays that cycle's.
func (s *Service) adopt(tx *gorm.DB, actor access.Actor, c Cycle, now time.Time) error {
	for _, m := range c.Measures {
		if m.Role != models.RoleOutcome {
			continue
		}
		cycleID := c.ID
		rb := models.StandardRebase{
			ID: uuid.Must(uuid.NewV7()).String(), StandardID: m.StandardID, Period: ChangePeriod(m.Period, *c.DoStartedOn),
			Reason: "Adopted change: " + c.Title, Source: models.RebaseCycle, CycleID: &cycleID, CreatedAt: now,
		}
		if actor.UserID != "" {
			rb.CreatedBy = &actor.UserID
		}
		res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&rb)
		if res.Error != nil {
			return services.DBError("rebase "+m.Code, res.Error)
		}
		var before any
		if res.RowsAffected == 0 {
			var existing models.StandardRebase
			if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).
				Where("standard_id = ? AND period = ?", rb.StandardID, rb.Period).Take(&existing).Error; err != nil {
				return services.DBError("rebase "+m.Code, err)
			}
			if existing.CycleID != nil {
				continue
			}
			before = rebaseAudit(existing)
			existing.Source, existing.CycleID = models.RebaseCycle, &cycleID
			if err := tx.Model(&existing).Updates(map[string]any{"source": existing.Source, "cycle_id": cycleID}).Error; err != nil {
				return services.DBError("rebase "+m.Code, err)
			}
			rb = existing
		}
		period := rb.Period.Format(time.DateOnly)
		if err := RecordEvent(tx, actor, Event{EntityType: "standard", EntityID: m.StandardID, Kind: "rebased",
			Summary: fmt.Sprintf("Limits recalculated from %s: the change of cycle %s was adopted", period, quote(c.Title)),
			Detail:  map[string]any{"cycle_id": c.ID, "period": period}}, now); err != nil {
			return err
		}
		if err := s.audit.Record(tx, actor, "standard.rebased", "standard_rebase", rb.ID, before, rebaseAudit(rb)); err != nil {
			return err
		}
	}
	return nil
}

func rebaseAudit(r models.StandardRebase) map[string]any {
	return map[string]any{"id": r.ID, "standard_id": r.StandardID, "period": r.Period.Format(time.DateOnly),
		"reason": r.Reason, "source": r.Source, "cycle_id": r.CycleID}
}

var cycleSuffix = regexp.MustCompile(`\s*\(cycle \d+\)$`)

// NextTitle is the title of the cycle adapted from one titled title in
// position sequence of its ramp.
func NextTitle(title string, sequence int) string {
	t := cycleSuffix.ReplaceAllString(title, "") + " (cycle " + strconv.Itoa(sequence+1) + ")"
	if r := []rune(t); len(r) > 200 {
		t = string(r[len(r)-200:])
	}
	return t
}

// adapt starts the next cycle of the ramp in Plan, pre-filled from c: its
// aim, change idea, owner, team, plan, measures with their predictions and
// links, so the improver revises rather than retypes.
func (s *Service) adapt(tx *gorm.DB, actor access.Actor, c Cycle, now time.Time) error {
	next := models.Cycle{
		ID: uuid.Must(uuid.NewV7()).String(), RampID: c.RampID, Sequence: c.Sequence + 1, PreviousCycleID: &c.ID,
		Title: NextTitle(c.Title, c.Sequence), Aim: c.Aim, ChangeIdea: c.ChangeIdea, OwnerID: c.OwnerID,
		Team: append(models.StringArray{}, c.Team...), Plan: c.Plan, Stage: models.StagePlan, StageChangedAt: now,
		Version: 1, CreatedAt: now, UpdatedAt: now,
	}
	if actor.UserID != "" {
		next.CreatedBy = &actor.UserID
	}
	if err := tx.Create(&next).Error; err != nil {
		return services.DBError("start the next cycle", err)
	}
	d := &draft{row: next, measures: make([]models.CycleMeasure, len(c.Measures)), issueIDs: c.IssueIDs, problemIDs: c.ProblemIDs}
	for i, m := range c.Measures {
		d.measures[i] = models.CycleMeasure{CycleID: next.ID, StandardID: m.StandardID, Position: i + 1, Role: m.Role,
			PredictedDirection: m.PredictedDirection, PredictedChange: m.PredictedChange}
	}
	if err := saveParts(tx, d); err != nil {
		return err
	}
	created, err := s.expand(tx, []models.Cycle{next})
	if err != nil {
		return err
	}
	if err := RecordEvent(tx, actor, Event{EntityType: "cycle", EntityID: c.ID, Kind: "adapted",
		Summary: "Adapted: the next cycle is " + quote(next.Title), Detail: map[string]any{"next_cycle_id": next.ID}}, now); err != nil {
		return err
	}
	if err := RecordEvent(tx, actor, Event{EntityType: "cycle", EntityID: next.ID, Kind: "created",
		Summary: "Cycle planned, adapted from " + quote(c.Title), Detail: map[string]any{"previous_cycle_id": c.ID}}, now); err != nil {
		return err
	}
	return s.audit.Record(tx, actor, "cycle.created", "cycle", next.ID, nil, cycleAudit(created[0]))
}
