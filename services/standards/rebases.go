package standards

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/catalogue"
	"assure/services/compliance"
)

// NewRebase is the input for CreateRebase: the period (YYYY-MM-DD, a period
// start of the standard) from which the SPC limits are recalculated, and why.
type NewRebase struct {
	Period string
	Reason string
}

func rebaseAudit(r models.StandardRebase) map[string]any {
	return map[string]any{
		"id": r.ID, "standard_id": r.StandardID, "period": r.Period.Format(time.DateOnly),
		"reason": r.Reason, "source": r.Source, "cycle_id": r.CycleID,
	}
}

// ListRebases lists a standard's rebase points, earliest first.
func (s *Service) ListRebases(ctx context.Context, standardID string, opt catalogue.ListOptions) (catalogue.Page[models.StandardRebase], error) {
	return listDated(ctx, s.db, standardID, opt, dated[models.StandardRebase]{what: "rebases", column: "period",
		day: func(r models.StandardRebase) time.Time { return r.Period }})
}

// CreateRebase records a recalculation point on a standard's chart. Admins
// and the standard's owner may; the period must be a period start of the
// standard, not after the current period, and not already a rebase point.
func (s *Service) CreateRebase(ctx context.Context, actor access.Actor, standardID string, in NewRebase) (models.StandardRebase, error) {
	var rb models.StandardRebase
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		st, err := load(tx, standardID, true)
		if err != nil {
			return err
		}
		if !actor.Can(access.StandardsManage) && !isOwner(actor, st) {
			return services.ErrForbidden
		}
		v := &services.ValidationError{}
		reason := catalogue.CheckText(v, "reason", in.Reason, 1, maxReasonLength)
		period := parseDate(v, "period", in.Period)
		if !period.IsZero() {
			current := compliance.PeriodStart(st.Period, s.now())
			switch {
			case !compliance.IsPeriodStart(st.Period, period):
				v.Add("period", "must be %s: %s is judged by %s", compliance.PeriodNoun(st.Period), st.Code, st.Period)
			case period.After(current):
				v.Add("period", "must not be after the current period (%s)", current.Format(time.DateOnly))
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		var n int64
		if err := tx.Model(&models.StandardRebase{}).Where("standard_id = ? AND period = ?", st.ID, period).Count(&n).Error; err != nil {
			return fmt.Errorf("check rebase: %w", err)
		}
		if n > 0 {
			return services.Conflict("%s already has a rebase at %s", st.Code, period.Format(time.DateOnly))
		}
		rb = models.StandardRebase{
			StandardID: st.ID, Period: period, Reason: reason, Source: models.RebaseRecalculation, CreatedAt: s.stamp(),
		}
		if actor.UserID != "" {
			rb.CreatedBy = &actor.UserID
		}
		if err := tx.Create(&rb).Error; err != nil {
			return services.DBError("create rebase", err)
		}
		return s.audit.Record(tx, actor, "standard.rebased", "standard_rebase", rb.ID, nil, rebaseAudit(rb))
	})
	return rb, err
}
