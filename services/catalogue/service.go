// Package catalogue keeps the trust's sites and systems: the IT services
// clinicians depend on, who supplies and owns them, where they are used and
// what they depend on (never in a cycle). Standards refer to systems; the
// standards package builds on the checks exported here.
package catalogue

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"assure/models"
	"assure/services"
	"assure/services/audit"
)

// Service manages sites and systems.
type Service struct {
	db    *gorm.DB
	audit *audit.Recorder
	now   func() time.Time
}

// NewService builds the catalogue service. now is the clock (nil for time.Now).
func NewService(db *gorm.DB, rec *audit.Recorder, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{db: db, audit: rec, now: now}
}

func (s *Service) stamp() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// Optional is a PATCH field that may be cleared: Set says the client sent
// it, and Value is nil when the client sent null.
type Optional[T any] struct {
	Set   bool
	Value *T
}

// ListOptions pages a list: Limit 0 is the default; Cursor "" the first page.
type ListOptions struct {
	Limit  int
	Cursor string
}

// Page is one page of a list; NextCursor is "" on the last page.
type Page[T any] struct {
	Items      []T
	NextCursor string
}

// decodeNameCursor reads the cursor of a list sorted by name and id.
func decodeNameCursor(c string) ([]string, error) {
	after, err := services.DecodeCursor(c, 2)
	if err == nil && after != nil && !ValidID(after[1]) {
		return nil, services.Invalid("cursor", "is not a cursor this list gave out; start again without it")
	}
	return after, err
}

// ValidID reports whether id could be a row's id. Anything else cannot exist:
// a path id answers not found, a body id a 422, never a database error.
func ValidID(id string) bool {
	_, err := uuid.Parse(id)
	return err == nil
}

// notFound wraps ErrNotFound with what was looked for.
func notFound(what, id string) error {
	return fmt.Errorf("%s %s: %w", what, id, services.ErrNotFound)
}

// CheckIfMatch returns ErrPreconditionFailed unless ifMatch is nil (no
// If-Match sent) or names version.
func CheckIfMatch(ifMatch []int, version int) error {
	if ifMatch == nil {
		return nil
	}
	for _, v := range ifMatch {
		if v == version {
			return nil
		}
	}
	return services.ErrPreconditionFailed
}

// CheckText validates a free-text field: trimmed, at least min and at most max
// characters. It returns the trimmed text.
func CheckText(v *services.ValidationError, field, s string, minLen, maxLen int) string {
	s = strings.TrimSpace(s)
	n := utf8.RuneCountInString(s)
	switch {
	case minLen > 0 && n == 0:
		v.Add(field, "is required")
	case n < minLen:
		v.Add(field, "must be at least %d characters", minLen)
	case n > maxLen:
		v.Add(field, "must be at most %d characters", maxLen)
	}
	return s
}

// CheckOwner adds a field error unless id names an active user.
func CheckOwner(tx *gorm.DB, v *services.ValidationError, field, id string) error {
	if !ValidID(id) {
		v.Add(field, "must be a user id")
		return nil
	}
	var u models.User
	err := tx.Select("id", "active").Where("id = ?", id).Take(&u).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		v.Add(field, "no such user")
	case err != nil:
		return fmt.Errorf("look up owner %s: %w", id, err)
	case !u.Active:
		v.Add(field, "is a deactivated user; choose an active one")
	}
	return nil
}

// UniqueIDs validates a list of ids and removes duplicates, keeping order.
func UniqueIDs(v *services.ValidationError, field string, ids []string) []string {
	out := make([]string, 0, len(ids))
	seen := map[string]bool{}
	for i, id := range ids {
		if !ValidID(id) {
			v.Add(fmt.Sprintf("%s[%d]", field, i), "must be an id")
			continue
		}
		id = strings.ToLower(id)
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// CheckExisting adds a field error for each id of ids with no row in table
// (sites or systems).
func CheckExisting(tx *gorm.DB, v *services.ValidationError, field, table string, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	var found []string
	if err := tx.Table(table).Where("id IN ?", ids).Pluck("id", &found).Error; err != nil {
		return fmt.Errorf("look up %s: %w", table, err)
	}
	have := map[string]bool{}
	for _, id := range found {
		have[strings.ToLower(id)] = true
	}
	for _, id := range ids {
		if !have[id] {
			v.Add(field, "no such %s: %s", strings.TrimSuffix(table, "s"), id)
		}
	}
	return nil
}
