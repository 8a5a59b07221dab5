package spc

import (
	"encoding/json"
	"math"
	"testing"
	"time"
)

type ruleCase struct {
	name  string
	input Input
	// causes lists each point's special cause; every other point must be
	// common cause.
	causes map[int]string
	// types optionally lists point types to check; others are not checked
	// beyond following from the cause.
	types     map[int]string
	variation *string
	assurance *string
	check     func(t *testing.T, r Result)
}

func ruleCases() []ruleCase {
	return []ruleCase{
		{
			name:      "run of seven below mean is a shift",
			input:     frozen(concat(baseline12(), []float64{9, 9.5, 9, 9.5, 9, 9.5, 9})),
			causes:    causes(CauseRunBelowMean, afterBaseline(0, 1, 2, 3, 4, 5, 6)),
			types:     map[int]string{patternStart: PointConcern},
			variation: ptr(VariationConcernLow),
		},
		{
			name:      "run of eight flags all eight",
			input:     frozen(concat(baseline12(), []float64{11, 10.5, 11, 10.5, 11, 10.5, 11, 10.5})),
			causes:    causes(CauseRunAboveMean, afterBaseline(0, 1, 2, 3, 4, 5, 6, 7)),
			types:     map[int]string{patternStart: PointImprovement},
			variation: ptr(VariationImprovementHigh),
		},
		{
			name:  "run of six is not a shift",
			input: frozen(concat(baseline12(), []float64{9, 9.5, 9, 9.5, 9, 9.5, 11})),
		},
		{
			name:  "missing value breaks a run",
			input: frozen(concat(baseline12(), []float64{9, 9.5, 9, na, 9.5, 9, 9.5, 9})),
		},
		{
			name:  "point exactly on the mean spoils a run",
			input: frozen(concat(baseline12(), []float64{9, 9.5, 9, 10, 9.5, 9, 9.5, 9})),
		},
		{
			name:   "trend of six steps up is seven points",
			input:  frozen(concat(baseline12(), []float64{8, 9, 9.5, 10.5, 11, 12, 13, 10})),
			causes: causes(CauseTrendIncreasing, afterBaseline(0, 1, 2, 3, 4, 5, 6)),
			types:  map[int]string{patternStart: PointImprovement},
		},
		{
			name:  "trend of five steps is not a trend",
			input: frozen(concat(baseline12(), []float64{8, 9, 9.5, 10.5, 11, 12, 10})),
		},
		{
			name:   "falling trend is concern when higher is better",
			input:  frozen(concat(baseline12(), []float64{12, 11, 10.5, 9.5, 9, 8, 7})),
			causes: causes(CauseTrendDecreasing, afterBaseline(0, 1, 2, 3, 4, 5, 6)),
			types:  map[int]string{patternStart: PointConcern},
		},
		{
			name:  "equal values break a trend",
			input: frozen(concat(baseline12(), []float64{8, 9, 9.5, 9.5, 10.5, 11, 12, 13})),
		},
		{
			name:  "missing value breaks a trend",
			input: frozen(concat(baseline12(), []float64{8, 9, 9.5, na, 10.5, 11, 12, 13})),
		},
		{
			// The package labels a trend point by the step to the next
			// point when that is also in a trend: the peak of a rise
			// followed by a fall reads as decreasing (SPC.md).
			name:  "peak between a rising and a falling trend reads as decreasing",
			input: frozen(concat(baseline12(), []float64{7, 8, 9, 10.5, 11, 12, 13, 12, 11, 10.5, 9.5, 9, 8, 8})),
			causes: causes(CauseTrendIncreasing, afterBaseline(0, 1, 2, 3, 4, 5),
				causes(CauseTrendDecreasing, afterBaseline(6, 7, 8, 9, 10, 11, 12))),
			types: map[int]string{patternStart + 6: PointConcern},
		},
		{
			name:  "trough between a falling and a rising trend reads as increasing",
			input: frozen(concat(baseline12(), []float64{13, 12, 11, 10.5, 9.5, 9, 8, 9, 9.5, 10.5, 11, 12, 13, 13})),
			causes: causes(CauseTrendDecreasing, afterBaseline(0, 1, 2, 3, 4, 5),
				causes(CauseTrendIncreasing, afterBaseline(6, 7, 8, 9, 10, 11, 12))),
			types: map[int]string{patternStart + 6: PointImprovement},
		},
		{
			// Two rising trends joined by an equal step: the end of the
			// first is labelled by the step to the next trend point, which
			// is not up, so it reads as decreasing (SPC.md).
			name:  "equal step to the next trend reads as decreasing",
			input: frozen(concat(baseline12(), []float64{5, 6, 7, 8, 9, 10.5, 11, 11, 11.5, 12, 12.5, 13, 13.5, 14, 10})),
			causes: causes(CauseTrendIncreasing, afterBaseline(0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13),
				causes(CauseTrendDecreasing, afterBaseline(6))),
			types: map[int]string{patternStart + 6: PointConcern},
		},
		{
			// The last point of a trend has no next trend point, so it is
			// labelled by the step from the previous point.
			name:      "trend label at the end of the series uses the step from the previous point",
			input:     frozen(concat(baseline12(), []float64{8, 9, 9.5, 10.5, 11, 12, 13})),
			causes:    causes(CauseTrendIncreasing, afterBaseline(0, 1, 2, 3, 4, 5, 6)),
			variation: ptr(VariationImprovementHigh),
		},
		{
			name:   "two of three near the upper limit flags only the near points",
			input:  frozen(concat(baseline12(), []float64{14, 11, 14, 9})),
			causes: causes(CauseTwoOfThreeAbove, afterBaseline(0, 2)),
			types:  map[int]string{patternStart: PointImprovement},
		},
		{
			name:   "two of three near the lower limit",
			input:  frozen(concat(baseline12(), []float64{6, 6.2, 9, 11})),
			causes: causes(CauseTwoOfThreeBelow, afterBaseline(0, 1)),
			types:  map[int]string{patternStart: PointConcern},
		},
		{
			name:  "point exactly on the mean spoils two of three",
			input: frozen(concat(baseline12(), []float64{14, 10, 14, 9})),
		},
		{
			// issue #143 of the package
			name:  "near points on opposite sides of the mean are not two of three",
			input: frozen(concat(baseline12(), []float64{14, 11, 6, 9})),
		},
		{
			name:   "points beyond the limits do not count as near",
			input:  frozen(concat(baseline12(), []float64{14, 16, 11, 9})),
			causes: causes(CauseAboveUpperLimit, afterBaseline(1)),
		},
		{
			name:   "missing value spoils two of three",
			input:  frozen(concat(baseline12(), []float64{14, na, 14, 9})),
			causes: nil,
		},
		{
			name:   "point beyond the upper limit",
			input:  frozen(concat(baseline12(), []float64{16})),
			causes: causes(CauseAboveUpperLimit, afterBaseline(0)),
			types:  map[int]string{patternStart: PointImprovement},
		},
		{
			name:      "point beyond the lower limit is concern when higher is better",
			input:     frozen(concat(baseline12(), []float64{4})),
			causes:    causes(CauseBelowLowerLimit, afterBaseline(0)),
			types:     map[int]string{patternStart: PointConcern},
			variation: ptr(VariationConcernLow),
		},
		{
			name:   "outside the limits outranks a trend",
			input:  frozen(concat(baseline12(), []float64{8, 9, 10.5, 11, 12, 13, 16, 10})),
			causes: causes(CauseTrendIncreasing, afterBaseline(0, 1, 2, 3, 4, 5), causes(CauseAboveUpperLimit, afterBaseline(6))),
		},
		{
			name:   "trend outranks two of three",
			input:  frozen(concat(baseline12(), []float64{9, 11, 12, 13, 13.6, 14, 14.5, 10})),
			causes: causes(CauseTrendIncreasing, afterBaseline(0, 1, 2, 3, 4, 5, 6)),
		},
		{
			name:   "two of three outranks a run",
			input:  frozen(concat(baseline12(), []float64{11, 11, 14, 11, 14, 11, 11, 10})),
			causes: causes(CauseRunAboveMean, afterBaseline(0, 1, 3, 5, 6), causes(CauseTwoOfThreeAbove, afterBaseline(2, 4))),
		},
		{
			name:  "constant series has no limits and no signals",
			input: with(plain(Increase, repeat(5, 20)...), func(in *Input) { in.Target = ptr(4.0) }),
			check: func(t *testing.T, r Result) {
				s := r.Segments[0]
				assertFloat(t, "mean", s.Mean, ptr(5.0))
				assertFloat(t, "mean moving range", s.MeanMovingRange, nil)
				assertFloat(t, "lower limit", s.LowerLimit, nil)
				assertFloat(t, "upper limit", s.UpperLimit, nil)
			},
			variation: ptr(VariationCommonCause),
			assurance: ptr(AssuranceInconsistent),
		},
		{
			// The package's mean(): a naive float64 mean of 0.1, 0.2, 0.3
			// is 0.20000000000000004 and would put the 0.2s below it.
			name: "value equal to a mean that float64 summation would miss is on the mean",
			// The 0.1 and 0.3 are outside limits of 0.2 ± 2.66 × 0.025; the
			// seven 0.2s are on the mean, not a run below it.
			input:  plain(Increase, concat(repeat(0.1, 1), repeat(0.2, 7), repeat(0.3, 1))...),
			causes: map[int]string{0: CauseBelowLowerLimit, 8: CauseAboveUpperLimit},
			check: func(t *testing.T, r Result) {
				if m := r.Segments[0].Mean; m == nil || *m != 0.2 {
					t.Errorf("mean = %v, want exactly 0.2", valueOf(m))
				}
			},
		},
		{
			// Without screening a zero mean moving range stays zero (the
			// package's mean of zeros), so the limits sit on the mean.
			name:  "constant series without screening has limits on the mean and no signals",
			input: with(plain(Increase, repeat(5, 20)...), func(in *Input) { in.ScreenMovingRanges = false }),
			check: func(t *testing.T, r Result) {
				s := r.Segments[0]
				assertFloat(t, "mean moving range", s.MeanMovingRange, ptr(0.0))
				assertFloat(t, "lower limit", s.LowerLimit, ptr(5.0))
				assertFloat(t, "upper limit", s.UpperLimit, ptr(5.0))
			},
		},
		{
			name:   "constant baseline without screening puts any change outside the limits",
			input:  with(frozen(concat(repeat(5, 12), []float64{6, 5})), func(in *Input) { in.ScreenMovingRanges = false }),
			causes: causes(CauseAboveUpperLimit, []int{12}),
		},
		{
			name:  "constant baseline with screening has no limits so a change is common cause",
			input: frozen(concat(repeat(5, 12), []float64{6, 5})),
		},
		{
			name:  "single point has a mean and no limits",
			input: with(plain(Decrease, 42), func(in *Input) { in.Target = ptr(40.0) }),
			check: func(t *testing.T, r Result) {
				s := r.Segments[0]
				assertFloat(t, "mean", s.Mean, ptr(42.0))
				assertFloat(t, "mean moving range", s.MeanMovingRange, nil)
				assertFloat(t, "upper limit", s.UpperLimit, nil)
				if !s.Short || s.Points != 1 {
					t.Errorf("segment = %+v, want 1 point, short", s)
				}
			},
			variation: ptr(VariationCommonCause),
			assurance: ptr(AssuranceInconsistent),
		},
		{
			name:  "empty series has no segments and no icons",
			input: with(plain(Increase), func(in *Input) { in.Target = ptr(1.0) }),
			check: func(t *testing.T, r Result) {
				b, err := json.Marshal(r)
				if err != nil {
					t.Fatal(err)
				}
				want := `{"points":[],"segments":[],"variation":null,"assurance":null}`
				if string(b) != want {
					t.Errorf("JSON = %s, want %s", b, want)
				}
			},
		},
		{
			name:  "segment shorter than seven has no trend or run",
			input: plain(Increase, 1, 2, 3, 4, 5, 6),
			check: func(t *testing.T, r Result) {
				if !r.Segments[0].Short {
					t.Error("segment of 6 points is not short")
				}
			},
		},
		{
			name:  "trend does not cross a rebase",
			input: with(plain(Increase, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), func(in *Input) { in.Rebase = []time.Time{period(6)} }),
			check: func(t *testing.T, r Result) {
				if len(r.Segments) != 2 || r.Points[6].Segment != 1 || r.Points[5].Segment != 0 {
					t.Errorf("segments = %+v, want two starting at points 0 and 6", r.Segments)
				}
			},
		},
		{
			// Mean 6.5 ± 2.66: the ends are outside the limits, which
			// outranks the trend.
			name:  "without the rebase the same series is one trend",
			input: plain(Increase, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
			causes: causes(CauseTrendIncreasing, span(3, 8),
				causes(CauseBelowLowerLimit, span(0, 2)), causes(CauseAboveUpperLimit, span(9, 11))),
		},
		{
			name:  "rebase splits moving ranges",
			input: with(plain(Increase, 10, 11, 10, 11, 10, 11, 20, 20, 21, 20, 20, 21), func(in *Input) { in.Rebase = []time.Time{period(6)} }),
			check: func(t *testing.T, r Result) {
				assertFloat(t, "segment 0 mean moving range", r.Segments[0].MeanMovingRange, ptr(1.0))
				// 0, 1, 1, 0, 1: the 11 → 20 across the boundary is not one.
				assertFloat(t, "segment 1 mean moving range", r.Segments[1].MeanMovingRange, ptr(0.6))
				assertFloat(t, "segment 1 mean", r.Segments[1].Mean, ptr(122.0/6))
				if r.Segments[1].Start.String() != "2020-07-01" {
					t.Errorf("segment 1 starts %s, want 2020-07-01", r.Segments[1].Start)
				}
			},
		},
		{
			name: "rebase date that matches no point has no effect",
			input: with(frozen(concat(baseline12(), []float64{9, 9.5, 9, 9.5, 9, 9.5, 9})), func(in *Input) {
				in.Rebase = []time.Time{period(15).AddDate(0, 0, 14), time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC)}
			}),
			causes: causes(CauseRunBelowMean, afterBaseline(0, 1, 2, 3, 4, 5, 6)),
			check: func(t *testing.T, r Result) {
				if len(r.Segments) != 1 {
					t.Errorf("got %d segments, want 1", len(r.Segments))
				}
			},
		},
		{
			name:  "rebase at the first point has no effect",
			input: with(plain(Increase, 1, 2, 1, 2), func(in *Input) { in.Rebase = []time.Time{period(0)} }),
			check: func(t *testing.T, r Result) {
				if len(r.Segments) != 1 || r.Points[0].Segment != 0 {
					t.Errorf("segments = %+v, want one", r.Segments)
				}
			},
		},
		{
			name: "rebase matches on the calendar day whatever the time and zone",
			input: with(plain(Increase, 1, 2, 1, 2, 5, 6, 5, 6), func(in *Input) {
				in.Rebase = []time.Time{period(4).Add(13 * time.Hour).In(time.FixedZone("BST", 3600))}
			}),
			check: func(t *testing.T, r Result) {
				if len(r.Segments) != 2 || r.Points[4].Segment != 1 {
					t.Errorf("segments = %+v, want a rebase at point 4", r.Segments)
				}
			},
		},
		{
			name:   "baseline freezes the limits and later points are judged against them",
			input:  frozen(concat(baseline12(), []float64{16, 30, 30})),
			causes: causes(CauseAboveUpperLimit, afterBaseline(0, 1, 2)),
			check: func(t *testing.T, r Result) {
				s := r.Segments[0]
				assertFloat(t, "mean", s.Mean, ptr(10.0))
				assertFloat(t, "mean moving range", s.MeanMovingRange, ptr(2.0))
				assertFloat(t, "upper limit", s.UpperLimit, ptr(15.32))
				assertFloat(t, "point mean", r.Points[patternStart+2].Mean, ptr(10.0))
			},
		},
		{
			name: "baseline counts missing points",
			// the first 12 rows hold 10 values (mean 11); the 12th value,
			// 100, is the 14th row and outside the baseline.
			input:  frozen([]float64{10, 12, na, 11, 10, 12, na, 11, 10, 12, 11, 11, 11, 100}),
			causes: causes(CauseAboveUpperLimit, []int{13}),
			check: func(t *testing.T, r Result) {
				assertFloat(t, "mean", r.Segments[0].Mean, ptr(11.0))
				if r.Segments[0].Points != 14 {
					t.Errorf("segment has %d points, want 14 (missing ones count)", r.Segments[0].Points)
				}
			},
		},
		{
			name: "baseline applies to each segment from its own start",
			input: with(frozen(concat([]float64{1, 2, 1, 2, 1, 2}, baseline12(), []float64{16})), func(in *Input) {
				in.Rebase = []time.Time{period(6)}
			}),
			causes: causes(CauseAboveUpperLimit, []int{6 + patternStart}),
			check: func(t *testing.T, r Result) {
				assertFloat(t, "segment 1 mean", r.Segments[1].Mean, ptr(10.0))
			},
		},
		{
			name:   "segment whose baseline has no values has no mean or limits but trends still count",
			input:  frozen(concat(repeat(na, 12), []float64{1, 2, 3, 4, 5, 6, 7})),
			causes: causes(CauseTrendIncreasing, span(12, 18)),
			check: func(t *testing.T, r Result) {
				s := r.Segments[0]
				if s.Mean != nil || s.LowerLimit != nil || s.MeanMovingRange != nil {
					t.Errorf("segment = %+v, want no mean, limits or moving range", s)
				}
			},
		},
		{
			name: "screening drops large moving ranges before the limits",
			// moving ranges eleven 1s and a 5: mean 16/12, 3.267 × that is
			// 4.356, so the 5 goes and the mean moving range is 1.
			input:  plain(Increase, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 7),
			causes: causes(CauseAboveUpperLimit, []int{12}),
			check: func(t *testing.T, r Result) {
				assertFloat(t, "mean moving range", r.Segments[0].MeanMovingRange, ptr(1.0))
				assertFloat(t, "upper limit", r.Segments[0].UpperLimit, ptr(25.0/13+2.66))
			},
		},
		{
			name:   "without screening every moving range counts",
			input:  with(plain(Increase, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 7), func(in *Input) { in.ScreenMovingRanges = false }),
			causes: causes(CauseAboveUpperLimit, []int{12}),
			check: func(t *testing.T, r Result) {
				assertFloat(t, "mean moving range", r.Segments[0].MeanMovingRange, ptr(16.0/12))
				assertFloat(t, "upper limit", r.Segments[0].UpperLimit, ptr(25.0/13+2.66*16/12))
			},
		},
		{
			name:      "assurance fails when the target is above the upper limit and higher is better",
			input:     with(frozen(baseline12()), func(in *Input) { in.Target = ptr(16.0) }),
			assurance: ptr(AssuranceFail),
		},
		{
			name:      "assurance passes when the target is below the lower limit and higher is better",
			input:     with(frozen(baseline12()), func(in *Input) { in.Target = ptr(4.0) }),
			assurance: ptr(AssurancePass),
		},
		{
			name:      "assurance is inconsistent when the target is within the limits",
			input:     with(frozen(baseline12()), func(in *Input) { in.Target = ptr(10.0) }),
			assurance: ptr(AssuranceInconsistent),
		},
		{
			name:      "assurance is inconsistent when the target is exactly on a limit",
			input:     with(frozen(baseline12()), func(in *Input) { in.Target = ptr(10 + float64(2.66*2.0)) }),
			assurance: ptr(AssuranceInconsistent),
		},
		{
			name:      "assurance passes when the target is above the upper limit and lower is better",
			input:     with(frozen(baseline12()), func(in *Input) { in.Target = ptr(16.0); in.Improvement = Decrease }),
			assurance: ptr(AssurancePass),
		},
		{
			name:      "assurance fails when the target is below the lower limit and lower is better",
			input:     with(frozen(baseline12()), func(in *Input) { in.Target = ptr(4.0); in.Improvement = Decrease }),
			assurance: ptr(AssuranceFail),
		},
		{
			name:      "assurance is inconsistent within the limits when lower is better",
			input:     with(frozen(baseline12()), func(in *Input) { in.Target = ptr(10.0); in.Improvement = Decrease }),
			assurance: ptr(AssuranceInconsistent),
		},
		{
			name: "assurance uses the latest segment's limits",
			input: with(plain(Decrease, 30, 32, 30, 32, 30, 32, 20, 21, 20, 21, 20, 21), func(in *Input) {
				in.Target = ptr(25.0)
				in.Rebase = []time.Time{period(6)}
			}),
			assurance: ptr(AssurancePass),
		},
		{
			name:      "no target, no assurance",
			input:     frozen(baseline12()),
			assurance: nil,
			variation: ptr(VariationCommonCause),
		},
		{
			name: "neutral measure colours high and low special causes neutral and has no assurance",
			input: with(frozen(concat(baseline12(), []float64{16, 10, 9, 9.5, 9, 9.5, 9, 9.5, 9})), func(in *Input) {
				in.Improvement = Neutral
				in.Target = ptr(4.0)
			}),
			causes: causes(CauseRunBelowMean, afterBaseline(2, 3, 4, 5, 6, 7, 8), causes(CauseAboveUpperLimit, afterBaseline(0))),
			types: map[int]string{
				patternStart:     PointNeutralHigh,
				patternStart + 1: PointCommonCause,
				patternStart + 2: PointNeutralLow,
			},
			variation: ptr(VariationNeutralLow),
			assurance: nil,
		},
		{
			name:      "neutral variation icon for a high special cause",
			input:     with(frozen(concat(baseline12(), []float64{16})), func(in *Input) { in.Improvement = Neutral }),
			causes:    causes(CauseAboveUpperLimit, afterBaseline(0)),
			variation: ptr(VariationNeutralHigh),
		},
		{
			name:      "run below the mean is improvement when lower is better",
			input:     with(frozen(concat(baseline12(), []float64{9, 9.5, 9, 9.5, 9, 9.5, 9})), func(in *Input) { in.Improvement = Decrease }),
			causes:    causes(CauseRunBelowMean, afterBaseline(0, 1, 2, 3, 4, 5, 6)),
			types:     map[int]string{patternStart: PointImprovement},
			variation: ptr(VariationImprovementLow),
		},
		{
			name:      "point above the upper limit is concern when lower is better",
			input:     with(frozen(concat(baseline12(), []float64{16})), func(in *Input) { in.Improvement = Decrease }),
			causes:    causes(CauseAboveUpperLimit, afterBaseline(0)),
			types:     map[int]string{patternStart: PointConcern},
			variation: ptr(VariationConcernHigh),
		},
		{
			name:      "missing last point gives a common cause variation icon",
			input:     frozen(concat(baseline12(), []float64{16, na})),
			causes:    causes(CauseAboveUpperLimit, afterBaseline(0)),
			variation: ptr(VariationCommonCause),
		},
		{
			name:  "twelve points is a short segment",
			input: plain(Increase, repeat(1, 12)...),
			check: func(t *testing.T, r Result) {
				if !r.Segments[0].Short {
					t.Error("12 points: short = false, want true")
				}
			},
		},
		{
			name:  "thirteen points is not a short segment",
			input: plain(Increase, repeat(1, 13)...),
			check: func(t *testing.T, r Result) {
				if r.Segments[0].Short {
					t.Error("13 points: short = true, want false")
				}
			},
		},
	}
}

