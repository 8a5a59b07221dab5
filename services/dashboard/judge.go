package dashboard

import (
	"time"

	"assure/models"
	"assure/services/compliance"
)

// The rules here are services/compliance's, applied in bulk to the series
// the summary loads: each period is judged by compliance.Judge under the
// revision in force at its start, and an approved exception excuses it as
// compliance's coverage says (a test holds the two to the same answers).

// exceptionSpan is one approved exception of a standard.
type exceptionSpan struct {
	systemID, siteID *string
	startsOn         time.Time
	expiresOn        time.Time // inclusive
}

func (e exceptionSpan) overlaps(start, end time.Time) bool {
	return e.startsOn.Before(end) && !e.expiresOn.Before(start)
}

func (e exceptionSpan) organisationWide() bool { return e.systemID == nil && e.siteID == nil }

// coversSystem reports whether e names system sys or a site it is used at.
func (e exceptionSpan) coversSystem(sys *System) bool {
	if e.systemID != nil {
		return *e.systemID == sys.ID
	}
	if e.siteID != nil {
		for _, s := range sys.SiteIDs {
			if s == *e.siteID {
				return true
			}
		}
	}
	return false
}

// exceptedFor returns whether the period [start, end) of system sys's series
// (nil: the organisation roll-up) is excused. A roll-up is excused by an
// organisation-wide exception, or when every system in scope is.
func (st *Standard) exceptedFor(d *Data, sys *System, start, end time.Time) bool {
	if len(st.exceptions) == 0 {
		return false
	}
	var live []exceptionSpan
	for _, e := range st.exceptions {
		if !e.overlaps(start, end) {
			continue
		}
		if e.organisationWide() || (sys != nil && e.coversSystem(sys)) {
			return true
		}
		live = append(live, e)
	}
	if sys != nil || len(live) == 0 || len(st.SystemIDs) == 0 {
		return false
	}
	for _, id := range st.SystemIDs {
		s := d.systemByID[id]
		if s == nil {
			return false
		}
		covered := false
		for _, e := range live {
			if e.coversSystem(s) {
				covered = true
				break
			}
		}
		if !covered {
			return false
		}
	}
	return true
}

// revisionAt is the revision in force on day p: the latest effective on or
// before it, or the first for a period before any.
func revisionAt(revs []compliance.Revision, p time.Time) compliance.Revision {
	at := 0
	for i, r := range revs {
		if r.EffectiveFrom.After(p) {
			break
		}
		at = i
	}
	return revs[at]
}

// dated is a value of a series on a day.
type dated struct {
	day   time.Time
	value float64
}

// judgeSeries lays values (in day order) on the grid of periods from..last
// and judges each period. Values off the grid (left from before a change of
// period) are skipped, as compliance does.
func (st *Standard) judgeSeries(d *Data, sys *System, from, last time.Time, values []dated) []Judged {
	p := st.Period
	n := compliance.PeriodCount(p, from, last)
	out := make([]Judged, 0, n)
	j := 0
	for day := from; !day.After(last); day = next(p, day) {
		var v *float64
		for j < len(values) && values[j].day.Before(day) {
			j++
		}
		if j < len(values) && values[j].day.Equal(day) {
			x := values[j].value
			v = &x
			j++
		}
		rev := revisionAt(st.revisions, day)
		excepted := len(st.exceptions) > 0 && st.exceptedFor(d, sys, day, next(p, day))
		out = append(out, Judged{Start: day, Value: v, Status: compliance.Judge(v, rev.Direction, rev.Threshold, excepted)})
	}
	return out
}

// next is compliance.NextPeriod without the calendar arithmetic for days and
// weeks (periods are midnight UTC, which has no daylight saving): the
// summary steps through a few hundred thousand periods.
func next(p models.Period, start time.Time) time.Time {
	switch p {
	case models.PeriodDay:
		return start.Add(24 * time.Hour)
	case models.PeriodWeek:
		return start.Add(7 * 24 * time.Hour)
	default:
		return compliance.NextPeriod(p, start)
	}
}

// firstOnGrid returns the first value's day that starts a period, or last
// when there is none: a series with no value is judged at its last period
// only (missing), never over its whole window.
func firstOnGrid(p models.Period, values []dated, last time.Time) time.Time {
	for _, v := range values {
		if !v.day.After(last) && compliance.IsPeriodStart(p, v.day) {
			return v.day
		}
	}
	return last
}

// Counts tallies statuses of periods (or of standards, or of cells).
type Counts struct {
	Met, Breached, Excepted, Missing int
}

func (c *Counts) add(s compliance.Status) {
	switch s {
	case compliance.Met:
		c.Met++
	case compliance.Breached:
		c.Breached++
	case compliance.Excepted:
		c.Excepted++
	case compliance.Missing:
		c.Missing++
	}
}

func (c *Counts) addAll(o Counts) {
	c.Met += o.Met
	c.Breached += o.Breached
	c.Excepted += o.Excepted
	c.Missing += o.Missing
}

// Rate is met ÷ (met + breached), as compliance.Counts.Rate: excepted and
// missing periods are left out. Nil when nothing was met or breached.
func (c Counts) Rate() *float64 {
	n := c.Met + c.Breached
	if n == 0 {
		return nil
	}
	r := float64(c.Met) / float64(n)
	return &r
}

// window tallies the statuses of the RateWindow periods of series ending
// with the period starting at end (fewer when the series starts later).
func window(series []Judged, end time.Time) Counts {
	var c Counts
	i := len(series) - 1
	for i >= 0 && series[i].Start.After(end) {
		i--
	}
	for k := 0; k < compliance.RateWindow && i >= 0; k, i = k+1, i-1 {
		c.add(series[i].Status)
	}
	return c
}

// severity orders statuses for combining several systems into one: any
// breach is a breach; else any missing value is a finding; else an
// exception; else met.
func severity(s compliance.Status) int {
	switch s {
	case compliance.Breached:
		return 3
	case compliance.Missing:
		return 2
	case compliance.Excepted:
		return 1
	default:
		return 0
	}
}

func worst(a, b compliance.Status) compliance.Status {
	if a == "" || severity(b) > severity(a) {
		return b
	}
	return a
}
