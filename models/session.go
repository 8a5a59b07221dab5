package models

import "time"

// Session is one sign-in on one device: the family of refresh tokens that
// descend from one login.
type Session struct {
	ID            string `gorm:"type:uuid;primaryKey"`
	UserID        string `gorm:"type:uuid"`
	CreatedAt     time.Time
	ExpiresAt     time.Time
	LastUsedAt    time.Time
	RevokedAt     *time.Time
	RevokedReason string
	ClientIP      string
	UserAgent     string
}

// RefreshToken is one refresh token of a session, stored only as a hash.
// RotatedAt is set once it has been exchanged for its successor.
type RefreshToken struct {
	TokenHash string `gorm:"primaryKey"`
	SessionID string `gorm:"type:uuid"`
	CreatedAt time.Time
	ExpiresAt time.Time
	RotatedAt *time.Time
}

// LoginFailure is one recent failed sign-in, for throttling.
type LoginFailure struct {
	ID       int64 `gorm:"primaryKey"`
	Account  string
	ClientIP string
	At       time.Time
}
