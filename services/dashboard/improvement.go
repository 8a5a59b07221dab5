package dashboard

import (
	"slices"
	"sort"
	"time"

	"assure/models"
	"assure/services/cycles"
)

// Improvement is the improvement work under way and its results.
type Improvement struct {
	// Stages counts cycles by stage, in stage order.
	Stages []StageCount
	// Adopted are the cycles whose change was adopted since AdoptedSince
	// (three months before today), latest first.
	AdoptedSince time.Time
	Adopted      []AdoptedChange
	// Overdue are the overdue actions grouped by their owner, most first.
	Overdue []OwnerActions
	// Awaiting is what waits for the board: undecided agenda items of open
	// reviews, and cycles in Study or Act not yet on an agenda — the first
	// MaxAwaiting of AwaitingTotal.
	Awaiting      []Awaiting
	AwaitingTotal int
}

// The dashboard summarises; the accountability pages and the board's
// agenda list everything. A big trust has hundreds of overdue actions.
const (
	// MaxOverduePerOwner is how many of an owner's overdue actions are listed.
	MaxOverduePerOwner = 3
	// MaxAwaiting is how many items awaiting the board are listed.
	MaxAwaiting = 20
)

// StageCount is how many cycles are in a stage.
type StageCount struct {
	Stage models.Stage
	Count int
}

// AdoptedChange is a cycle whose change was adopted, with its effect on
// each outcome measure.
type AdoptedChange struct {
	Cycle     *Cycle
	AdoptedOn time.Time
	Effects   []Effect
}

// Effect compares a standard's organisation roll-up before and after a
// change: the means of the chart segments either side of it (limits are
// recalculated where a change is adopted).
type Effect struct {
	Standard *Standard
	// ChangePeriod is the first period wholly after the change.
	ChangePeriod              time.Time
	MeanBefore, MeanAfter     *float64
	PointsBefore, PointsAfter int
	// Better says the mean moved the way the standard wants (nil when it
	// has no better side or a mean is missing).
	Better *bool
}

// OwnerActions is one owner's overdue actions: Count of them, the most
// overdue MaxOverduePerOwner listed.
type OwnerActions struct {
	OwnerID, Name string
	Count         int
	Actions       []*Action
}

// Awaiting is one thing waiting for a board decision.
type Awaiting struct {
	Kind     models.ItemKind
	EntityID *string
	Title    string
	// Reason is awaiting_study_sign_off or awaiting_act_decision for a cycle
	// not yet on an agenda, on_agenda for an undecided agenda item.
	Reason string
	// Item is the agenda item (nil for a cycle not yet on an agenda).
	Item *AgendaItem
}

// Reasons something awaits the board.
const (
	ReasonStudySignOff = "awaiting_study_sign_off"
	ReasonActDecision  = "awaiting_act_decision"
	ReasonOnAgenda     = "on_agenda"
)

// cycleInView: without a filter every cycle; with one, those measuring a
// standard in view.
func (v view) cycle(c *Cycle) bool {
	if !v.f.Any() {
		return true
	}
	return slices.ContainsFunc(c.Measures, func(m CycleMeasure) bool { return v.standards[m.StandardID] })
}

// action: without a filter every action; with one, those linked to a
// standard in view or belonging to a cycle in view.
func (v view) action(d *Data, a *Action) bool {
	if !v.f.Any() {
		return true
	}
	if slices.ContainsFunc(a.StandardIDs, func(id string) bool { return v.standards[id] }) {
		return true
	}
	if a.CycleID != nil {
		if c := d.cycle(*a.CycleID); c != nil {
			return v.cycle(c)
		}
	}
	return false
}

func (d *Data) cycle(id string) *Cycle {
	i := sort.Search(len(d.Cycles), func(i int) bool { return d.Cycles[i].ID >= id })
	if i < len(d.Cycles) && d.Cycles[i].ID == id {
		return d.Cycles[i]
	}
	return nil
}

func (d *Data) action(id string) *Action {
	for _, a := range d.Actions {
		if a.ID == id {
			return a
		}
	}
	return nil
}

