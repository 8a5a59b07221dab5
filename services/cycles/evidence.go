package cycles

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/jackc/pgx/v5"

	"assure/models"
	"assure/services"
	"assure/services/compliance"
	"assure/services/spc"
)

// Evidence is the Study stage's computed comparison for every measure of a
// cycle: before and after the change, on each standard's SPC chart.
type Evidence struct {
	CycleID     string
	DoStartedOn time.Time
	Measures    []MeasureEvidence
}

// How the signals since the change were judged.
const (
	// JudgedBeforeLimits: against limits frozen from the periods before the
	// change (at least spc.MinBaselinePoints of them) — MDC's way of asking
	// whether a change moved a process.
	JudgedBeforeLimits = "before_change_limits"
	// JudgedAllPoints: too few periods before the change to freeze limits,
	// so the limits come from every point of the segment; provisional.
	JudgedAllPoints = "all_points"
)

// Verdicts on the signals since the change, against the prediction.
const (
	VerdictSupports     = "supports_prediction"    // every signal is in the predicted direction
	VerdictContradicts  = "contradicts_prediction" // every signal is against it
	VerdictMixed        = "mixed"                  // some each way
	VerdictNoSignal     = "no_signal"              // only common-cause variation since the change
	VerdictNoPrediction = "no_prediction"          // signals, but nothing was predicted
	VerdictNoData       = "no_data"                // nothing to judge yet
)

// MeasureEvidence is one measure's before/after comparison.
type MeasureEvidence struct {
	Measure
	// ChangePeriod is the first period wholly after the change (ChangePeriod).
	ChangePeriod time.Time
	Improvement  spc.Improvement
	Threshold    float64
	// Before and After are the segments either side of the change, with
	// limits recalculated at it; nil when there are no periods on that side.
	Before, After *spc.Segment
	// MeanChange is After.Mean − Before.Mean.
	MeanChange *float64
	// MeanChangeInPredictedDirection compares the sign of MeanChange with an
	// increase or decrease prediction (nil for no_change or no prediction).
	MeanChangeInPredictedDirection *bool
	// PredictedSizeReached: the mean moved at least PredictedChange in the
	// predicted direction (for no_change: stayed within it).
	PredictedSizeReached *bool
	// Signals are the special-cause points since the change.
	Signals       []Signal
	JudgedAgainst string
	Verdict       string
	// Chart is the series with limits recalculated at the change: the
	// before/after chart.
	Chart spc.Result
}

// Signal is one special-cause point since the change.
type Signal struct {
	Period       time.Time
	Value        *float64
	SpecialCause string
	// Rule is outside_limits, trend, two_of_three or shift (a run).
	Rule string
	// Direction is increase (above, upward) or decrease.
	Direction            models.PredictedDirection
	InPredictedDirection *bool
}

// Evidence computes the study evidence of a cycle: for each measure, the
// standard's organisation roll-up analysed with a rebase at the change
// (mean and limits before and after), and the special causes since the
// change judged against the limits from before it. A cycle without a Do
// start date has no before and after: a conflict.
func (s *Service) Evidence(ctx context.Context, id string) (Evidence, error) {
	c, err := s.Get(ctx, id)
	if err != nil {
		return Evidence{}, err
	}
	if c.DoStartedOn == nil {
		return Evidence{}, services.Conflict("the cycle has no do_started_on yet, so there is no before and after to compare")
	}
	out := Evidence{CycleID: c.ID, DoStartedOn: *c.DoStartedOn, Measures: make([]MeasureEvidence, 0, len(c.Measures))}
	for _, m := range c.Measures {
		me, err := s.measureEvidence(ctx, m, *c.DoStartedOn)
		if err != nil {
			return Evidence{}, err
		}
		out.Measures = append(out.Measures, me)
	}
	return out, nil
}

// standardSeries is what evidence needs of a standard.
type standardSeries struct {
	threshold float64
	screen    bool
	values    map[time.Time]float64
	first     time.Time
	rebases   []time.Time
}

