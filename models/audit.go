package models

import (
	"encoding/json"
	"time"
)

// AuditEvent is one row of the append-only, hash-chained audit trail.
type AuditEvent struct {
	Seq          int64 `gorm:"primaryKey;autoIncrement:false"`
	At           time.Time
	ActorUserID  *string `gorm:"type:uuid"`
	ActorTokenID *string `gorm:"type:uuid"`
	ActorLabel   string
	Action       string
	EntityType   string
	EntityID     string
	Before       json.RawMessage `gorm:"type:jsonb"`
	After        json.RawMessage `gorm:"type:jsonb"`
	RequestID    string
	PrevHash     string
	Hash         string
}
