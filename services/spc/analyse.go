package spc

import (
	"slices"
	"time"
)

// Factors of the method (SPC.md, steps 3 and 4).
const (
	processLimitFactor = 2.66
	screeningFactor    = 3.267
)

// twoSigmaFactor is 2 × 2.66 / 3 (SPC.md, step 4). It is computed in float64
// as the package computes it, 2 * (2.66 / 3), rather than as an exact Go
// constant, so that the two-sigma lines round as the package's do.
func twoSigmaFactor() float64 {
	limit := float64(processLimitFactor)
	return 2 * (limit / 3)
}

// pointState is the working state of one point. Analyse allocates one slice
// of them per call; a Result's values point into it.
type pointState struct {
	y     float64
	flags uint8
	// side is +1 above the segment's mean, −1 below, 0 on it or missing
	// (SPC.md, step 5).
	side int8
}

const (
	flagPresent uint8 = 1 << iota
	flagSegmentStart
	flagOutside
	flagNear
	flagTrend
	flagTwoOfThree
	flagRun
)

// segmentLimits holds one segment's numbers; NaN where the method leaves them
// undefined. A Result's mean and limit pointers point into it.
type segmentLimits struct {
	mean            float64
	meanMovingRange float64
	lower, upper    float64
	lowerTwoSigma   float64
	upperTwoSigma   float64
}

// resultTexts backs a Result's string pointers, so that a Result shares
// nothing mutable with other Results and costs one allocation for them all.
type resultTexts struct {
	causes    [numCauses]string
	variation string
	assurance string
}

// Analyse computes the XmR chart, special causes and icons of a series
// (SPC.md, "Method, per segment" onwards). It assumes in.Validate() returned
// nothing, but never panics: a non-finite value counts as missing, an unknown
// improvement as neutral, and out-of-order periods are analysed in the order
// given.
//
// It is O(n + r log r) for n points and r rebase dates, and allocates a
// fixed handful of slices per call.
func Analyse(in Input) Result {
	n := len(in.Points)
	res := Result{Points: make([]PointResult, n), Segments: []Segment{}}
	if n == 0 {
		return res
	}

	pts := make([]pointState, n)
	for i, p := range in.Points {
		if p.Value != nil && isFinite(*p.Value) {
			pts[i] = pointState{y: *p.Value, flags: flagPresent}
		}
	}
	segments := markSegmentStarts(pts, in.Points, in.Rebase)
	limits := make([]segmentLimits, segments)
	res.Segments = make([]Segment, segments)
	texts := &resultTexts{causes: causeNames()}
	dir := in.Improvement.direction()
	var pointTypes [numCauses]string
	for c := range pointTypes {
		pointTypes[c] = pointType(dir, cause(c))
	}

	seg := 0
	for start := 0; start < n; seg++ {
		end := start + 1
		for end < n && pts[end].flags&flagSegmentStart == 0 {
			end++
		}
		// Everything below is per segment: nothing, not even a moving range,
		// crosses a rebase (SPC.md, "Inputs").
		sp := pts[start:end]
		lim := &limits[seg]
		*lim = computeLimits(sp, baselineLength(in.BaselinePoints, len(sp)), in.ScreenMovingRanges)
		classify(sp, lim)
		markTrends(sp)
		markTwoOfThree(sp)
		markRuns(sp)

		mean, lower, upper := finite(&lim.mean), finite(&lim.lower), finite(&lim.upper)
		if lower == nil || upper == nil {
			// One limit can overflow float64 without the other (values near
			// ±1.8e308); a chart gets both limits or neither.
			lower, upper = nil, nil
		}
		res.Segments[seg] = Segment{
			Start:           DateOf(in.Points[start].Period),
			Points:          len(sp),
			Mean:            mean,
			LowerLimit:      lower,
			UpperLimit:      upper,
			MeanMovingRange: finite(&lim.meanMovingRange),
			Short:           len(sp) < ShortSegmentPoints,
		}
		for j := range sp {
			pr := &res.Points[start+j]
			pr.Period = DateOf(in.Points[start+j].Period)
			if sp[j].flags&flagPresent != 0 {
				pr.Value = &sp[j].y
			}
			pr.Segment = seg
			pr.Mean, pr.LowerLimit, pr.UpperLimit = mean, lower, upper
			c := specialCause(sp, j)
			if c != causeNone {
				pr.SpecialCause = &texts.causes[c]
			}
			pr.PointType = pointTypes[c]
		}
		start = end
	}

	// The variation icon comes from the last point of the series (its latest
	// segment), as the package's ptd_get_icons takes the row with the latest
	// date.
	texts.variation = variation(dir, res.Points[n-1].PointType)
	res.Variation = &texts.variation
	if a := assurance(dir, in.Target, &limits[segments-1]); a != "" {
		texts.assurance = a
		res.Assurance = &texts.assurance
	}
	return res
}

