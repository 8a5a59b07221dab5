package spc

import (
	"math"
	"slices"
	"testing"
	"time"
)

// na marks a missing value in a test series.
var na = math.NaN()

// firstPeriod is where test series start; they are monthly.
var firstPeriod = time.Date(2020, time.January, 1, 0, 0, 0, 0, time.UTC)

func period(i int) time.Time { return firstPeriod.AddDate(0, i, 0) }

// series builds monthly points from values; na is a missing value.
func series(values ...float64) []Point {
	pts := make([]Point, len(values))
	for i, v := range values {
		pts[i].Period = period(i)
		if !math.IsNaN(v) {
			pts[i].Value = &v
		}
	}
	return pts
}

func concat(parts ...[]float64) []float64 { return slices.Concat(parts...) }

func repeat(v float64, n int) []float64 { return slices.Repeat([]float64{v}, n) }

func ptr[T any](v T) *T { return &v }

// baseline12 alternates 9 and 11: mean 10, every moving range 2, so with
// baseline_points 12 the limits are 10 ± 5.32 (4.68 to 15.32) and the
// two-sigma lines 10 ± 3.5467 (6.4533 to 13.5467). It has no special cause
// of its own. Test patterns follow a separator on the mean (index 12), so
// they start at index 13 with no run carried in.
func baseline12() []float64 { return []float64{9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 10} }

const patternStart = 13

// afterBaseline returns the indexes patternStart+offsets, for expectations.
func afterBaseline(offsets ...int) []int {
	out := make([]int, len(offsets))
	for i, o := range offsets {
		out[i] = patternStart + o
	}
	return out
}

func span(from, to int) []int {
	var out []int
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

// causes builds an expectation: the listed indexes have cause c.
func causes(c string, idx []int, more ...map[int]string) map[int]string {
	m := map[int]string{}
	for _, i := range idx {
		m[i] = c
	}
	for _, extra := range more {
		for i, v := range extra {
			m[i] = v
		}
	}
	return m
}

func frozen(values []float64) Input {
	return Input{Points: series(values...), Improvement: Increase, BaselinePoints: ptr(12), ScreenMovingRanges: true}
}

func plain(imp Improvement, values ...float64) Input {
	return Input{Points: series(values...), Improvement: imp, ScreenMovingRanges: true}
}

func with(in Input, f func(*Input)) Input {
	f(&in)
	return in
}

func assertFloat(t *testing.T, name string, got, want *float64) {
	t.Helper()
	switch {
	case want == nil && got != nil:
		t.Errorf("%s = %v, want null", name, *got)
	case want != nil && got == nil:
		t.Errorf("%s = null, want %v", name, *want)
	case want != nil && math.Abs(*got-*want) > 1e-9*math.Max(1, math.Abs(*want)):
		t.Errorf("%s = %v, want %v", name, *got, *want)
	}
}

func str(s *string) string {
	if s == nil {
		return "<null>"
	}
	return *s
}

func valueOf(f *float64) any {
	if f == nil {
		return "null"
	}
	return *f
}
