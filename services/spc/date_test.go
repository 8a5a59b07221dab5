package spc

import (
	"encoding/json"
	"testing"
	"time"
)

func TestDateJSON(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" = rejected
	}{
		{`"2025-01-31"`, "2025-01-31"},
		{`"2024-02-29"`, "2024-02-29"},
		{`"2025-\u00301-31"`, "2025-01-31"}, // the same string, escaped
		{`"2025-02-29"`, ""},
		{`"2025-13-01"`, ""},
		{`"2025-1-31"`, ""},
		{`"25-01-31"`, ""},
		{`"2025-01-31T00:00:00Z"`, ""},
		{`"2025-01-31 "`, ""},
		{`"2025/01/31"`, ""},
		{`"+025-01-31"`, ""},
		{`""`, ""},
		{`null`, ""},
		{`20250131`, ""},
		{`true`, ""},
		{`{}`, ""},
	}
	for _, tc := range tests {
		var d Date
		err := json.Unmarshal([]byte(tc.in), &d)
		switch {
		case tc.want == "" && err == nil:
			t.Errorf("Unmarshal(%s) = %s, want an error", tc.in, d)
		case tc.want != "" && err != nil:
			t.Errorf("Unmarshal(%s): %v", tc.in, err)
		case tc.want != "" && d.String() != tc.want:
			t.Errorf("Unmarshal(%s) = %s, want %s", tc.in, d, tc.want)
		}
	}
}

func TestDateMarshalsAsDay(t *testing.T) {
	// 23:30 on 1 March in UTC−5 is still 1 March to whoever recorded it.
	d := DateOf(time.Date(2025, 3, 1, 23, 30, 0, 0, time.FixedZone("EST", -5*3600)))
	b, err := json.Marshal(struct {
		D Date `json:"d"`
	}{d})
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"d":"2025-03-01"}` {
		t.Errorf("Marshal = %s", b)
	}
	if !d.Time().Equal(time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Time() = %v, want midnight UTC", d.Time())
	}
}

func TestDateText(t *testing.T) {
	var d Date
	if err := d.UnmarshalText([]byte("2025-12-31")); err != nil || d != NewDate(2025, time.December, 31) {
		t.Errorf("UnmarshalText = %v, %v", d, err)
	}
	if err := d.UnmarshalText([]byte("2025-12-31x")); err == nil {
		t.Error("UnmarshalText accepted trailing text")
	}
	if b, _ := d.MarshalText(); string(b) != "2025-12-31" {
		t.Errorf("MarshalText = %s", b)
	}
}
