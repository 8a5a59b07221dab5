package dashboard

// The summary's queries, sent in one round trip. In the series queries $1..$3
// are the last complete day, week and month, $4..$6 the first period of the
// window — spc.MaxPoints back for the organisation roll-up, RateWindow back
// for the systems (so that the period before the last has a full window
// too) — and $7 the standards to read (NULL: every active one). Each is an
// index range scan of series_values_key per standard (and system).
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
	scopeSQL = `SELECT ss.standard_id::text, ss.system_id::text
FROM standard_systems ss JOIN standards s ON s.id = ss.standard_id AND s.status = 'active'`
	// One index range scan of series_values_key per standard (its roll-up).
	orgSeriesSQL = `SELECT s.id::text, sv.period_start, sv.value
FROM standards s
JOIN series_values sv ON sv.standard_id = s.id AND sv.system_id IS NULL
 AND sv.period_start >= ` + orgFromCase + ` AND sv.period_start <= ` + lastCase + `
WHERE s.status = 'active' AND ($7::uuid[] IS NULL OR s.id = ANY ($7::uuid[]))`
	// One index range scan per standard and system in its scope; OFFSET 0
	// keeps the planner from flattening it into a scan of the whole table.
	systemSeriesSQL = `SELECT ss.standard_id::text, ss.system_id::text, sv.period_start, sv.value
FROM standards s
JOIN standard_systems ss ON ss.standard_id = s.id
CROSS JOIN LATERAL (
    SELECT period_start, value FROM series_values sv
    WHERE sv.standard_id = ss.standard_id AND sv.system_id = ss.system_id
      AND sv.period_start >= ` + sysFromCase + ` AND sv.period_start <= ` + lastCase + `
    ORDER BY period_start OFFSET 0) sv
WHERE s.status = 'active' AND ($7::uuid[] IS NULL OR s.id = ANY ($7::uuid[]))`
	// Whether each of $1/$2 (standard and system ids) has a value before $3
	// (the start of its window), for series whose window does not start
	// with a value: only then are the periods before their first value in
	// the window missing rather than before the series began.
	earlierSQL = `SELECT w.std::text, w.sys::text,
       EXISTS (SELECT 1 FROM series_values sv WHERE sv.standard_id = w.std AND sv.system_id = w.sys AND sv.period_start < w.f)
FROM unnest($1::uuid[], $2::uuid[], $3::date[]) AS w(std, sys, f)`
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

// What changed since a summary's snapshot $1: whether the catalogue did
// (then every series is judged afresh), and which standards' series.
const (
	catalogueChangedSQL = `SELECT EXISTS (SELECT 1 FROM dashboard_changes
    WHERE xid >= pg_snapshot_xmin($1::pg_snapshot) AND NOT pg_visible_in_snapshot(xid, $1::pg_snapshot) AND catalogue)`
	seriesChangedSQL = `SELECT DISTINCT standard_id::text FROM dashboard_series_changes
    WHERE xid >= pg_snapshot_xmin($1::pg_snapshot) AND NOT pg_visible_in_snapshot(xid, $1::pg_snapshot)`
)
