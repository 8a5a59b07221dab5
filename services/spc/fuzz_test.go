package spc

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// fuzzInput turns fuzz arguments into a valid Input. Each byte of data is a
// point: 0xFF is missing, 0xFE takes the next 8 bytes as a raw float64 (a
// non-finite one is missing), bytes below 0x80 are small integers (ties,
// constant stretches) and the rest tenths (means that float64 sums round).
// Bit i of rebaseMask (1 ≤ i < 64) rebases at point i; bit 0 adds a rebase
// date that matches no point.
func fuzzInput(data []byte, improvement uint8, baseline uint8, screen bool, rebaseMask uint64, target float64, hasTarget bool) Input {
	in := Input{
		Improvement:        []Improvement{Increase, Decrease, Neutral}[int(improvement)%3],
		ScreenMovingRanges: screen,
	}
	if baseline >= MinBaselinePoints {
		in.BaselinePoints = ptr(int(baseline))
	}
	if hasTarget && isFinite(target) {
		in.Target = &target
	}
	for i := 0; i < len(data) && len(in.Points) < MaxPoints; i++ {
		p := Point{Period: period(len(in.Points))}
		switch b := data[i]; {
		case b == 0xFF:
		case b == 0xFE && i+8 < len(data):
			v := math.Float64frombits(binary.LittleEndian.Uint64(data[i+1 : i+9]))
			i += 8
			if isFinite(v) {
				p.Value = &v
			}
		case b < 0x80:
			p.Value = ptr(float64(b % 16))
		default:
			p.Value = ptr(float64(b-0x80) / 10)
		}
		in.Points = append(in.Points, p)
	}
	for i := 1; i < 64; i++ {
		if rebaseMask&(1<<i) != 0 {
			in.Rebase = append(in.Rebase, period(i))
		}
	}
	if rebaseMask&1 != 0 {
		in.Rebase = append(in.Rebase, period(3).Add(36*time.Hour))
	}
	return in
}

func FuzzAnalyse(f *testing.F) {
	for _, ex := range loadExamples(f) {
		var r Request
		if err := json.Unmarshal(ex.Request, &r); err != nil {
			f.Fatal(err)
		}
		// Examples' values as raw float64s, to start from real series.
		var data []byte
		for _, p := range r.Points {
			if p.Value == nil {
				data = append(data, 0xFF)
				continue
			}
			data = append(data, 0xFE)
			data = binary.LittleEndian.AppendUint64(data, math.Float64bits(*p.Value))
		}
		target, hasTarget := 0.0, r.Target != nil
		if hasTarget {
			target = *r.Target
		}
		baseline := uint8(0)
		if r.BaselinePoints != nil {
			baseline = uint8(*r.BaselinePoints)
		}
		f.Add(data, uint8(0), baseline, r.ScreenMovingRanges == nil || *r.ScreenMovingRanges, uint64(0), target, hasTarget)
	}
	f.Add([]byte{}, uint8(0), uint8(0), true, uint64(0), 1.0, true)
	f.Add([]byte{5}, uint8(1), uint8(0), true, uint64(1), 1.0, true)
	f.Add([]byte{5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5}, uint8(2), uint8(12), false, uint64(0), 5.0, true)
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1, 0xFF, 1, 2, 3}, uint8(0), uint8(0), true, uint64(1<<7), 0.0, false)
	f.Add([]byte{0x81, 0x82, 0x83, 0x82, 0x82, 0x82, 0x82, 0x82, 0x82, 0x82, 0x83}, uint8(1), uint8(0), true, uint64(0), 0.0, false)

	f.Fuzz(func(t *testing.T, data []byte, improvement uint8, baseline uint8, screen bool, rebaseMask uint64, target float64, hasTarget bool) {
		in := fuzzInput(data, improvement, baseline, screen, rebaseMask, target, hasTarget)
		if errs := in.Validate(); len(errs) > 0 {
			t.Fatalf("fuzzInput made an invalid input: %v", errs)
		}
		r := Analyse(in)
		checkInvariants(t, in, r)
		if isConstant(in) {
			for i, p := range r.Points {
				if p.SpecialCause != nil {
					t.Errorf("constant series: point %d has special cause %s", i, *p.SpecialCause)
				}
			}
		}
		// The same periods and options with one value throughout.
		constant := in
		constant.Points = make([]Point, len(in.Points))
		for i, p := range in.Points {
			constant.Points[i] = Point{Period: p.Period}
			if p.Value != nil {
				constant.Points[i].Value = in.Points[0].Value
			}
		}
		for i, p := range Analyse(constant).Points {
			if p.SpecialCause != nil {
				t.Errorf("constant series: point %d has special cause %s", i, *p.SpecialCause)
			}
		}
		if len(in.Points) <= 2000 { // the transliteration is slow
			assertMatchesPackage(t, in, r)
		}
	})
}

