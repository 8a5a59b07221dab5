package dashboard

import (
	"slices"
	"time"

	"github.com/google/uuid"

	"assure/models"
	"assure/services"
	"assure/services/compliance"
)

// Filter narrows the dashboard to a site, a system and a category of
// standards; empty fields do not filter.
type Filter struct {
	SiteID, SystemID, Category string
}

// Key identifies the filter in a cache.
func (f Filter) Key() string { return f.SiteID + "|" + f.SystemID + "|" + f.Category }

// ByPlace reports whether the filter names a site or a system.
func (f Filter) ByPlace() bool { return f.SiteID != "" || f.SystemID != "" }

// Any reports whether the filter narrows anything.
func (f Filter) Any() bool { return f.ByPlace() || f.Category != "" }

// check refuses a filter naming something that does not exist.
func (d *Data) check(f Filter) error {
	v := &services.ValidationError{}
	if f.SiteID != "" {
		if _, err := uuid.Parse(f.SiteID); err != nil {
			v.Add("site_id", "must be a site id")
		} else if d.siteByID[f.SiteID] == nil {
			v.Add("site_id", "no such site")
		}
	}
	if f.SystemID != "" {
		if _, err := uuid.Parse(f.SystemID); err != nil {
			v.Add("system_id", "must be a system id")
		} else if d.systemByID[f.SystemID] == nil {
			v.Add("system_id", "no such system")
		}
	}
	if f.Category != "" && !slices.Contains(models.Categories, f.Category) {
		v.Add("category", "must be one of %v", models.Categories)
	}
	return v.Err()
}

// Dashboard is where the organisation stands, as the executive dashboard
// shows it.
type Dashboard struct {
	Filter   Filter
	Headline Headline
	// Systems are the matrix's columns: the systems in view that are in
	// the scope of at least one standard in view.
	Systems []*System
	// Rows are the matrix's rows: the active standards in view, by code.
	Rows        []Row
	Experience  Experience
	Improvement Improvement
}

// Headline counts the standards in view by their status in their last
// complete period and in the one before, with the rolling compliance rate
// (met ÷ (met + breached) over each standard's last RateWindow periods,
// pooled) at both.
type Headline struct {
	ActiveStandards    int
	Last, Previous     Counts
	Rate, PreviousRate *float64
}

// Row is one standard in the matrix.
type Row struct {
	Standard *Standard
	// Status is the standard's status in view at its last period: the
	// organisation roll-up, or with a site or system filter the worst of
	// the systems in view (breached, then missing, then excepted, then met).
	Status compliance.Status
	// Previous is the same for the period before (empty when not judged).
	Previous compliance.Status
	// Org is the organisation roll-up at the last period.
	Org Judged
	// Rate is the rolling compliance rate in view.
	Rate *float64
	// Sparkline is the organisation roll-up's last SparklinePeriods periods.
	Sparkline []Judged
	// Cells are the standard's systems among the columns, in column order.
	Cells []Cell
}

// Cell is one system's judgement of a standard at its last period.
type Cell struct {
	System *System
	Judged
	Rate *float64
}

// SparklinePeriods is how many periods a sparkline shows.
const SparklinePeriods = 12

// view is what a filter lets through.
type view struct {
	f         Filter
	standards map[string]bool
	systems   map[string]bool // systems in view (place filters)
}

func (d *Data) view(f Filter) view {
	v := view{f: f, standards: map[string]bool{}, systems: map[string]bool{}}
	for _, s := range d.Systems {
		if f.SystemID != "" && s.ID != f.SystemID {
			continue
		}
		if f.SiteID != "" && !slices.Contains(s.SiteIDs, f.SiteID) {
			continue
		}
		v.systems[s.ID] = true
	}
	for _, st := range d.Standards {
		if f.Category != "" && st.Category != f.Category {
			continue
		}
		if f.ByPlace() && !slices.ContainsFunc(st.SystemIDs, func(id string) bool { return v.systems[id] }) {
			continue // organisation-wide standards belong to no site or system
		}
		v.standards[st.ID] = true
	}
	return v
}

// systemInView reports whether a report's system (nil: not sure) and site
// are in view. Reports without a system are left out by a system filter.
func (v view) report(systemID *string, siteID string) bool {
	if v.f.SiteID != "" && siteID != v.f.SiteID {
		return false
	}
	if v.f.SystemID != "" && (systemID == nil || *systemID != v.f.SystemID) {
		return false
	}
	return true
}

// Dashboard computes the dashboard for f.
func (d *Data) Dashboard(f Filter) (Dashboard, error) {
	if err := d.check(f); err != nil {
		return Dashboard{}, err
	}
	v := d.view(f)
	out := Dashboard{Filter: f}
	columns := map[string]bool{}
	var lastRates, prevRates Counts
	for _, st := range d.Standards {
		if !v.standards[st.ID] {
			continue
		}
		row := Row{Standard: st, Org: st.LastOrg()}
		if n := len(st.Org); n > SparklinePeriods {
			row.Sparkline = st.Org[n-SparklinePeriods:]
		} else {
			row.Sparkline = st.Org
		}
		if !f.ByPlace() {
			row.Status = row.Org.Status
			if p, ok := st.OrgAt(st.Previous); ok {
				row.Previous = p.Status
			}
			now, prev := window(st.Org, st.Last), window(st.Org, st.Previous)
			row.Rate = now.Rate()
			lastRates.addAll(now)
			prevRates.addAll(prev)
		}
		var rowNow Counts
		for _, sysID := range st.SystemIDs {
			if !v.systems[sysID] {
				continue
			}
			series := st.Cells[sysID]
			cell := Cell{System: d.systemByID[sysID], Judged: series[len(series)-1]}
			w := window(series, st.Last)
			cell.Rate = w.Rate()
			row.Cells = append(row.Cells, cell)
			columns[sysID] = true
			if f.ByPlace() {
				row.Status = worst(row.Status, cell.Status)
				if p, ok := st.CellAt(sysID, st.Previous); ok {
					row.Previous = worst(row.Previous, p.Status)
				}
				rowNow.addAll(w)
				lastRates.addAll(w)
				prevRates.addAll(window(series, st.Previous))
			}
		}
		if f.ByPlace() {
			row.Rate = rowNow.Rate()
		}
		out.Headline.ActiveStandards++
		out.Headline.Last.add(row.Status)
		out.Headline.Previous.add(row.Previous)
		out.Rows = append(out.Rows, row)
	}
	out.Headline.Rate, out.Headline.PreviousRate = lastRates.Rate(), prevRates.Rate()
	for _, s := range d.Systems {
		if columns[s.ID] {
			out.Systems = append(out.Systems, s)
		}
	}
	out.Experience = d.experience(v)
	out.Improvement = d.improvement(v)
	return out, nil
}

// sinceQuarter is the start of the three months before today: "the last
// quarter" for adopted changes.
func (d *Data) sinceQuarter() time.Time { return d.Today.AddDate(0, -3, 0) }
