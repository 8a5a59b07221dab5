package compliance

import (
	"context"
	"time"

	"assure/models"
)

// Compliance is a standard's judged series over a window.
type Compliance struct {
	StandardID string
	// SystemID is nil for the organisation roll-up.
	SystemID *string
	Period   models.Period
	// From and To are the first and last period starts; Periods is empty
	// when the window holds no complete period yet.
	From, To time.Time
	Periods  []PeriodResult
	// Rate and Counts cover the last RateWindow periods of the window.
	Rate   *float64
	Counts Counts
}

// Compliance returns each period's status under the revision in force at its
// start, and the rolling compliance rate. Any signed-in reader of standards
// may see it; the route checks that.
func (s *Service) Compliance(ctx context.Context, standardID string, q Query) (Compliance, error) {
	sr, err := s.load(ctx, standardID, q, true)
	if err != nil {
		return Compliance{}, err
	}
	out := Compliance{
		StandardID: sr.std.ID, SystemID: sr.systemID, Period: sr.std.Period,
		From: sr.from, To: sr.to, Periods: sr.periods,
	}
	start := max(0, len(sr.periods)-RateWindow)
	for _, p := range sr.periods[start:] {
		out.Counts.add(p.Status, 1)
	}
	out.Rate = out.Counts.Rate()
	return out, nil
}
