// Package reviews runs board reviews: a governance meeting with its date,
// the members present, an agenda built from what needs a decision (cycles
// awaiting Study sign-off or an Act decision, standards newly breached or
// showing special-cause concern or missing data, overdue actions) plus items
// added by hand, a decision on each item, and minutes. Closing a review locks
// it. Decisions go on the timelines of the things they concern. The board
// pack bundles the agenda, decisions and the figures behind every chart.
package reviews

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"assure/internal/database"
	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/audit"
	"assure/services/catalogue"
	"assure/services/compliance"
	"assure/services/cycles"
	"assure/services/spc"
)

// Service runs board reviews.
type Service struct {
	db     *gorm.DB
	audit  *audit.Recorder
	comp   *compliance.Service
	cycles *cycles.Service
	now    func() time.Time
}

// NewService builds the reviews service. now is the clock (nil for time.Now).
func NewService(db *database.DB, rec *audit.Recorder, comp *compliance.Service, cyc *cycles.Service, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{db: db.Gorm, audit: rec, comp: comp, cycles: cyc, now: now}
}

// WithClock returns a copy of the service reading time from now.
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	return &c
}

func (s *Service) stamp() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// Review is a review as the API shows it.
type Review struct {
	models.Review
	ClosedByName *string
	Members      []Member
	Items        []Item
}

// Member is a board member present.
type Member struct {
	UserID string
	Name   string
}

// Item is an agenda item with what it concerns.
type Item struct {
	models.ReviewItem
	DecidedByName *string
	// Link is the web page of what the item concerns ("" for other).
	Link string
	// State is the concerned thing's state now: a cycle's stage, an
	// action's status, a standard's code.
	State string
}

func requireDecide(actor access.Actor) error {
	if !actor.Can(access.ReviewsDecide) {
		return fmt.Errorf("running a board review needs reviews.decide: %w", services.ErrForbidden)
	}
	return nil
}

func lockReview(tx *gorm.DB, id string) (models.Review, error) {
	var r models.Review
	if !catalogue.ValidID(id) {
		return r, fmt.Errorf("review %s: %w", id, services.ErrNotFound)
	}
	err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", id).Take(&r).Error
	return r, services.DBError("load review "+id, err)
}

// lockOpen loads a review for a change: it must exist, match ifMatch and be
// open — a closed review is locked.
func lockOpen(tx *gorm.DB, id string, ifMatch []int) (models.Review, error) {
	r, err := lockReview(tx, id)
	if err != nil {
		return r, err
	}
	if err := catalogue.CheckIfMatch(ifMatch, r.Version); err != nil {
		return r, err
	}
	if r.Status == models.ReviewClosed {
		return r, services.Conflict("the review was closed on %s: it can no longer change", r.ClosedAt.Format(time.DateOnly))
	}
	return r, nil
}

// bump records a change to a review row.
func (s *Service) bump(tx *gorm.DB, r *models.Review, now time.Time) error {
	r.Version++
	r.UpdatedAt = now
	return services.DBError("update review", tx.Save(r).Error)
}

// Get returns one review with its members and agenda.
func (s *Service) Get(ctx context.Context, id string) (Review, error) {
	if !catalogue.ValidID(id) {
		return Review{}, fmt.Errorf("review %s: %w", id, services.ErrNotFound)
	}
	db := s.db.WithContext(ctx)
	var r models.Review
	if err := db.Where("id = ?", id).Take(&r).Error; err != nil {
		return Review{}, services.DBError("load review "+id, err)
	}
	return s.expand(db, r)
}

func (s *Service) expand(db *gorm.DB, r models.Review) (Review, error) {
	out := Review{Review: r, Members: []Member{}, Items: []Item{}}
	if err := db.Raw(`SELECT m.user_id::text AS user_id, u.name FROM review_members m JOIN users u ON u.id = m.user_id
		WHERE m.review_id = ? ORDER BY u.name, u.id`, r.ID).Scan(&out.Members).Error; err != nil {
		return out, fmt.Errorf("load review members: %w", err)
	}
	if r.ClosedBy != nil {
		var name string
		if err := db.Raw("SELECT name FROM users WHERE id = ?", *r.ClosedBy).Scan(&name).Error; err != nil {
			return out, fmt.Errorf("load closer: %w", err)
		}
		out.ClosedByName = &name
	}
	var items []struct {
		models.ReviewItem
		DecidedByName *string
		State         *string
	}
	if err := db.Raw(`SELECT i.*, u.name AS decided_by_name,
			CASE i.kind WHEN 'cycle' THEN (SELECT stage FROM cycles WHERE id = i.entity_id)
			            WHEN 'action' THEN (SELECT status FROM actions WHERE id = i.entity_id)
			            WHEN 'standard' THEN (SELECT code FROM standards WHERE id = i.entity_id) END AS state
		FROM review_items i LEFT JOIN users u ON u.id = i.decided_by
		WHERE i.review_id = ? ORDER BY i.position`, r.ID).Scan(&items).Error; err != nil {
		return out, fmt.Errorf("load agenda: %w", err)
	}
	for _, it := range items {
		item := Item{ReviewItem: it.ReviewItem, DecidedByName: it.DecidedByName}
		if it.State != nil {
			item.State = *it.State
		}
		if it.EntityID != nil {
			item.Link = "/" + plural(it.Kind) + "/" + *it.EntityID
		}
		out.Items = append(out.Items, item)
	}
	return out, nil
}

