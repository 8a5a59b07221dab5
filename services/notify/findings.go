package notify

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"assure/services/compliance"
	"assure/services/spc"
)

// Finding is what an active standard's last complete period shows that
// somebody should hear about: a breach, special-cause concern on its SPC
// chart, or missing data. Board agendas and the notification scan both read
// findings, so the two never disagree.
type Finding struct {
	StandardID string
	Code       string
	Title      string
	OwnerID    *string
	Period     time.Time
	Value      *float64
	Status     compliance.Status
	// NewlyBreached: breached now, and the period before was not.
	NewlyBreached bool
	// Concern: the last point is a special cause in the bad direction.
	Concern      bool
	SpecialCause string
}

// Breached reports whether the last period breached the threshold.
func (f Finding) Breached() bool { return f.Status == compliance.Breached }

// Missing reports whether the last period has no data (and no exception).
func (f Finding) Missing() bool { return f.Status == compliance.Missing }

// Any reports whether there is anything to tell.
func (f Finding) Any() bool { return f.Breached() || f.Missing() || f.Concern }

// Findings judges every active standard at its last complete period and
// returns those with something to tell, in code order.
func Findings(ctx context.Context, db *gorm.DB, comp *compliance.Service) ([]Finding, error) {
	var heads []struct {
		ID      string
		Code    string
		Title   string
		OwnerID *string
		Period  string
	}
	if err := db.WithContext(ctx).Raw(`SELECT id::text, code, title, owner_id::text AS owner_id, period
		FROM standards WHERE status = 'active' ORDER BY code`).Scan(&heads).Error; err != nil {
		return nil, fmt.Errorf("list active standards: %w", err)
	}
	if len(heads) == 0 {
		return nil, nil
	}
	last, err := comp.LastPeriods(ctx, nil)
	if err != nil {
		return nil, err
	}
	var out []Finding
	for _, h := range heads {
		lp, ok := last[h.ID]
		if !ok {
			continue
		}
		f := Finding{StandardID: h.ID, Code: h.Code, Title: h.Title, OwnerID: h.OwnerID,
			Period: lp.PeriodStart, Value: lp.Value, Status: lp.Status}
		if f.Breached() {
			if f.NewlyBreached, err = newlyBreached(ctx, comp, h.ID, lp); err != nil {
				return nil, err
			}
		}
		if f.Concern, f.SpecialCause, err = concernAt(ctx, comp, h.ID, lp.PeriodStart); err != nil {
			return nil, err
		}
		if f.Any() {
			out = append(out, f)
		}
	}
	return out, nil
}

// newlyBreached reports whether the period before lp was not breached.
func newlyBreached(ctx context.Context, comp *compliance.Service, id string, lp compliance.LastPeriod) (bool, error) {
	prev := compliance.AddPeriods(lp.Revision.Period, lp.PeriodStart, -1)
	c, err := comp.Compliance(ctx, id, compliance.Query{
		From: prev.Format(time.DateOnly), To: lp.PeriodStart.Format(time.DateOnly),
	})
	if err != nil {
		return false, fmt.Errorf("compliance of %s: %w", id, err)
	}
	for _, p := range c.Periods {
		if p.Start.Equal(prev) {
			return p.Status != compliance.Breached, nil
		}
	}
	return true, nil
}

// concernAt reports whether the chart's point at period is a special cause
// of concern (SPC.md, "Point type").
func concernAt(ctx context.Context, comp *compliance.Service, id string, period time.Time) (bool, string, error) {
	ch, err := comp.Chart(ctx, id, compliance.Query{})
	if err != nil {
		return false, "", fmt.Errorf("chart of %s: %w", id, err)
	}
	pts := ch.Result.Points
	if len(pts) == 0 {
		return false, "", nil
	}
	p := pts[len(pts)-1]
	if !p.Period.Time().Equal(period) || p.PointType != spc.PointConcern || p.SpecialCause == nil {
		return false, "", nil
	}
	return true, *p.SpecialCause, nil
}
