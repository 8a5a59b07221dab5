package issues

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"assure/models"
	"assure/services"
	"assure/services/access"
)

// ProblemInput is a new problem. IssueIDs are reports to group under it now.
type ProblemInput struct {
	Title           string
	Description     string
	RootCause       string
	KnownWorkaround string
	SystemID        *string
	IssueIDs        []string
}

// ProblemPatch changes some fields of a problem; nil leaves a field alone.
type ProblemPatch struct {
	Title           *string
	Description     *string
	RootCause       *string
	KnownWorkaround *string
	SystemID        *string
	ClearSystem     bool // the client sent system_id: null
	Status          *models.ProblemStatus
}

// ProblemView is a problem as one viewer sees it: counted once as a problem,
// its reports' experience summed.
type ProblemView struct {
	Problem          models.Problem
	System           *Ref
	ReportCount      int
	OpenReportCount  int
	PeopleAffected   int
	TotalMinutesLost int64
	FirstStartedAt   *time.Time
	LastStartedAt    *time.Time
	// Reports are the linked reports this viewer may see (Get only).
	Reports []Report
	// Cycles are the PDSA cycles linked to the problem (Get only); whoever
	// may see the problem sees them, and CanOpenCycles says whether they may
	// open the cycles' own pages.
	Cycles        []LinkedCycle
	CanOpenCycles bool
	CanEdit       bool
}

// ProblemPage is one page of problems.
type ProblemPage struct {
	Items      []ProblemView
	NextCursor string
}

func checkProblem(tx *gorm.DB, p models.Problem, v *services.ValidationError) error {
	checkText(v, "title", p.Title, true, MaxTitle)
	checkText(v, "description", p.Description, false, MaxDescription)
	checkText(v, "root_cause", p.RootCause, false, MaxDescription)
	checkText(v, "known_workaround", p.KnownWorkaround, false, MaxDescription)
	if p.Status != models.ProblemOpen && p.Status != models.ProblemResolved {
		v.Add("status", "must be open or resolved")
	}
	if p.SystemID != nil {
		ok, err := exists(tx, "systems", *p.SystemID)
		if err != nil {
			return err
		}
		if !ok {
			v.Add("system_id", "is not a system in the catalogue")
		}
	}
	return nil
}

func trimProblem(p *models.Problem) {
	p.Title = strings.TrimSpace(p.Title)
	p.Description = strings.TrimSpace(p.Description)
	p.RootCause = strings.TrimSpace(p.RootCause)
	p.KnownWorkaround = strings.TrimSpace(p.KnownWorkaround)
}

func problemAudit(p models.Problem) map[string]any {
	return map[string]any{"id": p.ID, "title": p.Title, "description": p.Description, "root_cause": p.RootCause,
		"known_workaround": p.KnownWorkaround, "system_id": p.SystemID, "status": p.Status}
}

