package cycles

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"assure/models"
	"assure/services"
	"assure/services/access"
)

// Event is one entry to add to a timeline.
type Event struct {
	EntityType string // cycle, action or standard
	EntityID   string
	Kind       string // created, edited, transitioned, status_changed, decision, rebased, adapted
	Summary    string
	Detail     map[string]any
	ReviewID   *string
}

// RecordEvent adds e to its entity's timeline inside tx, the transaction
// making the change it records. Actions and board reviews record theirs here
// too, so a cycle's, an action's and a standard's timelines are one table.
func RecordEvent(tx *gorm.DB, actor access.Actor, e Event, at time.Time) error {
	detail := []byte("{}")
	if e.Detail != nil {
		raw, err := json.Marshal(e.Detail)
		if err != nil {
			return fmt.Errorf("encode timeline detail: %w", err)
		}
		detail = raw
	}
	ev := models.ImprovementEvent{
		ID: uuid.Must(uuid.NewV7()).String(), EntityType: e.EntityType, EntityID: e.EntityID,
		At: at.UTC().Truncate(time.Microsecond), Kind: e.Kind, Summary: e.Summary, Detail: detail, ReviewID: e.ReviewID,
	}
	if actor.UserID != "" {
		ev.ActorID = &actor.UserID
	}
	return services.DBError("add timeline event", tx.Create(&ev).Error)
}

// TimelineEntry is one entry of a timeline, with the actor's name.
type TimelineEntry struct {
	models.ImprovementEvent
	ActorName *string
}

// ReadTimeline lists an entity's timeline, oldest first. The caller checks
// the entity exists and may be seen.
func ReadTimeline(ctx context.Context, db *gorm.DB, entityType, id string) ([]TimelineEntry, error) {
	out := []TimelineEntry{}
	err := db.WithContext(ctx).Table("improvement_events e").Select("e.*, u.name AS actor_name").
		Joins("LEFT JOIN users u ON u.id = e.actor_id").
		Where("e.entity_type = ? AND e.entity_id = ?", entityType, id).Order("e.at, e.id").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("read timeline of %s %s: %w", entityType, id, err)
	}
	return out, nil
}

// Timeline lists what happened to a cycle, oldest first: its creation, edits,
// stage changes and the board's decisions on it.
func (s *Service) Timeline(ctx context.Context, id string) ([]TimelineEntry, error) {
	if _, err := s.Get(ctx, id); err != nil {
		return nil, err
	}
	return ReadTimeline(ctx, s.db, "cycle", id)
}