func (s *Service) loadSeries(ctx context.Context, standardID string) (standardSeries, error) {
	ss := standardSeries{values: map[time.Time]float64{}}
	b := &pgx.Batch{}
	b.Queue(`SELECT threshold, screen_moving_ranges FROM standards WHERE id = $1`, standardID).QueryRow(func(row pgx.Row) error {
		return row.Scan(&ss.threshold, &ss.screen)
	})
	b.Queue(`SELECT period_start, value FROM series_values WHERE standard_id = $1 AND system_id IS NULL ORDER BY period_start`,
		standardID).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var d time.Time
			var v float64
			if err := rows.Scan(&d, &v); err != nil {
				return err
			}
			d = compliance.Day(d)
			if len(ss.values) == 0 {
				ss.first = d
			}
			ss.values[d] = v
		}
		return rows.Err()
	})
	b.Queue(`SELECT period FROM standard_rebases WHERE standard_id = $1 ORDER BY period`, standardID).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var d time.Time
			if err := rows.Scan(&d); err != nil {
				return err
			}
			ss.rebases = append(ss.rebases, compliance.Day(d))
		}
		return rows.Err()
	})
	if err := s.pool.Pool.SendBatch(ctx, b).Close(); err != nil {
		if errors.Is(err, pgx.ErrNoRows) {
			return ss, fmt.Errorf("standard %s: %w", standardID, services.ErrNotFound)
		}
		return ss, fmt.Errorf("load series of standard %s: %w", standardID, err)
	}
	return ss, nil
}

func (s *Service) measureEvidence(ctx context.Context, m Measure, doStart time.Time) (MeasureEvidence, error) {
	me := MeasureEvidence{Measure: m, ChangePeriod: ChangePeriod(m.Period, doStart), Improvement: compliance.ImprovementOf(m.Direction),
		Signals: []Signal{}, Verdict: VerdictNoData, Chart: spc.Result{Points: []spc.PointResult{}, Segments: []spc.Segment{}}}
	ss, err := s.loadSeries(ctx, m.StandardID)
	if err != nil {
		return me, err
	}
	me.Threshold = ss.threshold
	last := compliance.LastCompletePeriod(m.Period, s.now())
	if len(ss.values) == 0 || last.Before(ss.first) {
		return me, nil
	}
	// The grid of periods from the first value to the last complete period
	// (at most spc.MaxPoints of them, the latest), values where recorded.
	first := compliance.PeriodStart(m.Period, ss.first)
	if n := compliance.PeriodCount(m.Period, first, last); n > spc.MaxPoints {
		first = compliance.AddPeriods(m.Period, last, -(spc.MaxPoints - 1))
	}
	var points []spc.Point
	changeAt := -1
	for d := first; !d.After(last); d = compliance.NextPeriod(m.Period, d) {
		p := spc.Point{Period: d}
		if v, ok := ss.values[d]; ok {
			p.Value = &v
		}
		if changeAt < 0 && !d.Before(me.ChangePeriod) {
			changeAt = len(points)
		}
		points = append(points, p)
	}
	// Limits recalculated at the change. Rebases after it (later changes)
	// are left out so that "after" is one segment.
	target := ss.threshold
	in := spc.Input{Points: points, Improvement: me.Improvement, ScreenMovingRanges: ss.screen}
	if me.Improvement != spc.Neutral {
		in.Target = &target
	}
	for _, r := range ss.rebases {
		if r.Before(me.ChangePeriod) {
			in.Rebase = append(in.Rebase, r)
		}
	}
	in.Rebase = append(in.Rebase, me.ChangePeriod)
	me.Chart = spc.Analyse(in)
	for i := range me.Chart.Segments {
		seg := me.Chart.Segments[i]
		switch {
		case seg.Start.Time().Equal(me.ChangePeriod):
			me.After = &seg
		case seg.Start.Time().Before(me.ChangePeriod):
			me.Before = &seg
		}
	}
	if me.Before != nil && me.After != nil && me.Before.Mean != nil && me.After.Mean != nil {
		d := *me.After.Mean - *me.Before.Mean
		me.MeanChange = &d
		me.MeanChangeInPredictedDirection, me.PredictedSizeReached = judgeMean(d, m.PredictedDirection, m.PredictedChange)
	}
	if me.Before == nil || me.After == nil {
		return me, nil // nothing before the change, or nothing after it yet
	}
	beforeStart := changeAt - me.Before.Points
	me.Signals, me.JudgedAgainst = signalsSince(in, beforeStart, changeAt, m.PredictedDirection)
	me.Verdict = verdict(me.Signals, m.PredictedDirection)
	return me, nil
}

