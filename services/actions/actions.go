// Package actions keeps improvement actions: an accountable owner, a due
// date, a status, and links to a cycle, the standards whose charts it should
// move, and the reports or problems behind it. Improvers manage any action;
// an owner may update the progress of their own. Overdue is computed (not
// done or cancelled past its due date); completing an action annotates its
// standards' SPC charts with the day it was done.
package actions

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"assure/internal/database"
	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/audit"
	"assure/services/catalogue"
	"assure/services/compliance"
	"assure/services/cycles"
	"assure/services/notify"
	"assure/services/spc"
)

// Service manages improvement actions.
type Service struct {
	db    *gorm.DB
	audit *audit.Recorder
	now   func() time.Time
}

// NewService builds the actions service. now is the clock (nil for time.Now).
func NewService(db *database.DB, rec *audit.Recorder, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{db: db.Gorm, audit: rec, now: now}
}

// WithClock returns a copy of the service reading time from now.
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	return &c
}

func (s *Service) stamp() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

func (s *Service) today() time.Time { return compliance.Day(s.now()) }

// Action is an action as the API shows it.
type Action struct {
	models.Action
	OwnerName   string
	CycleTitle  *string
	StandardIDs []string
	IssueIDs    []string
	ProblemIDs  []string
	Overdue     bool
	DaysOverdue int
}

// Input is an action's fields as sent; nil (or Set false) for those left out.
type Input struct {
	Title          *string
	Description    *string
	OwnerID        *string
	DueOn          *string
	Status         *string
	CycleID        catalogue.Optional[string]
	StandardIDs    *[]string
	IssueIDs       *[]string
	ProblemIDs     *[]string
	ExpectedEffect *string
}

// ownerOnly reports whether in touches only what an owner may change on
// their own action: its progress (status, description, expected effect).
func (in Input) ownerOnly() bool {
	return in.Title == nil && in.OwnerID == nil && in.DueOn == nil && !in.CycleID.Set &&
		in.StandardIDs == nil && in.IssueIDs == nil && in.ProblemIDs == nil
}

// draft is an action being changed.
type draft struct {
	row                             models.Action
	standardIDs, issueIDs, problems []string
	changed                         []string
}

// apply validates in and writes it onto d.
func (s *Service) apply(tx *gorm.DB, d *draft, cur Action, in Input) error {
	v := &services.ValidationError{}
	mark := func(field string, same bool) bool {
		if !same {
			d.changed = append(d.changed, field)
		}
		return !same
	}
	p := cycles.Patch{Tx: tx, V: v, Change: mark}
	p.Text("title", in.Title, &d.row.Title, 1, 200)
	p.Text("description", in.Description, &d.row.Description, 0, 4000)
	p.Text("expected_effect", in.ExpectedEffect, &d.row.ExpectedEffect, 0, 2000)
	if in.OwnerID != nil {
		id := strings.ToLower(*in.OwnerID)
		if *in.OwnerID == "" {
			v.Add("owner_id", "is required: every action has an accountable owner")
		} else if err := catalogue.CheckOwner(tx, v, "owner_id", id); err != nil {
			return err
		}
		if mark("owner_id", id == d.row.OwnerID) {
			d.row.OwnerID = id
		}
	}
	if in.DueOn != nil {
		due, err := spc.ParseDate(*in.DueOn)
		if err != nil {
			v.Add("due_on", "must be a date in the form YYYY-MM-DD")
		} else if mark("due_on", due.Time().Equal(d.row.DueOn)) {
			d.row.DueOn = due.Time()
		}
	}
	if in.Status != nil {
		st := models.ActionStatus(*in.Status)
		if !st.Valid() {
			v.Add("status", "must be open, in_progress, done or cancelled")
		} else if mark("status", st == d.row.Status) {
			d.row.Status = st
			d.row.CompletedOn = nil
			if st == models.ActionDone {
				today := s.today()
				d.row.CompletedOn = &today
			}
		}
	}
	if in.CycleID.Set {
		var id *string
		if in.CycleID.Value != nil {
			x := strings.ToLower(*in.CycleID.Value)
			id = &x
			if !catalogue.ValidID(x) {
				v.Add("cycle_id", "must be a cycle id")
			} else {
				var n int64
				if err := tx.Model(&models.Cycle{}).Where("id = ?", x).Count(&n).Error; err != nil {
					return fmt.Errorf("look up cycle: %w", err)
				}
				if n == 0 {
					v.Add("cycle_id", "no such cycle")
				}
			}
		}
		if mark("cycle_id", samePtr(id, d.row.CycleID)) {
			d.row.CycleID = id
		}
	}
	if err := p.Links("standard_ids", "standards", in.StandardIDs, cur.StandardIDs, &d.standardIDs); err != nil {
		return err
	}
	if err := p.Links("issue_ids", "issues", in.IssueIDs, cur.IssueIDs, &d.issueIDs); err != nil {
		return err
	}
	if err := p.Links("problem_ids", "problems", in.ProblemIDs, cur.ProblemIDs, &d.problems); err != nil {
		return err
	}
	return v.Err()
}

