package spc

import (
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestValidate(t *testing.T) {
	valid := func() Input { return plain(Increase, 1, 2, na, 3) }
	tests := []struct {
		name   string
		input  Input
		fields []string
	}{
		{name: "valid input has no errors", input: valid()},
		{name: "empty series is valid", input: plain(Neutral)},
		{
			name: "duplicate period",
			input: with(valid(), func(in *Input) {
				in.Points[2].Period = in.Points[1].Period
			}),
			fields: []string{"points[2].period"},
		},
		{
			name: "duplicate period at another time of the same day",
			input: with(valid(), func(in *Input) {
				in.Points[2].Period = in.Points[1].Period.Add(12 * time.Hour)
			}),
			fields: []string{"points[2].period"},
		},
		{
			name: "out-of-order period",
			input: with(valid(), func(in *Input) {
				in.Points[3].Period = period(-1)
			}),
			fields: []string{"points[3].period"},
		},
		{
			name:   "missing period",
			input:  with(valid(), func(in *Input) { in.Points[1].Period = time.Time{} }),
			fields: []string{"points[1].period"},
		},
		{
			name:   "NaN value",
			input:  with(valid(), func(in *Input) { in.Points[2].Value = ptr(math.NaN()) }),
			fields: []string{"points[2].value"},
		},
		{
			name:   "infinite value",
			input:  with(valid(), func(in *Input) { in.Points[0].Value = ptr(math.Inf(-1)) }),
			fields: []string{"points[0].value"},
		},
		{
			name:   "baseline of 11 points",
			input:  with(valid(), func(in *Input) { in.BaselinePoints = ptr(11) }),
			fields: []string{"baseline_points"},
		},
		{
			name:  "baseline of 12 points is valid",
			input: with(valid(), func(in *Input) { in.BaselinePoints = ptr(12) }),
		},
		{
			name:   "unknown improvement",
			input:  with(valid(), func(in *Input) { in.Improvement = "up" }),
			fields: []string{"improvement"},
		},
		{
			name:   "missing improvement",
			input:  with(valid(), func(in *Input) { in.Improvement = "" }),
			fields: []string{"improvement"},
		},
		{
			name:   "non-finite target",
			input:  with(valid(), func(in *Input) { in.Target = ptr(math.NaN()) }),
			fields: []string{"target"},
		},
		{
			name:   "10,001 points",
			input:  plain(Increase, repeat(1, MaxPoints+1)...),
			fields: []string{"points"},
		},
		{
			name:  "10,000 points is valid",
			input: plain(Increase, repeat(1, MaxPoints)...),
		},
		{
			name: "every error is reported",
			input: with(valid(), func(in *Input) {
				in.Points[1].Value = ptr(math.Inf(1))
				in.Points[3].Period = in.Points[2].Period
				in.Improvement = "better"
				in.BaselinePoints = ptr(0)
			}),
			fields: []string{"points[1].value", "points[3].period", "improvement", "baseline_points"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			errs := tc.input.Validate()
			var fields []string
			for _, e := range errs {
				fields = append(fields, e.Field)
				if e.Message == "" {
					t.Errorf("%s: empty message", e.Field)
				}
			}
			if !slices.Equal(fields, tc.fields) {
				t.Errorf("Validate() fields = %q, want %q (%v)", fields, tc.fields, errs)
			}
		})
	}
}

func TestValidateNamesDuplicatesAndDisorderDifferently(t *testing.T) {
	dup := plain(Increase, 1, 2)
	dup.Points[1].Period = dup.Points[0].Period
	back := plain(Increase, 1, 2)
	back.Points[1].Period = period(-1)
	d, b := dup.Validate(), back.Validate()
	if len(d) != 1 || len(b) != 1 || d[0].Message == b[0].Message {
		t.Errorf("duplicate: %v; out of order: %v; want one distinct message each", d, b)
	}
	if !strings.Contains(d[0].Message, "2020-01-01") {
		t.Errorf("duplicate message %q does not name the period", d[0].Message)
	}
}

func TestValidateBoundsPointErrors(t *testing.T) {
	in := plain(Increase, repeat(1, 500)...)
	for i := range in.Points {
		in.Points[i].Value = ptr(math.NaN())
	}
	if n := len(in.Validate()); n != maxPointErrors {
		t.Errorf("got %d errors, want %d", n, maxPointErrors)
	}
}

func TestRequestDecodesTheWireFormat(t *testing.T) {
	body := `{
		"points": [{"period": "2025-01-01", "value": 97.2}, {"period": "2025-02-01", "value": null}],
		"improvement": "increase",
		"target": 95,
		"rebase": ["2025-07-01"],
		"baseline_points": 12,
		"screen_moving_ranges": false
	}`
	in := decodeRequest(t, []byte(body)).Input()
	if len(in.Points) != 2 || !in.Points[0].Period.Equal(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)) ||
		*in.Points[0].Value != 97.2 || in.Points[1].Value != nil {
		t.Errorf("points = %+v", in.Points)
	}
	if in.Improvement != Increase || *in.Target != 95 || *in.BaselinePoints != 12 || in.ScreenMovingRanges {
		t.Errorf("input = %+v", in)
	}
	if len(in.Rebase) != 1 || !in.Rebase[0].Equal(time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("rebase = %v", in.Rebase)
	}
}

func TestRequestScreensByDefault(t *testing.T) {
	in := decodeRequest(t, []byte(`{"points": [], "improvement": "neutral"}`)).Input()
	if !in.ScreenMovingRanges {
		t.Error("screen_moving_ranges absent: ScreenMovingRanges = false, want true")
	}
	if in.Target != nil || in.BaselinePoints != nil || in.Rebase != nil {
		t.Errorf("input = %+v, want no options", in)
	}
}

func TestRequestRejectsMalformedPeriodsNamingTheField(t *testing.T) {
	for _, period := range []string{`"2025-1-01"`, `"2025-01-01T00:00:00Z"`, `"2025-02-30"`, `"01/02/2025"`, `20250101`, `null`, `""`, `" 2025-01-01"`} {
		body := `{"points": [{"period": ` + period + `, "value": 1}], "improvement": "increase"}`
		var r Request
		err := json.Unmarshal([]byte(body), &r)
		var typeErr *json.UnmarshalTypeError
		if !errors.As(err, &typeErr) {
			t.Errorf("period %s: error %v, want a *json.UnmarshalTypeError", period, err)
			continue
		}
		if typeErr.Field != "points.period" {
			t.Errorf("period %s: field %q, want points.period", period, typeErr.Field)
		}
	}
}
