package spc

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
)

// approxPointJSON is about the length of one point's JSON, to size buffers.
const approxPointJSON = 224

// AppendJSON appends r's JSON to b: byte for byte what json.Marshal(r)
// writes, about ten times faster.
//
// It exists for the latency budget of a long series: encoding/json spends
// far longer than Analyse on a 5-year daily result, mostly formatting each
// segment's mean and limits again for every point and calling
// Date.MarshalJSON per point. Here the shared numbers are formatted once per
// segment. (A MarshalJSON method would not help: encoding/json re-scans a
// Marshaler's output, which costs as much as it saves; and on Result it would
// swallow the fields of any response type that embeds Result.) The API can
// write the bytes itself, e.g. with gin's c.Data.
func (r Result) AppendJSON(b []byte) ([]byte, error) {
	b = append(b, `{"points":`...)
	b, err := appendPoints(b, r.Points)
	if err != nil {
		return nil, err
	}
	b = append(b, `,"segments":`...)
	if r.Segments == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range r.Segments {
			if i > 0 {
				b = append(b, ',')
			}
			if b, err = appendSegment(b, &r.Segments[i]); err != nil {
				return nil, err
			}
		}
		b = append(b, ']')
	}
	b = append(b, `,"variation":`...)
	b = appendOptionalString(b, r.Variation)
	b = append(b, `,"assurance":`...)
	b = appendOptionalString(b, r.Assurance)
	return append(b, '}'), nil
}

func appendPoints(b []byte, ps []PointResult) ([]byte, error) {
	if ps == nil {
		return append(b, "null"...), nil
	}
	b = growFor(b, 2+len(ps)*approxPointJSON)
	b = append(b, '[')
	// Analyse gives every point of a segment the same mean and limit
	// pointers, so their text is formatted once per segment.
	var (
		shared                          []byte
		sharedValid                     bool
		sharedMean, sharedLow, sharedUp *float64
		err                             error
	)
	for i := range ps {
		p := &ps[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"period":"`...)
		b = appendDate(b, p.Period)
		b = append(b, `","value":`...)
		if b, err = appendNumber(b, p.Value); err != nil {
			return nil, err
		}
		b = append(b, `,"segment":`...)
		b = strconv.AppendInt(b, int64(p.Segment), 10)
		if !sharedValid || p.Mean != sharedMean || p.LowerLimit != sharedLow || p.UpperLimit != sharedUp {
			shared = append(shared[:0], `,"mean":`...)
			if shared, err = appendNumber(shared, p.Mean); err != nil {
				return nil, err
			}
			shared = append(shared, `,"lower_limit":`...)
			if shared, err = appendNumber(shared, p.LowerLimit); err != nil {
				return nil, err
			}
			shared = append(shared, `,"upper_limit":`...)
			if shared, err = appendNumber(shared, p.UpperLimit); err != nil {
				return nil, err
			}
			sharedValid, sharedMean, sharedLow, sharedUp = true, p.Mean, p.LowerLimit, p.UpperLimit
		}
		b = append(b, shared...)
		b = append(b, `,"special_cause":`...)
		b = appendOptionalString(b, p.SpecialCause)
		b = append(b, `,"point_type":`...)
		b = appendString(b, p.PointType)
		b = append(b, '}')
	}
	return append(b, ']'), nil
}

func appendSegment(b []byte, s *Segment) ([]byte, error) {
	var err error
	b = append(b, `{"start":"`...)
	b = appendDate(b, s.Start)
	b = append(b, `","points":`...)
	b = strconv.AppendInt(b, int64(s.Points), 10)
	for _, f := range [...]struct {
		key   string
		value *float64
	}{
		{`,"mean":`, s.Mean},
		{`,"lower_limit":`, s.LowerLimit},
		{`,"upper_limit":`, s.UpperLimit},
		{`,"mean_moving_range":`, s.MeanMovingRange},
	} {
		b = append(b, f.key...)
		if b, err = appendNumber(b, f.value); err != nil {
			return nil, err
		}
	}
	b = append(b, `,"short":`...)
	b = strconv.AppendBool(b, s.Short)
	return append(b, '}'), nil
}

// growFor makes room for n more bytes at once rather than by doubling.
func growFor(b []byte, n int) []byte {
	if cap(b)-len(b) >= n {
		return b
	}
	grown := make([]byte, len(b), len(b)+n)
	copy(grown, b)
	return grown
}

// appendNumber writes a *float64 as encoding/json does: null for nil, and a
// number as ES6 prints it (encoding/json's floatEncoder).
func appendNumber(b []byte, f *float64) ([]byte, error) {
	if f == nil {
		return append(b, "null"...), nil
	}
	v := *f
	if !isFinite(v) {
		return nil, fmt.Errorf("json: unsupported value: %v", v)
	}
	format := byte('f')
	if abs := math.Abs(v); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, v, format, -1, 64)
	if format == 'e' {
		// e-09 → e-9, as encoding/json writes it
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

func appendOptionalString(b []byte, s *string) []byte {
	if s == nil {
		return append(b, "null"...)
	}
	return appendString(b, *s)
}

// appendString writes s as a JSON string. The labels Analyse writes need no
// escaping; anything else goes through encoding/json, which escapes as it
// does in a struct (HTML characters included).
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7F || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			quoted, _ := json.Marshal(s) // cannot fail: a string always marshals
			return append(b, quoted...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendDate writes d as YYYY-MM-DD without time's layout interpreter,
// which is most of the cost of formatting a date.
func appendDate(b []byte, d Date) []byte {
	year, month, day := d.t.Date()
	if year < 0 || year > 9999 {
		return d.t.AppendFormat(b, dateLayout)
	}
	return append(b,
		byte('0'+year/1000), byte('0'+year/100%10), byte('0'+year/10%10), byte('0'+year%10), '-',
		byte('0'+int(month)/10), byte('0'+int(month)%10), '-',
		byte('0'+day/10), byte('0'+day%10))
}
