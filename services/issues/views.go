package issues

import (
	"fmt"
	"time"

	"gorm.io/gorm"

	"assure/models"
	"assure/services"
	"assure/services/access"
)

// Ref names another thing by id and name.
type Ref struct {
	ID   string
	Name string
}

// Report is a report as one viewer sees it: the stored fields, the names of
// what it refers to, and what this viewer may do with it.
type Report struct {
	Issue    models.Issue
	System   *Ref // nil: not sure
	Site     Ref
	Reporter Ref
	Problem  *Ref
	Links    []models.IssueLink
	// Cycles are the PDSA cycles working on the report (see linkedCycles),
	// oldest first.
	Cycles []LinkedCycle

	YouReported    bool
	YouAreAffected bool
	// AllowedTransitions are the statuses this viewer may move it to now.
	AllowedTransitions []models.IssueStatus
	// ReopenUntil is when the reporter's window to reopen closes (resolved
	// reports only).
	ReopenUntil *time.Time
	// CanEdit and CanComment say whether this viewer may change the report
	// or write in its thread.
	CanEdit    bool
	CanComment bool
	// CanOpenCycles says whether this viewer may open the cycles' own pages
	// (cycles.read); without it they still see each cycle's title, stage and
	// outcome here.
	CanOpenCycles bool
}

// PeopleAffected is the reporter's staff count plus everyone who said they
// were affected too.
func (r Report) PeopleAffected() int { return r.Issue.StaffAffected + r.Issue.AffectedCount }

func (s *Service) view(tx *gorm.DB, actor access.Actor, is models.Issue) (Report, error) {
	out, err := s.views(tx, actor, []models.Issue{is})
	if err != nil {
		return Report{}, err
	}
	return out[0], nil
}

// views builds the viewer's reports in a fixed number of queries, whatever
// the page size.
func (s *Service) views(tx *gorm.DB, actor access.Actor, list []models.Issue) ([]Report, error) {
	if len(list) == 0 {
		return []Report{}, nil
	}
	ids := make([]string, 0, len(list))
	var systemIDs, siteIDs, userIDs, problemIDs []string
	for _, is := range list {
		ids = append(ids, is.ID)
		if is.SystemID != nil {
			systemIDs = append(systemIDs, *is.SystemID)
		}
		siteIDs = append(siteIDs, is.SiteID)
		userIDs = append(userIDs, is.ReporterID)
		if is.ProblemID != nil {
			problemIDs = append(problemIDs, *is.ProblemID)
		}
	}
	systems, err := names(tx, "systems", "name", systemIDs)
	if err != nil {
		return nil, err
	}
	sites, err := names(tx, "sites", "name", siteIDs)
	if err != nil {
		return nil, err
	}
	users, err := names(tx, "users", "name", userIDs)
	if err != nil {
		return nil, err
	}
	problems, err := names(tx, "problems", "title", problemIDs)
	if err != nil {
		return nil, err
	}
	var links []models.IssueLink
	if err := tx.Where("issue_id IN ?", ids).Order("created_at, target_type, target_id").Find(&links).Error; err != nil {
		return nil, services.DBError("load links", err)
	}
	byIssue := map[string][]models.IssueLink{}
	for _, l := range links {
		byIssue[l.IssueID] = append(byIssue[l.IssueID], l)
	}
	cycles, err := linkedCycles(tx, list)
	if err != nil {
		return nil, err
	}
	affected := map[string]bool{}
	if actor.UserID != "" {
		var mine []string
		if err := tx.Model(&models.IssueAffected{}).Where("user_id = ? AND issue_id IN ?", actor.UserID, ids).
			Pluck("issue_id", &mine).Error; err != nil {
			return nil, services.DBError("load affected", err)
		}
		for _, id := range mine {
			affected[id] = true
		}
	}
	now := s.clock()
	readAll := actor.Can(access.IssuesReadAll)
	triage := actor.Can(access.IssuesTriage)
	out := make([]Report, 0, len(list))
	for _, is := range list {
		r := Report{
			Issue:          is,
			Site:           Ref{ID: is.SiteID, Name: sites[is.SiteID]},
			Reporter:       Ref{ID: is.ReporterID, Name: users[is.ReporterID]},
			Links:          byIssue[is.ID],
			YouReported:    actor.UserID != "" && is.ReporterID == actor.UserID,
			YouAreAffected: affected[is.ID],
			ReopenUntil:    reopenUntil(is),
			Cycles:         cycles[is.ID],
			CanOpenCycles:  actor.Can(access.CyclesRead),
		}
		if r.Links == nil {
			r.Links = []models.IssueLink{}
		}
		if r.Cycles == nil {
			r.Cycles = []LinkedCycle{}
		}
		if is.SystemID != nil {
			r.System = &Ref{ID: *is.SystemID, Name: systems[*is.SystemID]}
		}
		if is.ProblemID != nil {
			r.Problem = &Ref{ID: *is.ProblemID, Name: problems[*is.ProblemID]}
		}
		rel := relation{reporter: r.YouReported, affected: r.YouAreAffected, readAll: readAll}
		r.AllowedTransitions = s.allowedTransitions(actor, rel, is, now)
		r.CanEdit = is.Status != models.IssueClosed && (r.YouReported || triage)
		r.CanComment = is.Status != models.IssueClosed && (rel.involved() || triage)
		out = append(out, r)
	}
	return out, nil
}

// names maps ids to a text column of table (a fixed name, never input).
func names(tx *gorm.DB, table, column string, ids []string) (map[string]string, error) {
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var q string
	switch table + "." + column {
	case "systems.name":
		q = "SELECT id, name FROM systems WHERE id IN ?"
	case "sites.name":
		q = "SELECT id, name FROM sites WHERE id IN ?"
	case "users.name":
		q = "SELECT id, name FROM users WHERE id IN ?"
	case "problems.title":
		q = "SELECT id, title AS name FROM problems WHERE id IN ?"
	default:
		panic(fmt.Sprintf("issues: names of %s.%s", table, column))
	}
	var rows []struct {
		ID   string
		Name string
	}
	if err := tx.Raw(q, ids).Scan(&rows).Error; err != nil {
		return nil, services.DBError("load names from "+table, err)
	}
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}
