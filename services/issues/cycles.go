package issues

import (
	"sort"
	"time"

	"gorm.io/gorm"

	"assure/models"
	"assure/services"
)

// The closed feedback loop: whoever may see a report sees the PDSA cycles
// working on it and what they decided, so a clinician learns what became of
// the time they reported losing. A cycle works on a report when it is linked
// to the report (from the cycle's side, improvement_links, or the report's,
// issue_links) or to the problem the report is grouped under. Seeing a
// report is enough to see these cycles' title, stage and outcome; opening the
// cycle's own page still needs cycles.read.

// CycleVia says how a cycle reaches a report.
type CycleVia string

// How a cycle reaches a report.
const (
	// ViaReport: the cycle and the report are linked to each other.
	ViaReport CycleVia = "report"
	// ViaProblem: the cycle is linked to the problem the report is grouped under.
	ViaProblem CycleVia = "problem"
)

// LinkedCycle is a cycle working on a report, as the report's viewers see it.
type LinkedCycle struct {
	ID             string
	Title          string
	ChangeIdea     string
	Stage          models.Stage
	StageChangedAt time.Time
	Via            CycleVia
	// Outcome is what the cycle decided, once it has closed; nil while it
	// runs and for a cycle abandoned before it reached a decision.
	Outcome *CycleOutcome
}

// CycleOutcome is a closed cycle's Act decision.
type CycleOutcome struct {
	Decision models.Decision
	// DecidedAt is when the cycle closed with its decision.
	DecidedAt    time.Time
	Rationale    string
	StudySummary string
}

// linkedCycles finds the cycles working on each of the reports, oldest first
// (the order of a ramp), in one query. A cycle linked both to a report and
// to its problem is listed once, as linked to the report.
func linkedCycles(tx *gorm.DB, list []models.Issue) (map[string][]LinkedCycle, error) {
	out := map[string][]LinkedCycle{}
	if len(list) == 0 {
		return out, nil
	}
	ids := make([]string, len(list))
	for i, is := range list {
		ids[i] = is.ID
	}
	var rows []struct {
		IssueID        string
		Via            CycleVia
		ID             string
		Title          string
		ChangeIdea     string
		Stage          models.Stage
		StageChangedAt time.Time
		Decision       *models.Decision
		Rationale      string
		StudySummary   string
		CreatedAt      time.Time
	}
	// cycle_reports (migration 00044) says which reports a cycle works on.
	err := tx.Raw(`SELECT DISTINCT ON (l.issue_id, c.id) l.issue_id::text AS issue_id, l.via, c.id::text AS id, c.title,
			c.change_idea, c.stage, c.stage_changed_at, c.decision, c.rationale, c.study_summary, c.created_at
		FROM cycle_reports l JOIN cycles c ON c.id = l.cycle_id
		WHERE l.issue_id IN ?
		ORDER BY l.issue_id, c.id, l.via = 'problem'`, ids).Scan(&rows).Error
	if err != nil {
		return nil, services.DBError("load the reports' cycles", err)
	}
	created := map[string]time.Time{}
	for _, r := range rows {
		c := LinkedCycle{ID: r.ID, Title: r.Title, ChangeIdea: r.ChangeIdea, Stage: r.Stage,
			StageChangedAt: r.StageChangedAt, Via: r.Via}
		c.Outcome = outcomeOf(r.Stage, r.Decision, r.StageChangedAt, r.Rationale, r.StudySummary)
		out[r.IssueID] = append(out[r.IssueID], c)
		created[r.ID] = r.CreatedAt
	}
	for _, cs := range out {
		sort.SliceStable(cs, func(i, j int) bool { return created[cs[i].ID].Before(created[cs[j].ID]) })
	}
	return out, nil
}

// outcomeOf is a cycle's outcome: its decision once it has closed with one,
// else nil.
func outcomeOf(stage models.Stage, d *models.Decision, at time.Time, rationale, summary string) *CycleOutcome {
	if stage != models.StageClosed || d == nil {
		return nil
	}
	return &CycleOutcome{Decision: *d, DecidedAt: at, Rationale: rationale, StudySummary: summary}
}

// problemCycles finds the cycles linked to a problem, oldest first: those
// working on every report grouped under it. improvement_links_target_idx
// serves the lookup.
func problemCycles(tx *gorm.DB, problemID string) ([]LinkedCycle, error) {
	var rows []models.Cycle
	err := tx.Where(`id IN (SELECT entity_id FROM improvement_links
			WHERE entity_type = 'cycle' AND target_type = 'problem' AND target_id = ?)`, problemID).
		Order("created_at, id").Find(&rows).Error
	if err != nil {
		return nil, services.DBError("load the problem's cycles", err)
	}
	out := make([]LinkedCycle, len(rows))
	for i, r := range rows {
		out[i] = LinkedCycle{ID: r.ID, Title: r.Title, ChangeIdea: r.ChangeIdea, Stage: r.Stage,
			StageChangedAt: r.StageChangedAt, Via: ViaProblem,
			Outcome: outcomeOf(r.Stage, r.Decision, r.StageChangedAt, r.Rationale, r.StudySummary)}
	}
	return out, nil
}
