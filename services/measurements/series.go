package measurements

import (
	"fmt"
	"time"

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
//
// Its two parameters bound the staged periods, so that only the partitions
// holding them are read: without them a batch's refresh read every partition
// and grew with the table. The roll-up is one pass over judged grouped by key
// (every kind of aggregate at once) and one join to standards per key, not
// per row.
var seriesWanted = fmt.Sprintf(`
WITH keys AS (
    SELECT DISTINCT standard_id, period_start FROM measurement_stage
), judged AS (
    SELECT DISTINCT ON (m.standard_id, m.system_id, m.period_start)
           m.standard_id, m.system_id, m.period_start, m.value
    FROM keys k
    JOIN measurements m ON m.standard_id = k.standard_id AND m.period_start = k.period_start
    WHERE m.period_start BETWEEN ? AND ?
    ORDER BY m.standard_id, m.system_id, m.period_start, %s
), rolled AS (
    SELECT standard_id, period_start,
           max(value) FILTER (WHERE system_id IS NULL) AS explicit,
           avg(value) FILTER (WHERE system_id IS NOT NULL) AS mean,
           sum(value) FILTER (WHERE system_id IS NOT NULL) AS total,
           min(value) FILTER (WHERE system_id IS NOT NULL) AS least,
           max(value) FILTER (WHERE system_id IS NOT NULL) AS greatest
    FROM judged
    GROUP BY standard_id, period_start
), wanted AS (
    SELECT standard_id, system_id, period_start, value FROM judged WHERE system_id IS NOT NULL
    UNION ALL
    SELECT r.standard_id, NULL::uuid, r.period_start,
           COALESCE(r.explicit, CASE s.rollup WHEN 'sum' THEN r.total WHEN 'min' THEN r.least
                                              WHEN 'max' THEN r.greatest ELSE r.mean END)
    FROM rolled r
    JOIN standards s ON s.id = r.standard_id
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

// refreshSeries recomputes series_values for the keys in measurement_stage,
// whose periods lie between from and to, inside tx. After an upsert no series
// row can lose its last measurement, so only deletes (afterDelete) look for
// rows to remove.
func refreshSeries(tx *gorm.DB, from, to time.Time, afterDelete bool) error {
	q := seriesWanted + seriesUpsert
	if afterDelete {
		q = seriesWanted + seriesGone + seriesUpsert
	}
	if err := tx.Exec(q, from.Format(time.DateOnly), to.Format(time.DateOnly)).Error; err != nil {
		return fmt.Errorf("refresh series: %w", err)
	}
	return nil
}
