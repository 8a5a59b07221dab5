package issues

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"strconv"
	"time"

	"gorm.io/gorm"

	"assure/models"
	"assure/services"
	"assure/services/access"
)

// List limits (DESIGN.md, Conventions).
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// Sort orders of the report list.
const (
	SortTimeLost = "time_lost" // the triage queue: most time lost first
	SortRecent   = "recent"    // "My reports": newest first
)

// Filter selects reports. Zero values do not filter.
type Filter struct {
	Statuses []models.IssueStatus
	SystemID string
	NotSure  bool // only reports whose reporter was not sure of the system
	SiteID   string
	// Harm keeps reports whose worse harm (physical or psychological) is at
	// least this level.
	Harm models.Harm
	// From and To are days (inclusive) the problem started on, in UTC.
	From, To  *time.Time
	Mine      bool // only reports the actor made or was affected by
	ProblemID string
	Sort      string
	Limit     int
	Cursor    string
}

// Page is one page of reports.
type Page struct {
	Items      []Report
	NextCursor string
}

func (f *Filter) validate() error {
	v := &services.ValidationError{}
	for _, st := range f.Statuses {
		if !st.Valid() {
			v.Add("status", "must be one of new, triaged, in_progress, resolved, closed")
			break
		}
	}
	if f.SystemID != "" && !isUUID(f.SystemID) {
		v.Add("system_id", "must be a system id")
	}
	if f.SystemID != "" && f.NotSure {
		v.Add("system_not_sure", "cannot be combined with system_id")
	}
	if f.SiteID != "" && !isUUID(f.SiteID) {
		v.Add("site_id", "must be a site id")
	}
	if f.ProblemID != "" && !isUUID(f.ProblemID) {
		v.Add("problem_id", "must be a problem id")
	}
	if f.Harm != "" && !f.Harm.Valid() {
		v.Add("harm", "must be one of none, low, moderate, severe, fatal")
	}
	if f.From != nil && f.To != nil && f.To.Before(*f.From) {
		v.Add("to", "must be on or after from")
	}
	switch f.Sort {
	case "":
		f.Sort = SortTimeLost
	case SortTimeLost, SortRecent:
	default:
		v.Add("sort", "must be time_lost or recent")
	}
	switch {
	case f.Limit == 0:
		f.Limit = DefaultLimit
	case f.Limit < 1 || f.Limit > MaxLimit:
		v.Add("limit", "must be between 1 and %d", MaxLimit)
	}
	return v.Err()
}

// List returns reports matching f, in f.Sort order. People who may read
// every report see all of them; anyone else sees only the reports they made
// or said they were affected by.
func (s *Service) List(ctx context.Context, actor access.Actor, f Filter) (Page, error) {
	if err := f.validate(); err != nil {
		return Page{}, err
	}
	db := s.ctxDB(ctx)
	q := db.Model(&models.Issue{})
	if f.Mine || !actor.Can(access.IssuesReadAll) {
		q = q.Where("(reporter_id = ? OR EXISTS (SELECT 1 FROM issue_affected a WHERE a.issue_id = issues.id AND a.user_id = ?))",
			actor.UserID, actor.UserID)
	}
	if len(f.Statuses) > 0 {
		q = q.Where("status IN ?", f.Statuses)
	}
	if f.SystemID != "" {
		q = q.Where("system_id = ?", f.SystemID)
	}
	if f.NotSure {
		q = q.Where("system_id IS NULL")
	}
	if f.SiteID != "" {
		q = q.Where("site_id = ?", f.SiteID)
	}
	if f.ProblemID != "" {
		q = q.Where("problem_id = ?", f.ProblemID)
	}
	if f.Harm != "" && f.Harm != models.HarmNone {
		levels := models.HarmLevels[f.Harm.Rank():]
		q = q.Where("(physical_harm IN ? OR psychological_harm IN ?)", levels, levels)
	}
	if f.From != nil {
		q = q.Where("started_at >= ?", dateOf(*f.From))
	}
	if f.To != nil {
		q = q.Where("started_at < ?", dateOf(*f.To).AddDate(0, 0, 1))
	}
	bad := services.Invalid("cursor", "is not a cursor this list gave out; start again without it")
	switch f.Sort {
	case SortTimeLost:
		if f.Cursor != "" {
			parts, ok := decodeCursor(f.Cursor, "t")
			if !ok {
				return Page{}, bad
			}
			total, err := strconv.ParseInt(parts[0], 10, 64)
			if err != nil || !isUUID(parts[1]) {
				return Page{}, bad
			}
			q = q.Where("(total_minutes_lost, id) < (?, ?)", total, parts[1])
		}
		q = q.Order("total_minutes_lost DESC, id DESC")
	case SortRecent:
		if f.Cursor != "" {
			parts, ok := decodeCursor(f.Cursor, "r")
			if !ok {
				return Page{}, bad
			}
			at, err := time.Parse(time.RFC3339Nano, parts[0])
			if err != nil || !isUUID(parts[1]) {
				return Page{}, bad
			}
			q = q.Where("(created_at, id) < (?, ?)", at, parts[1])
		}
		q = q.Order("created_at DESC, id DESC")
	}
	var list []models.Issue
	if err := q.Limit(f.Limit + 1).Find(&list).Error; err != nil {
		return Page{}, services.DBError("list reports", err)
	}
	var page Page
	if len(list) > f.Limit {
		list = list[:f.Limit]
		last := list[len(list)-1]
		if f.Sort == SortTimeLost {
			page.NextCursor = encodeCursor("t", strconv.FormatInt(last.TotalMinutesLost, 10), last.ID)
		} else {
			page.NextCursor = encodeCursor("r", last.CreatedAt.UTC().Format(time.RFC3339Nano), last.ID)
		}
	}
	items, err := s.views(db, actor, list)
	if err != nil {
		return Page{}, err
	}
	page.Items = items
	return page, nil
}

// encodeCursor makes an opaque cursor: a kind (so a cursor of one order is
// refused by the other) and the last item's sort key.
func encodeCursor(kind string, parts ...string) string {
	raw, _ := json.Marshal(append([]string{kind}, parts...)) // a []string always marshals
	return base64.RawURLEncoding.EncodeToString(raw)
}

func decodeCursor(c, kind string) ([]string, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return nil, false
	}
	var parts []string
	if err := json.Unmarshal(raw, &parts); err != nil || len(parts) != 3 || parts[0] != kind {
		return nil, false
	}
	return parts[1:], true
}

// pageByCreated pages a query newest first by (created_at, id), fetching one
// row more than limit so the caller knows whether there is a next page.
func pageByCreated(q *gorm.DB, cursor string, limit int) (*gorm.DB, error) {
	if cursor != "" {
		parts, ok := decodeCursor(cursor, "c")
		if !ok {
			return nil, services.Invalid("cursor", "is not a cursor this list gave out; start again without it")
		}
		at, err := time.Parse(time.RFC3339Nano, parts[0])
		if err != nil || !isUUID(parts[1]) {
			return nil, services.Invalid("cursor", "is not a cursor this list gave out; start again without it")
		}
		q = q.Where("(created_at, id) < (?, ?)", at, parts[1])
	}
	return q.Order("created_at DESC, id DESC").Limit(limit + 1), nil
}
