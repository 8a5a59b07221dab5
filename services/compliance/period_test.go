package compliance

import (
	"testing"
	"time"

	"assure/models"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestPeriodStart(t *testing.T) {
	for _, c := range []struct {
		name   string
		period models.Period
		in     string
		want   string
	}{
		{"a day is its own period", models.PeriodDay, "2026-03-18", "2026-03-18"},
		{"a Wednesday's week starts on Monday", models.PeriodWeek, "2026-03-18", "2026-03-16"},
		{"a Monday starts its week", models.PeriodWeek, "2026-03-16", "2026-03-16"},
		{"a Sunday ends the week begun on Monday", models.PeriodWeek, "2026-03-22", "2026-03-16"},
		{"a week can start in the previous year", models.PeriodWeek, "2026-01-01", "2025-12-29"},
		{"a month starts on the 1st", models.PeriodMonth, "2026-02-28", "2026-02-01"},
		{"the 1st starts its month", models.PeriodMonth, "2026-03-01", "2026-03-01"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := PeriodStart(c.period, day(c.in)).Format(time.DateOnly); got != c.want {
				t.Errorf("PeriodStart(%s, %s) = %s, want %s", c.period, c.in, got, c.want)
			}
		})
	}
}

func TestPeriodStartUsesTheUTCDay(t *testing.T) {
	late := time.Date(2026, 3, 1, 0, 30, 0, 0, time.FixedZone("BST", 3600)) // 28 Feb 23:30 UTC
	if got := PeriodStart(models.PeriodMonth, late).Format(time.DateOnly); got != "2026-02-01" {
		t.Errorf("got %s, want February", got)
	}
}

func TestLastCompletePeriod(t *testing.T) {
	now := time.Date(2026, 3, 18, 15, 0, 0, 0, time.UTC)
	for p, want := range map[models.Period]string{
		models.PeriodDay: "2026-03-17", models.PeriodWeek: "2026-03-09", models.PeriodMonth: "2026-02-01",
	} {
		if got := LastCompletePeriod(p, now).Format(time.DateOnly); got != want {
			t.Errorf("%s: %s, want %s", p, got, want)
		}
	}
	// On the first day of a month, the month before has just completed.
	if got := LastCompletePeriod(models.PeriodMonth, day("2026-03-01")).Format(time.DateOnly); got != "2026-02-01" {
		t.Errorf("on the 1st: %s", got)
	}
}

func TestPeriodCountAndAddPeriods(t *testing.T) {
	for _, c := range []struct {
		period   models.Period
		from, to string
		want     int
	}{
		{models.PeriodDay, "2024-01-01", "2024-12-31", 366},
		{models.PeriodWeek, "2026-01-05", "2026-03-09", 10},
		{models.PeriodMonth, "2024-03-01", "2026-02-01", 24},
		{models.PeriodMonth, "2026-02-01", "2026-02-01", 1},
		{models.PeriodMonth, "2026-03-01", "2026-02-01", 0},
	} {
		from, to := day(c.from), day(c.to)
		if got := PeriodCount(c.period, from, to); got != c.want {
			t.Errorf("PeriodCount(%s, %s, %s) = %d, want %d", c.period, c.from, c.to, got, c.want)
		}
		if c.want > 0 {
			if got := AddPeriods(c.period, from, c.want-1); !got.Equal(to) {
				t.Errorf("AddPeriods(%s, %s, %d) = %s, want %s", c.period, c.from, c.want-1, got.Format(time.DateOnly), c.to)
			}
		}
	}
	// Months of different lengths never drift.
	d := day("2024-01-01")
	for range 30 {
		d = NextPeriod(models.PeriodMonth, d)
		if d.Day() != 1 {
			t.Fatalf("NextPeriod drifted to %s", d.Format(time.DateOnly))
		}
	}
}
