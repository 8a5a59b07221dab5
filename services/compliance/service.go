// Package compliance judges standards against their series: each period of a
// standard is met, breached, excepted or missing under the revision in force
// then, with a rolling compliance rate; and it draws a standard's SPC chart
// (services/spc) with its threshold, target and annotations.
//
// Everything here reads series_values — the judged value per standard,
// system (or the organisation roll-up) and period, kept up to date by
// services/measurements — never raw measurements. The hot path (a chart of
// thousands of periods) is a handful of indexed queries sent to PostgreSQL in
// one round trip through pgx, without gorm's reflection.
package compliance

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"assure/internal/database"
	"assure/models"
	"assure/services"
	"assure/services/spc"
)

// Service reads compliance and SPC for standards.
type Service struct {
	db  *database.DB
	now func() time.Time

	mu      sync.RWMutex
	sources []AnnotationSource
}

// NewService builds the compliance service. now is the clock (nil for time.Now).
func NewService(db *database.DB, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{db: db, now: now}
}

// Query selects a window of a standard's series as the client asked for it.
type Query struct {
	// From and To are days (YYYY-MM-DD), optional. Each is moved to the start
	// of the period it falls in. To defaults to, and is capped at, the last
	// complete period; From defaults to the first period with a value (at
	// most spc.MaxPoints periods back).
	From, To string
	// SystemID selects one system's series; empty is the organisation roll-up.
	SystemID string
}

// head is what a series needs to know of its standard.
type head struct {
	ID                 string
	Code               string
	Status             models.StandardStatus
	Period             models.Period
	Unit               string
	BaselinePoints     *int
	ScreenMovingRanges bool
}

// series is a standard's window of periods, judged or not.
type series struct {
	std       head
	systemID  *string
	from, to  time.Time // period starts, both included; empty when to < from
	periods   []PeriodResult
	revisions []Revision
	rebases   []rebase
}

type rebase struct {
	Period time.Time
	Reason string
	Source models.RebaseSource
}

// PeriodResult is one period of a standard's series.
type PeriodResult struct {
	Start time.Time
	// Value is nil when no value was recorded for the period.
	Value *float64
	// Status is empty when the series was loaded without judging.
	Status Status
	// Revision is the one in force at the period's start (shared between
	// periods: treat it as read-only).
	Revision *Revision
	// RollingRate is the compliance rate of the RateWindow periods ending
	// with this one (nil when none of them was met or breached).
	RollingRate *float64
}

// validID reports whether id could be a row's id; anything else cannot
// exist, so callers answer not found without asking the database.
func validID(id string) bool {
	_, err := uuid.Parse(id)
	return err == nil
}

// parseDay reads a YYYY-MM-DD day of a query.
func parseDay(s string) (time.Time, bool) {
	d, err := spc.ParseDate(s)
	return d.Time(), err == nil
}

// window works out the periods a query covers for a standard of period p.
// fromSet is false when the client gave no from, so the caller trims the
// window to the first value.
func (s *Service) window(p models.Period, q Query) (from, to time.Time, fromSet bool, err error) {
	v := &services.ValidationError{}
	last := LastCompletePeriod(p, s.now())
	to = last
	var toDay time.Time
	if q.To != "" {
		d, ok := parseDay(q.To)
		if !ok {
			v.Add("to", "must be a date in the form YYYY-MM-DD")
		} else if toDay = d; PeriodStart(p, d).Before(last) {
			to = PeriodStart(p, d)
		}
	}
	if q.From != "" {
		d, ok := parseDay(q.From)
		switch {
		case !ok:
			v.Add("from", "must be a date in the form YYYY-MM-DD")
		case !toDay.IsZero() && d.After(toDay):
			v.Add("from", "must not be after to")
		default:
			from, fromSet = PeriodStart(p, d), true
			if n := PeriodCount(p, from, to); n > spc.MaxPoints {
				v.Add("from", "the window holds %d periods; at most %d fit in one series, so narrow it", n, spc.MaxPoints)
			}
		}
	}
	if err := v.Err(); err != nil {
		return time.Time{}, time.Time{}, false, err
	}
	if !fromSet {
		from = AddPeriods(p, to, -(spc.MaxPoints - 1))
	}
	return from, to, fromSet, nil
}

const headSQL = `SELECT id::text, code, status, period, unit, baseline_points, screen_moving_ranges
FROM standards WHERE id = $1`

// The roll-up and a system's series are separate statements so each uses
// series_values_key as a plain index range scan. A series comes back as one
// row of two arrays (days after $2, values) rather than a row per period:
// thousands of rows cost more in the protocol and in scanning than the query.
const (
	rollupValuesSQL = `SELECT coalesce(array_agg(period_start - $2::date ORDER BY period_start), '{}'),
       coalesce(array_agg(value ORDER BY period_start), '{}')
FROM series_values
WHERE standard_id = $1 AND system_id IS NULL AND period_start >= $2 AND period_start <= $3`
	systemValuesSQL = `SELECT coalesce(array_agg(period_start - $2::date ORDER BY period_start), '{}'),
       coalesce(array_agg(value ORDER BY period_start), '{}')
FROM series_values
WHERE standard_id = $1 AND system_id = $4 AND period_start >= $2 AND period_start <= $3`
	revisionsSQL = `SELECT id::text, effective_from, direction, threshold, target, period
FROM standard_revisions WHERE standard_id = $1 ORDER BY effective_from`
	rebasesSQL = `SELECT period, reason, source FROM standard_rebases
WHERE standard_id = $1 ORDER BY period`
	systemExistsSQL = `SELECT EXISTS (SELECT 1 FROM systems WHERE id = $1)`
)

