package issues

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"sort"
	"time"

	"gorm.io/gorm"

	"assure/models"
	"assure/services/access"
	"assure/services/measurements"
)

// Reports are measured beside machine metrics: two series derived from them,
// source "issues", kept up to date in the same transaction as every change to
// a report or its "also affected" entries.
//
//   - CE-01, clinician hours lost: for each period (the standard's period,
//     weekly in the demo), Σ (minutes lost per person × staff affected + the
//     minutes of everyone "also affected") ÷ 60, rounded to 0.01 h, over the
//     reports whose problem started in that period. The reporter's estimate
//     is used as it stands, ongoing or not: an ongoing report accrues nothing
//     by itself, and the reporter or a triager updates the estimate as the
//     problem goes on. Time lost is attributed to the period the problem
//     started in, even when it runs on into the next.
//   - CE-02, reports with moderate or worse harm: for each period (monthly in
//     the demo), the number of reports whose physical or psychological harm
//     is moderate, severe or fatal, by the period the problem started in.
//     Fourteen reports of one problem count fourteen times: each is harm that
//     somebody experienced.
//
// Each is kept per system and organisation-wide (system NULL). Reports whose
// reporter was not sure of the system count only organisation-wide, and a
// system's series is written only if the system is in the standard's scope
// (the measurements service refuses others). Periods are counted in UTC, as
// every period in Assure is.
//
// A series runs from the period of its first report up to the current period
// with a value for every period: a period with no reports is 0 — the reports
// are the whole source, so no report is a real zero, not a silent feed.
// Periods are filled up to the current one whenever the series is written,
// and every hour by RefreshAllSeries (internal/jobs), so a quiet week reads
// as zero rather than as missing once it has begun.
// Without any reports the series has no values at all. If the standards are
// not in the catalogue (a fresh database), nothing is derived.

// Codes of the derived standards.
const (
	HoursLostCode = "CE-01"
	HarmCode      = "CE-02"
)

// SeriesWriter stores derived measurements inside the caller's transaction;
// *measurements.Service is one.
type SeriesWriter interface {
	UpsertInTx(ctx context.Context, tx *gorm.DB, actor access.Actor, source models.Source, rows []measurements.Row) (measurements.Result, error)
	DeleteInTx(ctx context.Context, tx *gorm.DB, actor access.Actor, source models.Source, keys []measurements.Key) (int, error)
}

// seriesLock serialises derivation, so that two reports filed at once never
// each compute a period's total without the other.
const seriesLock int64 = 0x6973737565 // "issue"

// derivedStandard is CE-01 or CE-02 as found in the catalogue.
type derivedStandard struct {
	id     string
	code   string
	period models.Period
	scope  map[string]bool // systems the standard applies to
}

// seriesRef names one derived series: a standard and a system ("" for the
// organisation).
type seriesRef struct {
	std    *derivedStandard
	system string
}

// refreshSeries brings the derived series up to date with the given states
// of reports (before and after a change: both are recomputed, so an edit that
// moves a report to another period or system moves its numbers too).
func (s *Service) refreshSeries(ctx context.Context, tx *gorm.DB, actor access.Actor, states ...models.Issue) error {
	if s.series == nil {
		return nil
	}
	stds, err := loadDerivedStandards(tx)
	if err != nil || len(stds) == 0 {
		return err
	}
	if err := tx.Exec("SELECT pg_advisory_xact_lock(?)", seriesLock).Error; err != nil {
		return fmt.Errorf("lock derived series: %w", err)
	}
	touched := map[seriesRef]map[time.Time]bool{}
	touch := func(ref seriesRef, period time.Time) {
		if touched[ref] == nil {
			touched[ref] = map[time.Time]bool{}
		}
		touched[ref][period] = true
	}
	for _, st := range stds {
		for _, is := range states {
			p := periodStart(st.period, is.StartedAt)
			touch(seriesRef{std: st}, p)
			if is.SystemID != nil && st.scope[*is.SystemID] {
				touch(seriesRef{std: st, system: *is.SystemID}, p)
			}
		}
	}
	return s.writeSeries(ctx, tx, actor, touched)
}

