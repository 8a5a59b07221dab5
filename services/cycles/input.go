package cycles

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"assure/models"
	"assure/services"
	"assure/services/catalogue"
	"assure/services/spc"
)

// Input is a cycle's fields as a client sent them: nil (or Set false) for a
// field left out. On create every field is optional except the title; on
// update only what is sent changes. Optional fields may be cleared (null).
type Input struct {
	Title        *string
	Aim          *string
	ChangeIdea   *string
	OwnerID      catalogue.Optional[string]
	Team         *[]string
	Measures     *[]MeasureInput
	Plan         *string
	PlannedStart catalogue.Optional[string]
	PlannedEnd   catalogue.Optional[string]
	IssueIDs     *[]string
	ProblemIDs   *[]string
	DoStartedOn  catalogue.Optional[string]
	DoNotes      *string
	Observations *string
	StudySummary *string
	Decision     catalogue.Optional[string]
	Rationale    *string
}

// MeasureInput is one measure as sent. PredictedChange is the expected size
// of the change in the standard's unit (for no_change, the tolerance).
type MeasureInput struct {
	StandardID         string
	Role               string
	PredictedDirection *string
	PredictedChange    *float64
}

// Limits on a cycle's fields.
const (
	maxTeam     = 50
	maxMeasures = 20
)

var (
	openStages = []models.Stage{models.StagePlan, models.StageDo, models.StageStudy, models.StageAct}
	// editable says in which stages each field may change. Measures and their
	// predictions are locked once Do starts; each stage's own record is
	// written in that stage (and may be corrected in the next).
	editable = map[string][]models.Stage{
		"title": openStages, "aim": openStages, "change_idea": openStages, "owner_id": openStages,
		"team": openStages, "plan": openStages, "planned_start": openStages, "planned_end": openStages,
		"issue_ids": openStages, "problem_ids": openStages,
		"measures":      {models.StagePlan},
		"do_started_on": {models.StagePlan, models.StageDo},
		"do_notes":      {models.StageDo, models.StageStudy},
		"observations":  {models.StageDo, models.StageStudy},
		"study_summary": {models.StageStudy, models.StageAct},
		"decision":      {models.StageAct},
		"rationale":     {models.StageAct},
	}
)

// whenEditable describes the stages in which a field may change.
func whenEditable(field string) string {
	st := editable[field]
	names := make([]string, len(st))
	for i, s := range st {
		names[i] = string(s)
	}
	return strings.Join(names, " or ")
}

// draft is a cycle being changed: the row and what replaces its measures and
// links (nil: unchanged).
type draft struct {
	row        models.Cycle
	measures   []models.CycleMeasure
	issueIDs   []string
	problemIDs []string
	changed    []string
}

// apply checks in and writes it onto d. Fields changed outside their stages
// are a conflict (naming them), unless the value sent is what is already
// there — a form may send back what it was given. Invalid values are a
// ValidationError listing every one.
func apply(tx *gorm.DB, d *draft, cur Cycle, in Input) error {
	v := &services.ValidationError{}
	var locked []string
	set := func(field string, same bool) bool {
		if same {
			return false
		}
		if !slices.Contains(editable[field], d.row.Stage) {
			locked = append(locked, field)
			return false
		}
		d.changed = append(d.changed, field)
		return true
	}
	p := Patch{Tx: tx, V: v, Change: set}
	p.Text("title", in.Title, &d.row.Title, 1, 200)
	p.Text("aim", in.Aim, &d.row.Aim, 0, 2000)
	p.Text("change_idea", in.ChangeIdea, &d.row.ChangeIdea, 0, 2000)
	p.Text("plan", in.Plan, &d.row.Plan, 0, 4000)
	p.Text("do_notes", in.DoNotes, &d.row.DoNotes, 0, 4000)
	p.Text("observations", in.Observations, &d.row.Observations, 0, 4000)
	p.Text("study_summary", in.StudySummary, &d.row.StudySummary, 0, 4000)
	p.Text("rationale", in.Rationale, &d.row.Rationale, 0, 4000)

	if in.OwnerID.Set {
		var owner *string
		if in.OwnerID.Value != nil {
			id := strings.ToLower(*in.OwnerID.Value)
			if err := catalogue.CheckOwner(tx, v, "owner_id", id); err != nil {
				return err
			}
			owner = &id
		}
		if set("owner_id", samePtr(owner, d.row.OwnerID)) {
			d.row.OwnerID = owner
		}
	}
	if in.Team != nil {
		team, err := checkTeam(tx, v, *in.Team)
		if err != nil {
			return err
		}
		if set("team", slices.Equal(team, d.row.Team)) {
			d.row.Team = team
		}
	}
	date := func(field string, o catalogue.Optional[string], dst **time.Time) {
		if !o.Set {
			return
		}
		var t *time.Time
		if o.Value != nil {
			pd, err := spc.ParseDate(*o.Value)
			if err != nil {
				v.Add(field, "must be a date in the form YYYY-MM-DD")
				return
			}
			day := pd.Time()
			t = &day
		}
		if set(field, sameDay(t, *dst)) {
			*dst = t
		}
	}
	date("planned_start", in.PlannedStart, &d.row.PlannedStart)
	date("planned_end", in.PlannedEnd, &d.row.PlannedEnd)
	date("do_started_on", in.DoStartedOn, &d.row.DoStartedOn)
	if d.row.PlannedStart != nil && d.row.PlannedEnd != nil && d.row.PlannedEnd.Before(*d.row.PlannedStart) {
		v.Add("planned_end", "must not be before planned_start")
	}
	if in.Decision.Set {
		var dec *models.Decision
		if in.Decision.Value != nil {
			x := models.Decision(*in.Decision.Value)
			if !x.Valid() {
				v.Add("decision", "must be adopt, adapt or abandon")
			}
			dec = &x
		}
		if set("decision", samePtr(dec, d.row.Decision)) {
			d.row.Decision = dec
		}
	}
	if in.Measures != nil {
		ms, err := checkMeasures(tx, v, *in.Measures)
		if err != nil {
			return err
		}
		if set("measures", sameMeasures(ms, cur.Measures)) {
			for i := range ms {
				ms[i].CycleID = d.row.ID
			}
			d.measures = ms
		}
	}
	if err := p.Links("issue_ids", "issues", in.IssueIDs, cur.IssueIDs, &d.issueIDs); err != nil {
		return err
	}
	if err := p.Links("problem_ids", "problems", in.ProblemIDs, cur.ProblemIDs, &d.problemIDs); err != nil {
		return err
	}
	if len(locked) > 0 {
		return lockedConflict(d.row.Stage, locked)
	}
	return v.Err()
}

