package standards

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/catalogue"
)

// NewException is the input for CreateException. Dates are YYYY-MM-DD.
type NewException struct {
	Reason string
	// SystemID or SiteID names what is excused; neither is organisation-wide.
	SystemID  *string
	SiteID    *string
	StartsOn  string
	ExpiresOn string
}

func exceptionAudit(e models.StandardException) map[string]any {
	return map[string]any{
		"id": e.ID, "standard_id": e.StandardID, "system_id": e.SystemID, "site_id": e.SiteID,
		"reason": e.Reason, "approved_by": e.ApprovedBy,
		"starts_on": e.StartsOn.Format(time.DateOnly), "expires_on": e.ExpiresOn.Format(time.DateOnly),
	}
}

// ListExceptions lists a standard's exceptions by start date.
func (s *Service) ListExceptions(ctx context.Context, standardID string, opt catalogue.ListOptions) (catalogue.Page[models.StandardException], error) {
	return listDated(ctx, s.db, standardID, opt, dated[models.StandardException]{what: "exceptions", column: "starts_on",
		day: func(e models.StandardException) time.Time { return e.StartsOn },
		id:  func(e models.StandardException) string { return e.ID }})
}

// CreateException records an approved exception; the approver is the actor,
// who must be a person holding standards.manage. It may run at most a year.
// A system it names must be in the standard's scope.
func (s *Service) CreateException(ctx context.Context, actor access.Actor, standardID string, in NewException) (models.StandardException, error) {
	if !actor.Can(access.StandardsManage) || actor.UserID == "" {
		return models.StandardException{}, services.ErrForbidden
	}
	var ex models.StandardException
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		st, err := load(tx, standardID, true)
		if err != nil {
			return err
		}
		v := &services.ValidationError{}
		reason := catalogue.CheckText(v, "reason", in.Reason, 1, maxReasonLength)
		starts := parseDate(v, "starts_on", in.StartsOn)
		expires := parseDate(v, "expires_on", in.ExpiresOn)
		if !starts.IsZero() && !expires.IsZero() {
			if expires.Before(starts) {
				v.Add("expires_on", "must be on or after starts_on")
			} else if limit := starts.AddDate(1, 0, 0); expires.After(limit) {
				// An exception runs a year at most; then it is reviewed and
				// approved again, or the standard changed.
				v.Add("expires_on", "must be at most a year after starts_on (by %s); approve a new exception after that",
					limit.Format(time.DateOnly))
			}
		}
		if in.SystemID != nil && in.SiteID != nil {
			v.Add("site_id", "give system_id or site_id, not both (neither is organisation-wide)")
		}
		if in.SystemID != nil {
			id := strings.ToLower(*in.SystemID)
			switch {
			case !catalogue.ValidID(id):
				v.Add("system_id", "must be a system id")
			case !containsID(st.SystemIDs, id):
				v.Add("system_id", "is not in the scope of %s", st.Code)
			default:
				ex.SystemID = &id
			}
		}
		if in.SiteID != nil {
			id := strings.ToLower(*in.SiteID)
			if !catalogue.ValidID(id) {
				v.Add("site_id", "must be a site id")
			} else if err := catalogue.CheckExisting(tx, v, "site_id", "sites", []string{id}); err != nil {
				return err
			}
			ex.SiteID = &id
		}
		if err := v.Err(); err != nil {
			return err
		}
		ex.StandardID, ex.Reason, ex.ApprovedBy = st.ID, reason, actor.UserID
		ex.StartsOn, ex.ExpiresOn, ex.CreatedAt = starts, expires, s.stamp()
		if err := tx.Create(&ex).Error; err != nil {
			return services.DBError("create exception", err)
		}
		return s.audit.Record(tx, actor, "standard.exception_approved", "standard_exception", ex.ID, nil, exceptionAudit(ex))
	})
	return ex, err
}

func containsID(ids []string, id string) bool {
	for _, x := range ids {
		if strings.EqualFold(x, id) {
			return true
		}
	}
	return false
}

// DeleteException withdraws an exception (admins only). Periods it excused
// are judged again from then on; the audit trail keeps the approval.
func (s *Service) DeleteException(ctx context.Context, actor access.Actor, standardID, exceptionID string) error {
	if !actor.Can(access.StandardsManage) {
		return services.ErrForbidden
	}
	if !catalogue.ValidID(standardID) || !catalogue.ValidID(exceptionID) {
		return fmt.Errorf("exception %s: %w", exceptionID, services.ErrNotFound)
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var ex models.StandardException
		err := tx.Where("id = ? AND standard_id = ?", exceptionID, standardID).Take(&ex).Error
		if err != nil {
			return services.DBError("load exception "+exceptionID, err)
		}
		if err := tx.Delete(&models.StandardException{}, "id = ?", ex.ID).Error; err != nil {
			return services.DBError("delete exception", err)
		}
		return s.audit.Record(tx, actor, "standard.exception_withdrawn", "standard_exception", ex.ID, exceptionAudit(ex), nil)
	})
}
