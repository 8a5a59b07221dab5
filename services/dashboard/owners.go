package dashboard

import (
	"fmt"
	"sort"
	"strings"

	"github.com/google/uuid"

	"assure/models"
	"assure/services"
	"assure/services/compliance"
)

// Owner is what one accountable person owns and what of it needs them:
// active standards (breached or missing in their last period), systems (with
// any standard breached or missing), open cycles (past their planned end)
// and actions still to do (past their due date).
type Owner struct {
	ID, Name  string
	Standards []OwnedStandard
	Systems   []OwnedSystem
	Cycles    []OwnedCycle
	Actions   []OwnedAction
	// Counts of what is owned and of what needs attention.
	StandardsBreached, StandardsMissing int
	SystemsBreached                     int
	CyclesOverdue, ActionsOverdue       int
}

// OwnedStandard is an owned standard and its organisation roll-up.
type OwnedStandard struct {
	Standard *Standard
	Judged
}

// OwnedSystem is an owned system and its judgements, with the standards it
// breaches or has no data for.
type OwnedSystem struct {
	System   *System
	Cells    Counts
	Breached []*Standard
	Missing  []*Standard
}

// OwnedCycle is an open cycle; Overdue when past its planned end.
type OwnedCycle struct {
	Cycle   *Cycle
	Overdue bool
}

// OwnedAction is an action still to do; DaysOverdue > 0 when past due.
type OwnedAction struct {
	Action      *Action
	DaysOverdue int
}

// Owners lists everyone who owns an active standard, a system, an open
// cycle or an action still to do, by name.
func (d *Data) Owners() []Owner {
	all := d.owners()
	out := make([]Owner, 0, len(all))
	for _, o := range all {
		out = append(out, *o)
	}
	sort.Slice(out, func(i, j int) bool {
		if a, b := strings.ToLower(out[i].Name), strings.ToLower(out[j].Name); a != b {
			return a < b
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// Owner returns one owner's view; not found when the user owns nothing
// (or does not exist).
func (d *Data) Owner(userID string) (Owner, error) {
	if _, err := uuid.Parse(userID); err == nil {
		if o := d.owners()[userID]; o != nil {
			return *o, nil
		}
	}
	return Owner{}, fmt.Errorf("owner %s: %w", userID, services.ErrNotFound)
}

func (d *Data) owners() map[string]*Owner {
	m := map[string]*Owner{}
	get := func(id string) *Owner {
		o := m[id]
		if o == nil {
			o = &Owner{ID: id, Name: d.Names[id]}
			m[id] = o
		}
		return o
	}
	for _, st := range d.Standards {
		if st.OwnerID == nil {
			continue
		}
		o := get(*st.OwnerID)
		j := st.LastOrg()
		o.Standards = append(o.Standards, OwnedStandard{Standard: st, Judged: j})
		switch j.Status {
		case compliance.Breached:
			o.StandardsBreached++
		case compliance.Missing:
			o.StandardsMissing++
		}
	}
	for _, sys := range d.Systems {
		if sys.OwnerID == nil {
			continue
		}
		o := get(*sys.OwnerID)
		os := OwnedSystem{System: sys}
		for _, id := range sys.StandardIDs {
			st := d.standardByID[id]
			series := st.Cells[sys.ID]
			j := series[len(series)-1]
			os.Cells.add(j.Status)
			switch j.Status {
			case compliance.Breached:
				os.Breached = append(os.Breached, st)
			case compliance.Missing:
				os.Missing = append(os.Missing, st)
			}
		}
		if len(os.Breached) > 0 {
			o.SystemsBreached++
		}
		o.Systems = append(o.Systems, os)
	}
	for _, c := range d.Cycles {
		if c.OwnerID == nil || !c.Stage.Open() {
			continue
		}
		o := get(*c.OwnerID)
		oc := OwnedCycle{Cycle: c, Overdue: c.PlannedEnd != nil && c.PlannedEnd.Before(d.Today) &&
			(c.Stage == models.StagePlan || c.Stage == models.StageDo)}
		if oc.Overdue {
			o.CyclesOverdue++
		}
		o.Cycles = append(o.Cycles, oc)
	}
	for _, a := range d.Actions {
		o := get(a.OwnerID)
		oa := OwnedAction{Action: a}
		if a.DueOn.Before(d.Today) {
			oa.DaysOverdue = int(d.Today.Sub(a.DueOn).Hours() / 24)
			o.ActionsOverdue++
		}
		o.Actions = append(o.Actions, oa)
	}
	return m
}
