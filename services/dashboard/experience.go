package dashboard

import (
	"sort"
	"time"
)

// hoursLostCode is the standard whose series the reports feed with hours
// lost (services/issues derives it as issues.HoursLostCode).
const hoursLostCode = "CE-01"

// Experience is what clinicians' reports say over the last ReportWeeks
// complete weeks: the time IT cost them and the harm it did.
type Experience struct {
	From, Until time.Time
	// HoursLost is the trend: CE-01's organisation series (its last
	// SparklinePeriods periods) when nothing filters by place, else the
	// reports in view week by week, computed as CE-01 is.
	HoursLost []HoursPoint
	// HoursStandard is CE-01 when the trend is its series.
	HoursStandard *Standard
	// TotalMinutes and Reports are over the window, in view.
	TotalMinutes int64
	Reports      int
	// TopSystems and TopSites rank time lost in the window (at most TopN).
	TopSystems []TimeLost
	TopSites   []TimeLost
	// HarmfulCount is the number of reports with moderate or worse harm;
	// Harmful the latest of them (at most TopN).
	HarmfulCount int
	Harmful      []HarmReport
}

// HoursPoint is one period of the hours-lost trend.
type HoursPoint struct {
	Start time.Time
	Hours *float64
}

// TimeLost is the time lost to one system or at one site.
type TimeLost struct {
	ID, Name string
	Minutes  int64
	Reports  int
}

// TopN is how many systems, sites and reports the dashboard lists.
const TopN = 5

func (d *Data) experience(v view) Experience {
	r := d.Reports
	out := Experience{From: r.From, Until: r.Until}
	bySystem, bySite := map[string]*TimeLost{}, map[string]*TimeLost{}
	byWeek := map[time.Time]int64{}
	for _, w := range r.Weeks {
		if !v.report(w.SystemID, w.SiteID) {
			continue
		}
		out.TotalMinutes += w.MinutesLost
		out.Reports += w.Reports
		out.HarmfulCount += w.HarmfulCount
		byWeek[w.Week] += w.MinutesLost
		if w.SystemID != nil {
			add(bySystem, *w.SystemID, w)
		}
		add(bySite, w.SiteID, w)
	}
	out.TopSystems = top(bySystem, func(id string) string { return systemName(d, id) })
	out.TopSites = top(bySite, func(id string) string {
		if s := d.siteByID[id]; s != nil {
			return s.Name
		}
		return ""
	})
	for _, h := range r.Harmful {
		if v.report(h.SystemID, h.SiteID) && len(out.Harmful) < TopN {
			out.Harmful = append(out.Harmful, h)
		}
	}

	if ce := d.hoursStandard(); ce != nil && !v.f.ByPlace() {
		out.HoursStandard = ce
		series := ce.Org
		if n := len(series); n > SparklinePeriods {
			series = series[n-SparklinePeriods:]
		}
		for _, p := range series {
			out.HoursLost = append(out.HoursLost, HoursPoint{Start: p.Start, Hours: p.Value})
		}
		return out
	}
	for wk := r.From; wk.Before(r.Until); wk = wk.AddDate(0, 0, 7) {
		h := hours(byWeek[wk])
		out.HoursLost = append(out.HoursLost, HoursPoint{Start: wk, Hours: &h})
	}
	return out
}

// hoursStandard is CE-01 if it is active and its series has any value.
func (d *Data) hoursStandard() *Standard {
	for _, st := range d.Standards {
		if st.Code == hoursLostCode {
			for _, p := range st.Org {
				if p.Value != nil {
					return st
				}
			}
			return nil
		}
	}
	return nil
}

// hours converts minutes to hours rounded to 0.01, as CE-01 is derived.
func hours(minutes int64) float64 {
	return float64((minutes*100+30)/60) / 100
}

func add(m map[string]*TimeLost, id string, w ReportWeek) {
	t := m[id]
	if t == nil {
		t = &TimeLost{ID: id}
		m[id] = t
	}
	t.Minutes += w.MinutesLost
	t.Reports += w.Reports
}

// top ranks by time lost, then reports, then name; at most TopN, and only
// those that lost any time or had any report.
func top(m map[string]*TimeLost, name func(string) string) []TimeLost {
	out := make([]TimeLost, 0, len(m))
	for _, t := range m {
		t.Name = name(t.ID)
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Minutes != out[j].Minutes {
			return out[i].Minutes > out[j].Minutes
		}
		if out[i].Reports != out[j].Reports {
			return out[i].Reports > out[j].Reports
		}
		return out[i].Name < out[j].Name
	})
	if len(out) > TopN {
		out = out[:TopN]
	}
	return out
}
