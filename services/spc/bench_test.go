package spc

import (
	"math/rand/v2"
	"strconv"
	"testing"
	"time"
)

// dailySeries is a reproducible daily series of n points: noise around a
// level that shifts twice, with one value in fifty missing and a rebase at
// each shift, like a standard's series after two adopted changes.
func dailySeries(n int) Input {
	rng := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2021, time.January, 1, 0, 0, 0, 0, time.UTC)
	in := Input{
		Points:             make([]Point, n),
		Improvement:        Increase,
		Target:             ptr(95.0),
		ScreenMovingRanges: true,
	}
	values := make([]float64, n)
	for i := range in.Points {
		in.Points[i].Period = start.AddDate(0, 0, i)
		level := 97.0
		switch {
		case i >= 2*n/3:
			level = 99
			if i == 2*n/3 {
				in.Rebase = append(in.Rebase, in.Points[i].Period)
			}
		case i >= n/3:
			level = 98
			if i == n/3 {
				in.Rebase = append(in.Rebase, in.Points[i].Period)
			}
		}
		if rng.IntN(50) != 0 {
			values[i] = level + rng.NormFloat64()*0.5
			in.Points[i].Value = &values[i]
		}
	}
	return in
}

func BenchmarkAnalyse(b *testing.B) {
	for _, n := range []int{1826, MaxPoints} { // five years of days; the most allowed
		in := dailySeries(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Analyse(in)
			}
		})
	}
}

func TestBenchmarkSeriesIsValidAndRealistic(t *testing.T) {
	in := dailySeries(1826)
	if errs := in.Validate(); len(errs) > 0 {
		t.Fatalf("benchmark series is invalid: %v", errs)
	}
	r := Analyse(in)
	checkInvariants(t, in, r)
	if len(r.Segments) != 3 {
		t.Errorf("got %d segments, want 3", len(r.Segments))
	}
}