func samePtr[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func (s *Service) saveParts(tx *gorm.DB, d *draft) error {
	if d.standardIDs != nil {
		if err := tx.Where("action_id = ?", d.row.ID).Delete(&models.ActionStandard{}).Error; err != nil {
			return fmt.Errorf("replace action standards: %w", err)
		}
		if len(d.standardIDs) > 0 {
			rows := make([]models.ActionStandard, len(d.standardIDs))
			for i, id := range d.standardIDs {
				rows[i] = models.ActionStandard{ActionID: d.row.ID, StandardID: id}
			}
			if err := tx.Create(&rows).Error; err != nil {
				return services.DBError("save action standards", err)
			}
		}
	}
	if d.issueIDs != nil {
		if err := cycles.ReplaceLinks(tx, "action", d.row.ID, "issue", d.issueIDs); err != nil {
			return err
		}
	}
	if d.problems != nil {
		if err := cycles.ReplaceLinks(tx, "action", d.row.ID, "problem", d.problems); err != nil {
			return err
		}
	}
	return nil
}

// Create adds an action. Title, owner and due date are required; the status
// starts open unless given.
func (s *Service) Create(ctx context.Context, actor access.Actor, in Input) (Action, error) {
	if !actor.Can(access.ActionsManage) {
		return Action{}, fmt.Errorf("creating actions needs actions.manage: %w", services.ErrForbidden)
	}
	v := &services.ValidationError{}
	if in.Title == nil {
		v.Add("title", "is required")
	}
	if in.OwnerID == nil {
		v.Add("owner_id", "is required: every action has an accountable owner")
	}
	if in.DueOn == nil {
		v.Add("due_on", "is required")
	}
	now := s.stamp()
	d := &draft{row: models.Action{ID: uuid.Must(uuid.NewV7()).String(), Status: models.ActionOpen,
		Version: 1, CreatedAt: now, UpdatedAt: now}}
	if actor.UserID != "" {
		d.row.CreatedBy = &actor.UserID
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := s.apply(tx, d, Action{}, in); err != nil {
			var ve *services.ValidationError
			if !asValidation(err, &ve) {
				return err
			}
			v.Fields = append(v.Fields, ve.Fields...)
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := tx.Create(&d.row).Error; err != nil {
			return services.DBError("create action", err)
		}
		if err := s.saveParts(tx, d); err != nil {
			return err
		}
		after, err := s.expand(tx, []models.Action{d.row})
		if err != nil {
			return err
		}
		if err := cycles.RecordEvent(tx, actor, cycles.Event{EntityType: "action", EntityID: d.row.ID, Kind: "created",
			Summary: "Action created, due " + d.row.DueOn.Format(time.DateOnly)}, now); err != nil {
			return err
		}
		if err := s.completed(tx, actor, after[0], now); err != nil {
			return err
		}
		if err := notify.Assigned(tx, actor, d.row.OwnerID, "action", d.row.ID, "the action “"+d.row.Title+"”",
			"/actions/"+d.row.ID, now); err != nil {
			return err
		}
		return s.audit.Record(tx, actor, "action.created", "action", d.row.ID, nil, actionAudit(after[0]))
	})
	if err != nil {
		return Action{}, err
	}
	return s.Get(ctx, d.row.ID)
}

// Update changes an action. Improvers (actions.manage) may change anything;
// the owner may change the progress of their own (status, description,
// expected effect); anyone else is refused. ifMatch lists the versions the
// client may have seen (nil: no precondition).
func (s *Service) Update(ctx context.Context, actor access.Actor, id string, in Input, ifMatch []int) (Action, error) {
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		row, err := lockAction(tx, id)
		if err != nil {
			return err
		}
		manage := actor.Can(access.ActionsManage)
		owner := actor.UserID != "" && actor.UserID == row.OwnerID
		switch {
		case manage:
		case owner && in.ownerOnly():
		case owner:
			return fmt.Errorf("as its owner you may change an action's status, description and expected effect; the rest needs actions.manage: %w", services.ErrForbidden)
		default:
			return fmt.Errorf("only the action's owner or an improver may change it: %w", services.ErrForbidden)
		}
		if err := catalogue.CheckIfMatch(ifMatch, row.Version); err != nil {
			return err
		}
		cur, err := s.expand(tx, []models.Action{row})
		if err != nil {
			return err
		}
		d := &draft{row: row}
		if err := s.apply(tx, d, cur[0], in); err != nil {
			return err
		}
		if len(d.changed) == 0 {
			return nil
		}
		now := s.stamp()
		d.row.Version++
		d.row.UpdatedAt = now
		if err := tx.Save(&d.row).Error; err != nil {
			return services.DBError("update action", err)
		}
		if err := s.saveParts(tx, d); err != nil {
			return err
		}
		after, err := s.expand(tx, []models.Action{d.row})
		if err != nil {
			return err
		}
		ev := cycles.Event{EntityType: "action", EntityID: id, Kind: "edited",
			Summary: "Changed " + strings.ReplaceAll(strings.Join(d.changed, ", "), "_", " "),
			Detail:  map[string]any{"fields": d.changed}}
		if row.Status != d.row.Status {
			ev.Kind = "status_changed"
			ev.Summary = fmt.Sprintf("Status changed from %s to %s", words(row.Status), words(d.row.Status))
			ev.Detail["from"], ev.Detail["to"] = row.Status, d.row.Status
		}
		if err := cycles.RecordEvent(tx, actor, ev, now); err != nil {
			return err
		}
		if row.Status != models.ActionDone {
			if err := s.completed(tx, actor, after[0], now); err != nil {
				return err
			}
		}
		if row.OwnerID != d.row.OwnerID {
			if err := notify.Assigned(tx, actor, d.row.OwnerID, "action", id, "the action “"+d.row.Title+"”",
				"/actions/"+id, now); err != nil {
				return err
			}
		}
		return s.audit.Record(tx, actor, "action.updated", "action", id, actionAudit(cur[0]), actionAudit(after[0]))
	})
	if err != nil {
		return Action{}, err
	}
	return s.Get(ctx, id)
}

