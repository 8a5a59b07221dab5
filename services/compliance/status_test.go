package compliance

import (
	"testing"

	"assure/models"
)

func ptr(f float64) *float64 { return &f }

func TestJudge(t *testing.T) {
	for _, c := range []struct {
		name      string
		value     *float64
		dir       models.Direction
		threshold float64
		excepted  bool
		want      Status
	}{
		{"above a higher-is-better threshold is met", ptr(99.95), models.HigherIsBetter, 99.9, false, Met},
		{"equal to the threshold is met", ptr(99.9), models.HigherIsBetter, 99.9, false, Met},
		{"below a higher-is-better threshold is breached", ptr(99.8), models.HigherIsBetter, 99.9, false, Breached},
		{"below a lower-is-better threshold is met", ptr(11), models.LowerIsBetter, 15, false, Met},
		{"above a lower-is-better threshold is breached", ptr(22), models.LowerIsBetter, 15, false, Breached},
		{"no value is missing, never met", nil, models.HigherIsBetter, 0, false, Missing},
		{"an exception excuses a breach", ptr(80), models.HigherIsBetter, 95, true, Excepted},
		{"an exception excuses missing data", nil, models.LowerIsBetter, 4, true, Excepted},
		{"a met period stays met under an exception", ptr(96), models.HigherIsBetter, 95, true, Met},
		{"neither has no good side: any value is met", ptr(-1e9), models.Neither, 50, false, Met},
		{"neither without a value is still missing", nil, models.Neither, 50, false, Missing},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Judge(c.value, c.dir, c.threshold, c.excepted); got != c.want {
				t.Errorf("Judge = %s, want %s", got, c.want)
			}
		})
	}
}

func TestRevisionAt(t *testing.T) {
	revs := []Revision{{ID: "a", EffectiveFrom: day("2025-01-01")}, {ID: "b", EffectiveFrom: day("2025-07-15")}}
	for d, want := range map[string]string{
		"2024-06-01": "a", // before the first: the first
		"2025-01-01": "a",
		"2025-07-01": "a", // a period starting before the change keeps the old revision
		"2025-07-15": "b",
		"2026-01-01": "b",
	} {
		if got := revs[revisionAt(revs, day(d))].ID; got != want {
			t.Errorf("revisionAt(%s) = %s, want %s", d, got, want)
		}
	}
}

func TestRollingRateLeavesOutExceptedAndMissing(t *testing.T) {
	statuses := []Status{Met, Breached, Missing, Excepted, Met, Met, Breached, Met, Met, Met, Met, Met, Breached, Met}
	rev := Revision{Direction: models.HigherIsBetter, Threshold: 1}
	sr := &series{std: head{Period: models.PeriodMonth}}
	cover := &coverage{scope: map[string]map[string]bool{}}
	for i, st := range statuses {
		p := PeriodResult{Start: AddPeriods(models.PeriodMonth, day("2025-01-01"), i), Revision: &rev}
		switch st {
		case Met:
			p.Value = ptr(2)
		case Breached, Excepted:
			p.Value = ptr(0)
		}
		if st == Excepted {
			cover.spans = append(cover.spans, exceptionSpan{startsOn: p.Start, expiresOn: p.Start})
		}
		sr.periods = append(sr.periods, p)
	}
	sr.judge(cover)
	for i, want := range statuses {
		if got := sr.periods[i].Status; got != want {
			t.Fatalf("period %d: %s, want %s", i, got, want)
		}
	}
	// The 12 periods ending with the last: Missing, Excepted, 2 Met, Breached,
	// 5 Met, Breached, Met — 8 met of 10 judged.
	if got := *sr.periods[13].RollingRate; got != 0.8 {
		t.Errorf("rolling rate %v, want 0.8", got)
	}
	if got := *sr.periods[0].RollingRate; got != 1 {
		t.Errorf("first rolling rate %v, want 1", got)
	}
	if got := *sr.periods[2].RollingRate; got != 0.5 {
		t.Errorf("rolling rate after a missing period %v, want 0.5 (missing left out)", got)
	}
	if (Counts{Missing: 3, Excepted: 1}).Rate() != nil {
		t.Error("a window with nothing judged has a rate")
	}
}
