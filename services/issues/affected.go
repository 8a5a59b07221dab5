package issues

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"assure/models"
	"assure/services"
	"assure/services/access"
)

// SimilarWindow is how recent a report must be to be suggested as "the same
// problem" on the report form.
const SimilarWindow = 24 * time.Hour

// maxSimilar caps the suggestions: a phone screen shows a handful.
const maxSimilar = 10

// Similar is an open report offered on the form as possibly the same
// problem. It says only what the form needs, because the person asking may
// not see the report itself: no description, no reporter.
type Similar struct {
	ID             string
	Title          string
	Location       string
	StartedAt      time.Time
	Status         models.IssueStatus
	PeopleAffected int
}

// Similar lists open reports for the same system and site filed in the last
// SimilarWindow, most people affected first, leaving out reports the actor
// made or already said they were affected by.
func (s *Service) Similar(ctx context.Context, actor access.Actor, systemID, siteID string) ([]Similar, error) {
	v := &services.ValidationError{}
	if !isUUID(systemID) {
		v.Add("system_id", "is required: the system chosen on the form")
	}
	if !isUUID(siteID) {
		v.Add("site_id", "is required: the site chosen on the form")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	var list []models.Issue
	err := s.ctxDB(ctx).
		Where("system_id = ? AND site_id = ? AND created_at >= ? AND status IN ?", systemID, siteID,
			s.clock().Add(-SimilarWindow), []models.IssueStatus{models.IssueNew, models.IssueTriaged, models.IssueInProgress}).
		Where("reporter_id <> ?", actor.UserID).
		Where("NOT EXISTS (SELECT 1 FROM issue_affected a WHERE a.issue_id = issues.id AND a.user_id = ?)", actor.UserID).
		Order("staff_affected + affected_count DESC, created_at DESC").Limit(maxSimilar).Find(&list).Error
	if err != nil {
		return nil, services.DBError("find similar reports", err)
	}
	out := make([]Similar, 0, len(list))
	for _, is := range list {
		out = append(out, Similar{ID: is.ID, Title: is.Title, Location: is.Location, StartedAt: is.StartedAt,
			Status: is.Status, PeopleAffected: is.StaffAffected + is.AffectedCount})
	}
	return out, nil
}

// AddAffected records that the actor was affected by the problem a report
// describes too, with the minutes they lost: experience, not a duplicate.
// Anyone who may report may join an open report, which is how the form's
// suggestions work; once joined they see it as their own. A report that is
// no longer open cannot be joined (404 to someone who may not see it, 409 to
// someone who may).
func (s *Service) AddAffected(ctx context.Context, actor access.Actor, id string, minutesLost int) (Report, error) {
	if err := requireUser(actor); err != nil {
		return Report{}, err
	}
	if !actor.Can(access.IssuesCreate) {
		return Report{}, services.ErrForbidden
	}
	if minutesLost < 0 || minutesLost > MaxMinutesLost {
		return Report{}, services.Invalid("minutes_lost", "must be between 0 and %d", MaxMinutesLost)
	}
	var out Report
	err := s.ctxDB(ctx).Transaction(func(tx *gorm.DB) error {
		is, err := lockIssue(tx, id)
		if err != nil {
			return err
		}
		rel, err := relationTo(tx, actor, is)
		if err != nil {
			return err
		}
		switch {
		case !is.Status.Open() && !rel.visible():
			return fmt.Errorf("report %s: %w", id, services.ErrNotFound)
		case !is.Status.Open():
			return services.Conflict("this report is %s; report the problem again if it is back", statusWords(is.Status))
		case rel.reporter:
			return services.Conflict("you reported this; change the minutes lost on your report instead")
		case rel.affected:
			return services.Conflict("you have already said you were affected by this")
		}
		now := s.clock()
		a := models.IssueAffected{IssueID: is.ID, UserID: actor.UserID, MinutesLost: minutesLost, CreatedAt: now}
		if err := tx.Create(&a).Error; err != nil {
			return services.DBError("record affected", err)
		}
		before := is
		is.AffectedCount++
		is.TotalMinutesLost += int64(minutesLost)
		bump(&is.Version, &is.UpdatedAt, now)
		if err := tx.Save(&is).Error; err != nil {
			return services.DBError("save report", err)
		}
		if err := addEvent(tx, &models.IssueEvent{IssueID: is.ID, At: now, ActorID: &actor.UserID, Kind: models.EventAffected,
			Detail: detail(map[string]any{"minutes_lost": minutesLost})}); err != nil {
			return err
		}
		if err := s.audit.Record(tx, actor, "issue.affected_added", "issue", is.ID,
			map[string]any{"affected_count": before.AffectedCount, "total_minutes_lost": before.TotalMinutesLost},
			map[string]any{"affected_count": is.AffectedCount, "total_minutes_lost": is.TotalMinutesLost,
				"user_id": actor.UserID, "minutes_lost": minutesLost}); err != nil {
			return err
		}
		if err := s.refreshSeries(ctx, tx, actor, is); err != nil {
			return err
		}
		out, err = s.view(tx, actor, is)
		return err
	})
	return out, err
}