// markSegmentStarts flags the first point and each point whose period is a
// rebase date, and returns the number of segments. A rebase date that is no
// point's period, or is the first point's, changes nothing.
func markSegmentStarts(pts []pointState, points []Point, rebase []time.Time) int {
	pts[0].flags |= flagSegmentStart
	segments := 1
	if len(rebase) == 0 {
		return segments
	}
	days := make([]int64, len(rebase))
	for i, t := range rebase {
		days[i] = dayNumber(t)
	}
	slices.Sort(days)
	// Periods increase (Validate), so one walk through the sorted rebase
	// days finds every match; out-of-order periods only miss matches.
	next := 0
	for i := 1; i < len(points) && next < len(days); i++ {
		day := dayNumber(points[i].Period)
		for next < len(days) && days[next] < day {
			next++
		}
		if next < len(days) && days[next] == day {
			pts[i].flags |= flagSegmentStart
			segments++
		}
	}
	return segments
}

// baselineLength is how many of a segment's first points set its limits:
// baseline_points of them, missing ones included, or all (SPC.md, "Inputs";
// the package's row_number() <= fix_after_n_points).
func baselineLength(baselinePoints *int, segmentLength int) int {
	if baselinePoints == nil {
		return segmentLength
	}
	return max(0, min(*baselinePoints, segmentLength))
}

// computeLimits is SPC.md steps 1 to 4 over the first baseline points of a
// segment.
func computeLimits(pts []pointState, baseline int, screen bool) segmentLimits {
	base := pts[:baseline]
	lim := segmentLimits{mean: segmentMean(base)}
	mr := meanMovingRange(base, false, 0)
	if screen {
		// Once, not repeated. When every moving range is zero nothing is
		// strictly below 3.267 × 0 and the mean moving range is undefined
		// (NaN, as the package's mean of no values). Without screening a
		// mean moving range of zero stays zero, and the limits sit on the
		// mean, as in the package.
		mr = meanMovingRange(base, true, float64(screeningFactor*mr))
	}
	lim.meanMovingRange = mr
	// The products are rounded before they are added (float64(...)) so the
	// compiler cannot fuse them into a multiply-add the package never does.
	lim.lower = lim.mean - float64(processLimitFactor*mr)
	lim.upper = lim.mean + float64(processLimitFactor*mr)
	near := twoSigmaFactor()
	lim.lowerTwoSigma = lim.mean - float64(near*mr)
	lim.upperTwoSigma = lim.mean + float64(near*mr)
	return lim
}

// finite returns f, or nil if *f is NaN or infinite: JSON has no such numbers
// and the method leaves them undefined.
func finite(f *float64) *float64 {
	if !isFinite(*f) {
		return nil
	}
	return f
}

// assurance is the assurance icon from the latest segment's limits (SPC.md,
// "Assurance"), or "" for none. Undefined limits are NaN and compare false,
// which leaves "inconsistent", as in the package's case_when.
func assurance(dir int8, target *float64, lim *segmentLimits) string {
	if target == nil || dir == 0 {
		return ""
	}
	t := *target
	switch {
	case t > lim.upper:
		if dir > 0 {
			return AssuranceFail
		}
		return AssurancePass
	case t < lim.lower:
		if dir > 0 {
			return AssurancePass
		}
		return AssuranceFail
	default:
		return AssuranceInconsistent
	}
}

// variation is the variation icon for the last point's type (SPC.md,
// "Variation icon").
func variation(dir int8, pointType string) string {
	switch pointType {
	case PointImprovement:
		if dir > 0 {
			return VariationImprovementHigh
		}
		return VariationImprovementLow
	case PointConcern:
		if dir > 0 {
			return VariationConcernLow
		}
		return VariationConcernHigh
	case PointNeutralHigh:
		return VariationNeutralHigh
	case PointNeutralLow:
		return VariationNeutralLow
	default:
		return VariationCommonCause
	}
}
