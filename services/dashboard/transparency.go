package dashboard

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"assure/models"
	"assure/services"
	"assure/services/compliance"
	"assure/services/spc"
)

// Transparency is a quarter's summary a trust can publish: how each
// standard was met, the time clinicians lost to IT, and the improvement
// done. It names standards, systems and suppliers, never a patient, a
// reporter or anything a reporter wrote: reports appear only as counts and
// minutes, and no person is named at all.
type Transparency struct {
	Quarter string
	// From and To are the quarter's first and last days.
	From, To time.Time
	// Complete is false for the quarter still running: its figures stop at
	// each standard's last complete period.
	Complete  bool
	Standards []QuarterStandard
	// Counts and Rate pool every standard's periods in the quarter.
	Counts Counts
	Rate   *float64
	// StandardsAlwaysMet counts standards met (or excepted) in every one of
	// their periods in the quarter.
	StandardsAlwaysMet int
	Hours              QuarterHours
	Improvement        QuarterImprovement
}

// QuarterStandard is one standard's quarter.
type QuarterStandard struct {
	Standard *Standard
	// Periods are the organisation roll-up's periods starting in the quarter.
	Periods []Judged
	Counts  Counts
	Rate    *float64
	// Variation and Assurance are the chart's icons at the quarter's last
	// period (nil when undefined or when no period of the quarter is judged).
	Variation, Assurance *string
}

// QuarterHours is the time lost to IT in the quarter.
type QuarterHours struct {
	Minutes      int64
	Reports      int
	HarmfulCount int
	// BySystem is every system with reports (ID "" for reports whose
	// system was not known), most time lost first.
	BySystem []TimeLost
	// ByMonth is each month of the quarter.
	ByMonth []MonthMinutes
}

// MonthMinutes is the minutes lost in one month.
type MonthMinutes struct {
	Month   time.Time
	Minutes int64
	Reports int
}

// QuarterImprovement is the improvement work finished in the quarter.
type QuarterImprovement struct {
	CyclesClosed, Adopted, Adapted, Abandoned int
	// Changes are the adopted changes with their effects.
	Changes          []AdoptedChange
	ActionsCompleted int
}

var quarterPattern = regexp.MustCompile(`^([0-9]{4})-Q([1-4])$`)

// ParseQuarter reads "2026-Q3" as the quarter's first day.
func ParseQuarter(s string) (time.Time, bool) {
	m := quarterPattern.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	y, _ := strconv.Atoi(m[1]) // four digits: cannot fail
	q, _ := strconv.Atoi(m[2])
	return time.Date(y, time.Month(3*(q-1)+1), 1, 0, 0, 0, 0, time.UTC), true
}

// QuarterName names the quarter starting on start ("2026-Q3").
func QuarterName(start time.Time) string {
	return fmt.Sprintf("%04d-Q%d", start.Year(), (int(start.Month())-1)/3+1)
}

// QuarterOf returns the first day of the quarter day d falls in.
func QuarterOf(d time.Time) time.Time {
	return time.Date(d.Year(), time.Month((int(d.Month())-1)/3*3+1), 1, 0, 0, 0, 0, time.UTC)
}

// ResolveQuarter checks a requested quarter: empty means the last complete
// one; a quarter that has not started is refused.
func (d *Data) ResolveQuarter(q string) (time.Time, error) {
	if q == "" {
		return QuarterOf(d.Today).AddDate(0, -3, 0), nil
	}
	start, ok := ParseQuarter(q)
	if !ok {
		return time.Time{}, services.Invalid("quarter", "must be a quarter in the form 2026-Q3")
	}
	if start.After(d.Today) {
		return time.Time{}, services.Invalid("quarter", "has not started yet")
	}
	return start, nil
}

// The quarter's reports and completed actions: counts and minutes only.
const (
	quarterReportsSQL = `SELECT system_id::text, date_trunc('month', started_at)::date, sum(total_minutes_lost)::bigint, count(*)::int,
       count(*) FILTER (WHERE physical_harm IN ('moderate', 'severe', 'fatal')
                           OR psychological_harm IN ('moderate', 'severe', 'fatal'))::int
FROM issues WHERE started_at >= $1 AND started_at < $2 GROUP BY 1, 2`
	quarterActionsSQL = `SELECT count(*)::int FROM actions WHERE status = 'done' AND completed_on >= $1 AND completed_on < $2`
)