func TestAnalyseRules(t *testing.T) {
	for _, tc := range ruleCases() {
		t.Run(tc.name, func(t *testing.T) {
			if errs := tc.input.Validate(); len(errs) > 0 {
				t.Fatalf("test input is invalid: %v", errs)
			}
			r := Analyse(tc.input)
			if len(r.Points) != len(tc.input.Points) {
				t.Fatalf("got %d points, want %d", len(r.Points), len(tc.input.Points))
			}
			for i, p := range r.Points {
				want, special := tc.causes[i]
				switch {
				case special && (p.SpecialCause == nil || *p.SpecialCause != want):
					t.Errorf("point %d (%v): special cause %s, want %s", i, valueOf(p.Value), str(p.SpecialCause), want)
				case !special && p.SpecialCause != nil:
					t.Errorf("point %d (%v): special cause %s, want none", i, valueOf(p.Value), *p.SpecialCause)
				case !special && p.PointType != PointCommonCause:
					t.Errorf("point %d: point type %s, want common_cause", i, p.PointType)
				}
				if want, ok := tc.types[i]; ok && p.PointType != want {
					t.Errorf("point %d: point type %s, want %s", i, p.PointType, want)
				}
			}
			if tc.variation != nil && str(r.Variation) != *tc.variation {
				t.Errorf("variation = %s, want %s", str(r.Variation), *tc.variation)
			}
			if str(r.Assurance) != str(tc.assurance) {
				t.Errorf("assurance = %s, want %s", str(r.Assurance), str(tc.assurance))
			}
			if tc.check != nil {
				tc.check(t, r)
			}
			if _, err := json.Marshal(r); err != nil {
				t.Errorf("marshal: %v", err)
			}
			assertMatchesPackage(t, tc.input, r)
		})
	}
}