// signalsSince judges the points from changeAt on against the limits of the
// periods before it (beforeStart to changeAt), frozen when there are enough
// of them. No rebase splits that stretch: a shift must show as a run.
func signalsSince(in spc.Input, beforeStart, changeAt int, predicted *models.PredictedDirection) ([]Signal, string) {
	judged := spc.Input{Points: in.Points[beforeStart:], Improvement: in.Improvement, Target: in.Target,
		ScreenMovingRanges: in.ScreenMovingRanges}
	against := JudgedAllPoints
	if n := changeAt - beforeStart; n >= spc.MinBaselinePoints {
		judged.BaselinePoints = &n
		against = JudgedBeforeLimits
	}
	res := spc.Analyse(judged)
	out := []Signal{}
	for _, p := range res.Points[changeAt-beforeStart:] {
		if p.SpecialCause == nil {
			continue
		}
		sig := Signal{Period: p.Period.Time(), Value: p.Value, SpecialCause: *p.SpecialCause}
		sig.Rule, sig.Direction = describeCause(*p.SpecialCause)
		if predicted != nil {
			in := *predicted == sig.Direction
			sig.InPredictedDirection = &in
		}
		out = append(out, sig)
	}
	return out, against
}

// describeCause names a special cause's rule and direction.
func describeCause(cause string) (string, models.PredictedDirection) {
	switch cause {
	case spc.CauseAboveUpperLimit:
		return "outside_limits", models.PredictIncrease
	case spc.CauseBelowLowerLimit:
		return "outside_limits", models.PredictDecrease
	case spc.CauseTrendIncreasing:
		return "trend", models.PredictIncrease
	case spc.CauseTrendDecreasing:
		return "trend", models.PredictDecrease
	case spc.CauseTwoOfThreeAbove:
		return "two_of_three", models.PredictIncrease
	case spc.CauseTwoOfThreeBelow:
		return "two_of_three", models.PredictDecrease
	case spc.CauseRunAboveMean:
		return "shift", models.PredictIncrease
	default:
		return "shift", models.PredictDecrease
	}
}

func verdict(signals []Signal, predicted *models.PredictedDirection) string {
	if len(signals) == 0 {
		return VerdictNoSignal
	}
	if predicted == nil {
		return VerdictNoPrediction
	}
	with := 0
	for _, s := range signals {
		if *s.InPredictedDirection {
			with++
		}
	}
	switch with {
	case len(signals):
		return VerdictSupports
	case 0:
		return VerdictContradicts
	}
	return VerdictMixed
}

// judgeMean compares the change of the mean with the prediction.
func judgeMean(change float64, dir *models.PredictedDirection, size *float64) (*bool, *bool) {
	if dir == nil {
		return nil, nil
	}
	var inDir *bool
	moved := change
	switch *dir {
	case models.PredictIncrease:
		b := change > 0
		inDir = &b
	case models.PredictDecrease:
		b := change < 0
		inDir = &b
		moved = -change
	}
	if size == nil {
		return inDir, nil
	}
	var reached bool
	if *dir == models.PredictNoChange {
		reached = math.Abs(change) <= *size
	} else {
		reached = moved >= *size
	}
	return inDir, &reached
}
