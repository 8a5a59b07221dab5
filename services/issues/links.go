package issues

import (
	"context"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"assure/models"
	"assure/services"
	"assure/services/access"
)

// linkTables maps a link target to the table that holds it. Cycles and
// actions arrive with their own areas; until their tables exist, links to
// them are refused as "not available yet" rather than stored unchecked.
var linkTables = map[models.LinkTarget]string{
	models.LinkStandard: "standards",
	models.LinkCycle:    "cycles",
	models.LinkAction:   "actions",
}

var onConflictDoNothing = clause.OnConflict{DoNothing: true}

// targetExists checks that the link target exists. The table name comes from
// linkTables, never from input.
func targetExists(tx *gorm.DB, t models.LinkTarget, id string) (bool, error) {
	table := linkTables[t]
	var reg *string
	if err := tx.Raw("SELECT to_regclass(?)::text", table).Scan(&reg).Error; err != nil {
		return false, services.DBError("look up "+table, err)
	}
	if reg == nil {
		return false, services.Invalid("target_type", "%ss cannot be linked yet", t)
	}
	var ok bool
	if err := tx.Raw("SELECT EXISTS (SELECT 1 FROM "+table+" WHERE id = ?)", id).Scan(&ok).Error; err != nil {
		return false, services.DBError("look up "+table, err)
	}
	return ok, nil
}

// AddLink links a report to a standard, cycle or action (triagers only).
func (s *Service) AddLink(ctx context.Context, actor access.Actor, issueID string, t models.LinkTarget, targetID string) (Report, error) {
	return s.changeIssueLink(ctx, actor, issueID, t, targetID, true)
}

// RemoveLink removes a report's link; ErrNotFound if there is none.
func (s *Service) RemoveLink(ctx context.Context, actor access.Actor, issueID string, t models.LinkTarget, targetID string) (Report, error) {
	return s.changeIssueLink(ctx, actor, issueID, t, targetID, false)
}

func (s *Service) changeIssueLink(ctx context.Context, actor access.Actor, issueID string, t models.LinkTarget, targetID string, add bool) (Report, error) {
	if err := requireUser(actor); err != nil {
		return Report{}, err
	}
	if !actor.Can(access.IssuesTriage) {
		return Report{}, services.ErrForbidden
	}
	v := &services.ValidationError{}
	if _, ok := linkTables[t]; !ok {
		v.Add("target_type", "must be standard, cycle or action")
	}
	if !isUUID(targetID) {
		v.Add("target_id", "must be an id")
	}
	if err := v.Err(); err != nil {
		if !add {
			return Report{}, fmt.Errorf("link: %w", services.ErrNotFound)
		}
		return Report{}, err
	}
	var out Report
	err := s.ctxDB(ctx).Transaction(func(tx *gorm.DB) error {
		is, _, err := s.visibleIssue(tx, actor, issueID, true)
		if err != nil {
			return err
		}
		now := s.clock()
		link := models.IssueLink{IssueID: is.ID, TargetType: t, TargetID: targetID, CreatedBy: &actor.UserID, CreatedAt: now}
		kind, action := models.EventLinkAdded, "issue.link_added"
		if add {
			ok, err := targetExists(tx, t, targetID)
			if err != nil {
				return err
			}
			if !ok {
				return services.Invalid("target_id", "is not a %s", t)
			}
			res := tx.Clauses(onConflictDoNothing).Create(&link)
			if res.Error != nil {
				return services.DBError("link report", res.Error)
			}
			if res.RowsAffected == 0 {
				return services.Conflict("the report is already linked to this %s", t)
			}
		} else {
			kind, action = models.EventLinkRemoved, "issue.link_removed"
			res := tx.Where("issue_id = ? AND target_type = ? AND target_id = ?", is.ID, t, targetID).Delete(&models.IssueLink{})
			if res.Error != nil {
				return services.DBError("unlink report", res.Error)
			}
			if res.RowsAffected == 0 {
				return fmt.Errorf("link: %w", services.ErrNotFound)
			}
		}
		if err := addEvent(tx, &models.IssueEvent{IssueID: is.ID, At: now, ActorID: &actor.UserID, Kind: kind,
			Detail: detail(map[string]any{"target_type": t, "target_id": targetID})}); err != nil {
			return err
		}
		if err := s.audit.Record(tx, actor, action, "issue", is.ID, nil,
			map[string]any{"target_type": t, "target_id": targetID}); err != nil {
			return err
		}
		out, err = s.view(tx, actor, is)
		return err
	})
	return out, err
}
