package dashboard

import (
	"context"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"

	"assure/models"
	"assure/services/compliance"
	"assure/services/spc"
)

// The summary's queries, sent in one round trip. In the series queries $1..$3
// are the last complete day, week and month and $4..$6 the first period of
// the window: spc.MaxPoints back for the organisation roll-up, RateWindow
// back for the systems (so that the period before the last has a full
// window too). Each series query is an index range scan of
// series_values_key per standard (and system).
const (
	lastCase    = `CASE s.period WHEN 'day' THEN $1::date WHEN 'week' THEN $2::date ELSE $3::date END`
	orgFromCase = `CASE s.period WHEN 'day' THEN $4::date WHEN 'week' THEN $5::date ELSE $6::date END`
	sysFromCase = `CASE s.period WHEN 'day' THEN $4::date WHEN 'week' THEN $5::date ELSE $6::date END`

	standardsSQL = `SELECT id::text, code, title, category, unit, period, owner_id::text, baseline_points, screen_moving_ranges
FROM standards WHERE status = 'active' ORDER BY code`
	revisionsSQL = `SELECT r.standard_id::text, r.id::text, r.effective_from, r.direction, r.threshold, r.target, r.period
FROM standard_revisions r JOIN standards s ON s.id = r.standard_id AND s.status = 'active'
ORDER BY r.standard_id, r.effective_from`
	rebasesSQL = `SELECT r.standard_id::text, r.period FROM standard_rebases r
JOIN standards s ON s.id = r.standard_id AND s.status = 'active' ORDER BY r.standard_id, r.period`
	exceptionsSQL = `SELECT e.standard_id::text, e.system_id::text, e.site_id::text, e.starts_on, e.expires_on
FROM standard_exceptions e JOIN standards s ON s.id = e.standard_id AND s.status = 'active'`
	scopeSQL = `SELECT ss.standard_id::text, ss.system_id::text,
       (SELECT min(sv.period_start) FROM series_values sv
        WHERE sv.standard_id = ss.standard_id AND sv.system_id = ss.system_id)
FROM standard_systems ss JOIN standards s ON s.id = ss.standard_id AND s.status = 'active'`
	orgSeriesSQL = `SELECT s.id::text, sv.period_start, sv.value
FROM standards s
JOIN series_values sv ON sv.standard_id = s.id AND sv.system_id IS NULL
 AND sv.period_start >= ` + orgFromCase + ` AND sv.period_start <= ` + lastCase + `
WHERE s.status = 'active'
ORDER BY s.id, sv.period_start`
	systemSeriesSQL = `SELECT ss.standard_id::text, ss.system_id::text, sv.period_start, sv.value
FROM standards s
JOIN standard_systems ss ON ss.standard_id = s.id
JOIN series_values sv ON sv.standard_id = ss.standard_id AND sv.system_id = ss.system_id
 AND sv.period_start >= ` + sysFromCase + ` AND sv.period_start <= ` + lastCase + `
WHERE s.status = 'active'
ORDER BY ss.standard_id, ss.system_id, sv.period_start`
	systemsSQL     = `SELECT id::text, name, supplier, criticality, owner_id::text FROM systems ORDER BY lower(name), id`
	systemSitesSQL = `SELECT system_id::text, site_id::text FROM system_sites`
	sitesSQL       = `SELECT id::text, name FROM sites ORDER BY lower(name), id`
	namesSQL       = `SELECT id::text, name FROM users WHERE id IN (
    SELECT owner_id FROM standards WHERE status = 'active'
    UNION SELECT owner_id FROM systems
    UNION SELECT owner_id FROM cycles
    UNION SELECT owner_id FROM actions WHERE status IN ('open', 'in_progress'))`

	// Reports by the week their problem started ($1 inclusive to $2
	// exclusive); date_trunc('week') is the ISO week (Monday), in the
	// session's UTC.
	reportWeeksSQL = `SELECT system_id::text, site_id::text, date_trunc('week', started_at)::date,
       sum(total_minutes_lost)::bigint, count(*)::int,
       count(*) FILTER (WHERE physical_harm IN ('moderate', 'severe', 'fatal')
                           OR psychological_harm IN ('moderate', 'severe', 'fatal'))::int
FROM issues WHERE started_at >= $1 AND started_at < $2
GROUP BY 1, 2, 3`
	harmfulSQL = `SELECT id::text, title, started_at, system_id::text, site_id::text, physical_harm, psychological_harm,
       care_delayed, care_not_given, status
FROM issues
WHERE started_at >= $1 AND started_at < $2
  AND (physical_harm IN ('moderate', 'severe', 'fatal') OR psychological_harm IN ('moderate', 'severe', 'fatal'))
ORDER BY started_at DESC, id DESC`
	problemsSQL = `SELECT p.id::text, p.title, p.system_id::text, p.created_at,
       (SELECT count(*) FROM issues i WHERE i.problem_id = p.id)::int
FROM problems p WHERE p.status = 'open' ORDER BY p.created_at, p.id`
	cyclesSQL = `SELECT id::text, title, stage, owner_id::text, decision, stage_changed_at, do_started_on, planned_end
FROM cycles ORDER BY id`
	cycleMeasuresSQL = `SELECT cycle_id::text, standard_id::text, role FROM cycle_measures ORDER BY cycle_id, position`
	actionsSQL       = `SELECT id::text, title, owner_id::text, due_on, status, cycle_id::text
FROM actions WHERE status IN ('open', 'in_progress') ORDER BY due_on, id`
	actionStandardsSQL = `SELECT a.action_id::text, a.standard_id::text FROM action_standards a
JOIN actions x ON x.id = a.action_id AND x.status IN ('open', 'in_progress')`
	agendaSQL = `SELECT i.id::text, r.id::text, r.title, r.meeting_date, i.kind, i.entity_id::text, i.title
FROM review_items i JOIN reviews r ON r.id = i.review_id
WHERE r.status = 'open' AND i.decision IS NULL
ORDER BY r.meeting_date, r.id, i.position`
)

