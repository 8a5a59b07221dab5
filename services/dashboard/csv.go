package dashboard

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"
)

// DashboardCSVHeader is the first line of the dashboard's CSV.
var DashboardCSVHeader = []string{"standard_code", "standard_title", "category", "system", "supplier",
	"period_start", "status", "value", "unit", "direction", "threshold", "target", "rolling_rate",
	"variation", "assurance", "standard_id", "system_id"}

// WriteCSV writes the compliance matrix as one table a spreadsheet can
// pivot: per standard, a row for the organisation roll-up (system
// "Organisation") and one for each system in view.
func (db Dashboard) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(DashboardCSVHeader); err != nil {
		return err
	}
	for _, r := range db.Rows {
		st := r.Standard
		base := func(system, supplier string, j Judged, rate *float64, systemID string) []string {
			return []string{safeCell(st.Code), safeCell(st.Title), st.Category, safeCell(system), safeCell(supplier),
				day(j.Start), string(j.Status), num(j.Value), st.Unit, string(st.Revision.Direction),
				num(&st.Revision.Threshold), num(st.Revision.Target), num(rate),
				str(st.Variation), str(st.Assurance), st.ID, systemID}
		}
		org := window(st.Org, st.Last)
		if err := cw.Write(base("Organisation", "", r.Org, org.Rate(), "")); err != nil {
			return err
		}
		for _, c := range r.Cells {
			if err := cw.Write(base(c.System.Name, c.System.Supplier, c.Judged, c.Rate, c.System.ID)); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// TransparencyCSVHeader is the first line of the transparency report's CSV.
var TransparencyCSVHeader = []string{"quarter", "section", "item", "measure", "value", "unit"}

// WriteCSV writes the report in long form: one figure per line.
func (t Transparency) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	rows := [][]string{TransparencyCSVHeader}
	add := func(section, item, measure, value, unit string) {
		rows = append(rows, []string{t.Quarter, section, safeCell(item), measure, value, unit})
	}
	add("summary", "All standards", "periods_met", strconv.Itoa(t.Counts.Met), "periods")
	add("summary", "All standards", "periods_breached", strconv.Itoa(t.Counts.Breached), "periods")
	add("summary", "All standards", "periods_excepted", strconv.Itoa(t.Counts.Excepted), "periods")
	add("summary", "All standards", "periods_missing", strconv.Itoa(t.Counts.Missing), "periods")
	add("summary", "All standards", "compliance_rate", num(t.Rate), "ratio")
	add("summary", "All standards", "standards_always_met", strconv.Itoa(t.StandardsAlwaysMet), "standards")
	for _, qs := range t.Standards {
		st := qs.Standard
		item := st.Code + " " + st.Title
		add("compliance", item, "threshold", num(&st.Revision.Threshold), st.Unit)
		add("compliance", item, "periods", strconv.Itoa(len(qs.Periods)), string(st.Period))
		add("compliance", item, "met", strconv.Itoa(qs.Counts.Met), string(st.Period))
		add("compliance", item, "breached", strconv.Itoa(qs.Counts.Breached), string(st.Period))
		add("compliance", item, "excepted", strconv.Itoa(qs.Counts.Excepted), string(st.Period))
		add("compliance", item, "missing", strconv.Itoa(qs.Counts.Missing), string(st.Period))
		add("compliance", item, "compliance_rate", num(qs.Rate), "ratio")
		add("compliance", item, "variation", str(qs.Variation), "")
		add("compliance", item, "assurance", str(qs.Assurance), "")
	}
	add("hours_lost", "All systems", "hours", num(ptr(hours(t.Hours.Minutes))), "hours")
	add("hours_lost", "All systems", "reports", strconv.Itoa(t.Hours.Reports), "reports")
	add("hours_lost", "All systems", "moderate_or_worse_harm_reports", strconv.Itoa(t.Hours.HarmfulCount), "reports")
	for _, m := range t.Hours.ByMonth {
		add("hours_lost", m.Month.Format("2006-01"), "hours", num(ptr(hours(m.Minutes))), "hours")
	}
	for _, s := range t.Hours.BySystem {
		name := s.Name
		if s.ID == "" {
			name = "System not known"
		}
		add("hours_lost_by_system", name, "hours", num(ptr(hours(s.Minutes))), "hours")
		add("hours_lost_by_system", name, "reports", strconv.Itoa(s.Reports), "reports")
	}
	im := t.Improvement
	add("improvement", "Cycles", "closed", strconv.Itoa(im.CyclesClosed), "cycles")
	add("improvement", "Cycles", "adopted", strconv.Itoa(im.Adopted), "cycles")
	add("improvement", "Cycles", "adapted", strconv.Itoa(im.Adapted), "cycles")
	add("improvement", "Cycles", "abandoned", strconv.Itoa(im.Abandoned), "cycles")
	add("improvement", "Actions", "completed", strconv.Itoa(im.ActionsCompleted), "actions")
	for _, ch := range im.Changes {
		for _, e := range ch.Effects {
			item := ch.Cycle.Title + " — " + e.Standard.Code
			add("improvement_effect", item, "mean_before", num(e.MeanBefore), e.Standard.Unit)
			add("improvement_effect", item, "mean_after", num(e.MeanAfter), e.Standard.Unit)
		}
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

// safeCell stops a spreadsheet reading a text cell as a formula (OWASP's
// CSV injection advice): a leading =, +, -, @, tab or carriage return is
// escaped with a quote.
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func num(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

func str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func ptr[T any](v T) *T { return &v }

func day(t time.Time) string { return t.Format(time.DateOnly) }
