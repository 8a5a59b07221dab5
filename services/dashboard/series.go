package dashboard

import (
	"context"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"assure/services/compliance"
	"assure/services/spc"
)

// pair is a standard and a system in its scope.
type pair struct{ std, sys string }

// seriesLoad is the series values read for the standards being judged.
type seriesLoad struct {
	org map[string][]dated
	sys map[pair][]dated
}

// queueSeries reads the organisation roll-ups (spc.MaxPoints periods back)
// and the systems' last RateWindow+1 periods of the standards in ids (nil:
// every active standard).
func queueSeries(b *pgx.Batch, last, orgFrom, sysFrom [3]time.Time, ids []string) *seriesLoad {
	l := &seriesLoad{org: map[string][]dated{}, sys: map[pair][]dated{}}
	orgArgs := []any{last[0], last[1], last[2], orgFrom[0], orgFrom[1], orgFrom[2], ids}
	sysArgs := []any{last[0], last[1], last[2], sysFrom[0], sysFrom[1], sysFrom[2], ids}
	b.Queue(orgSeriesSQL, orgArgs...).Query(func(rows pgx.Rows) error {
		var id string
		var v dated
		for rows.Next() {
			if err := rows.Scan(&id, &v.day, &v.value); err != nil {
				return err
			}
			l.org[id] = append(l.org[id], v)
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
			l.sys[k] = append(l.sys[k], v)
		}
		return rows.Err()
	})
	return l
}

// judge judges the series of the standards in fresh (whose catalogue is
// loaded) and analyses their charts.
func (l *seriesLoad) judge(ctx context.Context, tx pgx.Tx, d *Data, fresh []*Standard, now time.Time) error {
	// The queries return each series in period order as planned; make sure.
	for _, vs := range l.org {
		sortByDay(vs)
	}
	for _, vs := range l.sys {
		sortByDay(vs)
	}
	var unsure []pair
	var unsureFrom []time.Time
	for _, st := range fresh {
		st.Last = compliance.LastCompletePeriod(st.Period, now)
		st.Previous = compliance.AddPeriods(st.Period, st.Last, -1)
		st.Revision = revisionAt(st.revisions, st.Last)
		values := l.org[st.ID]
		st.Org = st.judgeSeries(d, nil, firstOnGrid(st.Period, values, st.Last), st.Last, values)
		st.analyse()
		from := compliance.AddPeriods(st.Period, st.Last, -compliance.RateWindow)
		for _, sysID := range st.SystemIDs {
			k := pair{st.ID, sysID}
			if values := l.sys[k]; len(values) == 0 || !values[0].day.Equal(from) {
				unsure = append(unsure, k)
				unsureFrom = append(unsureFrom, from)
			}
		}
	}
	earlier, err := valuesBefore(ctx, tx, unsure, unsureFrom)
	if err != nil {
		return err
	}
	for _, st := range fresh {
		window := compliance.AddPeriods(st.Period, st.Last, -compliance.RateWindow)
		for _, sysID := range st.SystemIDs {
			k := pair{st.ID, sysID}
			values := l.sys[k]
			from := window
			if (len(values) == 0 || !values[0].day.Equal(from)) && !earlier[k] {
				from = firstOnGrid(st.Period, values, st.Last)
			}
			st.Cells[sysID] = st.judgeSeries(d, d.systemByID[sysID], from, st.Last, values)
		}
	}
	return nil
}

// valuesBefore answers, for series whose window does not start with a
// value, whether they have a value before the window: only then are the
// periods before their first value in the window missing rather than
// before the series began.
func valuesBefore(ctx context.Context, tx pgx.Tx, pairs []pair, from []time.Time) (map[pair]bool, error) {
	out := map[pair]bool{}
	if len(pairs) == 0 {
		return out, nil
	}
	stds, syss := make([]string, len(pairs)), make([]string, len(pairs))
	for i, k := range pairs {
		stds[i], syss[i] = k.std, k.sys
	}
	rows, err := tx.Query(ctx, earlierSQL, stds, syss, from)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var k pair
		var before bool
		if err := rows.Scan(&k.std, &k.sys, &before); err != nil {
			return nil, err
		}
		out[k] = before
	}
	return out, rows.Err()
}

func sortByDay(vs []dated) {
	less := func(a, b dated) int { return a.day.Compare(b.day) }
	if !slices.IsSortedFunc(vs, less) {
		slices.SortFunc(vs, less)
	}
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
	st.Variation, st.Assurance, st.Provisional = res.Variation, res.Assurance, false
	if n := len(res.Segments); n > 0 {
		st.Provisional = res.Segments[n-1].Short
	}
}
