// Package notify is Assure's in-app inbox: writing notifications exactly once
// (the dedupe_key constraint, so two writers of one event — two server
// instances, a retried job — collide instead of duplicating), reading a
// user's inbox, and the periodic scan that finds what people must hear about:
// overdue actions (escalated to executives after EscalateAfter), standards
// breached, showing special-cause concern or missing data, and cycles
// awaiting the board.
package notify

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/catalogue"
)

// Kinds of notification this package and its callers write. Reports write
// issue_status_changed themselves (services/issues).
const (
	KindAssigned           = "assigned"
	KindActionOverdue      = "action_overdue"
	KindActionEscalated    = "action_escalated"
	KindStandardBreached   = "standard_breached"
	KindStandardConcern    = "standard_concern"
	KindStandardMissing    = "standard_missing"
	KindCycleAwaitingBoard = "cycle_awaiting_board"
	// KindCycleDecided tells a reporter that a cycle working on their report
	// closed with a decision (services/cycles).
	KindCycleDecided = "cycle_decided"
)

// Note is one notification to write.
type Note struct {
	UserID     string
	Kind       string
	Title      string
	Body       string
	Link       string
	EntityType string
	EntityID   string
	// DedupeKey names the event; a second note with the same key is dropped.
	// It includes the recipient, since the key is unique across all users.
	DedupeKey string
}

