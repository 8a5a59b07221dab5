package issues

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"assure/models"
	"assure/services"
	"assure/services/access"
)

// Transition rules. A report moves new → triaged → in_progress → resolved →
// closed, each step taken by someone who triages. A resolved report goes back
// to in_progress when it is reopened: by a triager at any time before it is
// closed, or by its reporter within ReopenWindow of its resolution. It goes
// back to in_progress rather than triaged because it has already been
// triaged and worked on; reopening says "the fix did not work", which is for
// whoever worked on it. Closed is final.
type transition struct {
	from, to models.IssueStatus
	// reporterMayReopen: the reporter may take this step within ReopenWindow.
	reporterMayReopen bool
}

var transitions = []transition{
	{from: models.IssueNew, to: models.IssueTriaged},
	{from: models.IssueTriaged, to: models.IssueInProgress},
	{from: models.IssueInProgress, to: models.IssueResolved},
	{from: models.IssueResolved, to: models.IssueClosed},
	{from: models.IssueResolved, to: models.IssueInProgress, reporterMayReopen: true},
}

func findTransition(from, to models.IssueStatus) (transition, bool) {
	for _, t := range transitions {
		if t.from == from && t.to == to {
			return t, true
		}
	}
	return transition{}, false
}

// nextStatuses lists where a report in status from can go, whoever asks.
func nextStatuses(from models.IssueStatus) []string {
	var out []string
	for _, t := range transitions {
		if t.from == from {
			out = append(out, string(t.to))
		}
	}
	return out
}

// reopenUntil is the end of the reporter's window to reopen, if it applies.
func reopenUntil(is models.Issue) *time.Time {
	if is.Status != models.IssueResolved || is.ResolvedAt == nil {
		return nil
	}
	t := is.ResolvedAt.Add(ReopenWindow)
	return &t
}

// allowed says whether actor, standing in rel to the report, may take t now.
// It returns nil or the error to give.
func allowed(t transition, actor access.Actor, rel relation, is models.Issue, now time.Time) error {
	if actor.Can(access.IssuesTriage) {
		return nil
	}
	if t.reporterMayReopen && rel.reporter {
		if until := reopenUntil(is); until != nil && !now.After(*until) {
			return nil
		}
		return services.Conflict("a report can be reopened by its reporter only within 14 days of being resolved; this one was resolved on %s",
			is.ResolvedAt.In(time.UTC).Format("2 January 2006"))
	}
	return fmt.Errorf("only people who triage reports can move it to %s: %w", t.to, services.ErrForbidden)
}

// allowedTransitions lists the statuses actor may move the report to now.
func (s *Service) allowedTransitions(actor access.Actor, rel relation, is models.Issue, now time.Time) []models.IssueStatus {
	out := []models.IssueStatus{}
	for _, t := range transitions {
		if t.from == is.Status && allowed(t, actor, rel, is, now) == nil {
			out = append(out, t.to)
		}
	}
	return out
}

// Transition moves a report to status to, noting why (optional) on its
// timeline, and tells the reporter in-app unless they made the change.
func (s *Service) Transition(ctx context.Context, actor access.Actor, id string, to models.IssueStatus, note string) (Report, error) {
	if err := requireUser(actor); err != nil {
		return Report{}, err
	}
	v := &services.ValidationError{}
	if !to.Valid() {
		v.Add("to", "must be one of new, triaged, in_progress, resolved, closed")
	}
	note = strings.TrimSpace(note)
	checkText(v, "note", note, false, MaxComment)
	if err := v.Err(); err != nil {
		return Report{}, err
	}
	var out Report
	err := s.ctxDB(ctx).Transaction(func(tx *gorm.DB) error {
		is, rel, err := s.visibleIssue(tx, actor, id, true)
		if err != nil {
			return err
		}
		now := s.clock()
		t, ok := findTransition(is.Status, to)
		if !ok {
			next := nextStatuses(is.Status)
			if len(next) == 0 {
				return services.Conflict("a %s report cannot change status", statusWords(is.Status))
			}
			return services.Conflict("a %s report cannot move to %s; it can move to %s",
				statusWords(is.Status), statusWords(to), strings.Join(next, " or "))
		}
		if err := allowed(t, actor, rel, is, now); err != nil {
			return err
		}
		before := is
		is.Status = to
		switch {
		case to == models.IssueResolved:
			is.ResolvedAt = &now
		case to.Open():
			is.ResolvedAt = nil
		}
		bump(&is.Version, &is.UpdatedAt, now)
		if err := tx.Save(&is).Error; err != nil {
			return services.DBError("save report", err)
		}
		from := before.Status
		ev := models.IssueEvent{IssueID: is.ID, At: now, ActorID: &actor.UserID, Kind: models.EventStatusChanged,
			FromStatus: &from, ToStatus: &to, Body: note}
		if err := addEvent(tx, &ev); err != nil {
			return err
		}
		if is.ReporterID != actor.UserID {
			if err := notifyStatus(tx, is, ev, now); err != nil {
				return err
			}
		}
		if err := s.audit.Record(tx, actor, "issue.status_changed", "issue", is.ID,
			map[string]any{"status": before.Status}, map[string]any{"status": is.Status, "note": note}); err != nil {
			return err
		}
		out, err = s.view(tx, actor, is)
		return err
	})
	return out, err
}

// statusWords is a status as a person would say it.
func statusWords(st models.IssueStatus) string { return strings.ReplaceAll(string(st), "_", " ") }