func TestAnalyseTreatsNonFiniteValuesAsMissing(t *testing.T) {
	in := plain(Increase, 1, 2, 1, 2, 1, 2, 1)
	in.Points[3].Value = ptr(math.Inf(1))
	in.Points[4].Value = ptr(math.NaN())
	r := Analyse(in)
	if r.Points[3].Value != nil || r.Points[4].Value != nil {
		t.Errorf("non-finite values = %v, %v, want null", valueOf(r.Points[3].Value), valueOf(r.Points[4].Value))
	}
	if _, err := json.Marshal(r); err != nil {
		t.Errorf("marshal: %v", err)
	}
}

func TestAnalyseTreatsAnUnknownImprovementAsNeutral(t *testing.T) {
	in := frozen(concat(baseline12(), []float64{16}))
	in.Improvement = "sideways"
	in.Target = ptr(1.0)
	r := Analyse(in)
	if got := r.Points[patternStart].PointType; got != PointNeutralHigh {
		t.Errorf("point type = %s, want neutral_high", got)
	}
	if r.Assurance != nil {
		t.Errorf("assurance = %s, want null", *r.Assurance)
	}
}

func TestAnalyseHugeValuesStayFinite(t *testing.T) {
	// The sum overflows float64 but not the mean; the package's long double
	// sum does not overflow either.
	in := plain(Increase, math.MaxFloat64, math.MaxFloat64, math.MaxFloat64, -math.MaxFloat64)
	r := Analyse(in)
	assertFloat(t, "mean", r.Segments[0].Mean, ptr(math.MaxFloat64/2))
	if _, err := json.Marshal(r); err != nil {
		t.Errorf("marshal: %v", err)
	}
}