// completed puts a just-completed action on its standards' timelines (its
// chart annotation is read from the action itself, see Annotations).
func (s *Service) completed(tx *gorm.DB, actor access.Actor, a Action, now time.Time) error {
	if a.Status != models.ActionDone {
		return nil
	}
	for _, std := range a.StandardIDs {
		if err := cycles.RecordEvent(tx, actor, cycles.Event{EntityType: "standard", EntityID: std, Kind: "status_changed",
			Summary: "Action completed: " + a.Title, Detail: map[string]any{"action_id": a.ID,
				"completed_on": a.CompletedOn.Format(time.DateOnly)}}, now); err != nil {
			return err
		}
	}
	return nil
}

func words(s models.ActionStatus) string { return strings.ReplaceAll(string(s), "_", " ") }

func lockAction(tx *gorm.DB, id string) (models.Action, error) {
	var a models.Action
	if !catalogue.ValidID(id) {
		return a, fmt.Errorf("action %s: %w", id, services.ErrNotFound)
	}
	err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", id).Take(&a).Error
	return a, services.DBError("load action "+id, err)
}

// Get returns one action.
func (s *Service) Get(ctx context.Context, id string) (Action, error) {
	if !catalogue.ValidID(id) {
		return Action{}, fmt.Errorf("action %s: %w", id, services.ErrNotFound)
	}
	db := s.db.WithContext(ctx)
	var a models.Action
	if err := db.Where("id = ?", id).Take(&a).Error; err != nil {
		return Action{}, services.DBError("load action "+id, err)
	}
	out, err := s.expand(db, []models.Action{a})
	if err != nil {
		return Action{}, err
	}
	return out[0], nil
}

