package spc

import (
	"encoding/json"
	"fmt"
	"reflect"
	"time"
)

// dateLayout is the only form a period takes on the wire (SPC.md, "Wire
// format": "Periods are dates (YYYY-MM-DD)").
const dateLayout = "2006-01-02"

// Date is a calendar day, held as midnight UTC. It marshals to and from JSON
// and text as exactly "YYYY-MM-DD", so the API can use it for request periods
// and rebase dates as well as in responses.
type Date struct {
	t time.Time
}

// NewDate returns the given day. Out-of-range values are normalised as
// time.Date does (January 32 is February 1).
func NewDate(year int, month time.Month, day int) Date {
	return Date{time.Date(year, month, day, 0, 0, 0, 0, time.UTC)}
}

// DateOf returns the calendar day of t in t's own location, so a period read
// from a DATE column (midnight UTC) or built in local time means the day its
// owner meant.
func DateOf(t time.Time) Date {
	if isUTCMidnight(t) {
		return Date{t}
	}
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// ParseDate parses exactly "YYYY-MM-DD" with a real day of a real month.
func ParseDate(s string) (Date, error) {
	if !hasDateShape(s) {
		return Date{}, fmt.Errorf("%q is not a date in the form YYYY-MM-DD", s)
	}
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date: %w", s, err)
	}
	return Date{t}, nil
}

// hasDateShape checks the shape before time.Parse, which would otherwise
// accept nothing looser than the layout anyway but reports it less plainly.
func hasDateShape(s string) bool {
	if len(s) != len(dateLayout) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i == 4 || i == 7 {
			if c != '-' {
				return false
			}
		} else if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Time returns the day as midnight UTC.
func (d Date) Time() time.Time { return d.t }

// IsZero reports whether d is the zero Date (an absent period).
func (d Date) IsZero() bool { return d.t.IsZero() }

// String returns "YYYY-MM-DD".
func (d Date) String() string { return string(appendDate(make([]byte, 0, len(dateLayout)), d)) }

// MarshalText returns "YYYY-MM-DD".
func (d Date) MarshalText() ([]byte, error) {
	return appendDate(make([]byte, 0, len(dateLayout)), d), nil
}

// UnmarshalText accepts exactly "YYYY-MM-DD".
func (d *Date) UnmarshalText(b []byte) error {
	parsed, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}

// MarshalJSON returns the day as a JSON string "YYYY-MM-DD".
func (d Date) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, len(dateLayout)+2)
	b = append(b, '"')
	b = appendDate(b, d)
	return append(b, '"'), nil
}

// UnmarshalJSON accepts only a JSON string holding exactly "YYYY-MM-DD".
// Unlike most unmarshalers it rejects null: a period or a rebase date that is
// null is a mistake, not an absent value. The error is a
// *json.UnmarshalTypeError so that encoding/json fills in the field path
// ("points.period") for the API's 422.
func (d *Date) UnmarshalJSON(b []byte) error {
	s, ok := jsonString(b)
	if ok {
		if parsed, err := ParseDate(s); err == nil {
			*d = parsed
			return nil
		}
	}
	return &json.UnmarshalTypeError{
		Value: jsonKind(b),
		Type:  reflect.TypeFor[Date](),
	}
}

// jsonString returns the string a JSON string literal holds. The fast path
// covers every well-formed date; escapes go through encoding/json.
func jsonString(b []byte) (string, bool) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return "", false
	}
	inner := b[1 : len(b)-1]
	for _, c := range inner {
		if c == '\\' {
			var s string
			if err := json.Unmarshal(b, &s); err != nil {
				return "", false
			}
			return s, true
		}
	}
	return string(inner), true
}

// jsonKind names the kind of a JSON value for an error message, the way
// encoding/json does ("string", "number", ...). A string names its content,
// so the 422 can say which date was wrong.
func jsonKind(b []byte) string {
	if len(b) == 0 {
		return "empty value"
	}
	switch b[0] {
	case '"':
		return "string " + string(b)
	case 'n':
		return "null"
	case 't', 'f':
		return "bool"
	case '{':
		return "object"
	case '[':
		return "array"
	default:
		return "number " + string(b)
	}
}

// isUTCMidnight reports whether t is already a Date's representation, which
// saves the calendar arithmetic for the common case.
func isUTCMidnight(t time.Time) bool {
	return t.Location() == time.UTC && t.Nanosecond() == 0 && t.Unix()%secondsPerDay == 0
}

const secondsPerDay = 24 * 60 * 60

// dayNumber is the calendar day of t (in t's location) as days since
// 1970-01-01, so periods and rebase dates can be compared as integers.
func dayNumber(t time.Time) int64 {
	if u := t.Unix(); u%secondsPerDay == 0 && t.Nanosecond() == 0 && t.Location() == time.UTC {
		return u / secondsPerDay
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / secondsPerDay
}
