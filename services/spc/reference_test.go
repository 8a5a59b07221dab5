package spc

import (
	"math"
	"math/big"
	"slices"
	"testing"
	"time"
)

// This file transliterates NHSRplotthedots v0.2.2 (ptd_spc_standard,
// ptd_calculate_point_type, ptd_calculate_assurance_type, ptd_get_icons) as
// literally as Go allows, window by window and with R's NA logic, so that
// tests can check the O(n) Analyse against the package's own definitions.
// It is slow on purpose and used only by tests.
//
// One deliberate difference: where a trend window holds a missing value and
// every other step goes one way, R's `if (all(d == 1))` stops with "missing
// value where TRUE/FALSE needed"; here, as in SPC.md, the window does not
// qualify.

// lgl is an R logical: TRUE, FALSE or NA.
type lgl int8

const (
	rFalse lgl = iota
	rTrue
	rNA
)

func lglOf(b bool) lgl {
	if b {
		return rTrue
	}
	return rFalse
}

func (a lgl) and(b lgl) lgl {
	if a == rFalse || b == rFalse {
		return rFalse
	}
	if a == rNA || b == rNA {
		return rNA
	}
	return rTrue
}

func (a lgl) or(b lgl) lgl {
	if a == rTrue || b == rTrue {
		return rTrue
	}
	if a == rNA || b == rNA {
		return rNA
	}
	return rFalse
}

func (a lgl) not() lgl {
	switch a {
	case rTrue:
		return rFalse
	case rFalse:
		return rTrue
	}
	return rNA
}

func rAll(xs []lgl) lgl {
	out := rTrue
	for _, x := range xs {
		out = out.and(x)
	}
	return out
}

func rAny(xs []lgl) lgl {
	out := rFalse
	for _, x := range xs {
		out = out.or(x)
	}
	return out
}

// cmp applies a comparison with R's NA propagation (NaN stands for NA).
func cmp(a, b float64, op func(a, b float64) bool) lgl {
	if math.IsNaN(a) || math.IsNaN(b) {
		return rNA
	}
	return lglOf(op(a, b))
}

func gt(a, b float64) bool { return a > b }
func lt(a, b float64) bool { return a < b }
func eq(a, b float64) bool { return a == b }

// num is as.numeric of a logical.
func (a lgl) num() float64 {
	switch a {
	case rTrue:
		return 1
	case rFalse:
		return 0
	}
	return math.NaN()
}

