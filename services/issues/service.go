package issues

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/audit"
)

// ReopenWindow is how long after resolution the reporter may reopen a report.
const ReopenWindow = 14 * 24 * time.Hour

// Service is the reports service.
type Service struct {
	db     *gorm.DB
	audit  *audit.Recorder
	series SeriesWriter
	now    func() time.Time
}

// NewService builds the service. series writes the derived CE-01/CE-02
// measurements (nil: reports are not measured). now is the clock (nil for
// time.Now).
func NewService(db *gorm.DB, rec *audit.Recorder, series SeriesWriter, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{db: db, audit: rec, series: series, now: now}
}

// WithClock returns a copy of the service that reads time from now. The demo
// seed files its history through it, so each report carries the time it was
// "filed", not the time the seed ran.
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	return &c
}

func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// lockIssue loads a report for update. It does not check visibility.
func lockIssue(tx *gorm.DB, id string) (models.Issue, error) {
	var is models.Issue
	if !isUUID(id) {
		return is, fmt.Errorf("report %s: %w", id, services.ErrNotFound)
	}
	err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", id).Take(&is).Error
	return is, services.DBError("load report "+id, err)
}

// relation says how the actor stands to a report.
type relation struct {
	reporter bool
	affected bool
	readAll  bool
}

func (r relation) visible() bool { return r.reporter || r.affected || r.readAll }

// involved: the people the report is about, who may comment on it.
func (r relation) involved() bool { return r.reporter || r.affected }

func relationTo(tx *gorm.DB, actor access.Actor, is models.Issue) (relation, error) {
	r := relation{
		reporter: actor.UserID != "" && is.ReporterID == actor.UserID,
		readAll:  actor.Can(access.IssuesReadAll),
	}
	if actor.UserID != "" && !r.reporter {
		var n int64
		if err := tx.Model(&models.IssueAffected{}).Where("issue_id = ? AND user_id = ?", is.ID, actor.UserID).Count(&n).Error; err != nil {
			return r, fmt.Errorf("check affected: %w", err)
		}
		r.affected = n > 0
	}
	return r, nil
}

// visibleIssue loads a report the actor may see (locked when forUpdate), or
// ErrNotFound — also for one that exists but is not theirs to see.
func (s *Service) visibleIssue(tx *gorm.DB, actor access.Actor, id string, forUpdate bool) (models.Issue, relation, error) {
	var is models.Issue
	var err error
	if forUpdate {
		is, err = lockIssue(tx, id)
	} else {
		if !isUUID(id) {
			return is, relation{}, fmt.Errorf("report %s: %w", id, services.ErrNotFound)
		}
		err = services.DBError("load report "+id, tx.Where("id = ?", id).Take(&is).Error)
	}
	if err != nil {
		return is, relation{}, err
	}
	rel, err := relationTo(tx, actor, is)
	if err != nil {
		return is, rel, err
	}
	if !rel.visible() {
		return models.Issue{}, rel, fmt.Errorf("report %s: %w", id, services.ErrNotFound)
	}
	return is, rel, nil
}

// requireUser refuses actors that are not signed-in people: a report, a
// comment or "also affected" is always somebody's.
func requireUser(actor access.Actor) error {
	if actor.UserID == "" {
		return fmt.Errorf("only a signed-in person can do this: %w", services.ErrForbidden)
	}
	return nil
}

func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case i == 8 || i == 13 || i == 18 || i == 23:
			if c != '-' {
				return false
			}
		case (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'):
		default:
			return false
		}
	}
	return true
}

// isNotFound reports whether err means "no such thing".
func isNotFound(err error) bool { return errors.Is(err, services.ErrNotFound) }

// versionMatches applies an If-Match precondition: nil means none; otherwise
// the current version must be among those listed.
func versionMatches(ifMatch []int, version int) bool {
	return ifMatch == nil || slices.Contains(ifMatch, version)
}

// bump advances a row's version and updated time.
func bump(version *int, updated *time.Time, now time.Time) {
	*version++
	*updated = now
}

// ctxDB is the database for one call.
func (s *Service) ctxDB(ctx context.Context) *gorm.DB { return s.db.WithContext(ctx) }
