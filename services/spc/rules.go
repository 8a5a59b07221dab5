package spc

// ruleLength is the number of points in a trend or a run (SPC.md: "Length 7
// is fixed").
const ruleLength = 7

// cause is a point's special cause; causeNone for common cause.
type cause uint8

const (
	causeNone cause = iota
	causeAboveUpperLimit
	causeBelowLowerLimit
	causeTrendIncreasing
	causeTrendDecreasing
	causeTwoOfThreeAbove
	causeTwoOfThreeBelow
	causeRunAboveMean
	causeRunBelowMean
	numCauses
)

// causeNames is the wire name of each cause. A function, not a variable, so
// that no Result can point into shared strings.
func causeNames() [numCauses]string {
	return [numCauses]string{
		causeNone:            "",
		causeAboveUpperLimit: CauseAboveUpperLimit,
		causeBelowLowerLimit: CauseBelowLowerLimit,
		causeTrendIncreasing: CauseTrendIncreasing,
		causeTrendDecreasing: CauseTrendDecreasing,
		causeTwoOfThreeAbove: CauseTwoOfThreeAbove,
		causeTwoOfThreeBelow: CauseTwoOfThreeBelow,
		causeRunAboveMean:    CauseRunAboveMean,
		causeRunBelowMean:    CauseRunBelowMean,
	}
}

// high reports whether c is a high special cause: above or increasing
// (SPC.md, "Point type").
func (c cause) high() bool {
	switch c {
	case causeAboveUpperLimit, causeTrendIncreasing, causeTwoOfThreeAbove, causeRunAboveMean:
		return true
	}
	return false
}

// classify sets each point's side and whether it is outside the limits or
// near them (SPC.md, step 5). Undefined (NaN) means and limits compare false,
// so without limits no point is outside or near, and without a mean no point
// has a side.
func classify(pts []pointState, lim *segmentLimits) {
	for i := range pts {
		p := &pts[i]
		if p.flags&flagPresent == 0 {
			continue
		}
		switch {
		case p.y > lim.mean:
			p.side = 1
		case p.y < lim.mean:
			p.side = -1
		}
		switch {
		case p.y > lim.upper || p.y < lim.lower:
			p.flags |= flagOutside
		case p.y > lim.upperTwoSigma || p.y < lim.lowerTwoSigma:
			// Only points not outside count as near.
			p.flags |= flagNear
		}
	}
}

// step is the direction from point i−1 to point i: +1 up, −1 down, and 0 when
// the values are equal or either is missing, which breaks a trend.
func step(pts []pointState, i int) int8 {
	a, b := &pts[i-1], &pts[i]
	if a.flags&b.flags&flagPresent == 0 {
		return 0
	}
	switch {
	case b.y > a.y:
		return 1
	case b.y < a.y:
		return -1
	}
	return 0
}

// markTrends flags every point of every window of 7 consecutive points whose
// 6 steps are all strictly up or all strictly down (SPC.md, trend rule). A
// missing value breaks the trend: the package instead stops with an error on
// a window that holds one and otherwise only steps in one direction.
func markTrends(pts []pointState) {
	up, down, marked := 0, 0, -1
	for i := 1; i < len(pts); i++ {
		switch step(pts, i) {
		case 1:
			up, down = up+1, 0
		case -1:
			up, down = 0, down+1
		default:
			up, down = 0, 0
		}
		if up >= ruleLength-1 || down >= ruleLength-1 {
			// Flag the window ending here, skipping what an overlapping
			// window already flagged: O(n) over the segment.
			for j := max(i-(ruleLength-1), marked+1); j <= i; j++ {
				pts[j].flags |= flagTrend
			}
			marked = i
		}
	}
}

// markTwoOfThree flags the near points of every 3 consecutive points that
// are all strictly on one side of the mean with at least 2 of them near
// (SPC.md, two-of-three rule). A point on the mean or missing has side 0 and
// spoils the window.
func markTwoOfThree(pts []pointState) {
	for i := 2; i < len(pts); i++ {
		w := pts[i-2 : i+1]
		if w[0].side == 0 || w[0].side != w[1].side || w[1].side != w[2].side {
			continue
		}
		nearCount := 0
		for k := range w {
			if w[k].flags&flagNear != 0 {
				nearCount++
			}
		}
		if nearCount < 2 {
			continue
		}
		for k := range w {
			if w[k].flags&flagNear != 0 {
				w[k].flags |= flagTwoOfThree
			}
		}
	}
}

// markRuns flags every point of every 7 consecutive points on the same side
// of the mean (SPC.md, run rule). A point on the mean or missing breaks it.
func markRuns(pts []pointState) {
	run, marked := 0, -1
	for i := range pts {
		switch {
		case pts[i].side == 0:
			run = 0
		case i > 0 && pts[i].side == pts[i-1].side:
			run++
		default:
			run = 1
		}
		if run >= ruleLength {
			for j := max(i-(ruleLength-1), marked+1); j <= i; j++ {
				pts[j].flags |= flagRun
			}
			marked = i
		}
	}
}

// specialCause is point i's special cause: the first rule it qualifies for
// in the order outside, trend, two of three, run (SPC.md).
func specialCause(pts []pointState, i int) cause {
	p := &pts[i]
	switch {
	case p.flags&flagOutside != 0:
		if p.side > 0 {
			return causeAboveUpperLimit
		}
		return causeBelowLowerLimit
	case p.flags&flagTrend != 0:
		return trendCause(pts, i)
	case p.flags&flagTwoOfThree != 0:
		if p.side > 0 {
			return causeTwoOfThreeAbove
		}
		return causeTwoOfThreeBelow
	case p.flags&flagRun != 0:
		if p.side > 0 {
			return causeRunAboveMean
		}
		return causeRunBelowMean
	}
	return causeNone
}

// trendCause labels a trend point as the package does: by the step to the
// next point if that point is also part of a trend, otherwise by the step
// from the previous point; a step that is not up reads as decreasing
// (ifelse(sdy == 1, "In", "De")). So the peak between a rising and a falling
// trend reads as decreasing, and the trough between a falling and a rising
// trend as increasing.
func trendCause(pts []pointState, i int) cause {
	var s int8
	if i+1 < len(pts) && pts[i+1].flags&flagTrend != 0 {
		s = step(pts, i+1)
	} else if i > 0 {
		s = step(pts, i)
	}
	if s == 1 {
		return causeTrendIncreasing
	}
	return causeTrendDecreasing
}

// pointType colours a point (SPC.md, "Point type"): a high special cause is
// improvement when higher is better, a low one when lower is better; the
// other way round is concern; neutral measures are neutral_high/low.
func pointType(dir int8, c cause) string {
	if c == causeNone {
		return PointCommonCause
	}
	high := c.high()
	switch {
	case dir == 0 && high:
		return PointNeutralHigh
	case dir == 0:
		return PointNeutralLow
	case high == (dir > 0):
		return PointImprovement
	default:
		return PointConcern
	}
}