func plural(k models.ItemKind) string { return string(k) + "s" }

// NewReview is the input of Create.
type NewReview struct {
	Title       string
	MeetingDate string
	MemberIDs   []string
	// BuildAgenda (default true) fills the agenda from what needs a decision.
	BuildAgenda *bool
}

// Create schedules a review and, unless told not to, builds its agenda.
func (s *Service) Create(ctx context.Context, actor access.Actor, in NewReview) (Review, error) {
	if err := requireDecide(actor); err != nil {
		return Review{}, err
	}
	build := in.BuildAgenda == nil || *in.BuildAgenda
	var due []candidate
	if build {
		var err error
		if due, err = s.candidates(ctx); err != nil {
			return Review{}, err
		}
	}
	now := s.stamp()
	r := models.Review{ID: uuid.Must(uuid.NewV7()).String(), Status: models.ReviewOpen, Version: 1, CreatedAt: now, UpdatedAt: now}
	if actor.UserID != "" {
		r.CreatedBy = &actor.UserID
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		v := &services.ValidationError{}
		r.Title = catalogue.CheckText(v, "title", in.Title, 1, 200)
		r.MeetingDate = meetingDate(v, in.MeetingDate)
		members, err := checkMembers(tx, v, in.MemberIDs)
		if err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := tx.Create(&r).Error; err != nil {
			return services.DBError("create review", err)
		}
		if err := saveMembers(tx, r.ID, members); err != nil {
			return err
		}
		added, err := addCandidates(tx, r.ID, due)
		if err != nil {
			return err
		}
		return s.audit.Record(tx, actor, "review.created", "review", r.ID, nil, map[string]any{
			"id": r.ID, "title": r.Title, "meeting_date": r.MeetingDate.Format(time.DateOnly),
			"member_ids": members, "agenda_items": added,
		})
	})
	if err != nil {
		return Review{}, err
	}
	return s.Get(ctx, r.ID)
}

func meetingDate(v *services.ValidationError, s string) time.Time {
	if s == "" {
		v.Add("meeting_date", "is required")
		return time.Time{}
	}
	d, err := spc.ParseDate(s)
	if err != nil {
		v.Add("meeting_date", "must be a date in the form YYYY-MM-DD")
		return time.Time{}
	}
	return d.Time()
}

func checkMembers(tx *gorm.DB, v *services.ValidationError, ids []string) ([]string, error) {
	if len(ids) > 100 {
		v.Add("member_ids", "must have at most 100 members")
		return nil, nil
	}
	out := catalogue.UniqueIDs(v, "member_ids", ids)
	if err := catalogue.CheckExisting(tx, v, "member_ids", "users", out); err != nil {
		return nil, err
	}
	return out, nil
}

func saveMembers(tx *gorm.DB, reviewID string, ids []string) error {
	if err := tx.Where("review_id = ?", reviewID).Delete(&models.ReviewMember{}).Error; err != nil {
		return fmt.Errorf("replace members: %w", err)
	}
	if len(ids) == 0 {
		return nil
	}
	rows := make([]models.ReviewMember, len(ids))
	for i, id := range ids {
		rows[i] = models.ReviewMember{ReviewID: reviewID, UserID: id}
	}
	return services.DBError("save members", tx.Create(&rows).Error)
}

// Change is the input of Update; nil for what stays.
type Change struct {
	Title       *string
	MeetingDate *string
	MemberIDs   *[]string
	Minutes     *string
}

