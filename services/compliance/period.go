package compliance

import (
	"time"

	"assure/models"
)

// Periods are calendar days held as midnight UTC (DESIGN.md: times in UTC).
// A week starts on Monday (ISO 8601), a month on its 1st.

// Day returns t's calendar day in UTC as midnight UTC.
func Day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// PeriodStart returns the start of the period of kind p that contains day d.
func PeriodStart(p models.Period, d time.Time) time.Time {
	d = Day(d)
	switch p {
	case models.PeriodWeek:
		// time.Weekday counts Sunday as 0; ISO weeks start on Monday.
		back := (int(d.Weekday()) + 6) % 7
		return d.AddDate(0, 0, -back)
	case models.PeriodMonth:
		return time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
	default:
		return d
	}
}

// IsPeriodStart reports whether d is the first day of a period of kind p.
func IsPeriodStart(p models.Period, d time.Time) bool {
	return PeriodStart(p, d).Equal(Day(d))
}

// NextPeriod returns the start of the period after the one starting at start.
func NextPeriod(p models.Period, start time.Time) time.Time {
	switch p {
	case models.PeriodWeek:
		return start.AddDate(0, 0, 7)
	case models.PeriodMonth:
		return start.AddDate(0, 1, 0) // start is the 1st, so no day overflow
	default:
		return start.AddDate(0, 0, 1)
	}
}

// AddPeriods moves a period start n periods forward (or back, for n < 0).
func AddPeriods(p models.Period, start time.Time, n int) time.Time {
	switch p {
	case models.PeriodWeek:
		return start.AddDate(0, 0, 7*n)
	case models.PeriodMonth:
		return start.AddDate(0, n, 0)
	default:
		return start.AddDate(0, 0, n)
	}
}

// LastCompletePeriod returns the start of the latest period of kind p that
// has ended by now: the period before the one today falls in. Only complete
// periods are judged, so a month is not called missing while it is running.
func LastCompletePeriod(p models.Period, now time.Time) time.Time {
	return AddPeriods(p, PeriodStart(p, now), -1)
}

// PeriodCount returns how many periods of kind p run from the period starting
// at from to the one starting at to, both included (0 when to is before from).
func PeriodCount(p models.Period, from, to time.Time) int {
	if to.Before(from) {
		return 0
	}
	switch p {
	case models.PeriodWeek:
		return int(to.Sub(from).Hours()/24)/7 + 1
	case models.PeriodMonth:
		return (to.Year()-from.Year())*12 + int(to.Month()-from.Month()) + 1
	default:
		return int(to.Sub(from).Hours()/24) + 1
	}
}

// PeriodNoun names a period start for messages ("the start of a week (a Monday)").
func PeriodNoun(p models.Period) string {
	switch p {
	case models.PeriodWeek:
		return "the start of a week (a Monday)"
	case models.PeriodMonth:
		return "the start of a month (the 1st)"
	default:
		return "a day"
	}
}
