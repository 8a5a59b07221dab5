package compliance

import (
	"context"
	"fmt"
	"sort"
	"time"

	"assure/models"
	"assure/services/spc"
)

// Chart is a standard's SPC analysis over a window.
type Chart struct {
	StandardID string
	SystemID   *string
	Period     models.Period
	Unit       string
	// Revision is the one in force at the window's last period: it gives
	// the direction of improvement, and its threshold is the assurance target.
	Revision    Revision
	Improvement spc.Improvement
	Result      spc.Result
	Annotations []Annotation
}

// ImprovementOf maps a standard's direction to SPC's (SPC.md, "Inputs").
func ImprovementOf(d models.Direction) spc.Improvement {
	switch d {
	case models.HigherIsBetter:
		return spc.Increase
	case models.LowerIsBetter:
		return spc.Decrease
	default:
		return spc.Neutral
	}
}

// Chart analyses a standard's series the Making Data Count way: improvement
// from its direction, assurance against its threshold as of the latest period,
// limits recalculated at each of its rebase points, and its own baseline and
// screening settings.
func (s *Service) Chart(ctx context.Context, standardID string, q Query) (Chart, error) {
	sr, err := s.load(ctx, standardID, q, false)
	if err != nil {
		return Chart{}, err
	}
	rev := sr.latestRevision()
	in := spc.Input{
		Points:             make([]spc.Point, len(sr.periods)),
		Improvement:        ImprovementOf(rev.Direction),
		BaselinePoints:     sr.std.BaselinePoints,
		ScreenMovingRanges: sr.std.ScreenMovingRanges,
	}
	if in.Improvement != spc.Neutral {
		th := rev.Threshold
		in.Target = &th
	}
	for i, p := range sr.periods {
		in.Points[i] = spc.Point{Period: p.Start, Value: p.Value}
	}
	for _, r := range sr.rebases {
		in.Rebase = append(in.Rebase, r.Period)
	}
	if errs := in.Validate(); len(errs) > 0 {
		// The series is built from the database's own constraints, so this
		// is a bug, not bad input.
		return Chart{}, fmt.Errorf("chart of standard %s: invalid series: %v", standardID, errs)
	}
	notes, err := s.annotations(ctx, sr)
	if err != nil {
		return Chart{}, err
	}
	return Chart{
		StandardID: sr.std.ID, SystemID: sr.systemID, Period: sr.std.Period, Unit: sr.std.Unit,
		Revision: rev, Improvement: in.Improvement, Result: spc.Analyse(in), Annotations: notes,
	}, nil
}

// Kinds of annotation on a chart.
const (
	// AnnotationRebase marks limits recalculated by an owner's rebase.
	AnnotationRebase = "rebase"
	// AnnotationCycleAdopted marks a PDSA cycle's change being adopted.
	AnnotationCycleAdopted = "cycle_adopted"
	// AnnotationActionCompleted marks an improvement action completed.
	AnnotationActionCompleted = "action_completed"
)

// Annotation is a dated mark on a standard's chart.
type Annotation struct {
	Date  time.Time
	Kind  string
	Label string
}

// AnnotationSource adds marks to standards' charts. Rebases are built in
// (a rebase made by adopting a cycle's change reads as cycle_adopted); the
// areas that own cycles and actions register theirs with
// Service.AddAnnotationSource in internal/app, so this package never imports
// them.
type AnnotationSource interface {
	// Annotations returns the marks of a standard dated within [from, until).
	Annotations(ctx context.Context, standardID string, from, until time.Time) ([]Annotation, error)
}

// AnnotationFunc adapts a function to an AnnotationSource.
type AnnotationFunc func(ctx context.Context, standardID string, from, until time.Time) ([]Annotation, error)

// Annotations calls f.
func (f AnnotationFunc) Annotations(ctx context.Context, standardID string, from, until time.Time) ([]Annotation, error) {
	return f(ctx, standardID, from, until)
}

// AddAnnotationSource registers a source of chart annotations. Call it while
// wiring the application, before serving.
func (s *Service) AddAnnotationSource(src AnnotationSource) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sources = append(s.sources, src)
}

// annotations gathers the marks within the chart's window, in date order.
func (s *Service) annotations(ctx context.Context, sr *series) ([]Annotation, error) {
	out := []Annotation{}
	if len(sr.periods) == 0 {
		return out, nil
	}
	until := NextPeriod(sr.std.Period, sr.to)
	for _, r := range sr.rebases {
		if r.Period.Before(sr.from) || !r.Period.Before(until) {
			continue
		}
		kind := AnnotationRebase
		if r.Source == models.RebaseCycle {
			kind = AnnotationCycleAdopted
		}
		out = append(out, Annotation{Date: r.Period, Kind: kind, Label: r.Reason})
	}
	s.mu.RLock()
	sources := s.sources
	s.mu.RUnlock()
	for _, src := range sources {
		more, err := src.Annotations(ctx, sr.std.ID, sr.from, until)
		if err != nil {
			return nil, fmt.Errorf("annotations of standard %s: %w", sr.std.ID, err)
		}
		for _, a := range more {
			// A source that ignores the window must not put marks off the chart.
			if !a.Date.Before(sr.from) && a.Date.Before(until) {
				out = append(out, a)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out, nil
}
