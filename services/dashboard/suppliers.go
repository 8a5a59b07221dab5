package dashboard

import (
	"fmt"
	"sort"
	"strings"

	"assure/services"
)

// Supplier is what one supplier's systems deliver: their compliance with
// each standard in its last complete period, the time clinicians lost to
// them over the last ReportWeeks weeks, and their open problems.
type Supplier struct {
	Name    string
	Systems []SupplierSystem
	// Cells counts every system × standard judgement at its last period;
	// Rate is the rolling compliance rate over all of them.
	Cells        Counts
	Rate         *float64
	MinutesLost  int64
	Reports      int
	OpenProblems int
	// OldestProblemDays is the age of the oldest open problem (nil: none).
	OldestProblemDays *int
}

// SupplierSystem is one of a supplier's systems.
type SupplierSystem struct {
	System      *System
	Standards   []SystemStandard
	Cells       Counts
	Rate        *float64
	MinutesLost int64
	Reports     int
	Problems    []ProblemAge
}

// SystemStandard is a system's judgement against one standard.
type SystemStandard struct {
	Standard *Standard
	Judged
	Rate *float64
}

// ProblemAge is an open problem and how many days it has been open.
type ProblemAge struct {
	Problem
	AgeDays int
}

// Suppliers lists every supplier named on a system, by name, with the
// summary of its systems (Systems' Standards and Problems left empty).
func (d *Data) Suppliers() []Supplier {
	names := map[string]bool{}
	for _, s := range d.Systems {
		if s.Supplier != "" {
			names[s.Supplier] = true
		}
	}
	out := make([]Supplier, 0, len(names))
	for n := range names {
		sp := d.supplier(n)
		for i := range sp.Systems {
			sp.Systems[i].Standards, sp.Systems[i].Problems = nil, nil
		}
		out = append(out, sp)
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out
}

// Supplier returns one supplier's view; not found unless a system names it
// (exactly, as the list spells it).
func (d *Data) Supplier(name string) (Supplier, error) {
	for _, s := range d.Systems {
		if s.Supplier == name && name != "" {
			return d.supplier(name), nil
		}
	}
	return Supplier{}, fmt.Errorf("supplier %q: %w", name, services.ErrNotFound)
}

func (d *Data) supplier(name string) Supplier {
	out := Supplier{Name: name}
	minutes, reports := d.reportsBySystem()
	problems := map[string][]ProblemAge{}
	for _, p := range d.Problems {
		if p.SystemID != nil {
			problems[*p.SystemID] = append(problems[*p.SystemID], ProblemAge{Problem: p, AgeDays: d.ageDays(p)})
		}
	}
	for _, sys := range d.Systems {
		if sys.Supplier != name {
			continue
		}
		ss := SupplierSystem{System: sys, MinutesLost: minutes[sys.ID], Reports: reports[sys.ID], Problems: problems[sys.ID]}
		var rates Counts
		for _, id := range sys.StandardIDs {
			st := d.standardByID[id]
			series := st.Cells[sys.ID]
			w := window(series, st.Last)
			j := series[len(series)-1]
			ss.Standards = append(ss.Standards, SystemStandard{Standard: st, Judged: j, Rate: w.Rate()})
			ss.Cells.add(j.Status)
			rates.addAll(w)
		}
		ss.Rate = rates.Rate()
		out.Cells.addAll(ss.Cells)
		out.MinutesLost += ss.MinutesLost
		out.Reports += ss.Reports
		out.OpenProblems += len(ss.Problems)
		for _, p := range ss.Problems {
			if out.OldestProblemDays == nil || p.AgeDays > *out.OldestProblemDays {
				age := p.AgeDays
				out.OldestProblemDays = &age
			}
		}
		out.Systems = append(out.Systems, ss)
	}
	var all Counts
	for _, ss := range out.Systems {
		for _, x := range ss.Standards {
			all.addAll(window(x.Standard.Cells[ss.System.ID], x.Standard.Last))
		}
	}
	out.Rate = all.Rate()
	return out
}

// reportsBySystem totals the window's reports per system.
func (d *Data) reportsBySystem() (map[string]int64, map[string]int) {
	minutes, reports := map[string]int64{}, map[string]int{}
	for _, w := range d.Reports.Weeks {
		if w.SystemID != nil {
			minutes[*w.SystemID] += w.MinutesLost
			reports[*w.SystemID] += w.Reports
		}
	}
	return minutes, reports
}

// ageDays is how many whole days a problem has been open.
func (d *Data) ageDays(p Problem) int {
	days := int(d.BuiltAt.Sub(p.CreatedAt).Hours() / 24)
	return max(days, 0)
}
