package reviews

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"assure/models"
	"assure/services"
	"assure/services/compliance"
	"assure/services/spc"
)

// Pack is a review's board pack: the review, its agenda and decisions, and
// the figures behind each item's charts — a standard's SPC chart, a cycle's
// before/after evidence for each measure.
type Pack struct {
	Review  Review
	Figures []Figure
}

// Figure is one chart of an agenda item.
type Figure struct {
	ItemID     string
	Position   int
	StandardID string
	Code       string
	Title      string
	Unit       string
	Threshold  float64
	// ChangePeriod marks a cycle's change on its evidence charts.
	ChangePeriod *time.Time
	Chart        spc.Result
}

// Pack assembles a review's board pack.
func (s *Service) Pack(ctx context.Context, id string) (Pack, error) {
	r, err := s.Get(ctx, id)
	if err != nil {
		return Pack{}, err
	}
	p := Pack{Review: r, Figures: []Figure{}}
	for _, it := range r.Items {
		if it.EntityID == nil {
			continue
		}
		switch it.Kind {
		case models.ItemStandard:
			f, err := s.standardFigure(ctx, *it.EntityID)
			if errors.Is(err, services.ErrNotFound) {
				continue // deleted since it was put on the agenda
			}
			if err != nil {
				return Pack{}, err
			}
			f.ItemID, f.Position = it.ID, it.Position
			p.Figures = append(p.Figures, f)
		case models.ItemCycle:
			ev, err := s.cycles.Evidence(ctx, *it.EntityID)
			var ce *services.ConflictError
			if errors.Is(err, services.ErrNotFound) || errors.As(err, &ce) {
				continue // gone, or no Do start yet: no before and after
			}
			if err != nil {
				return Pack{}, err
			}
			for _, m := range ev.Measures {
				cp := m.ChangePeriod
				p.Figures = append(p.Figures, Figure{ItemID: it.ID, Position: it.Position, StandardID: m.StandardID,
					Code: m.Code, Title: m.Title, Unit: m.Unit, Threshold: m.Threshold, ChangePeriod: &cp, Chart: m.Chart})
			}
		}
	}
	return p, nil
}

func (s *Service) standardFigure(ctx context.Context, id string) (Figure, error) {
	ch, err := s.comp.Chart(ctx, id, compliance.Query{})
	if err != nil {
		return Figure{}, err
	}
	var head struct{ Code, Title, Unit string }
	if err := s.db.WithContext(ctx).Raw("SELECT code, title, unit FROM standards WHERE id = ?", id).Scan(&head).Error; err != nil {
		return Figure{}, fmt.Errorf("load standard %s: %w", id, err)
	}
	return Figure{StandardID: id, Code: head.Code, Title: head.Title, Unit: head.Unit,
		Threshold: ch.Revision.Threshold, Chart: ch.Result}, nil
}

// PackColumns are the columns of the board pack CSV. One file holds every
// section; the section column says what a row is:
//
//	review    one row per field of the meeting (field: title, meeting_date,
//	          status, closed_at, closed_by, minutes; text: its value)
//	member    one row per member present (title: name)
//	agenda    one row per item (item: its number; kind; reference: the
//	          standard's code or the cycle's or action's id; title; field:
//	          the reasons it is on the agenda, ";"-separated; text: detail)
//	decision  one row per decided item (field: the decision; text: its
//	          text; period: the day it was recorded; title: who recorded it)
//	figure    one row per point of each chart (item; reference: the
//	          standard's code; title: the standard; field: "chart" for a
//	          standard's SPC chart, "evidence" for a cycle measure's
//	          before/after chart, with the change period in text; period,
//	          value, mean, limits, special cause and point type)
var PackColumns = []string{"section", "item", "kind", "reference", "title", "field", "period", "value",
	"mean", "lower_limit", "upper_limit", "special_cause", "point_type", "text"}

// WriteCSV writes the pack as one CSV (PackColumns).
func (p Pack) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	row := func(cells map[string]string) {
		rec := make([]string, len(PackColumns))
		for i, c := range PackColumns {
			rec[i] = safeCell(cells[c])
		}
		_ = cw.Write(rec) // errors surface through cw.Error below
	}
	_ = cw.Write(PackColumns) // errors surface through cw.Error below
	r := p.Review
	fields := [][2]string{{"title", r.Title}, {"meeting_date", r.MeetingDate.Format(time.DateOnly)}, {"status", string(r.Status)}}
	if r.ClosedAt != nil {
		fields = append(fields, [2]string{"closed_at", r.ClosedAt.UTC().Format(time.RFC3339)})
	}
	if r.ClosedByName != nil {
		fields = append(fields, [2]string{"closed_by", *r.ClosedByName})
	}
	fields = append(fields, [2]string{"minutes", r.Minutes})
	for _, f := range fields {
		row(map[string]string{"section": "review", "field": f[0], "text": f[1]})
	}
	for _, m := range r.Members {
		row(map[string]string{"section": "member", "title": m.Name, "reference": m.UserID})
	}
	refs := map[string]string{}
	for _, it := range r.Items {
		ref := ""
		if it.EntityID != nil {
			ref = *it.EntityID
			if it.Kind == models.ItemStandard && it.State != "" {
				ref = it.State // the standard's code
			}
		}
		refs[it.ID] = ref
		n := strconv.Itoa(it.Position)
		row(map[string]string{"section": "agenda", "item": n, "kind": string(it.Kind), "reference": ref,
			"title": it.Title, "field": joinReasons(it.Reasons), "text": it.Detail})
	}
	for _, it := range r.Items {
		if it.Decision == nil {
			continue
		}
		by := ""
		if it.DecidedByName != nil {
			by = *it.DecidedByName
		}
		row(map[string]string{"section": "decision", "item": strconv.Itoa(it.Position), "kind": string(it.Kind),
			"reference": refs[it.ID], "title": by, "field": string(*it.Decision),
			"period": it.DecidedAt.UTC().Format(time.DateOnly), "text": it.DecisionText})
	}
	for _, f := range p.Figures {
		field, text := "chart", ""
		if f.ChangePeriod != nil {
			field, text = "evidence", "change from "+f.ChangePeriod.Format(time.DateOnly)
		}
		for _, pt := range f.Chart.Points {
			cells := map[string]string{"section": "figure", "item": strconv.Itoa(f.Position), "kind": "standard",
				"reference": f.Code, "title": f.Title, "field": field, "period": pt.Period.String(),
				"value": num(pt.Value), "mean": num(pt.Mean), "lower_limit": num(pt.LowerLimit),
				"upper_limit": num(pt.UpperLimit), "point_type": pt.PointType, "text": text}
			if pt.SpecialCause != nil {
				cells["special_cause"] = *pt.SpecialCause
			}
			row(cells)
		}
	}
	cw.Flush()
	return cw.Error()
}

func num(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

// safeCell defuses spreadsheet formulas: a cell a spreadsheet would evaluate
// (starting =, +, -, @, tab or carriage return) is prefixed with a quote,
// except plain numbers. Minutes and titles are typed by people.
func safeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return s
		}
		return "'" + s
	}
	return s
}