// Update changes an open review's title, date, members or minutes.
func (s *Service) Update(ctx context.Context, actor access.Actor, id string, ch Change, ifMatch []int) (Review, error) {
	if err := requireDecide(actor); err != nil {
		return Review{}, err
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r, err := lockOpen(tx, id, ifMatch)
		if err != nil {
			return err
		}
		before, err := s.expand(tx, r)
		if err != nil {
			return err
		}
		v := &services.ValidationError{}
		if ch.Title != nil {
			r.Title = catalogue.CheckText(v, "title", *ch.Title, 1, 200)
		}
		if ch.MeetingDate != nil {
			r.MeetingDate = meetingDate(v, *ch.MeetingDate)
		}
		if ch.Minutes != nil {
			r.Minutes = catalogue.CheckText(v, "minutes", *ch.Minutes, 0, 20000)
		}
		var members []string
		if ch.MemberIDs != nil {
			if members, err = checkMembers(tx, v, *ch.MemberIDs); err != nil {
				return err
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		if ch.MemberIDs != nil {
			if err := saveMembers(tx, id, members); err != nil {
				return err
			}
		}
		if err := s.bump(tx, &r, s.stamp()); err != nil {
			return err
		}
		after, err := s.expand(tx, r)
		if err != nil {
			return err
		}
		return s.audit.Record(tx, actor, "review.updated", "review", id, reviewAudit(before), reviewAudit(after))
	})
	if err != nil {
		return Review{}, err
	}
	return s.Get(ctx, id)
}

func reviewAudit(r Review) map[string]any {
	ids := make([]string, len(r.Members))
	for i, m := range r.Members {
		ids[i] = m.UserID
	}
	return map[string]any{"id": r.ID, "title": r.Title, "meeting_date": r.MeetingDate.Format(time.DateOnly),
		"status": r.Status, "minutes": r.Minutes, "member_ids": ids, "version": r.Version}
}

// Close locks a review: after it, nothing about it changes.
func (s *Service) Close(ctx context.Context, actor access.Actor, id string, ifMatch []int) (Review, error) {
	if err := requireDecide(actor); err != nil {
		return Review{}, err
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r, err := lockOpen(tx, id, ifMatch)
		if err != nil {
			return err
		}
		now := s.stamp()
		r.Status = models.ReviewClosed
		r.ClosedAt = &now
		if actor.UserID != "" {
			r.ClosedBy = &actor.UserID
		}
		if err := s.bump(tx, &r, now); err != nil {
			return err
		}
		var undecided int64
		if err := tx.Model(&models.ReviewItem{}).Where("review_id = ? AND decision IS NULL", id).Count(&undecided).Error; err != nil {
			return fmt.Errorf("count undecided items: %w", err)
		}
		return s.audit.Record(tx, actor, "review.closed", "review", id, map[string]any{"status": models.ReviewOpen},
			map[string]any{"status": r.Status, "closed_at": now, "undecided_items": undecided})
	})
	if err != nil {
		return Review{}, err
	}
	return s.Get(ctx, id)
}

// Filter selects reviews.
type Filter struct {
	Status string
	Limit  int
	Cursor string
}

// Page is one page of reviews, latest meeting first.
type Page struct {
	Items      []Review
	NextCursor string
}

// List returns reviews, latest meeting first (without their agendas' detail
// beyond the items themselves).
func (s *Service) List(ctx context.Context, f Filter) (Page, error) {
	var page Page
	limit, err := services.PageLimit(f.Limit)
	if err != nil {
		return page, err
	}
	after, err := services.DecodeCursor(f.Cursor, 2)
	if err != nil {
		return page, err
	}
	if f.Status != "" && f.Status != string(models.ReviewOpen) && f.Status != string(models.ReviewClosed) {
		return page, services.Invalid("status", "must be open or closed")
	}
	db := s.db.WithContext(ctx)
	q := db.Model(&models.Review{})
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if after != nil {
		d, err := time.Parse(time.DateOnly, after[0])
		if err != nil || !catalogue.ValidID(after[1]) {
			return page, services.Invalid("cursor", "is not a cursor this list gave out; start again without it")
		}
		q = q.Where("(meeting_date < ? OR (meeting_date = ? AND id < ?))", d, d, after[1])
	}
	var rows []models.Review
	if err := q.Order("meeting_date DESC, id DESC").Limit(limit + 1).Find(&rows).Error; err != nil {
		return page, fmt.Errorf("list reviews: %w", err)
	}
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[limit-1]
		page.NextCursor = services.EncodeCursor(last.MeetingDate.Format(time.DateOnly), last.ID)
	}
	page.Items = make([]Review, 0, len(rows))
	for _, r := range rows {
		x, err := s.expand(db, r)
		if err != nil {
			return page, err
		}
		page.Items = append(page.Items, x)
	}
	return page, nil
}

func joinReasons(r []string) string { return strings.Join(slices.Clone(r), "; ") }