// rSign is R's sign(); NA stays NA.
func rSign(x float64) float64 {
	switch {
	case math.IsNaN(x):
		return math.NaN()
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

// rMean is mean(x, na.rm = TRUE), correctly rounded from the exact sum (R
// sums in long double and corrects, which is as close as it gets).
func rMean(xs []float64) float64 {
	var sum big.Float
	sum.SetPrec(4096)
	n := 0
	for _, x := range xs {
		if math.IsNaN(x) {
			continue
		}
		if math.IsInf(x, 0) {
			return x // all moving ranges: +Inf only
		}
		var v big.Float
		v.SetPrec(4096).SetFloat64(x)
		sum.Add(&sum, &v)
		n++
	}
	if n == 0 {
		return math.NaN()
	}
	var q big.Float
	q.SetPrec(53).SetMode(big.ToNearestEven)
	q.Quo(&sum, new(big.Float).SetPrec(4096).SetInt64(int64(n)))
	f, _ := q.Float64()
	return f
}

type refPoint struct {
	segment     int
	mean        float64
	lpl, upl    float64
	amr         float64
	specialType string // the package's special_cause_type
	pointType   string // the package's point_type
}

type refResult struct {
	points    []refPoint
	variation string // "" for none
	assurance string // "" for none
}

// referenceAnalyse runs the transliteration on an input that passed Validate.
func referenceAnalyse(in Input) refResult {
	n := len(in.Points)
	var out refResult
	if n == 0 {
		return out
	}
	y := make([]float64, n)
	rebase := make([]float64, n)
	for i, p := range in.Points {
		y[i] = math.NaN()
		if p.Value != nil {
			y[i] = *p.Value
		}
		if slices.ContainsFunc(in.Rebase, func(t time.Time) bool { return dayNumber(t) == dayNumber(p.Period) }) {
			rebase[i] = 1
		}
	}
	// rebase_group = cumsum(rebase)
	group := make([]int, n)
	g := 0
	for i := range rebase {
		if rebase[i] == 1 {
			g++
		}
		group[i] = g
	}
	dir := 0.0
	switch in.Improvement {
	case Increase:
		dir = 1
	case Decrease:
		dir = -1
	}
	out.points = make([]refPoint, n)
	seg := -1
	for start := 0; start < n; {
		end := start
		for end < n && group[end] == group[start] {
			end++
		}
		seg++
		referenceSegment(y[start:end], in, dir, seg, out.points[start:end])
		start = end
	}
	last := out.points[n-1]
	out.variation = map[string]string{
		"common_cause":               "common_cause",
		"special_cause_neutral_high": "neutral_high",
		"special_cause_neutral_low":  "neutral_low",
		"special_cause_concern":      map[bool]string{true: "concern_low", false: "concern_high"}[in.Improvement == Increase],
		"special_cause_improvement":  map[bool]string{true: "improvement_high", false: "improvement_low"}[in.Improvement == Increase],
	}[last.pointType]
	if in.Target != nil && in.Improvement != Neutral {
		t := *in.Target
		inc := in.Improvement == Increase
		switch {
		case cmp(t, last.upl, gt) == rTrue:
			out.assurance = map[bool]string{true: "fail", false: "pass"}[inc]
		case cmp(t, last.lpl, lt) == rTrue:
			out.assurance = map[bool]string{true: "pass", false: "fail"}[inc]
		default:
			out.assurance = "inconsistent"
		}
	}
	return out
}

func referenceSegment(y []float64, in Input, dir float64, seg int, out []refPoint) {
	n := len(y)
	// ptd_spc_standard
	fixY := make([]float64, n)
	for i := range y {
		fixY[i] = math.NaN()
		if in.BaselinePoints == nil || i+1 <= *in.BaselinePoints {
			fixY[i] = y[i]
		}
	}
	mean := rMean(fixY)
	mr := make([]float64, n)
	mr[0] = math.NaN()
	for i := 1; i < n; i++ {
		mr[i] = math.Abs(fixY[i] - fixY[i-1]) // NaN if either is NA
	}
	amr := rMean(mr)
	if in.ScreenMovingRanges {
		for i := range mr {
			if cmp(mr[i], float64(3.267*amr), lt) != rTrue {
				mr[i] = math.NaN()
			}
		}
		amr = rMean(mr)
	}
	limit := 2.66
	limitclose := 2 * (limit / 3)
	// float64(...) keeps Go from fusing these into multiply-adds R never does.
	lpl := mean - float64(limit*amr)
	upl := mean + float64(limit*amr)
	nlpl := mean - float64(limitclose*amr)
	nupl := mean + float64(limitclose*amr)
	outside := make([]lgl, n)
	rtm := make([]float64, n)
	close := make([]lgl, n)
	for i := range y {
		outside[i] = cmp(y[i], upl, gt).or(cmp(y[i], lpl, lt))
		rtm[i] = rSign(y[i] - mean)
		close[i] = outside[i].not().and(cmp(y[i], nlpl, lt).or(cmp(y[i], nupl, gt)))
	}

	// ptd_special_cause_type
	partTrend := refPartOfSeven(refSevenPointTrend(y))
	closeNum := make([]float64, n)
	for i := range close {
		closeNum[i] = close[i].num()
	}
	twoInThree := refTwoInThree(closeNum, rtm)
	partTwo := make([]lgl, n)
	for i := range partTwo {
		partTwo[i] = cmp(twoInThree[i], 1, eq).and(cmp(math.Abs(closeNum[i]), 1, eq))
	}
	partRun := refPartOfSeven(refSevenPointOneSideMean(rtm))

	sdy := make([]float64, n)
	for i := range sdy {
		next := rFalse
		if i+1 < n {
			next = cmp(partTrend[i+1], 0, func(a, b float64) bool { return a != b })
		}
		cond := next.and(cmp(partTrend[i], 0, func(a, b float64) bool { return a != b }))
		switch cond {
		case rTrue:
			if i+1 < n {
				sdy[i] = rSign(y[i+1] - y[i])
			} else {
				sdy[i] = rSign(y[i] - y[i-1]) // tail(sdy, 1)
			}
		case rFalse:
			if i == 0 {
				sdy[i] = 0
			} else {
				sdy[i] = rSign(y[i] - y[i-1])
			}
		default:
			sdy[i] = math.NaN()
		}
	}

	for i := range y {
		var t string
		aboveOrBelow := "Below"
		if cmp(rtm[i], 0, gt) == rTrue {
			aboveOrBelow = "Above"
		}
		switch {
		case cmp(outside[i].num(), 0, func(a, b float64) bool { return a != b }) == rTrue:
			if cmp(rtm[i], 1, eq) == rTrue {
				t = "Above UCL"
			} else {
				t = "Below LCL"
			}
		case cmp(partTrend[i], 0, func(a, b float64) bool { return a != b }) == rTrue:
			switch cmp(sdy[i], 1, eq) {
			case rTrue:
				t = "7 Point Trend (Increasing)"
			case rFalse:
				t = "7 Point Trend (Decreasing)"
			default:
				t = "7 Point Trend (NAcreasing)"
			}
		case partTwo[i] == rTrue:
			t = "2 in 3 " + aboveOrBelow + " CL"
		case cmp(partRun[i], 0, func(a, b float64) bool { return a != b }) == rTrue:
			t = "7 Points " + aboveOrBelow + " CL"
		default:
			t = "Common Cause"
		}
		out[i] = refPoint{segment: seg, mean: mean, lpl: lpl, upl: upl, amr: amr, specialType: t, pointType: refPointType(t, dir)}
	}
}

func refSevenPointOneSideMean(v []float64) []float64 {
	vp := append(make([]float64, 6), v...)
	out := make([]float64, len(v))
	for k := range v {
		i := k + 6
		eqs := make([]lgl, 6)
		for j := 1; j <= 6; j++ {
			eqs[j-1] = cmp(vp[i], vp[i-j], eq)
		}
		out[k] = rAll(eqs).and(cmp(vp[i], 0, func(a, b float64) bool { return a != b })).num()
	}
	return out
}

func refPartOfSeven(v []float64) []float64 {
	vp := append(slices.Clone(v), make([]float64, 6)...)
	out := make([]float64, len(v))
	for i := range v {
		xs := make([]lgl, 7)
		for j := 0; j <= 6; j++ {
			xs[j] = cmp(math.Abs(vp[i+j]), 1, eq)
		}
		out[i] = rAny(xs).num()
	}
	return out
}

func refSevenPointTrend(y []float64) []float64 {
	out := make([]float64, len(y))
	if len(y) < 7 {
		return out
	}
	for i := 6; i < len(y); i++ {
		up, down := make([]lgl, 6), make([]lgl, 6)
		for j := 0; j < 6; j++ {
			d := rSign(y[i-j] - y[i-j-1]) // the same as sign(diff(y[i - 0:6])) * -1
			up[j] = cmp(d, 1, eq)
			down[j] = cmp(d, -1, eq)
		}
		switch {
		case rAll(up) == rTrue:
			out[i] = 1
		case rAll(down) == rTrue:
			out[i] = -1
		default: // FALSE, or NA where R would stop with an error
			out[i] = 0
		}
	}
	return out
}

func refTwoInThree(v, rtm []float64) []float64 {
	if len(v) == 0 {
		return nil
	}
	vp := append(append([]float64{0, 0}, v...), 0, 0)
	rtmp := append(append([]float64{0, 0}, rtm...), 0, 0)
	window := func(from int) lgl {
		return cmp(vp[from]+vp[from+1]+vp[from+2], 2, func(a, b float64) bool { return a >= b }).
			and(cmp(math.Abs(rtmp[from]+rtmp[from+1]+rtmp[from+2]), 3, eq))
	}
	out := make([]float64, len(v))
	for i := range v {
		out[i] = window(i).or(window(i + 1)).or(window(i + 2)).num()
	}
	return out
}

func refPointType(specialType string, dir float64) string {
	v := 0.0
	switch {
	case containsAny(specialType, "Above", "Increasing"):
		v = 1
	case containsAny(specialType, "Below", "Decreasing"):
		v = -1
	}
	if dir == 0 {
		switch {
		case v > 0:
			return "special_cause_neutral_high"
		case v < 0:
			return "special_cause_neutral_low"
		}
		return "common_cause"
	}
	v *= dir
	switch {
	case v > 0:
		return "special_cause_improvement"
	case v < 0:
		return "special_cause_concern"
	}
	return "common_cause"
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		for i := 0; i+len(sub) <= len(s); i++ {
			if s[i:i+len(sub)] == sub {
				return true
			}
		}
	}
	return false
}

// packageNames maps Assure's wire names to the package's.
var packageSpecialType = map[string]string{
	"":                   "Common Cause",
	CauseAboveUpperLimit: "Above UCL",
	CauseBelowLowerLimit: "Below LCL",
	CauseTrendIncreasing: "7 Point Trend (Increasing)",
	CauseTrendDecreasing: "7 Point Trend (Decreasing)",
	CauseTwoOfThreeAbove: "2 in 3 Above CL",
	CauseTwoOfThreeBelow: "2 in 3 Below CL",
	CauseRunAboveMean:    "7 Points Above CL",
	CauseRunBelowMean:    "7 Points Below CL",
}

var packagePointType = map[string]string{
	PointCommonCause: "common_cause",
	PointImprovement: "special_cause_improvement",
	PointConcern:     "special_cause_concern",
	PointNeutralHigh: "special_cause_neutral_high",
	PointNeutralLow:  "special_cause_neutral_low",
}

// assertMatchesPackage checks a result against the transliteration of the
// package in reference_test.go.
func assertMatchesPackage(t *testing.T, in Input, r Result) {
	t.Helper()
	ref := referenceAnalyse(in)
	for i, p := range r.Points {
		rp := ref.points[i]
		if p.Segment != rp.segment {
			t.Errorf("point %d: segment %d, package %d", i, p.Segment, rp.segment)
		}
		cause := ""
		if p.SpecialCause != nil {
			cause = *p.SpecialCause
		}
		if got := packageSpecialType[cause]; got != rp.specialType {
			t.Errorf("point %d: special cause %q (%s), package %s", i, cause, got, rp.specialType)
		}
		if got := packagePointType[p.PointType]; got != rp.pointType {
			t.Errorf("point %d: point type %s, package %s", i, p.PointType, rp.pointType)
		}
		lpl, upl := rp.lpl, rp.upl
		if !isFinite(lpl) || !isFinite(upl) {
			lpl, upl = math.NaN(), math.NaN() // both null, as Analyse shows them
		}
		for _, f := range []struct {
			name string
			got  *float64
			want float64
		}{{"mean", p.Mean, rp.mean}, {"lower limit", p.LowerLimit, lpl}, {"upper limit", p.UpperLimit, upl}} {
			if !sameNumber(f.got, f.want) {
				t.Errorf("point %d: %s %v, package %v", i, f.name, valueOf(f.got), f.want)
			}
		}
	}
	for k, s := range r.Segments {
		var first int
		for first = range r.Points {
			if r.Points[first].Segment == k {
				break
			}
		}
		if !sameNumber(s.MeanMovingRange, ref.points[first].amr) {
			t.Errorf("segment %d: mean moving range %v, package %v", k, valueOf(s.MeanMovingRange), ref.points[first].amr)
		}
	}
	if str(r.Variation) != ref.variation && !(r.Variation == nil && ref.variation == "") {
		t.Errorf("variation %s, package %q", str(r.Variation), ref.variation)
	}
	if got := str(r.Assurance); got != ref.assurance && !(r.Assurance == nil && ref.assurance == "") {
		t.Errorf("assurance %s, package %q", got, ref.assurance)
	}
}

// sameNumber compares a result number with the package's, where NaN and
// infinities are null in the result.
func sameNumber(got *float64, want float64) bool {
	if !isFinite(want) {
		return got == nil
	}
	if got == nil {
		return false
	}
	return *got == want || math.Abs(*got-want) <= 1e-12*math.Max(1, math.Abs(want))
}
