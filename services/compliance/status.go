package compliance

import (
	"time"

	"assure/models"
)

// Status is how one period of a standard is judged.
type Status string

// The statuses of a period. Missing data is a finding, never a pass.
const (
	Met      Status = "met"
	Breached Status = "breached"
	Excepted Status = "excepted"
	Missing  Status = "missing"
)

// Revision is the judged fields of a standard in force from EffectiveFrom on.
type Revision struct {
	ID            string
	EffectiveFrom time.Time
	Direction     models.Direction
	Threshold     float64
	Target        *float64
	Period        models.Period
}

// Judge returns a period's status from its value (nil: none recorded), the
// revision in force at its start, and whether an approved exception covers it.
//
// A value that meets the threshold is met even under an exception; an
// exception excuses a breach and a missing value. A threshold is the minimum
// acceptable, so a value equal to it is met. A standard whose direction is
// neither has no good side: any recorded value is met, and it is never
// breached (it is tracked for its SPC chart, not for compliance).
func Judge(value *float64, dir models.Direction, threshold float64, excepted bool) Status {
	switch {
	case value != nil && meets(*value, dir, threshold):
		return Met
	case excepted:
		return Excepted
	case value == nil:
		return Missing
	default:
		return Breached
	}
}

func meets(v float64, dir models.Direction, threshold float64) bool {
	switch dir {
	case models.HigherIsBetter:
		return v >= threshold
	case models.LowerIsBetter:
		return v <= threshold
	default:
		return true
	}
}

// revisionAt returns the index of the revision in force on day d: the latest
// effective on or before d. A period before the first revision (history
// loaded from before the standard was written down) is judged by the first.
// revs is sorted by EffectiveFrom and not empty.
func revisionAt(revs []Revision, d time.Time) int {
	at := 0
	for i, r := range revs {
		if r.EffectiveFrom.After(d) {
			break
		}
		at = i
	}
	return at
}

// RateWindow is how many periods the rolling compliance rate covers.
const RateWindow = 12

// Counts counts the statuses of a window of periods.
type Counts struct {
	Met, Breached, Excepted, Missing int
}

func (c *Counts) add(s Status, n int) {
	switch s {
	case Met:
		c.Met += n
	case Breached:
		c.Breached += n
	case Excepted:
		c.Excepted += n
	case Missing:
		c.Missing += n
	}
}

// Rate is met ÷ (met + breached): excepted and missing periods are left out
// (missing ones are reported as findings instead). Nil when nothing was
// judged met or breached.
func (c Counts) Rate() *float64 {
	n := c.Met + c.Breached
	if n == 0 {
		return nil
	}
	r := float64(c.Met) / float64(n)
	return &r
}