// CreateProblem records a problem and groups the given reports under it.
func (s *Service) CreateProblem(ctx context.Context, actor access.Actor, in ProblemInput) (ProblemView, error) {
	if err := requireUser(actor); err != nil {
		return ProblemView{}, err
	}
	if !actor.Can(access.IssuesTriage) {
		return ProblemView{}, services.ErrForbidden
	}
	now := s.clock()
	p := models.Problem{Title: in.Title, Description: in.Description, RootCause: in.RootCause,
		KnownWorkaround: in.KnownWorkaround, SystemID: in.SystemID, Status: models.ProblemOpen,
		CreatedBy: &actor.UserID, Version: 1, CreatedAt: now, UpdatedAt: now}
	trimProblem(&p)
	var out ProblemView
	err := s.ctxDB(ctx).Transaction(func(tx *gorm.DB) error {
		v := &services.ValidationError{}
		if err := checkProblem(tx, p, v); err != nil {
			return err
		}
		seen := map[string]bool{}
		for i, id := range in.IssueIDs {
			field := fmt.Sprintf("issue_ids[%d]", i)
			switch {
			case !isUUID(id):
				v.Add(field, "is not a report id")
			case seen[id]:
				v.Add(field, "repeats a report already listed")
			}
			seen[id] = true
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := tx.Create(&p).Error; err != nil {
			return services.DBError("create problem", err)
		}
		for i, id := range in.IssueIDs {
			if err := s.link(tx, actor, p, id, now); err != nil {
				if isNotFound(err) {
					return services.Invalid(fmt.Sprintf("issue_ids[%d]", i), "is not a report")
				}
				return err
			}
		}
		after := problemAudit(p)
		after["issue_ids"] = in.IssueIDs
		if err := s.audit.Record(tx, actor, "problem.created", "problem", p.ID, nil, after); err != nil {
			return err
		}
		var err error
		out, err = s.problemView(tx, actor, p, true)
		return err
	})
	return out, err
}

// link groups a report under p; the caller records the audit event.
func (s *Service) link(tx *gorm.DB, actor access.Actor, p models.Problem, issueID string, now time.Time) error {
	is, err := lockIssue(tx, issueID)
	if err != nil {
		return err
	}
	switch {
	case is.ProblemID != nil && *is.ProblemID == p.ID:
		return services.Conflict("this report is already grouped under this problem")
	case is.ProblemID != nil:
		return services.Conflict("this report is grouped under another problem; take it out of that one first")
	}
	is.ProblemID = &p.ID
	bump(&is.Version, &is.UpdatedAt, now)
	if err := tx.Save(&is).Error; err != nil {
		return services.DBError("link report", err)
	}
	return addEvent(tx, &models.IssueEvent{IssueID: is.ID, At: now, ActorID: &actor.UserID, Kind: models.EventProblemLinked,
		Detail: detail(map[string]any{"problem_id": p.ID, "problem_title": p.Title})})
}

// LinkIssue groups a report under a problem.
func (s *Service) LinkIssue(ctx context.Context, actor access.Actor, problemID, issueID string) (ProblemView, error) {
	return s.changeLink(ctx, actor, problemID, issueID, true)
}

// UnlinkIssue takes a report out of a problem.
func (s *Service) UnlinkIssue(ctx context.Context, actor access.Actor, problemID, issueID string) (ProblemView, error) {
	return s.changeLink(ctx, actor, problemID, issueID, false)
}

func (s *Service) changeLink(ctx context.Context, actor access.Actor, problemID, issueID string, add bool) (ProblemView, error) {
	if err := requireUser(actor); err != nil {
		return ProblemView{}, err
	}
	if !actor.Can(access.IssuesTriage) {
		return ProblemView{}, services.ErrForbidden
	}
	var out ProblemView
	err := s.ctxDB(ctx).Transaction(func(tx *gorm.DB) error {
		p, err := lockProblem(tx, problemID)
		if err != nil {
			return err
		}
		now := s.clock()
		action := "problem.issue_linked"
		if add {
			if !isUUID(issueID) {
				return services.Invalid("issue_id", "is not a report id")
			}
			if err := s.link(tx, actor, p, issueID, now); err != nil {
				if isNotFound(err) {
					return services.Invalid("issue_id", "is not a report")
				}
				return err
			}
		} else {
			action = "problem.issue_unlinked"
			is, err := lockIssue(tx, issueID)
			if err != nil {
				return err
			}
			if is.ProblemID == nil || *is.ProblemID != p.ID {
				return fmt.Errorf("report %s is not grouped under problem %s: %w", issueID, p.ID, services.ErrNotFound)
			}
			is.ProblemID = nil
			bump(&is.Version, &is.UpdatedAt, now)
			if err := tx.Save(&is).Error; err != nil {
				return services.DBError("unlink report", err)
			}
			if err := addEvent(tx, &models.IssueEvent{IssueID: is.ID, At: now, ActorID: &actor.UserID, Kind: models.EventProblemUnlinked,
				Detail: detail(map[string]any{"problem_id": p.ID, "problem_title": p.Title})}); err != nil {
				return err
			}
		}
		if err := s.audit.Record(tx, actor, action, "problem", p.ID, nil, map[string]any{"issue_id": issueID}); err != nil {
			return err
		}
		out, err = s.problemView(tx, actor, p, true)
		return err
	})
	return out, err
}

func lockProblem(tx *gorm.DB, id string) (models.Problem, error) {
	var p models.Problem
	if !isUUID(id) {
		return p, fmt.Errorf("problem %s: %w", id, services.ErrNotFound)
	}
	err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", id).Take(&p).Error
	return p, services.DBError("load problem "+id, err)
}

// UpdateProblem changes a problem; ifMatch lists the versions the client may have seen.
func (s *Service) UpdateProblem(ctx context.Context, actor access.Actor, id string, patch ProblemPatch, ifMatch []int) (ProblemView, error) {
	if err := requireUser(actor); err != nil {
		return ProblemView{}, err
	}
	if !actor.Can(access.IssuesTriage) {
		return ProblemView{}, services.ErrForbidden
	}
	var out ProblemView
	err := s.ctxDB(ctx).Transaction(func(tx *gorm.DB) error {
		p, err := lockProblem(tx, id)
		if err != nil {
			return err
		}
		if !versionMatches(ifMatch, p.Version) {
			return services.ErrPreconditionFailed
		}
		before := p
		set := func(dst *string, src *string) {
			if src != nil {
				*dst = *src
			}
		}
		set(&p.Title, patch.Title)
		set(&p.Description, patch.Description)
		set(&p.RootCause, patch.RootCause)
		set(&p.KnownWorkaround, patch.KnownWorkaround)
		switch {
		case patch.ClearSystem:
			p.SystemID = nil
		case patch.SystemID != nil:
			sys := *patch.SystemID
			p.SystemID = &sys
		}
		if patch.Status != nil {
			p.Status = *patch.Status
		}
		trimProblem(&p)
		v := &services.ValidationError{}
		if err := checkProblem(tx, p, v); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		if len(changedFields(problemAudit(before), problemAudit(p))) > 0 {
			bump(&p.Version, &p.UpdatedAt, s.clock())
			if err := tx.Save(&p).Error; err != nil {
				return services.DBError("save problem", err)
			}
			if err := s.audit.Record(tx, actor, "problem.updated", "problem", p.ID, problemAudit(before), problemAudit(p)); err != nil {
				return err
			}
		}
		out, err = s.problemView(tx, actor, p, true)
		return err
	})
	return out, err
}

// belongsClause limits problems to those the actor belongs to: one of their
// reports, or one they were affected by, is grouped under it.
const belongsClause = `EXISTS (SELECT 1 FROM issues i WHERE i.problem_id = problems.id AND (i.reporter_id = ?
	OR EXISTS (SELECT 1 FROM issue_affected a WHERE a.issue_id = i.id AND a.user_id = ?)))`

// GetProblem returns a problem the actor may see, with the linked reports
// they may see. A clinician sees the problems they belong to; 404 otherwise.
func (s *Service) GetProblem(ctx context.Context, actor access.Actor, id string) (ProblemView, error) {
	if !isUUID(id) {
		return ProblemView{}, fmt.Errorf("problem %s: %w", id, services.ErrNotFound)
	}
	db := s.ctxDB(ctx)
	q := db.Where("id = ?", id)
	if !actor.Can(access.IssuesReadAll) {
		q = q.Where(belongsClause, actor.UserID, actor.UserID)
	}
	var p models.Problem
	if err := q.Take(&p).Error; err != nil {
		return ProblemView{}, services.DBError("load problem "+id, err)
	}
	return s.problemView(db, actor, p, true)
}

// ListProblems lists the problems the actor may see, newest first.
// status ("" for all) filters by open or resolved.
func (s *Service) ListProblems(ctx context.Context, actor access.Actor, status models.ProblemStatus, limit int, cursor string) (ProblemPage, error) {
	switch {
	case limit == 0:
		limit = DefaultLimit
	case limit < 1 || limit > MaxLimit:
		return ProblemPage{}, services.Invalid("limit", "must be between 1 and %d", MaxLimit)
	}
	if status != "" && status != models.ProblemOpen && status != models.ProblemResolved {
		return ProblemPage{}, services.Invalid("status", "must be open or resolved")
	}
	db := s.ctxDB(ctx)
	q := db.Model(&models.Problem{})
	if !actor.Can(access.IssuesReadAll) {
		q = q.Where(belongsClause, actor.UserID, actor.UserID)
	}
	if status != "" {
		q = q.Where("status = ?", status)
	}
	q, err := pageByCreated(q, cursor, limit)
	if err != nil {
		return ProblemPage{}, err
	}
	var list []models.Problem
	if err := q.Find(&list).Error; err != nil {
		return ProblemPage{}, services.DBError("list problems", err)
	}
	var page ProblemPage
	if len(list) > limit {
		list = list[:limit]
		last := list[len(list)-1]
		page.NextCursor = encodeCursor("c", last.CreatedAt.UTC().Format(time.RFC3339Nano), last.ID)
	}
	page.Items = make([]ProblemView, 0, len(list))
	for _, p := range list {
		v, err := s.problemView(db, actor, p, false)
		if err != nil {
			return ProblemPage{}, err
		}
		page.Items = append(page.Items, v)
	}
	return page, nil
}

// problemView sums a problem's reports and, with reports, lists those the
// viewer may see.
func (s *Service) problemView(tx *gorm.DB, actor access.Actor, p models.Problem, reports bool) (ProblemView, error) {
	out := ProblemView{Problem: p, CanEdit: actor.Can(access.IssuesTriage)}
	if p.SystemID != nil {
		n, err := names(tx, "systems", "name", []string{*p.SystemID})
		if err != nil {
			return out, err
		}
		out.System = &Ref{ID: *p.SystemID, Name: n[*p.SystemID]}
	}
	var agg struct {
		Reports int
		Open    int
		People  int
		Minutes int64
		First   *time.Time
		Last    *time.Time
	}
	err := tx.Raw(`SELECT count(*) AS reports,
			count(*) FILTER (WHERE status IN ('new', 'triaged', 'in_progress')) AS open,
			COALESCE(sum(staff_affected + affected_count), 0) AS people,
			COALESCE(sum(total_minutes_lost), 0) AS minutes,
			min(started_at) AS first, max(started_at) AS last
		FROM issues WHERE problem_id = ?`, p.ID).Scan(&agg).Error
	if err != nil {
		return out, services.DBError("sum problem's reports", err)
	}
	out.ReportCount, out.OpenReportCount, out.PeopleAffected, out.TotalMinutesLost = agg.Reports, agg.Open, agg.People, agg.Minutes
	out.FirstStartedAt, out.LastStartedAt = agg.First, agg.Last
	if !reports {
		return out, nil
	}
	q := tx.Where("problem_id = ?", p.ID)
	if !actor.Can(access.IssuesReadAll) {
		q = q.Where("(reporter_id = ? OR EXISTS (SELECT 1 FROM issue_affected a WHERE a.issue_id = issues.id AND a.user_id = ?))",
			actor.UserID, actor.UserID)
	}
	var list []models.Issue
	if err := q.Order("started_at, id").Limit(MaxLimit).Find(&list).Error; err != nil {
		return out, services.DBError("load problem's reports", err)
	}
	views, err := s.views(tx, actor, list)
	if err != nil {
		return out, err
	}
	out.Reports = views
	if out.Cycles, err = problemCycles(tx, p.ID); err != nil {
		return out, err
	}
	out.CanOpenCycles = actor.Can(access.CyclesRead)
	return out, nil
}
