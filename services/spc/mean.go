package spc

import "math"

// extendedSum accumulates a sum in double-double precision (about 106 bits)
// so that its mean is the correctly rounded mean of the values, as R's
// mean() is (it sums in long double and then corrects by the mean of the
// residuals).
//
// This matters for labels, not only for digits: a point exactly on the mean
// has no side (SPC.md, step 5) and so breaks a run. The naive float64 mean of
// 0.1, 0.2 and 0.3 is 0.20000000000000004 and would put the 0.2 below its own
// mean; R, and this, say 0.2. A constant series has its value as its mean
// exactly, so it has no side and no run.
type extendedSum struct {
	hi, lo float64
	n      int
}

// add adds x with Knuth's two-sum, keeping the rounding error in lo.
func (s *extendedSum) add(x float64) {
	sum := s.hi + x
	bp := sum - s.hi
	s.lo += (s.hi - (sum - bp)) + (x - bp)
	s.hi = sum
	s.n++
}

// finite reports whether the sum stayed within float64's range. An infinite
// term or an overflow makes it NaN or infinite (R's long double has the
// exponent range for sums that float64 does not).
func (s *extendedSum) finite() bool {
	return isFinite(s.hi) && isFinite(s.lo)
}

// mean returns the mean of the values added, NaN if there were none, as R's
// mean(x, na.rm = TRUE) of an empty vector.
func (s *extendedSum) mean() float64 {
	if s.n == 0 {
		return math.NaN()
	}
	n := float64(s.n)
	q := s.hi / n
	// The remainder hi − q·n is exact with a fused multiply-add; dividing it
	// (with lo) by n corrects q to the rounded quotient of hi + lo.
	r := math.FMA(-q, n, s.hi) + s.lo
	return q + r/n
}

// overflowScale brings a sum of up to MaxPoints float64 values back into
// range. Scaling by a power of two is exact for all but subnormal values,
// which are below the precision of such a sum anyway.
const overflowScale = 0x1p-16

// segmentMean is the mean of the values present in pts (SPC.md, step 1).
// Values are finite, so the only way the sum leaves float64's range is by
// overflowing; it is then taken again, scaled down.
func segmentMean(pts []pointState) float64 {
	var s extendedSum
	for i := range pts {
		if pts[i].flags&flagPresent != 0 {
			s.add(pts[i].y)
		}
	}
	if s.finite() {
		return s.mean()
	}
	s = extendedSum{}
	for i := range pts {
		if pts[i].flags&flagPresent != 0 {
			s.add(pts[i].y * overflowScale)
		}
	}
	return s.mean() / overflowScale
}

// meanMovingRange is the mean of the moving ranges between neighbouring
// points of pts that both have a value (SPC.md, step 2). When screen is set
// only the moving ranges strictly below the given bound count (step 3).
// Moving ranges are recomputed rather than stored so that Analyse allocates
// nothing per point for them; |a − b| rounds the same each time.
func meanMovingRange(pts []pointState, screen bool, below float64) float64 {
	var s extendedSum
	for i := 1; i < len(pts); i++ {
		if pts[i].flags&pts[i-1].flags&flagPresent == 0 {
			continue
		}
		mr := math.Abs(pts[i].y - pts[i-1].y)
		if screen && !(mr < below) {
			continue
		}
		s.add(mr)
	}
	if s.finite() {
		return s.mean()
	}
	return meanHugeMovingRange(pts, screen, below)
}

// meanHugeMovingRange is meanMovingRange for values near ±1.8e308: a moving
// range itself can overflow to +Inf, as it does in R, whose mean is then
// +Inf; otherwise the sum is taken again, scaled down.
func meanHugeMovingRange(pts []pointState, screen bool, below float64) float64 {
	var s extendedSum
	for i := 1; i < len(pts); i++ {
		if pts[i].flags&pts[i-1].flags&flagPresent == 0 {
			continue
		}
		mr := math.Abs(pts[i].y - pts[i-1].y)
		if screen && !(mr < below) {
			continue
		}
		if math.IsInf(mr, 1) {
			return mr
		}
		s.add(mr * overflowScale)
	}
	return s.mean() / overflowScale
}
