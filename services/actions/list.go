package actions

import (
	"context"
	"errors"
	"fmt"
	"time"

	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/catalogue"
	"assure/services/compliance"
)

func asValidation(err error, ve **services.ValidationError) bool { return errors.As(err, ve) }

// Filter selects actions. Empty fields do not filter. OwnerID "me" is the
// actor.
type Filter struct {
	OwnerID    string
	Overdue    *bool
	Statuses   []models.ActionStatus
	CycleID    string
	StandardID string
	Limit      int
	Cursor     string
}

// Page is one page of actions, soonest due first.
type Page struct {
	Items      []Action
	NextCursor string
}

// List returns the actions matching f, soonest due first.
func (s *Service) List(ctx context.Context, actor access.Actor, f Filter) (Page, error) {
	var page Page
	v := &services.ValidationError{}
	limit, err := services.PageLimit(f.Limit)
	if err != nil {
		return page, err
	}
	after, err := services.DecodeCursor(f.Cursor, 2)
	if err != nil {
		return page, err
	}
	var afterDue time.Time
	if after != nil {
		afterDue, err = time.Parse(time.DateOnly, after[0])
		if err != nil || !catalogue.ValidID(after[1]) {
			v.Add("cursor", "is not a cursor this list gave out; start again without it")
		}
	}
	if f.OwnerID == "me" {
		if actor.UserID == "" {
			v.Add("owner_id", "me means the signed-in person; an API token has no actions")
		}
		f.OwnerID = actor.UserID
	}
	for field, id := range map[string]string{"owner_id": f.OwnerID, "cycle_id": f.CycleID, "standard_id": f.StandardID} {
		if id != "" && !catalogue.ValidID(id) {
			v.Add(field, "must be an id")
		}
	}
	for _, st := range f.Statuses {
		if !st.Valid() {
			v.Add("status", "must be open, in_progress, done or cancelled")
			break
		}
	}
	if err := v.Err(); err != nil {
		return page, err
	}
	db := s.db.WithContext(ctx)
	q := db.Model(&models.Action{})
	if f.OwnerID != "" {
		q = q.Where("owner_id = ?", f.OwnerID)
	}
	if len(f.Statuses) > 0 {
		q = q.Where("status IN ?", f.Statuses)
	}
	if f.CycleID != "" {
		q = q.Where("cycle_id = ?", f.CycleID)
	}
	if f.StandardID != "" {
		q = q.Where("id IN (SELECT action_id FROM action_standards WHERE standard_id = ?)", f.StandardID)
	}
	today := compliance.Day(s.now())
	if f.Overdue != nil {
		if *f.Overdue {
			q = q.Where("status IN ('open', 'in_progress') AND due_on < ?", today)
		} else {
			q = q.Where("NOT (status IN ('open', 'in_progress') AND due_on < ?)", today)
		}
	}
	if after != nil {
		q = q.Where("(due_on > ? OR (due_on = ? AND id > ?))", afterDue, afterDue, after[1])
	}
	var rows []models.Action
	if err := q.Order("due_on, id").Limit(limit + 1).Find(&rows).Error; err != nil {
		return page, fmt.Errorf("list actions: %w", err)
	}
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[limit-1]
		page.NextCursor = services.EncodeCursor(last.DueOn.Format(time.DateOnly), last.ID)
	}
	page.Items, err = s.expand(db, rows)
	return page, err
}

// Annotations marks the day each completed action linked to a standard was
// done, for the standard's SPC chart (compliance.AnnotationSource).
func (s *Service) Annotations(ctx context.Context, standardID string, from, until time.Time) ([]compliance.Annotation, error) {
	var rows []struct {
		CompletedOn time.Time
		Title       string
	}
	err := s.db.WithContext(ctx).Raw(`SELECT a.completed_on, a.title FROM actions a
		JOIN action_standards x ON x.action_id = a.id
		WHERE x.standard_id = ? AND a.status = 'done' AND a.completed_on >= ? AND a.completed_on < ?
		ORDER BY a.completed_on, a.id`, standardID, from, until).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("completed actions of standard %s: %w", standardID, err)
	}
	out := make([]compliance.Annotation, len(rows))
	for i, r := range rows {
		out[i] = compliance.Annotation{Date: compliance.Day(r.CompletedOn), Kind: compliance.AnnotationActionCompleted,
			Label: "Action completed: " + r.Title}
	}
	return out, nil
}