// TestAnalyseMatchesPackageOnRandomSeries runs what the fuzz target checks
// over reproducible random series, so that plain `go test` compares Analyse
// with the package's definitions on more than hand-made cases.
func TestAnalyseMatchesPackageOnRandomSeries(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for range 500 {
		data := randomSeriesBytes(rng)
		in := fuzzInput(data, uint8(rng.IntN(3)), uint8(rng.IntN(30)), rng.IntN(4) != 0,
			rng.Uint64()&rng.Uint64()&rng.Uint64(), float64(rng.IntN(12)), rng.IntN(2) == 0)
		r := Analyse(in)
		checkInvariants(t, in, r)
		assertMatchesPackage(t, in, r)
		if t.Failed() {
			t.Fatalf("input: %x", data)
		}
	}
}

// randomSeriesBytes makes fuzzInput data from stretches of noise over few
// distinct values (ties, runs, two of three) and ramps of tenths (trends,
// some spoilt by an equal step or a missing value).
func randomSeriesBytes(rng *rand.Rand) []byte {
	var data []byte
	for len(data) < 60 && rng.IntN(8) != 0 {
		n := 3 + rng.IntN(9)
		if rng.IntN(3) == 0 {
			v, dir := 40+rng.IntN(40), 1-2*rng.IntN(2)
			for range n {
				switch r := rng.IntN(25); {
				case r == 0:
					data = append(data, 0xFF)
					continue
				case r > 1: // else an equal step
					v += dir * (1 + rng.IntN(3))
				}
				data = append(data, byte(0x80+v))
			}
			continue
		}
		alphabet := 1 + rng.IntN(6)
		for range n {
			switch r := rng.IntN(40); {
			case r == 0:
				data = append(data, 0xFF)
			case r < 20:
				data = append(data, byte(rng.IntN(alphabet)))
			default:
				data = append(data, byte(0x80+40+rng.IntN(10*alphabet)))
			}
		}
	}
	return data
}

func isConstant(in Input) bool {
	var first *float64
	for _, p := range in.Points {
		if p.Value == nil {
			continue
		}
		if first == nil {
			first = p.Value
		} else if *p.Value != *first {
			return false
		}
	}
	return true
}

var (
	allowedPointTypes = map[string]bool{PointImprovement: true, PointConcern: true, PointCommonCause: true, PointNeutralHigh: true, PointNeutralLow: true}
	allowedCauses     = map[string]bool{
		CauseAboveUpperLimit: true, CauseBelowLowerLimit: true, CauseTrendIncreasing: true, CauseTrendDecreasing: true,
		CauseTwoOfThreeAbove: true, CauseTwoOfThreeBelow: true, CauseRunAboveMean: true, CauseRunBelowMean: true,
	}
)

func checkInvariants(t *testing.T, in Input, r Result) {
	t.Helper()
	if len(r.Points) != len(in.Points) {
		t.Fatalf("got %d points, want %d", len(r.Points), len(in.Points))
	}
	assertAppendJSONMatches(t, r) // and so json.Marshal succeeds
	total := 0
	for k, s := range r.Segments {
		total += s.Points
		if s.Short != (s.Points < ShortSegmentPoints) {
			t.Errorf("segment %d: short %v with %d points", k, s.Short, s.Points)
		}
		if (s.LowerLimit == nil) != (s.UpperLimit == nil) {
			t.Errorf("segment %d: one limit without the other", k)
		}
		if s.LowerLimit == nil || s.Mean == nil {
			continue
		}
		l, m, u := *s.LowerLimit, *s.Mean, *s.UpperLimit
		scale := math.Max(math.Max(math.Abs(l), math.Abs(u)), math.Max(math.Abs(m), math.SmallestNonzeroFloat64))
		if math.Abs((u-m)-(m-l)) > 1e-9*scale || l > m || m > u {
			t.Errorf("segment %d: limits %v, %v around mean %v are not symmetric", k, l, u, m)
		}
	}
	if total != len(in.Points) || (len(in.Points) > 0) != (len(r.Segments) > 0) {
		t.Errorf("segments hold %d points, want %d", total, len(in.Points))
	}
	for i, p := range r.Points {
		if !allowedPointTypes[p.PointType] {
			t.Errorf("point %d: point type %q", i, p.PointType)
		}
		if p.SpecialCause == nil {
			if p.PointType != PointCommonCause {
				t.Errorf("point %d: no special cause but point type %s", i, p.PointType)
			}
		} else if !allowedCauses[*p.SpecialCause] || p.PointType == PointCommonCause {
			t.Errorf("point %d: special cause %q with point type %s", i, *p.SpecialCause, p.PointType)
		}
		if p.Value == nil && p.SpecialCause != nil {
			t.Errorf("point %d: missing value with special cause %s", i, *p.SpecialCause)
		}
	}
	if (r.Variation == nil) != (len(in.Points) == 0) {
		t.Errorf("variation %s for %d points", str(r.Variation), len(in.Points))
	}
}