// load reads a standard's series for q. With judge, every period gets its
// status and rolling rate (which needs the standard's exceptions too).
func (s *Service) load(ctx context.Context, standardID string, q Query, judge bool) (*series, error) {
	if !validID(standardID) {
		return nil, fmt.Errorf("standard %s: %w", standardID, services.ErrNotFound)
	}
	var sys *string
	if q.SystemID != "" {
		if !validID(q.SystemID) {
			return nil, services.Invalid("system_id", "must be a system id")
		}
		sys = &q.SystemID
	}
	var h head
	err := s.db.Pool.QueryRow(ctx, headSQL, standardID).Scan(&h.ID, &h.Code, &h.Status, &h.Period, &h.Unit,
		&h.BaselinePoints, &h.ScreenMovingRanges)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("standard %s: %w", standardID, services.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("load standard %s: %w", standardID, err)
	}
	from, to, fromSet, err := s.window(h.Period, q)
	if err != nil {
		return nil, err
	}
	sr := &series{std: h, systemID: sys, from: from, to: to}

	// One round trip for the rest.
	b := &pgx.Batch{}
	b.Queue(revisionsSQL, standardID).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var r Revision
			if err := rows.Scan(&r.ID, &r.EffectiveFrom, &r.Direction, &r.Threshold, &r.Target, &r.Period); err != nil {
				return err
			}
			sr.revisions = append(sr.revisions, r)
		}
		return rows.Err()
	})
	b.Queue(rebasesSQL, standardID).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var r rebase
			if err := rows.Scan(&r.Period, &r.Reason, &r.Source); err != nil {
				return err
			}
			sr.rebases = append(sr.rebases, r)
		}
		return rows.Err()
	})
	var values []datedValue
	valuesSQL, args := rollupValuesSQL, []any{standardID, from, to}
	if sys != nil {
		valuesSQL, args = systemValuesSQL, append(args, *sys)
	}
	b.Queue(valuesSQL, args...).QueryRow(func(row pgx.Row) error {
		var days []int32
		var vals []float64
		if err := row.Scan(&days, &vals); err != nil {
			return err
		}
		if len(days) != len(vals) {
			return fmt.Errorf("series of %d days but %d values", len(days), len(vals))
		}
		values = make([]datedValue, len(days))
		base := from.Unix()
		for i, d := range days {
			// Days in UTC are 86,400 seconds long, so no calendar arithmetic
			// is needed (and a window centuries long cannot overflow).
			values[i] = datedValue{day: time.Unix(base+int64(d)*86400, 0).UTC(), value: vals[i]}
		}
		return nil
	})
	systemExists := true
	if sys != nil {
		b.Queue(systemExistsSQL, *sys).QueryRow(func(row pgx.Row) error { return row.Scan(&systemExists) })
	}
	var cover *coverage
	if judge {
		cover = &coverage{}
		cover.queue(b, standardID, sys, from, NextPeriod(h.Period, to))
	}
	if err := s.db.Pool.SendBatch(ctx, b).Close(); err != nil {
		return nil, fmt.Errorf("load series of standard %s: %w", standardID, err)
	}
	if !systemExists {
		return nil, services.Invalid("system_id", "no such system")
	}
	if len(sr.revisions) == 0 {
		return nil, fmt.Errorf("standard %s has no revision", standardID)
	}
	if !fromSet {
		// Start at the first value; a series with none is its last period.
		sr.from = to
		for _, v := range values {
			if IsPeriodStart(h.Period, v.day) {
				sr.from = v.day
				break
			}
		}
	}
	sr.periods = buildPeriods(h.Period, sr.from, to, values, sr.revisions)
	if judge {
		sr.judge(cover)
	}
	return sr, nil
}

type datedValue struct {
	day   time.Time
	value float64
}

// buildPeriods lays the values on the grid of periods from..to, leaving the
// periods without a value empty. A value whose day is not a period start (left
// over from before a change of period) is not on the grid and is skipped.
func buildPeriods(p models.Period, from, to time.Time, values []datedValue, revs []Revision) []PeriodResult {
	n := PeriodCount(p, from, to)
	out := make([]PeriodResult, n)
	j, ri := 0, revisionAt(revs, from)
	d := from
	for i := 0; i < n; i++ {
		for ri+1 < len(revs) && !revs[ri+1].EffectiveFrom.After(d) {
			ri++
		}
		out[i] = PeriodResult{Start: d, Revision: &revs[ri]}
		for j < len(values) && values[j].day.Before(d) {
			j++
		}
		if j < len(values) && values[j].day.Equal(d) {
			out[i].Value = &values[j].value // values outlives the periods; no copy per value
			j++
		}
		d = NextPeriod(p, d)
	}
	return out
}

// judge gives every period its status and rolling rate.
func (sr *series) judge(cover *coverage) {
	var window Counts
	for i := range sr.periods {
		pr := &sr.periods[i]
		excepted := cover.excepts(pr.Start, NextPeriod(sr.std.Period, pr.Start))
		pr.Status = Judge(pr.Value, pr.Revision.Direction, pr.Revision.Threshold, excepted)
		window.add(pr.Status, 1)
		if i >= RateWindow {
			window.add(sr.periods[i-RateWindow].Status, -1)
		}
		pr.RollingRate = window.Rate()
	}
}

// latestRevision is the revision in force at the window's last period.
func (sr *series) latestRevision() Revision {
	return sr.revisions[revisionAt(sr.revisions, sr.to)]
}
