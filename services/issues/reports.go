package issues

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"time"

	"gorm.io/gorm"

	"assure/models"
	"assure/services"
	"assure/services/access"
)

// Create files a report for the signed-in actor. It is written, with its
// first timeline entry, its audit event and the derived series it changes,
// in one transaction.
func (s *Service) Create(ctx context.Context, actor access.Actor, in ReportInput) (Report, error) {
	if err := requireUser(actor); err != nil {
		return Report{}, err
	}
	if !actor.Can(access.IssuesCreate) {
		return Report{}, services.ErrForbidden
	}
	now := s.clock()
	v := &services.ValidationError{}
	is := in.toIssue(now, v)
	normalise(&is)
	var out Report
	err := s.ctxDB(ctx).Transaction(func(tx *gorm.DB) error {
		if err := validateIssue(tx, is, now, v); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		clampStart(&is, now)
		is.ReporterID = actor.UserID
		is.Status = models.IssueNew
		is.TotalMinutesLost = ownMinutes(is)
		is.Version = 1
		is.CreatedAt, is.UpdatedAt = now, now
		if err := tx.Create(&is).Error; err != nil {
			return services.DBError("create report", err)
		}
		if err := addEvent(tx, &models.IssueEvent{IssueID: is.ID, At: now, ActorID: &actor.UserID, Kind: models.EventReported}); err != nil {
			return err
		}
		if err := s.audit.Record(tx, actor, "issue.created", "issue", is.ID, nil, issueAudit(is)); err != nil {
			return err
		}
		if err := s.refreshSeries(ctx, tx, actor, is); err != nil {
			return err
		}
		var err error
		out, err = s.view(tx, actor, is)
		return err
	})
	return out, err
}

// Get returns a report the actor may see; ErrNotFound otherwise.
func (s *Service) Get(ctx context.Context, actor access.Actor, id string) (Report, error) {
	db := s.ctxDB(ctx)
	is, _, err := s.visibleIssue(db, actor, id, false)
	if err != nil {
		return Report{}, err
	}
	return s.view(db, actor, is)
}

// Update changes a report. Its reporter may edit it, and so may triagers,
// until it is closed. ifMatch lists the versions the client may have seen (nil: no
// check; see versionMatches). An edit that moves the report to another week, month or system
// moves its time lost and harm with it in the derived series.
func (s *Service) Update(ctx context.Context, actor access.Actor, id string, p ReportPatch, ifMatch []int) (Report, error) {
	if err := requireUser(actor); err != nil {
		return Report{}, err
	}
	var out Report
	err := s.ctxDB(ctx).Transaction(func(tx *gorm.DB) error {
		is, rel, err := s.visibleIssue(tx, actor, id, true)
		if err != nil {
			return err
		}
		if !rel.reporter && !actor.Can(access.IssuesTriage) {
			return fmt.Errorf("only the reporter and triagers edit a report: %w", services.ErrForbidden)
		}
		if is.Status == models.IssueClosed {
			return services.Conflict("this report is closed and can no longer be changed")
		}
		if !versionMatches(ifMatch, is.Version) {
			return services.ErrPreconditionFailed
		}
		before := is
		now := s.clock()
		v := &services.ValidationError{}
		p.apply(&is, v)
		normalise(&is)
		if err := validateIssue(tx, is, now, v); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		clampStart(&is, now)
		changed := changedFields(issueAudit(before), issueAudit(is))
		if len(changed) == 0 {
			out, err = s.view(tx, actor, is)
			return err
		}
		is.TotalMinutesLost = before.TotalMinutesLost - ownMinutes(before) + ownMinutes(is)
		bump(&is.Version, &is.UpdatedAt, now)
		if err := tx.Save(&is).Error; err != nil {
			return services.DBError("save report", err)
		}
		if err := addEvent(tx, &models.IssueEvent{IssueID: is.ID, At: now, ActorID: &actor.UserID, Kind: models.EventEdited,
			Detail: detail(map[string]any{"fields": changed})}); err != nil {
			return err
		}
		if err := s.audit.Record(tx, actor, "issue.updated", "issue", is.ID, issueAudit(before), issueAudit(is)); err != nil {
			return err
		}
		if err := s.refreshSeries(ctx, tx, actor, before, is); err != nil {
			return err
		}
		out, err = s.view(tx, actor, is)
		return err
	})
	return out, err
}

// clampStart treats a start a few minutes ahead (a phone's fast clock) as
// now, so that the report never counts in a period that has not begun.
func clampStart(is *models.Issue, now time.Time) {
	if is.StartedAt.After(now) {
		is.StartedAt = now
	}
}

// issueAudit is what the audit trail records of a report.
func issueAudit(is models.Issue) map[string]any {
	return map[string]any{
		"id": is.ID, "reporter_id": is.ReporterID, "title": is.Title, "description": is.Description,
		"system_id": is.SystemID, "site_id": is.SiteID, "location": is.Location, "started_at": is.StartedAt,
		"ongoing": is.Ongoing, "duration_minutes": is.DurationMinutes, "staff_affected": is.StaffAffected,
		"minutes_lost": is.MinutesLost, "workaround_used": is.WorkaroundUsed, "workaround": is.Workaround,
		"physical_harm": is.PhysicalHarm, "psychological_harm": is.PsychologicalHarm,
		"care_delayed": is.CareDelayed, "care_not_given": is.CareNotGiven, "status": is.Status,
		"problem_id": is.ProblemID,
	}
}

// changedFields names the keys whose values differ, sorted.
func changedFields(before, after map[string]any) []string {
	var out []string
	for k, a := range after {
		if !reflect.DeepEqual(normaliseAuditValue(before[k]), normaliseAuditValue(a)) {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// normaliseAuditValue compares pointers by what they point at and times by
// the instant, whatever their location.
func normaliseAuditValue(v any) any {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil
		}
		v = rv.Elem().Interface()
	}
	if t, ok := v.(time.Time); ok {
		return t.UTC().Format(time.RFC3339Nano)
	}
	return v
}
