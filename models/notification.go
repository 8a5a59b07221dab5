package models

import "time"

// Notification is one entry in a user's in-app inbox. DedupeKey makes
// "notify once" a constraint: two writers of the same event collide on it.
type Notification struct {
	ID         string `gorm:"type:uuid;primaryKey"`
	UserID     string `gorm:"type:uuid"`
	Kind       string
	Title      string
	Body       string
	Link       string
	EntityType string
	EntityID   *string `gorm:"type:uuid"`
	DedupeKey  *string
	CreatedAt  time.Time
	ReadAt     *time.Time
}
