package compliance

import (
	"context"
	"fmt"
	"time"

	"assure/models"
)

// LastPeriod is an active standard's organisation roll-up judged for its last
// complete period: what the catalogue's compliance filter and the dashboard show.
type LastPeriod struct {
	StandardID  string
	PeriodStart time.Time
	Value       *float64
	Status      Status
	Revision    Revision
}

// lastPeriodsSQL judges the roll-up of every active standard (or of those in
// $4) at its last complete period in one statement. $1, $2, $3 are the last
// complete day, week and month. The exception rule is coverage.excepts for the
// roll-up, in SQL: an organisation-wide exception, or every system in scope
// excepted by its own or its site's exception.
const lastPeriodsSQL = `
WITH due AS (
    SELECT s.id, s.period,
           CASE s.period WHEN 'day' THEN $1::date WHEN 'week' THEN $2::date ELSE $3::date END AS ps
    FROM standards s
    WHERE s.status = 'active' AND ($4::uuid[] IS NULL OR s.id = ANY ($4::uuid[]))
), due_end AS (
    SELECT id, period, ps,
           CASE period WHEN 'day' THEN ps + 1 WHEN 'week' THEN ps + 7 ELSE (ps + interval '1 month')::date END AS pe
    FROM due
)
SELECT d.id::text, d.ps, sv.value, r.id::text, r.effective_from, r.direction, r.threshold, r.target, r.period,
       EXISTS (SELECT 1 FROM standard_exceptions e
               WHERE e.standard_id = d.id AND e.system_id IS NULL AND e.site_id IS NULL
                 AND e.starts_on < d.pe AND e.expires_on >= d.ps)
       OR (EXISTS (SELECT 1 FROM standard_systems ss WHERE ss.standard_id = d.id)
           AND NOT EXISTS (
               SELECT 1 FROM standard_systems ss
               WHERE ss.standard_id = d.id AND NOT EXISTS (
                   SELECT 1 FROM standard_exceptions e
                   WHERE e.standard_id = d.id AND e.starts_on < d.pe AND e.expires_on >= d.ps
                     AND (e.system_id = ss.system_id
                          OR e.site_id IN (SELECT x.site_id FROM system_sites x WHERE x.system_id = ss.system_id)))))
       AS excepted
FROM due_end d
LEFT JOIN series_values sv ON sv.standard_id = d.id AND sv.system_id IS NULL AND sv.period_start = d.ps
JOIN LATERAL (
    -- The revision in force at the period's start; before the first, the first.
    SELECT * FROM standard_revisions r
    WHERE r.standard_id = d.id
    ORDER BY (r.effective_from <= d.ps) DESC,
             CASE WHEN r.effective_from <= d.ps THEN r.effective_from END DESC,
             r.effective_from
    LIMIT 1
) r ON true`

// LastPeriods judges the organisation roll-up of active standards at their
// last complete period, keyed by standard id: all active standards when ids
// is nil, else those of ids that are active. One query, whatever the number.
func (s *Service) LastPeriods(ctx context.Context, ids []string) (map[string]LastPeriod, error) {
	now := s.now()
	var filter []string
	if ids != nil {
		filter = make([]string, 0, len(ids))
		for _, id := range ids {
			if validID(id) {
				filter = append(filter, id)
			}
		}
		if len(filter) == 0 {
			return map[string]LastPeriod{}, nil
		}
	}
	rows, err := s.db.Pool.Query(ctx, lastPeriodsSQL,
		LastCompletePeriod(models.PeriodDay, now), LastCompletePeriod(models.PeriodWeek, now),
		LastCompletePeriod(models.PeriodMonth, now), filter)
	if err != nil {
		return nil, fmt.Errorf("judge last periods: %w", err)
	}
	defer rows.Close()
	out := map[string]LastPeriod{}
	for rows.Next() {
		var lp LastPeriod
		var excepted bool
		r := &lp.Revision
		if err := rows.Scan(&lp.StandardID, &lp.PeriodStart, &lp.Value, &r.ID, &r.EffectiveFrom, &r.Direction,
			&r.Threshold, &r.Target, &r.Period, &excepted); err != nil {
			return nil, fmt.Errorf("judge last periods: %w", err)
		}
		lp.Status = Judge(lp.Value, r.Direction, r.Threshold, excepted)
		out[lp.StandardID] = lp
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("judge last periods: %w", err)
	}
	return out, nil
}