// RefreshAllSeries recomputes every derived series from the reports (every
// system with reports, and the organisation), filling each up to the current
// period. The demo seed runs it once at the end; an hourly job
// (internal/jobs) runs it to carry quiet series into new periods. Values
// already stored are not recomputed: every change to a report rewrites its
// own, so a refresh with nothing new writes nothing.
func (s *Service) RefreshAllSeries(ctx context.Context, actor access.Actor) error {
	if s.series == nil {
		return nil
	}
	return s.ctxDB(ctx).Transaction(func(tx *gorm.DB) error {
		stds, err := loadDerivedStandards(tx)
		if err != nil || len(stds) == 0 {
			return err
		}
		if err := tx.Exec("SELECT pg_advisory_xact_lock(?)", seriesLock).Error; err != nil {
			return fmt.Errorf("lock derived series: %w", err)
		}
		var systems []string
		if err := tx.Raw("SELECT DISTINCT system_id FROM issues WHERE system_id IS NOT NULL").Scan(&systems).Error; err != nil {
			return fmt.Errorf("list reported systems: %w", err)
		}
		// Series that have values but no reports any more are touched too, so
		// that their values go.
		var measured []string
		if err := tx.Raw(`SELECT DISTINCT system_id FROM measurements WHERE source = 'issues' AND system_id IS NOT NULL`).
			Scan(&measured).Error; err != nil {
			return fmt.Errorf("list derived series: %w", err)
		}
		all := map[string]bool{}
		for _, sys := range append(systems, measured...) {
			all[sys] = true
		}
		touched := map[seriesRef]map[time.Time]bool{}
		for _, st := range stds {
			touched[seriesRef{std: st}] = map[time.Time]bool{}
			for sys := range all {
				if st.scope[sys] {
					touched[seriesRef{std: st, system: sys}] = map[time.Time]bool{}
				}
			}
		}
		return s.writeSeries(ctx, tx, actor, touched)
	})
}

func loadDerivedStandards(tx *gorm.DB) ([]*derivedStandard, error) {
	var rows []struct {
		ID     string
		Code   string
		Period models.Period
	}
	if err := tx.Raw("SELECT id, code, period FROM standards WHERE code IN ? ORDER BY code",
		[]string{HoursLostCode, HarmCode}).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("look up derived standards: %w", err)
	}
	out := make([]*derivedStandard, 0, len(rows))
	byID := map[string]*derivedStandard{}
	for _, r := range rows {
		d := &derivedStandard{id: r.ID, code: r.Code, period: r.Period, scope: map[string]bool{}}
		out = append(out, d)
		byID[r.ID] = d
	}
	if len(out) == 0 {
		return nil, nil
	}
	var scope []models.StandardSystem
	ids := make([]string, 0, len(out))
	for _, d := range out {
		ids = append(ids, d.id)
	}
	if err := tx.Where("standard_id IN ?", ids).Find(&scope).Error; err != nil {
		return nil, fmt.Errorf("look up derived standards' systems: %w", err)
	}
	for _, x := range scope {
		byID[x.StandardID].scope[x.SystemID] = true
	}
	return out, nil
}

// writeSeries recomputes, for each series, the touched periods and any
// period missing between its first report and now, and writes what changed.
func (s *Service) writeSeries(ctx context.Context, tx *gorm.DB, actor access.Actor, touched map[seriesRef]map[time.Time]bool) error {
	var upserts []measurements.Row
	var deletes []measurements.Key
	refs := make([]seriesRef, 0, len(touched))
	for ref := range touched {
		refs = append(refs, ref)
	}
	// A fixed order keeps the rows, and so the audit event, deterministic.
	sort.Slice(refs, func(i, j int) bool {
		if refs[i].std.code != refs[j].std.code {
			return refs[i].std.code < refs[j].std.code
		}
		return refs[i].system < refs[j].system
	})
	now := s.clock()
	for _, ref := range refs {
		up, del, err := planSeries(tx, ref, touched[ref], now)
		if err != nil {
			return err
		}
		upserts = append(upserts, up...)
		deletes = append(deletes, del...)
	}
	if len(deletes) > 0 {
		if _, err := s.series.DeleteInTx(ctx, tx, actor, models.SourceIssues, deletes); err != nil {
			return fmt.Errorf("derived series: %w", err)
		}
	}
	if len(upserts) > 0 {
		if _, err := s.series.UpsertInTx(ctx, tx, actor, models.SourceIssues, upserts); err != nil {
			return fmt.Errorf("derived series: %w", err)
		}
	}
	return nil
}

