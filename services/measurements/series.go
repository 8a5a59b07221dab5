package measurements

import (
	"fmt"

	"gorm.io/gorm"
)

// seriesWanted computes, for exactly the (standard, period) keys in
// measurement_stage, what series_values should hold:
//
//   - judged: per standard, system (NULL = organisation-wide) and period, the
//     value of the highest-precedence source (manual > import > api > issues);
//   - the organisation roll-up (system NULL) is the explicit organisation-wide
//     value when there is one, otherwise the standard's rollup (mean, sum, min,
//     max) over its systems' judged values.
var seriesWanted = fmt.Sprintf(`
WITH keys AS (
    SELECT DISTINCT standard_id, period_start FROM measurement_stage
), judged AS (
    SELECT DISTINCT ON (m.standard_id, m.system_id, m.period_start)
           m.standard_id, m.system_id, m.period_start, m.value
    FROM keys k
    JOIN measurements m ON m.standard_id = k.standard_id AND m.period_start = k.period_start
    ORDER BY m.standard_id, m.system_id, m.period_start, %s
), rolled AS (
    SELECT j.standard_id, NULL::uuid AS system_id, j.period_start,
           CASE s.rollup WHEN 'sum' THEN sum(j.value) WHEN 'min' THEN min(j.value)
                         WHEN 'max' THEN max(j.value) ELSE avg(j.value) END AS value
    FROM judged j
    JOIN standards s ON s.id = j.standard_id
    WHERE j.system_id IS NOT NULL
    GROUP BY j.standard_id, j.period_start, s.rollup
), wanted AS (
    SELECT standard_id, system_id, period_start, value FROM judged
    UNION ALL
    SELECT r.standard_id, r.system_id, r.period_start, r.value FROM rolled r
    WHERE NOT EXISTS (SELECT 1 FROM judged j
                      WHERE j.standard_id = r.standard_id AND j.period_start = r.period_start AND j.system_id IS NULL)
)`, precedence)

// seriesUpsert writes the wanted rows; unchanged values are not rewritten.
const seriesUpsert = `
INSERT INTO series_values AS sv (standard_id, system_id, period_start, value, updated_at)
SELECT standard_id, system_id, period_start, value, now() FROM wanted
ON CONFLICT (standard_id, system_id, period_start) DO UPDATE
SET value = excluded.value, updated_at = excluded.updated_at
WHERE sv.value IS DISTINCT FROM excluded.value`

// seriesGone deletes the series rows that no measurement supports any more
// (after DeleteInTx): the staged systems' rows and the keys' organisation
// rows. Each DELETE names every column of series_values_key (standard,
// system, period), so it probes the index instead of scanning a standard's
// whole series.
const seriesGone = `,
gone_systems AS (
    DELETE FROM series_values sv USING measurement_stage s
    WHERE s.system_id IS NOT NULL
      AND sv.standard_id = s.standard_id AND sv.system_id = s.system_id AND sv.period_start = s.period_start
      AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.standard_id = sv.standard_id
                      AND w.system_id = sv.system_id AND w.period_start = sv.period_start)
), gone_organisation AS (
    DELETE FROM series_values sv USING keys k
    WHERE sv.standard_id = k.standard_id AND sv.system_id IS NULL AND sv.period_start = k.period_start
      AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.standard_id = sv.standard_id
                      AND w.system_id IS NULL AND w.period_start = sv.period_start)
)`

// refreshSeries recomputes series_values for the keys in measurement_stage
// inside tx. After an upsert no series row can lose its last measurement, so
// only deletes (afterDelete) look for rows to remove.
func refreshSeries(tx *gorm.DB, afterDelete bool) error {
	q := seriesWanted + seriesUpsert
	if afterDelete {
		q = seriesWanted + seriesGone + seriesUpsert
	}
	if err := tx.Exec(q).Error; err != nil {
		return fmt.Errorf("refresh series: %w", err)
	}
	return nil
}