func TestAnalyseShowsBothLimitsOrNeither(t *testing.T) {
	// Mean 1.65e308 and mean moving range 1e307: the upper limit overflows,
	// the lower does not.
	in := plain(Increase, 1.7e308, 1.6e308, 1.7e308, 1.6e308)
	r := Analyse(in)
	s := r.Segments[0]
	if s.LowerLimit != nil || s.UpperLimit != nil || r.Points[0].LowerLimit != nil {
		t.Errorf("limits = %v, %v, want both null", valueOf(s.LowerLimit), valueOf(s.UpperLimit))
	}
	assertFloat(t, "mean", s.Mean, ptr(1.65e308))
	assertMatchesPackage(t, in, r)
}

func TestResultsShareNoStrings(t *testing.T) {
	in := frozen(concat(baseline12(), []float64{16}))
	a, b := Analyse(in), Analyse(in)
	*a.Points[patternStart].SpecialCause = "changed"
	*a.Variation = "changed"
	if *b.Points[patternStart].SpecialCause != CauseAboveUpperLimit || *b.Variation != VariationImprovementHigh {
		t.Error("changing one result changed another")
	}
}

func TestColour(t *testing.T) {
	for pointType, want := range map[string]string{
		PointImprovement: "#00B0F0",
		PointConcern:     "#E46C0A",
		PointCommonCause: "#A6A6A6",
		PointNeutralHigh: "#490092",
		PointNeutralLow:  "#490092",
		"nonsense":       "",
	} {
		if got := Colour(pointType); got != want {
			t.Errorf("Colour(%q) = %q, want %q", pointType, got, want)
		}
	}
}