// planSeries works out one series' changes: rows to write and keys to delete.
func planSeries(tx *gorm.DB, ref seriesRef, periods map[time.Time]bool, now time.Time) ([]measurements.Row, []measurements.Key, error) {
	var first sql.NullTime
	q := "SELECT min(started_at) FROM issues"
	var args []any
	if ref.system != "" {
		q += " WHERE system_id = ?"
		args = append(args, ref.system)
	}
	if err := tx.Raw(q, args...).Row().Scan(&first); err != nil {
		return nil, nil, fmt.Errorf("first report: %w", err)
	}
	existing, err := existingValues(tx, ref)
	if err != nil {
		return nil, nil, err
	}
	key := func(p time.Time) measurements.Key {
		return measurements.Key{StandardID: ref.std.id, SystemID: ref.system, PeriodStart: p}
	}
	var deletes []measurements.Key
	if !first.Valid {
		for p := range existing {
			deletes = append(deletes, key(p))
		}
		sortKeys(deletes)
		return nil, deletes, nil
	}
	from, to := periodStart(ref.std.period, first.Time), periodStart(ref.std.period, now)
	wanted := map[time.Time]bool{}
	for p := from; !p.After(to); p = nextPeriod(ref.std.period, p) {
		if periods[p] {
			wanted[p] = true
		} else if _, ok := existing[p]; !ok {
			wanted[p] = true // a gap to fill
		}
	}
	for p := range existing {
		if p.Before(from) || p.After(to) {
			deletes = append(deletes, key(p))
		}
	}
	sortKeys(deletes)
	if len(wanted) == 0 {
		return nil, deletes, nil
	}
	values, err := computeValues(tx, ref, wanted)
	if err != nil {
		return nil, nil, err
	}
	var rows []measurements.Row
	for p := range wanted {
		v := values[p]
		if old, ok := existing[p]; ok && old == v {
			continue
		}
		rows = append(rows, measurements.Row{StandardID: ref.std.id, SystemID: ref.system, PeriodStart: p, Value: v})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].PeriodStart.Before(rows[j].PeriodStart) })
	return rows, deletes, nil
}

func sortKeys(ks []measurements.Key) {
	sort.Slice(ks, func(i, j int) bool { return ks[i].PeriodStart.Before(ks[j].PeriodStart) })
}

// existingValues reads the series' stored derived values by period.
func existingValues(tx *gorm.DB, ref seriesRef) (map[time.Time]float64, error) {
	var rows []struct {
		PeriodStart time.Time
		Value       float64
	}
	q := tx.Table("measurements").Select("period_start, value").
		Where("standard_id = ? AND source = ?", ref.std.id, models.SourceIssues)
	if ref.system == "" {
		q = q.Where("system_id IS NULL")
	} else {
		q = q.Where("system_id = ?", ref.system)
	}
	if err := q.Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("read derived values: %w", err)
	}
	out := make(map[time.Time]float64, len(rows))
	for _, r := range rows {
		out[dateOf(r.PeriodStart)] = r.Value
	}
	return out, nil
}

// computeValues derives the series' value for each wanted period, in one
// query over the range of reports they span (served by the started_at
// indexes).
func computeValues(tx *gorm.DB, ref seriesRef, wanted map[time.Time]bool) (map[time.Time]float64, error) {
	var lo, hi time.Time
	for p := range wanted {
		if lo.IsZero() || p.Before(lo) {
			lo = p
		}
		if hi.IsZero() || p.After(hi) {
			hi = p
		}
	}
	hi = nextPeriod(ref.std.period, hi)
	var rows []struct {
		Period  time.Time
		Minutes int64
		Harmed  int64
	}
	q := tx.Table("issues").
		Select(`date_trunc(?, started_at AT TIME ZONE 'UTC')::date AS period, sum(total_minutes_lost) AS minutes,
			count(*) FILTER (WHERE physical_harm IN ('moderate', 'severe', 'fatal')
			                    OR psychological_harm IN ('moderate', 'severe', 'fatal')) AS harmed`, string(ref.std.period)).
		Where("started_at >= ? AND started_at < ?", lo, hi)
	if ref.system != "" {
		q = q.Where("system_id = ?", ref.system)
	}
	if err := q.Group("period").Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("compute derived values: %w", err)
	}
	out := map[time.Time]float64{}
	for _, r := range rows {
		switch ref.std.code {
		case HoursLostCode:
			out[dateOf(r.Period)] = hours(r.Minutes)
		case HarmCode:
			out[dateOf(r.Period)] = float64(r.Harmed)
		}
	}
	return out, nil
}

// hours turns minutes into hours, to 0.01 h.
func hours(minutes int64) float64 { return math.Round(float64(minutes)/60*100) / 100 }

// periodStart is the first day (midnight UTC) of the period holding t:
// the day, the Monday of its ISO week, or the first of its month.
func periodStart(p models.Period, t time.Time) time.Time {
	d := dateOf(t.UTC())
	switch p {
	case models.PeriodWeek:
		back := (int(d.Weekday()) + 6) % 7 // Monday 0 … Sunday 6
		return d.AddDate(0, 0, -back)
	case models.PeriodMonth:
		return time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
	default:
		return d
	}
}

func nextPeriod(p models.Period, start time.Time) time.Time {
	switch p {
	case models.PeriodWeek:
		return start.AddDate(0, 0, 7)
	case models.PeriodMonth:
		return start.AddDate(0, 1, 0)
	default:
		return start.AddDate(0, 0, 1)
	}
}

// dateOf is t's calendar day as midnight UTC (DATE columns scan as midnight
// in the connection's zone, which is UTC).
func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
