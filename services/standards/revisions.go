package standards

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/catalogue"
)

// judged is the part of a standard that revisions track: what each period is
// judged by.
type judged struct {
	direction models.Direction
	threshold float64
	target    float64
	hasTarget bool
	period    models.Period
}

func judgedOf(st Standard) judged {
	j := judged{direction: st.Direction, threshold: st.Threshold, period: st.Period}
	if st.Target != nil {
		j.target, j.hasTarget = *st.Target, true
	}
	return j
}

func revisionOf(st Standard, effective time.Time, actor access.Actor, at time.Time) models.StandardRevision {
	r := models.StandardRevision{
		StandardID: st.ID, EffectiveFrom: effective, Direction: st.Direction, Threshold: st.Threshold,
		Target: st.Target, Period: st.Period, CreatedAt: at,
	}
	if actor.UserID != "" {
		r.CreatedBy = &actor.UserID
	}
	return r
}

func revisionAudit(r models.StandardRevision) map[string]any {
	return map[string]any{
		"id": r.ID, "standard_id": r.StandardID, "effective_from": r.EffectiveFrom.Format(time.DateOnly),
		"direction": r.Direction, "threshold": r.Threshold, "target": r.Target, "period": r.Period,
	}
}

// revise records st's judged fields as a revision effective from effective.
// Revisions only move forward: a date before the latest revision's is
// refused (it would rewrite a judgement already in force), and the latest
// revision's own date corrects that revision in place.
func (s *Service) revise(tx *gorm.DB, actor access.Actor, st Standard, effective time.Time) error {
	var latest models.StandardRevision
	err := tx.Where("standard_id = ?", st.ID).Order("effective_from DESC").Take(&latest).Error
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return fmt.Errorf("load latest revision of %s: %w", st.Code, err)
	}
	rev := revisionOf(st, effective, actor, s.stamp())
	switch {
	case latest.ID != "" && effective.Before(latest.EffectiveFrom):
		return services.Invalid("effective_from", "must be on or after %s, when the latest revision took effect",
			latest.EffectiveFrom.Format(time.DateOnly))
	case latest.ID != "" && effective.Equal(latest.EffectiveFrom):
		rev.ID = latest.ID
		if err := tx.Save(&rev).Error; err != nil {
			return services.DBError("correct revision", err)
		}
		return s.audit.Record(tx, actor, "standard.revision_corrected", "standard_revision", rev.ID,
			revisionAudit(latest), revisionAudit(rev))
	default:
		if err := tx.Create(&rev).Error; err != nil {
			return services.DBError("create revision", err)
		}
		return s.audit.Record(tx, actor, "standard.revised", "standard_revision", rev.ID, nil, revisionAudit(rev))
	}
}

// ListRevisions lists a standard's revisions, oldest first.
func (s *Service) ListRevisions(ctx context.Context, standardID string, opt catalogue.ListOptions) (catalogue.Page[models.StandardRevision], error) {
	return listDated(ctx, s.db, standardID, opt, dated[models.StandardRevision]{what: "revisions", column: "effective_from",
		day: func(r models.StandardRevision) time.Time { return r.EffectiveFrom }})
}
