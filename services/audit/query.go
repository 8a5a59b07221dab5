package audit

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"
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

// Log reads the audit trail.
type Log struct {
	db *gorm.DB
}

// NewLog returns a Log over db.
func NewLog(db *gorm.DB) *Log { return &Log{db: db} }

// Filter selects audit events. Empty fields do not filter.
type Filter struct {
	EntityType string
	EntityID   string
	ActorID    string // a user's or an API token's id
	Action     string
	From       *time.Time // at or after
	To         *time.Time // before
	Limit      int
	Cursor     string
}

// Page is one page of events, newest (highest seq) first.
type Page struct {
	Items      []models.AuditEvent
	NextCursor string
}

// List returns the events matching f, newest first.
func (l *Log) List(ctx context.Context, actor access.Actor, f Filter) (Page, error) {
	if !actor.Can(access.AuditRead) {
		return Page{}, services.ErrForbidden
	}
	v := &services.ValidationError{}
	limit := f.Limit
	switch {
	case limit == 0:
		limit = DefaultLimit
	case limit < 1 || limit > MaxLimit:
		v.Add("limit", "must be between 1 and %d", MaxLimit)
	}
	if f.ActorID != "" {
		if _, err := uuid.Parse(f.ActorID); err != nil {
			v.Add("actor_id", "must be a user's or an API token's id")
		}
	}
	for field, s := range map[string]string{"entity_type": f.EntityType, "entity_id": f.EntityID, "action": f.Action} {
		if len(s) > 200 {
			v.Add(field, "must be at most 200 characters")
		} else if strings.IndexFunc(s, unicode.IsControl) >= 0 {
			v.Add(field, "must not contain control characters")
		}
	}
	if f.From != nil && f.To != nil && !f.From.Before(*f.To) {
		v.Add("to", "must be after from")
	}
	var before int64
	if f.Cursor != "" {
		raw, err := base64.RawURLEncoding.DecodeString(f.Cursor)
		if err == nil {
			before, err = strconv.ParseInt(string(raw), 10, 64)
		}
		if err != nil || before < 1 {
			v.Add("cursor", "is not a cursor this list gave out; start again without it")
		}
	}
	if err := v.Err(); err != nil {
		return Page{}, err
	}
	db := l.db.WithContext(ctx).Model(&models.AuditEvent{})
	if f.EntityType != "" {
		db = db.Where("entity_type = ?", f.EntityType)
	}
	if f.EntityID != "" {
		db = db.Where("entity_id = ?", f.EntityID)
	}
	if f.ActorID != "" {
		db = db.Where("(actor_user_id = ? OR actor_token_id = ?)", f.ActorID, f.ActorID)
	}
	if f.Action != "" {
		db = db.Where("action = ?", f.Action)
	}
	if f.From != nil {
		db = db.Where("at >= ?", f.From.UTC())
	}
	if f.To != nil {
		db = db.Where("at < ?", f.To.UTC())
	}
	if before > 0 {
		db = db.Where("seq < ?", before)
	}
	var evs []models.AuditEvent
	if err := db.Order("seq DESC").Limit(limit + 1).Find(&evs).Error; err != nil {
		return Page{}, fmt.Errorf("list audit events: %w", err)
	}
	p := Page{Items: evs}
	if len(evs) > limit {
		p.Items = evs[:limit]
		p.NextCursor = base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(evs[limit-1].Seq, 10)))
	}
	return p, nil
}
