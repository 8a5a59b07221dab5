package models

import "time"

// Role is one of the fixed roles a user may hold; a user may hold several.
type Role string

// The roles of DESIGN.md.
const (
	RoleClinician Role = "clinician"
	RoleImprover  Role = "improver"
	RoleBoard     Role = "board"
	RoleExecutive Role = "executive"
	RoleAdmin     Role = "admin"
)

// Roles lists every role in display order.
var Roles = []Role{RoleClinician, RoleImprover, RoleBoard, RoleExecutive, RoleAdmin}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if x == r {
			return true
		}
	}
	return false
}

// User is a person who signs in to Assure.
type User struct {
	ID           string `gorm:"type:uuid;primaryKey"`
	Email        string
	Name         string
	PasswordHash *string
	Roles        StringArray `gorm:"type:text[]"`
	Active       bool
	Version      int `gorm:"default:1"` // rows start at version 1 (the column default), bumped on each update
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// HasRole reports whether the user holds r.
func (u User) HasRole(r Role) bool { return u.Roles.Contains(string(r)) }
