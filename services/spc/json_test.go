package spc

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// assertAppendJSONMatches checks AppendJSON against encoding/json, which is
// the definition of the wire format: a field added to a result type and not
// to AppendJSON fails here.
func assertAppendJSONMatches(t *testing.T, r Result) {
	t.Helper()
	want, err := json.Marshal(r)
	if err != nil {
		t.Fatalf("json.Marshal: %v", err)
	}
	got, err := r.AppendJSON([]byte("prefix"))
	if err != nil {
		t.Fatalf("AppendJSON: %v", err)
	}
	if !bytes.HasPrefix(got, []byte("prefix")) || !bytes.Equal(got[len("prefix"):], want) {
		t.Errorf("AppendJSON differs from json.Marshal:\n got %s\nwant %s", got, want)
	}
}

func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	t.Run("worked examples", func(t *testing.T) {
		for _, ex := range loadExamples(t) {
			assertAppendJSONMatches(t, Analyse(decodeRequest(t, ex.Request).Input()))
		}
	})
	t.Run("rule cases", func(t *testing.T) {
		for _, tc := range ruleCases() {
			assertAppendJSONMatches(t, Analyse(tc.input))
		}
	})
	t.Run("random series", func(t *testing.T) {
		rng := rand.New(rand.NewPCG(3, 5))
		for range 200 {
			in := fuzzInput(randomSeriesBytes(rng), uint8(rng.IntN(3)), uint8(rng.IntN(30)), true, rng.Uint64(), 5, true)
			assertAppendJSONMatches(t, Analyse(in))
		}
	})
	t.Run("numbers, strings and dates encoding/json writes specially", func(t *testing.T) {
		odd := []float64{0, math.Copysign(0, -1), 1e-7, -1e-7, 1e21, 1e20, 123456789.123456789, 5e-324, math.MaxFloat64, 1e-6, 0.000001234}
		var r Result
		for i, v := range odd {
			r.Points = append(r.Points, PointResult{
				Period:       NewDate(1+i*1000, time.December, 31),
				Value:        ptr(v),
				Segment:      i,
				Mean:         ptr(-v),
				SpecialCause: ptr(`a "quoted" <label> & é`),
				PointType:    "tab\there",
			})
		}
		r.Segments = []Segment{{Start: NewDate(10000, 1, 1), Points: 3, Mean: ptr(1e-9), Short: true}, {}}
		assertAppendJSONMatches(t, r)
	})
	t.Run("nil and empty slices", func(t *testing.T) {
		assertAppendJSONMatches(t, Result{})
		assertAppendJSONMatches(t, Analyse(Input{}))
	})
}

func TestAppendJSONRejectsNonFiniteNumbers(t *testing.T) {
	r := Result{Points: []PointResult{{Value: ptr(math.Inf(1))}}}
	if _, err := r.AppendJSON(nil); err == nil {
		t.Error("AppendJSON of +Inf: no error")
	}
}

func BenchmarkEncode(b *testing.B) {
	r := Analyse(dailySeries(1826))
	b.Run("json.Marshal", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(r); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("AppendJSON", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := r.AppendJSON(nil); err != nil {
				b.Fatal(err)
			}
		}
	})
}