func (d *Data) improvement(v view) Improvement {
	out := Improvement{AdoptedSince: d.sinceQuarter()}
	stages := map[models.Stage]int{}
	for _, c := range d.Cycles {
		if !v.cycle(c) {
			continue
		}
		stages[c.Stage]++
		if c.Stage == models.StageClosed && c.Decision != nil && *c.Decision == models.DecisionAdopt &&
			!c.StageChangedAt.Before(out.AdoptedSince) {
			out.Adopted = append(out.Adopted, d.adopted(c))
		}
	}
	for _, s := range models.Stages {
		out.Stages = append(out.Stages, StageCount{Stage: s, Count: stages[s]})
	}
	sort.SliceStable(out.Adopted, func(i, j int) bool { return out.Adopted[i].AdoptedOn.After(out.Adopted[j].AdoptedOn) })

	byOwner := map[string]*OwnerActions{}
	for _, a := range d.Actions {
		if !a.DueOn.Before(d.Today) || !v.action(d, a) {
			continue
		}
		o := byOwner[a.OwnerID]
		if o == nil {
			o = &OwnerActions{OwnerID: a.OwnerID, Name: d.Names[a.OwnerID]}
			byOwner[a.OwnerID] = o
		}
		o.Count++
		if len(o.Actions) < MaxOverduePerOwner {
			o.Actions = append(o.Actions, a) // loaded by due date: most overdue first
		}
	}
	for _, o := range byOwner {
		out.Overdue = append(out.Overdue, *o)
	}
	sort.Slice(out.Overdue, func(i, j int) bool {
		if out.Overdue[i].Count != out.Overdue[j].Count {
			return out.Overdue[i].Count > out.Overdue[j].Count
		}
		return out.Overdue[i].Name < out.Overdue[j].Name
	})

	out.Awaiting = d.awaiting(v)
	out.AwaitingTotal = len(out.Awaiting)
	if len(out.Awaiting) > MaxAwaiting {
		out.Awaiting = out.Awaiting[:MaxAwaiting]
	}
	return out
}

// adopted works out a change's effect on each outcome measure that is an
// active standard (others have no series in the summary).
func (d *Data) adopted(c *Cycle) AdoptedChange {
	ac := AdoptedChange{Cycle: c, AdoptedOn: c.StageChangedAt}
	if c.DoStartedOn == nil {
		return ac
	}
	for _, m := range c.Measures {
		st := d.standardByID[m.StandardID]
		if m.Role != models.RoleOutcome || st == nil {
			continue
		}
		ac.Effects = append(ac.Effects, st.effect(cycles.ChangePeriod(st.Period, *c.DoStartedOn)))
	}
	return ac
}

// effect compares the segment before change with the one it starts: each
// runs from the rebase before it (or the first period) to the next rebase
// (or the last period).
func (st *Standard) effect(change time.Time) Effect {
	e := Effect{Standard: st, ChangePeriod: change}
	from, until := time.Time{}, time.Time{}
	for _, r := range st.rebases {
		if r.Before(change) {
			from = r
		} else if r.After(change) && until.IsZero() {
			until = r
		}
	}
	var sumB, sumA float64
	for _, p := range st.Org {
		if p.Value == nil || p.Start.Before(from) || (!until.IsZero() && !p.Start.Before(until)) {
			continue
		}
		if p.Start.Before(change) {
			sumB += *p.Value
			e.PointsBefore++
		} else {
			sumA += *p.Value
			e.PointsAfter++
		}
	}
	if e.PointsBefore > 0 {
		m := sumB / float64(e.PointsBefore)
		e.MeanBefore = &m
	}
	if e.PointsAfter > 0 {
		m := sumA / float64(e.PointsAfter)
		e.MeanAfter = &m
	}
	if e.MeanBefore != nil && e.MeanAfter != nil {
		var better bool
		switch st.Revision.Direction {
		case models.HigherIsBetter:
			better = *e.MeanAfter > *e.MeanBefore
		case models.LowerIsBetter:
			better = *e.MeanAfter < *e.MeanBefore
		default:
			return e
		}
		e.Better = &better
	}
	return e
}

func (d *Data) awaiting(v view) []Awaiting {
	var out []Awaiting
	onAgenda := map[string]bool{}
	for i := range d.Agenda {
		it := &d.Agenda[i]
		if it.EntityID != nil {
			onAgenda[string(it.Kind)+":"+*it.EntityID] = true
		}
		if !v.agendaItem(d, it) {
			continue
		}
		out = append(out, Awaiting{Kind: it.Kind, EntityID: it.EntityID, Title: it.Title, Reason: ReasonOnAgenda, Item: it})
	}
	for _, c := range d.Cycles {
		if (c.Stage != models.StageStudy && c.Stage != models.StageAct) || onAgenda["cycle:"+c.ID] || !v.cycle(c) {
			continue
		}
		reason := ReasonStudySignOff
		if c.Stage == models.StageAct {
			reason = ReasonActDecision
		}
		id := c.ID
		out = append(out, Awaiting{Kind: models.ItemCycle, EntityID: &id, Title: c.Title, Reason: reason})
	}
	return out
}

// agendaItem: without a filter every item; with one, items about a
// standard, cycle or action in view.
func (v view) agendaItem(d *Data, it *AgendaItem) bool {
	if !v.f.Any() {
		return true
	}
	if it.EntityID == nil {
		return false
	}
	switch it.Kind {
	case models.ItemStandard:
		return v.standards[*it.EntityID]
	case models.ItemCycle:
		c := d.cycle(*it.EntityID)
		return c != nil && v.cycle(c)
	case models.ItemAction:
		a := d.action(*it.EntityID)
		return a != nil && v.action(d, a)
	}
	return false
}