// loadData fills d from the database as of now.
func loadData(ctx context.Context, tx pgx.Tx, d *Data, now time.Time) error {
	d.Today = compliance.Day(now)
	var last, orgFrom, sysFrom [3]time.Time
	for i, p := range []models.Period{models.PeriodDay, models.PeriodWeek, models.PeriodMonth} {
		last[i] = compliance.LastCompletePeriod(p, now)
		orgFrom[i] = compliance.AddPeriods(p, last[i], -(spc.MaxPoints - 1))
		sysFrom[i] = compliance.AddPeriods(p, last[i], -compliance.RateWindow)
	}
	d.Reports.Until = compliance.PeriodStart(models.PeriodWeek, now)
	d.Reports.From = d.Reports.Until.AddDate(0, 0, -7*ReportWeeks)
	orgArgs := []any{last[0], last[1], last[2], orgFrom[0], orgFrom[1], orgFrom[2]}
	sysArgs := []any{last[0], last[1], last[2], sysFrom[0], sysFrom[1], sysFrom[2]}
	window := []any{d.Reports.From, d.Reports.Until}

	byID := map[string]*Standard{}
	orgValues := map[string][]dated{}
	type pair struct{ std, sys string }
	sysValues := map[pair][]dated{}
	firstSys := map[pair]*time.Time{}
	siteOf := map[string][]string{}
	measures := map[string][]CycleMeasure{}
	actStd := map[string][]string{}

	b := &pgx.Batch{}
	b.Queue(standardsSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			st := &Standard{Cells: map[string][]Judged{}}
			var baseline *int
			var screen bool
			if err := rows.Scan(&st.ID, &st.Code, &st.Title, &st.Category, &st.Unit, &st.Period, &st.OwnerID,
				&baseline, &screen); err != nil {
				return err
			}
			st.baseline, st.screen = baseline, screen
			d.Standards = append(d.Standards, st)
			byID[st.ID] = st
		}
		return rows.Err()
	})
	b.Queue(revisionsSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var id string
			var r compliance.Revision
			if err := rows.Scan(&id, &r.ID, &r.EffectiveFrom, &r.Direction, &r.Threshold, &r.Target, &r.Period); err != nil {
				return err
			}
			if st := byID[id]; st != nil {
				st.revisions = append(st.revisions, r)
			}
		}
		return rows.Err()
	})
	b.Queue(rebasesSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var id string
			var p time.Time
			if err := rows.Scan(&id, &p); err != nil {
				return err
			}
			if st := byID[id]; st != nil {
				st.rebases = append(st.rebases, compliance.Day(p))
			}
		}
		return rows.Err()
	})
	b.Queue(exceptionsSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var id string
			var e exceptionSpan
			if err := rows.Scan(&id, &e.systemID, &e.siteID, &e.startsOn, &e.expiresOn); err != nil {
				return err
			}
			if st := byID[id]; st != nil {
				st.exceptions = append(st.exceptions, e)
			}
		}
		return rows.Err()
	})
	b.Queue(scopeSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var k pair
			var first *time.Time
			if err := rows.Scan(&k.std, &k.sys, &first); err != nil {
				return err
			}
			if st := byID[k.std]; st != nil {
				st.SystemIDs = append(st.SystemIDs, k.sys)
				firstSys[k] = first
			}
		}
		return rows.Err()
	})
	b.Queue(orgSeriesSQL, orgArgs...).Query(func(rows pgx.Rows) error {
		var id string
		var v dated
		for rows.Next() {
			if err := rows.Scan(&id, &v.day, &v.value); err != nil {
				return err
			}
			orgValues[id] = append(orgValues[id], v)
		}
		return rows.Err()
	})
	b.Queue(systemSeriesSQL, sysArgs...).Query(func(rows pgx.Rows) error {
		var k pair
		var v dated
		for rows.Next() {
			if err := rows.Scan(&k.std, &k.sys, &v.day, &v.value); err != nil {
				return err
			}
			sysValues[k] = append(sysValues[k], v)
		}
		return rows.Err()
	})
	b.Queue(systemsSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			s := &System{}
			if err := rows.Scan(&s.ID, &s.Name, &s.Supplier, &s.Criticality, &s.OwnerID); err != nil {
				return err
			}
			d.Systems = append(d.Systems, s)
		}
		return rows.Err()
	})
	b.Queue(systemSitesSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var sys, site string
			if err := rows.Scan(&sys, &site); err != nil {
				return err
			}
			siteOf[sys] = append(siteOf[sys], site)
		}
		return rows.Err()
	})
	b.Queue(sitesSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			s := &Site{}
			if err := rows.Scan(&s.ID, &s.Name); err != nil {
				return err
			}
			d.Sites = append(d.Sites, s)
		}
		return rows.Err()
	})
	d.Names = map[string]string{}
	b.Queue(namesSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var id, name string
			if err := rows.Scan(&id, &name); err != nil {
				return err
			}
			d.Names[id] = name
		}
		return rows.Err()
	})
	b.Queue(reportWeeksSQL, window...).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var w ReportWeek
			if err := rows.Scan(&w.SystemID, &w.SiteID, &w.Week, &w.MinutesLost, &w.Reports, &w.HarmfulCount); err != nil {
				return err
			}
			d.Reports.Weeks = append(d.Reports.Weeks, w)
		}
		return rows.Err()
	})
	b.Queue(harmfulSQL, window...).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var h HarmReport
			if err := rows.Scan(&h.ID, &h.Title, &h.StartedAt, &h.SystemID, &h.SiteID, &h.PhysicalHarm,
				&h.PsychologicalHarm, &h.CareDelayed, &h.CareNotGiven, &h.Status); err != nil {
				return err
			}
			d.Reports.Harmful = append(d.Reports.Harmful, h)
		}
		return rows.Err()
	})
	b.Queue(problemsSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var p Problem
			if err := rows.Scan(&p.ID, &p.Title, &p.SystemID, &p.CreatedAt, &p.Reports); err != nil {
				return err
			}
			d.Problems = append(d.Problems, p)
		}
		return rows.Err()
	})
	b.Queue(cyclesSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			c := &Cycle{}
			if err := rows.Scan(&c.ID, &c.Title, &c.Stage, &c.OwnerID, &c.Decision, &c.StageChangedAt,
				&c.DoStartedOn, &c.PlannedEnd); err != nil {
				return err
			}
			d.Cycles = append(d.Cycles, c)
		}
		return rows.Err()
	})
	b.Queue(cycleMeasuresSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var cycle string
			var m CycleMeasure
			if err := rows.Scan(&cycle, &m.StandardID, &m.Role); err != nil {
				return err
			}
			measures[cycle] = append(measures[cycle], m)
		}
		return rows.Err()
	})
	b.Queue(actionsSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			a := &Action{}
			if err := rows.Scan(&a.ID, &a.Title, &a.OwnerID, &a.DueOn, &a.Status, &a.CycleID); err != nil {
				return err
			}
			d.Actions = append(d.Actions, a)
		}
		return rows.Err()
	})
	b.Queue(actionStandardsSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var a, s string
			if err := rows.Scan(&a, &s); err != nil {
				return err
			}
			actStd[a] = append(actStd[a], s)
		}
		return rows.Err()
	})
	b.Queue(agendaSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var it AgendaItem
			if err := rows.Scan(&it.ID, &it.ReviewID, &it.ReviewTitle, &it.MeetingDate, &it.Kind, &it.EntityID, &it.Title); err != nil {
				return err
			}
			d.Agenda = append(d.Agenda, it)
		}
		return rows.Err()
	})
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return err
	}

	for _, s := range d.Systems {
		s.SiteIDs = siteOf[s.ID]
		sort.Strings(s.SiteIDs)
	}
	for _, c := range d.Cycles {
		c.Measures = measures[c.ID]
	}
	for _, a := range d.Actions {
		a.StandardIDs = actStd[a.ID]
	}
	d.index()

	// Judge every series, then analyse each standard's chart.
	kept := d.Standards[:0]
	for _, st := range d.Standards {
		if len(st.revisions) == 0 {
			continue // not judgeable; the catalogue never leaves a standard so
		}
		st.Last = compliance.LastCompletePeriod(st.Period, now)
		st.Previous = compliance.AddPeriods(st.Period, st.Last, -1)
		st.Revision = revisionAt(st.revisions, st.Last)
		values := orgValues[st.ID]
		st.Org = st.judgeSeries(d, nil, firstOnGrid(st.Period, values, st.Last), st.Last, values)
		for _, sysID := range st.SystemIDs {
			sys := d.systemByID[sysID]
			k := pair{st.ID, sysID}
			values := sysValues[k]
			from := compliance.AddPeriods(st.Period, st.Last, -compliance.RateWindow)
			if f := firstSys[k]; f == nil || compliance.Day(*f).After(from) {
				from = firstOnGrid(st.Period, values, st.Last)
			}
			st.Cells[sysID] = st.judgeSeries(d, sys, from, st.Last, values)
		}
		st.analyse()
		kept = append(kept, st)
	}
	d.Standards = kept
	d.index()
	return nil
}

// analyse runs the standard's chart the way compliance.Chart does: its
// direction, its threshold as the assurance target, its rebases, baseline
// and screening; the icons come from the last point.
func (st *Standard) analyse() {
	in := spc.Input{
		Points:             make([]spc.Point, len(st.Org)),
		Improvement:        compliance.ImprovementOf(st.Revision.Direction),
		BaselinePoints:     st.baseline,
		ScreenMovingRanges: st.screen,
		Rebase:             st.rebases,
	}
	if in.Improvement != spc.Neutral {
		th := st.Revision.Threshold
		in.Target = &th
	}
	for i, p := range st.Org {
		in.Points[i] = spc.Point{Period: p.Start, Value: p.Value}
	}
	if len(in.Validate()) > 0 {
		return // built from the database's own constraints; leave the icons undefined
	}
	res := spc.Analyse(in)
	st.Variation, st.Assurance = res.Variation, res.Assurance
	if n := len(res.Segments); n > 0 {
		st.Provisional = res.Segments[n-1].Short
	}
}
