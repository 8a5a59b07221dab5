package models

import "time"

// APIToken is a machine credential (assure_pat_…) with scopes. Only the
// SHA-256 of the token is stored.
type APIToken struct {
	ID         string `gorm:"type:uuid;primaryKey"`
	Label      string
	TokenHash  string
	Scopes     StringArray `gorm:"type:text[]"`
	CreatedBy  *string     `gorm:"type:uuid"`
	CreatedAt  time.Time
	ExpiresAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
	RevokedBy  *string `gorm:"type:uuid"`
	Version    int     `gorm:"default:1"` // rows start at version 1 (the column default), bumped on each update
}

// TableName is the table's name (gorm would say a_p_i_tokens).
func (APIToken) TableName() string { return "api_tokens" }

// SetPasswordCode is a one-time code that lets a user set their password
// (an invitation or an admin's reset), stored only as a hash.
type SetPasswordCode struct {
	CodeHash  string `gorm:"primaryKey"`
	UserID    string `gorm:"type:uuid"`
	Purpose   string
	CreatedBy *string `gorm:"type:uuid"`
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time
}