// Transparency builds the report of the quarter starting on start (from
// ResolveQuarter). The standards' figures come from the summary; the
// reports' and actions' from two aggregate queries of the quarter.
func (d *Data) Transparency(ctx context.Context, start time.Time) (Transparency, error) {
	end := start.AddDate(0, 3, 0)
	out := Transparency{Quarter: QuarterName(start), From: start, To: end.AddDate(0, 0, -1), Complete: !end.After(d.Today)}
	for _, st := range d.Standards {
		qs := QuarterStandard{Standard: st}
		i := 0
		for i < len(st.Org) && st.Org[i].Start.Before(start) {
			i++
		}
		j := i
		for j < len(st.Org) && st.Org[j].Start.Before(end) {
			qs.Counts.add(st.Org[j].Status)
			j++
		}
		qs.Periods = st.Org[i:j]
		qs.Rate = qs.Counts.Rate()
		if j > i {
			qs.Variation, qs.Assurance = st.analyseUntil(j)
			if qs.Counts.Breached == 0 && qs.Counts.Missing == 0 {
				out.StandardsAlwaysMet++
			}
		}
		out.Counts.addAll(qs.Counts)
		out.Standards = append(out.Standards, qs)
	}
	out.Rate = out.Counts.Rate()

	for _, c := range d.Cycles {
		if c.StageChangedAt.Before(start) || !c.StageChangedAt.Before(end) {
			continue
		}
		switch {
		case c.Stage == models.StageAbandoned:
			out.Improvement.Abandoned++
		case c.Stage == models.StageClosed && c.Decision != nil:
			out.Improvement.CyclesClosed++
			switch *c.Decision {
			case models.DecisionAdopt:
				out.Improvement.Adopted++
				out.Improvement.Changes = append(out.Improvement.Changes, d.adopted(c))
			case models.DecisionAdapt:
				out.Improvement.Adapted++
			case models.DecisionAbandon:
				out.Improvement.Abandoned++
			}
		}
	}
	sort.SliceStable(out.Improvement.Changes, func(i, j int) bool {
		return out.Improvement.Changes[i].AdoptedOn.Before(out.Improvement.Changes[j].AdoptedOn)
	})

	bySystem := map[string]*TimeLost{}
	byMonth := map[time.Time]*MonthMinutes{}
	for m := start; m.Before(end); m = m.AddDate(0, 1, 0) {
		byMonth[m] = &MonthMinutes{Month: m}
	}
	b := &pgx.Batch{}
	b.Queue(quarterReportsSQL, start, end).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var sys *string
			var month time.Time
			var minutes int64
			var reports, harmful int
			if err := rows.Scan(&sys, &month, &minutes, &reports, &harmful); err != nil {
				return err
			}
			out.Hours.Minutes += minutes
			out.Hours.Reports += reports
			out.Hours.HarmfulCount += harmful
			if mm := byMonth[compliance.Day(month)]; mm != nil {
				mm.Minutes += minutes
				mm.Reports += reports
			}
			key := ""
			if sys != nil {
				key = *sys
			}
			t := bySystem[key]
			if t == nil {
				t = &TimeLost{ID: key, Name: systemName(d, key)}
				bySystem[key] = t
			}
			t.Minutes += minutes
			t.Reports += reports
		}
		return rows.Err()
	})
	b.Queue(quarterActionsSQL, start, end).QueryRow(func(row pgx.Row) error {
		return row.Scan(&out.Improvement.ActionsCompleted)
	})
	if err := d.db.Pool.SendBatch(ctx, b).Close(); err != nil {
		return Transparency{}, fmt.Errorf("transparency report %s: %w", out.Quarter, err)
	}
	for _, t := range bySystem {
		out.Hours.BySystem = append(out.Hours.BySystem, *t)
	}
	sort.Slice(out.Hours.BySystem, func(i, j int) bool {
		a, b := out.Hours.BySystem[i], out.Hours.BySystem[j]
		if a.Minutes != b.Minutes {
			return a.Minutes > b.Minutes
		}
		return a.Name < b.Name
	})
	for m := start; m.Before(end); m = m.AddDate(0, 1, 0) {
		out.Hours.ByMonth = append(out.Hours.ByMonth, *byMonth[m])
	}
	return out, nil
}

// analyseUntil gives the chart's icons as they stood at the end of the
// first n periods of the organisation series, under the revision then.
func (st *Standard) analyseUntil(n int) (variation, assurance *string) {
	rev := revisionAt(st.revisions, st.Org[n-1].Start)
	in := spc.Input{
		Points:             make([]spc.Point, n),
		Improvement:        compliance.ImprovementOf(rev.Direction),
		BaselinePoints:     st.baseline,
		ScreenMovingRanges: st.screen,
		Rebase:             st.rebases,
	}
	if in.Improvement != spc.Neutral {
		th := rev.Threshold
		in.Target = &th
	}
	for i, p := range st.Org[:n] {
		in.Points[i] = spc.Point{Period: p.Start, Value: p.Value}
	}
	if len(in.Validate()) > 0 {
		return nil, nil
	}
	res := spc.Analyse(in)
	return res.Variation, res.Assurance
}
