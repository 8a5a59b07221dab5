package issues

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"assure/models"
	"assure/services"
	"assure/services/access"
)

// TimelineEntry is one event on a report's timeline with its actor's name.
type TimelineEntry struct {
	Event     models.IssueEvent
	ActorName string // "" for Assure itself
}

// addEvent appends to a report's timeline.
func addEvent(tx *gorm.DB, ev *models.IssueEvent) error {
	if len(ev.Detail) == 0 {
		ev.Detail = json.RawMessage(`{}`)
	}
	if ev.ActorID != nil && *ev.ActorID == "" {
		ev.ActorID = nil
	}
	return services.DBError("add timeline event", tx.Create(ev).Error)
}

// detail encodes an event's extra facts.
func detail(m map[string]any) json.RawMessage {
	raw, err := json.Marshal(m)
	if err != nil {
		// Only maps of strings and numbers are passed here.
		panic("issues: encode event detail: " + err.Error())
	}
	return raw
}

// notifyStatus tells the reporter, in-app, that their report changed status.
// The dedupe key is the timeline event, so a retried transaction never
// notifies twice.
func notifyStatus(tx *gorm.DB, is models.Issue, ev models.IssueEvent, now time.Time) error {
	title := fmt.Sprintf("Your report is now %s", statusWords(is.Status))
	body := fmt.Sprintf("%q moved from %s to %s.", is.Title, statusWords(*ev.FromStatus), statusWords(is.Status))
	if ev.Body != "" {
		body += " " + ev.Body
	}
	err := tx.Exec(`INSERT INTO notifications (id, user_id, kind, title, body, link, entity_type, entity_id, dedupe_key, created_at)
		VALUES (?, ?, 'issue_status_changed', ?, ?, ?, 'issue', ?, ?, ?)
		ON CONFLICT (dedupe_key) DO NOTHING`,
		uuid.Must(uuid.NewV7()).String(), is.ReporterID, title, body, "/reports/"+is.ID, is.ID, "issue-status:"+ev.ID, now).Error
	return services.DBError("notify reporter", err)
}

// Timeline lists everything that happened to a report, oldest first.
func (s *Service) Timeline(ctx context.Context, actor access.Actor, id string) ([]TimelineEntry, error) {
	return s.timeline(ctx, actor, id, "")
}

// Comments lists a report's comment thread, oldest first.
func (s *Service) Comments(ctx context.Context, actor access.Actor, id string) ([]TimelineEntry, error) {
	return s.timeline(ctx, actor, id, models.EventComment)
}

func (s *Service) timeline(ctx context.Context, actor access.Actor, id string, kind models.IssueEventKind) ([]TimelineEntry, error) {
	db := s.ctxDB(ctx)
	if _, _, err := s.visibleIssue(db, actor, id, false); err != nil {
		return nil, err
	}
	var rows []struct {
		models.IssueEvent
		ActorName *string
	}
	q := db.Table("issue_events e").Select("e.*, u.name AS actor_name").
		Joins("LEFT JOIN users u ON u.id = e.actor_id").Where("e.issue_id = ?", id)
	if kind != "" {
		q = q.Where("e.kind = ?", kind)
	}
	if err := q.Order("e.at, e.id").Scan(&rows).Error; err != nil {
		return nil, services.DBError("load timeline", err)
	}
	out := make([]TimelineEntry, 0, len(rows))
	for _, r := range rows {
		e := TimelineEntry{Event: r.IssueEvent}
		if r.ActorName != nil {
			e.ActorName = *r.ActorName
		}
		out = append(out, e)
	}
	return out, nil
}

// AddComment adds to a report's thread. The reporter, anyone also affected,
// and people who triage may comment; others who may read every report (board,
// executives) may read the thread but not write in it.
func (s *Service) AddComment(ctx context.Context, actor access.Actor, id, body string) (TimelineEntry, error) {
	if err := requireUser(actor); err != nil {
		return TimelineEntry{}, err
	}
	body = strings.TrimSpace(body)
	v := &services.ValidationError{}
	checkText(v, "body", body, true, MaxComment)
	if err := v.Err(); err != nil {
		return TimelineEntry{}, err
	}
	var out TimelineEntry
	err := s.ctxDB(ctx).Transaction(func(tx *gorm.DB) error {
		is, rel, err := s.visibleIssue(tx, actor, id, true)
		if err != nil {
			return err
		}
		if !rel.involved() && !actor.Can(access.IssuesTriage) {
			return fmt.Errorf("only the reporter, people affected and triagers comment: %w", services.ErrForbidden)
		}
		if is.Status == models.IssueClosed {
			return services.Conflict("this report is closed; comments are no longer taken")
		}
		ev := models.IssueEvent{IssueID: is.ID, At: s.clock(), ActorID: &actor.UserID, Kind: models.EventComment, Body: body}
		if err := addEvent(tx, &ev); err != nil {
			return err
		}
		if err := s.audit.Record(tx, actor, "issue.commented", "issue", is.ID, nil,
			map[string]any{"event_id": ev.ID, "body": body}); err != nil {
			return err
		}
		out = TimelineEntry{Event: ev, ActorName: userName(tx, actor.UserID)}
		return nil
	})
	return out, err
}

// userName is a user's display name ("" if it cannot be read: a name is
// decoration on a response that has already been committed to).
func userName(tx *gorm.DB, id string) string {
	var name string
	if err := tx.Raw("SELECT name FROM users WHERE id = ?", id).Scan(&name).Error; err != nil {
		return ""
	}
	return name
}

// EventDetail decodes an event's extra facts. addEvent only ever stores a
// JSON object, so a failure to decode leaves the detail empty rather than
// failing a whole timeline over decoration.
func EventDetail(ev models.IssueEvent) map[string]any {
	out := map[string]any{}
	if len(ev.Detail) > 0 {
		if err := json.Unmarshal(ev.Detail, &out); err != nil {
			return map[string]any{}
		}
	}
	return out
}
