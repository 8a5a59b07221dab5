package spc

import (
	"fmt"
	"math"
	"time"
)

// Improvement is the direction in which a measure gets better (SPC.md,
// "Inputs"). It decides whether a special cause is improvement or concern.
type Improvement string

// The directions of improvement. A standard's direction maps to them:
// higher_is_better → Increase, lower_is_better → Decrease, neither → Neutral.
const (
	Increase Improvement = "increase"
	Decrease Improvement = "decrease"
	Neutral  Improvement = "neutral"
)

// Valid reports whether i is one of Increase, Decrease and Neutral.
func (i Improvement) Valid() bool {
	return i == Increase || i == Decrease || i == Neutral
}

// direction is +1 when higher is better, −1 when lower is better and 0 for
// neutral, as the package's improvement_direction.
func (i Improvement) direction() int8 {
	switch i {
	case Increase:
		return 1
	case Decrease:
		return -1
	default:
		return 0
	}
}

// Limits on the input (SPC.md, "Wire format").
const (
	// MaxPoints is the most points one analysis accepts.
	MaxPoints = 10000
	// MinBaselinePoints is the smallest baseline_points accepted.
	MinBaselinePoints = 12
	// maxPointErrors bounds the field errors reported for points, so a
	// pasted series that is wrong throughout gives a readable 422.
	maxPointErrors = 100
)

// Point is one period of input. A nil Value is a missing period: it is shown,
// counted in its segment and in the baseline, but carries no value.
type Point struct {
	// Period is the period's date; only its calendar day matters.
	Period time.Time
	Value  *float64
}

// Input is a series and the options of one analysis (SPC.md, "Inputs").
type Input struct {
	// Points in strictly increasing order of period.
	Points      []Point
	Improvement Improvement
	// Target is the value assurance is judged against; nil for none.
	Target *float64
	// Rebase lists periods that start a new segment. One that is not a
	// point's period has no effect.
	Rebase []time.Time
	// BaselinePoints, when set (at least 12), freezes each segment's limits
	// after its first N points, missing ones included.
	BaselinePoints *int
	// ScreenMovingRanges drops moving ranges of 3.267 × the mean moving range
	// or more before the limits are computed. Callers default it to true;
	// false reproduces MDC's Excel tool.
	ScreenMovingRanges bool
}

// FieldError is one invalid field of a request, named as on the wire
// ("points[3].period").
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Validate returns the fields that make the input unacceptable (a 422),
// or nil. Analyse assumes it passed.
func (in Input) Validate() []FieldError {
	var errs []FieldError
	if len(in.Points) > MaxPoints {
		// Checking each of an oversized series' points would only make the
		// response larger; the size is the problem to fix first.
		errs = append(errs, FieldError{"points", fmt.Sprintf("must have at most %d points, not %d", MaxPoints, len(in.Points))})
	} else {
		errs = in.validatePoints(errs)
	}
	if !in.Improvement.Valid() {
		msg := "must be increase, decrease or neutral"
		if in.Improvement == "" {
			msg = "is required: " + msg
		}
		errs = append(errs, FieldError{"improvement", msg})
	}
	if in.Target != nil && !isFinite(*in.Target) {
		errs = append(errs, FieldError{"target", "must be a finite number"})
	}
	if in.BaselinePoints != nil && *in.BaselinePoints < MinBaselinePoints {
		errs = append(errs, FieldError{"baseline_points", fmt.Sprintf("must be at least %d", MinBaselinePoints)})
	}
	return errs
}

// validatePoints checks each period is present and later than the one before
// (strictly increasing, so no duplicates), and each value finite.
func (in Input) validatePoints(errs []FieldError) []FieldError {
	reported := 0
	add := func(field, msg string) {
		reported++
		errs = append(errs, FieldError{field, msg})
	}
	var prevDay int64
	prevValid := false
	for i, p := range in.Points {
		if reported >= maxPointErrors {
			break
		}
		if p.Period.IsZero() {
			add(fmt.Sprintf("points[%d].period", i), "is required")
			prevValid = false
		} else {
			day := dayNumber(p.Period)
			if prevValid && day == prevDay {
				add(fmt.Sprintf("points[%d].period", i), fmt.Sprintf("duplicates the previous period (%s)", DateOf(p.Period)))
			} else if prevValid && day < prevDay {
				add(fmt.Sprintf("points[%d].period", i), fmt.Sprintf("must be after the previous period (%s): periods must be in increasing order", DateOf(in.Points[i-1].Period)))
			}
			prevDay, prevValid = day, true
		}
		if p.Value != nil && !isFinite(*p.Value) {
			add(fmt.Sprintf("points[%d].value", i), "must be a finite number or null")
		}
	}
	return errs
}

func isFinite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// Request is the JSON body of POST /api/v1/spc (SPC.md, "Wire format"). The
// API decodes into it and calls Input.
type Request struct {
	Points         []RequestPoint `json:"points"`
	Improvement    Improvement    `json:"improvement"`
	Target         *float64       `json:"target"`
	Rebase         []Date         `json:"rebase"`
	BaselinePoints *int           `json:"baseline_points"`
	// ScreenMovingRanges is a pointer so that an absent field means true.
	ScreenMovingRanges *bool `json:"screen_moving_ranges"`
}

// RequestPoint is one period of a Request.
type RequestPoint struct {
	Period Date     `json:"period"`
	Value  *float64 `json:"value"`
}

// Input returns the analysis the request asks for, with screening on unless
// the request turns it off.
func (r Request) Input() Input {
	in := Input{
		Improvement:        r.Improvement,
		Target:             r.Target,
		BaselinePoints:     r.BaselinePoints,
		ScreenMovingRanges: r.ScreenMovingRanges == nil || *r.ScreenMovingRanges,
	}
	if len(r.Points) > 0 {
		in.Points = make([]Point, len(r.Points))
		for i, p := range r.Points {
			in.Points[i] = Point{Period: p.Period.Time(), Value: p.Value}
		}
	}
	if len(r.Rebase) > 0 {
		in.Rebase = make([]time.Time, len(r.Rebase))
		for i, d := range r.Rebase {
			in.Rebase[i] = d.Time()
		}
	}
	return in
}