// lockedConflict says which fields cannot change in this stage, and when
// they could.
func lockedConflict(stage models.Stage, fields []string) error {
	parts := make([]string, len(fields))
	for i, f := range fields {
		if f == "measures" {
			parts[i] = "measures (the predictions are locked once Do starts)"
			continue
		}
		parts[i] = fmt.Sprintf("%s (only in %s)", f, whenEditable(f))
	}
	if !stage.Open() {
		return services.Conflict("the cycle is %s: nothing about it can change", stage)
	}
	return services.Conflict("in the %s stage these cannot change: %s", stage, strings.Join(parts, "; "))
}

func samePtr[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func sameDay(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Format(time.DateOnly) == b.Format(time.DateOnly)
}

// checkTeam validates team entries: a user id must name a user; anything
// else is the name of someone without an account.
func checkTeam(tx *gorm.DB, v *services.ValidationError, team []string) (models.StringArray, error) {
	if len(team) > maxTeam {
		v.Add("team", "must have at most %d members", maxTeam)
		return nil, nil
	}
	out := models.StringArray{}
	var ids []string
	for i, t := range team {
		field := fmt.Sprintf("team[%d]", i)
		t = catalogue.CheckText(v, field, t, 1, 200)
		if catalogue.ValidID(t) {
			t = strings.ToLower(t)
			ids = append(ids, t)
		}
		if t != "" && !out.Contains(t) {
			out = append(out, t)
		}
	}
	if len(ids) > 0 {
		var found []string
		if err := tx.Table("users").Where("id IN ?", ids).Pluck("id", &found).Error; err != nil {
			return nil, fmt.Errorf("look up team: %w", err)
		}
		for i, t := range team {
			if catalogue.ValidID(t) && !slices.Contains(found, strings.ToLower(t)) {
				v.Add(fmt.Sprintf("team[%d]", i), "no such user: give a user id or a name")
			}
		}
	}
	return out, nil
}

// checkMeasures validates measures: existing standards, each once, a known
// role, and predictions that are a known direction and a finite size.
func checkMeasures(tx *gorm.DB, v *services.ValidationError, in []MeasureInput) ([]models.CycleMeasure, error) {
	if len(in) > maxMeasures {
		v.Add("measures", "must have at most %d measures", maxMeasures)
		return nil, nil
	}
	out := make([]models.CycleMeasure, 0, len(in))
	seen := map[string]bool{}
	var ids []string
	for i, m := range in {
		f := func(name string) string { return fmt.Sprintf("measures[%d].%s", i, name) }
		id := strings.ToLower(m.StandardID)
		switch {
		case m.StandardID == "":
			v.Add(f("standard_id"), "is required")
		case !catalogue.ValidID(id):
			v.Add(f("standard_id"), "must be a standard id")
		case seen[id]:
			v.Add(f("standard_id"), "is already measured by this cycle")
		default:
			seen[id] = true
			ids = append(ids, id)
		}
		role := models.MeasureRole(m.Role)
		switch {
		case m.Role == "":
			v.Add(f("role"), "is required: outcome, process or balancing")
		case !role.Valid():
			v.Add(f("role"), "must be outcome, process or balancing")
		}
		cm := models.CycleMeasure{StandardID: id, Position: i + 1, Role: role}
		if m.PredictedDirection != nil {
			d := models.PredictedDirection(*m.PredictedDirection)
			if !d.Valid() {
				v.Add(f("predicted_direction"), "must be increase, decrease or no_change")
			}
			cm.PredictedDirection = &d
		}
		if m.PredictedChange != nil {
			c := *m.PredictedChange
			switch {
			case math.IsNaN(c) || math.IsInf(c, 0):
				v.Add(f("predicted_change"), "must be a finite number")
			case c < 0:
				v.Add(f("predicted_change"), "is the size of the change, so it must not be negative: predicted_direction says which way")
			}
			cm.PredictedChange = &c
		}
		out = append(out, cm)
	}
	if len(ids) > 0 {
		var found []string
		if err := tx.Table("standards").Where("id IN ?", ids).Pluck("id", &found).Error; err != nil {
			return nil, fmt.Errorf("look up standards: %w", err)
		}
		for i, m := range out {
			if m.StandardID != "" && catalogue.ValidID(m.StandardID) && !slices.Contains(found, m.StandardID) {
				v.Add(fmt.Sprintf("measures[%d].standard_id", i), "no such standard")
			}
		}
	}
	return out, nil
}

func sameMeasures(a []models.CycleMeasure, b []Measure) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].StandardID != b[i].StandardID || a[i].Role != b[i].Role ||
			!samePtr(a[i].PredictedDirection, b[i].PredictedDirection) || !samePtr(a[i].PredictedChange, b[i].PredictedChange) {
			return false
		}
	}
	return true
}