// Insert writes n unless a notification with its dedupe key exists, and
// reports whether it wrote one. tx is the caller's transaction, so a
// notification commits with the change it tells of.
func Insert(tx *gorm.DB, n Note, now time.Time) (bool, error) {
	if n.DedupeKey == "" {
		return false, errors.New("notify: a notification needs a dedupe key")
	}
	var entity *string
	if n.EntityID != "" {
		entity = &n.EntityID
	}
	res := tx.Exec(`INSERT INTO notifications (id, user_id, kind, title, body, link, entity_type, entity_id, dedupe_key, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (dedupe_key) DO NOTHING`,
		uuid.Must(uuid.NewV7()).String(), n.UserID, n.Kind, clip(n.Title, 300), n.Body, n.Link, n.EntityType, entity,
		n.DedupeKey, now.UTC().Truncate(time.Microsecond))
	if res.Error != nil {
		return false, fmt.Errorf("notify %s: %w", n.DedupeKey, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// Assigned tells userID they were made owner of something, unless they did
// it themselves. The key names the thing and the owner, so being made owner
// again after someone else held it is news again only once.
func Assigned(tx *gorm.DB, actor access.Actor, userID, entityType, entityID, title, link string, now time.Time) error {
	if userID == "" || userID == actor.UserID {
		return nil
	}
	_, err := Insert(tx, Note{
		UserID: userID, Kind: KindAssigned, Title: "You are now the owner of " + title,
		Body: fmt.Sprintf("%s made you the accountable owner of this %s.", actorName(actor), entityType),
		Link: link, EntityType: entityType, EntityID: entityID,
		DedupeKey: "assigned:" + entityType + ":" + entityID + ":" + userID,
	}, now)
	return err
}

func actorName(a access.Actor) string {
	if a.Label == "" || a.UserID == "" {
		return "Assure"
	}
	return a.Label
}

// clip shortens s to at most n runes (titles have a length limit).
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// Inbox reads and marks a user's notifications.
type Inbox struct {
	db  *gorm.DB
	now func() time.Time
}

// NewInbox builds the inbox service. now is the clock (nil for time.Now).
func NewInbox(db *gorm.DB, now func() time.Time) *Inbox {
	if now == nil {
		now = time.Now
	}
	return &Inbox{db: db, now: now}
}

// Filter selects an inbox page.
type Filter struct {
	UnreadOnly bool
	Limit      int
	Cursor     string
}

// Page is one page of notifications, unread first, newest first.
type Page struct {
	Items      []models.Notification
	NextCursor string
}

func requireUser(actor access.Actor) error {
	if actor.UserID == "" {
		return fmt.Errorf("only a signed-in person has an inbox: %w", services.ErrForbidden)
	}
	return nil
}

// List returns the actor's own notifications, unread first, newest first.
func (b *Inbox) List(ctx context.Context, actor access.Actor, f Filter) (Page, error) {
	var page Page
	if err := requireUser(actor); err != nil {
		return page, err
	}
	limit, err := services.PageLimit(f.Limit)
	if err != nil {
		return page, err
	}
	after, err := services.DecodeCursor(f.Cursor, 3)
	if err != nil {
		return page, err
	}
	// The sort key is (read, created_at desc, id desc), read = read_at IS NOT NULL.
	q := b.db.WithContext(ctx).Where("user_id = ?", actor.UserID)
	if f.UnreadOnly {
		q = q.Where("read_at IS NULL")
	}
	if after != nil {
		read, err1 := strconv.ParseBool(after[0])
		at, err2 := time.Parse(time.RFC3339Nano, after[1])
		if err1 != nil || err2 != nil || !catalogue.ValidID(after[2]) {
			return page, services.Invalid("cursor", "is not a cursor this list gave out; start again without it")
		}
		q = q.Where("(((read_at IS NOT NULL) > ?) OR ((read_at IS NOT NULL) = ? AND (created_at < ? OR (created_at = ? AND id < ?))))",
			read, read, at, at, after[2])
	}
	err = q.Order("(read_at IS NOT NULL), created_at DESC, id DESC").Limit(limit + 1).Find(&page.Items).Error
	if err != nil {
		return page, fmt.Errorf("list notifications: %w", err)
	}
	if len(page.Items) > limit {
		page.Items = page.Items[:limit]
		last := page.Items[limit-1]
		page.NextCursor = services.EncodeCursor(strconv.FormatBool(last.ReadAt != nil),
			last.CreatedAt.UTC().Format(time.RFC3339Nano), last.ID)
	}
	return page, nil
}

// UnreadCount is how many of the actor's notifications are unread.
func (b *Inbox) UnreadCount(ctx context.Context, actor access.Actor) (int64, error) {
	if err := requireUser(actor); err != nil {
		return 0, err
	}
	var n int64
	err := b.db.WithContext(ctx).Model(&models.Notification{}).Where("user_id = ? AND read_at IS NULL", actor.UserID).Count(&n).Error
	if err != nil {
		return 0, fmt.Errorf("count unread notifications: %w", err)
	}
	return n, nil
}

// MarkRead marks one of the actor's notifications read (again is fine) and
// returns it. Someone else's notification is not found.
func (b *Inbox) MarkRead(ctx context.Context, actor access.Actor, id string) (models.Notification, error) {
	var n models.Notification
	if err := requireUser(actor); err != nil {
		return n, err
	}
	if !catalogue.ValidID(id) {
		return n, fmt.Errorf("notification %s: %w", id, services.ErrNotFound)
	}
	db := b.db.WithContext(ctx)
	if err := db.Exec("UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL",
		b.now().UTC().Truncate(time.Microsecond), id, actor.UserID).Error; err != nil {
		return n, fmt.Errorf("mark notification read: %w", err)
	}
	err := db.Where("id = ? AND user_id = ?", id, actor.UserID).Take(&n).Error
	return n, services.DBError("notification "+id, err)
}

// MarkAllRead marks every unread notification of the actor read and returns
// how many it marked.
func (b *Inbox) MarkAllRead(ctx context.Context, actor access.Actor) (int64, error) {
	if err := requireUser(actor); err != nil {
		return 0, err
	}
	res := b.db.WithContext(ctx).Exec("UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL",
		b.now().UTC().Truncate(time.Microsecond), actor.UserID)
	if res.Error != nil {
		return 0, fmt.Errorf("mark notifications read: %w", res.Error)
	}
	return res.RowsAffected, nil
}