// Timeline lists what happened to an action, oldest first.
func (s *Service) Timeline(ctx context.Context, id string) ([]cycles.TimelineEntry, error) {
	if _, err := s.Get(ctx, id); err != nil {
		return nil, err
	}
	return cycles.ReadTimeline(ctx, s.db, "action", id)
}

// expand adds names, links and overdue to action rows.
func (s *Service) expand(db *gorm.DB, rows []models.Action) ([]Action, error) {
	out := make([]Action, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	var extra []struct {
		ID         string
		OwnerName  string
		CycleTitle *string
	}
	if err := db.Raw(`SELECT a.id::text AS id, u.name AS owner_name, c.title AS cycle_title
		FROM actions a JOIN users u ON u.id = a.owner_id LEFT JOIN cycles c ON c.id = a.cycle_id
		WHERE a.id IN ?`, ids).Scan(&extra).Error; err != nil {
		return nil, fmt.Errorf("load action owners: %w", err)
	}
	var stds []models.ActionStandard
	if err := db.Raw(`SELECT x.action_id::text AS action_id, x.standard_id::text AS standard_id
		FROM action_standards x JOIN standards s ON s.id = x.standard_id
		WHERE x.action_id IN ? ORDER BY s.code`, ids).Scan(&stds).Error; err != nil {
		return nil, fmt.Errorf("load action standards: %w", err)
	}
	var links []models.ImprovementLink
	if err := db.Where("entity_type = 'action' AND entity_id IN ?", ids).Order("target_type, target_id").Find(&links).Error; err != nil {
		return nil, fmt.Errorf("load action links: %w", err)
	}
	today := s.today()
	at := map[string]int{}
	for i, r := range rows {
		at[r.ID] = i
		out[i] = Action{Action: r, StandardIDs: []string{}, IssueIDs: []string{}, ProblemIDs: []string{}}
		if r.Overdue(today) {
			out[i].Overdue = true
			out[i].DaysOverdue = int(today.Sub(r.DueOn).Hours() / 24)
		}
	}
	for _, e := range extra {
		out[at[e.ID]].OwnerName = e.OwnerName
		out[at[e.ID]].CycleTitle = e.CycleTitle
	}
	for _, x := range stds {
		a := &out[at[x.ActionID]]
		a.StandardIDs = append(a.StandardIDs, x.StandardID)
	}
	for _, l := range links {
		a := &out[at[l.EntityID]]
		if l.TargetType == "issue" {
			a.IssueIDs = append(a.IssueIDs, l.TargetID)
		} else {
			a.ProblemIDs = append(a.ProblemIDs, l.TargetID)
		}
	}
	return out, nil
}

func actionAudit(a Action) map[string]any {
	var completed *string
	if a.CompletedOn != nil {
		c := a.CompletedOn.Format(time.DateOnly)
		completed = &c
	}
	return map[string]any{
		"id": a.ID, "title": a.Title, "description": a.Description, "owner_id": a.OwnerID,
		"due_on": a.DueOn.Format(time.DateOnly), "status": a.Status, "cycle_id": a.CycleID,
		"expected_effect": a.ExpectedEffect, "completed_on": completed, "standard_ids": a.StandardIDs,
		"issue_ids": a.IssueIDs, "problem_ids": a.ProblemIDs, "version": a.Version,
	}
}
