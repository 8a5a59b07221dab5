// Package access is Assure's permission table — the single place that says
// which role may take which action — and the Actor every service method is
// given. Resource-level rules (a clinician sees only their own reports) live in
// the services that own the resources.
package access

import (
	"sort"

	"assure/models"
)

// Permission names an action.
type Permission string

// Every permission Assure knows. Routes declare one of these (or Public /
// Authenticated); nothing is allowed by default.
const (
	DashboardRead     Permission = "dashboard.read"
	IssuesCreate      Permission = "issues.create"
	IssuesReadAll     Permission = "issues.read_all"
	IssuesTriage      Permission = "issues.triage"
	StandardsRead     Permission = "standards.read"
	StandardsManage   Permission = "standards.manage"
	MeasurementsWrite Permission = "measurements.write"
	CyclesRead        Permission = "cycles.read"
	CyclesManage      Permission = "cycles.manage"
	ActionsRead       Permission = "actions.read"
	ActionsManage     Permission = "actions.manage"
	ReviewsRead       Permission = "reviews.read"
	ReviewsDecide     Permission = "reviews.decide"
	AuditRead         Permission = "audit.read"
	UsersRead         Permission = "users.read"
	UsersManage       Permission = "users.manage"
	TokensManage      Permission = "tokens.manage"
	SitesManage       Permission = "sites.manage"

	// Authenticated: any signed-in user (and no token scope grants it).
	Authenticated Permission = "authenticated"
	// Public: no credentials needed (login, refresh, health).
	Public Permission = "public"
)

// All lists every permission a role or scope may grant (not Public or
// Authenticated), so a test can tell a route's permission from a typo.
func All() []Permission {
	return []Permission{
		DashboardRead, IssuesCreate, IssuesReadAll, IssuesTriage, StandardsRead, StandardsManage,
		MeasurementsWrite, CyclesRead, CyclesManage, ActionsRead, ActionsManage, ReviewsRead,
		ReviewsDecide, AuditRead, UsersRead, UsersManage, TokensManage, SitesManage,
	}
}

// roleTable maps each role to what it may do. This is the permission table.
var roleTable = map[models.Role][]Permission{
	models.RoleClinician: {
		IssuesCreate, StandardsRead, CyclesRead, ActionsRead,
	},
	models.RoleImprover: {
		IssuesCreate, IssuesReadAll, IssuesTriage, StandardsRead, MeasurementsWrite,
		CyclesRead, CyclesManage, ActionsRead, ActionsManage, ReviewsRead, DashboardRead, UsersRead,
	},
	models.RoleBoard: {
		IssuesCreate, IssuesReadAll, StandardsRead, CyclesRead, ActionsRead,
		ReviewsRead, ReviewsDecide, AuditRead, DashboardRead, UsersRead,
	},
	models.RoleExecutive: {
		IssuesCreate, IssuesReadAll, StandardsRead, CyclesRead, ActionsRead,
		ReviewsRead, AuditRead, DashboardRead, UsersRead,
	},
	models.RoleAdmin: {
		IssuesCreate, IssuesReadAll, StandardsRead, StandardsManage, SitesManage, MeasurementsWrite,
		CyclesRead, ActionsRead, ReviewsRead, AuditRead, DashboardRead,
		UsersRead, UsersManage, TokensManage,
	},
}

// Scope is what an API token may do.
type Scope string

// ScopeMeasurementsWrite lets a monitoring system push measurements.
const ScopeMeasurementsWrite Scope = "measurements:write"

// Scopes lists every scope an API token may be given.
var Scopes = []Scope{ScopeMeasurementsWrite}

// scopeTable maps token scopes to permissions.
var scopeTable = map[Scope][]Permission{
	ScopeMeasurementsWrite: {MeasurementsWrite},
}

// ValidScope reports whether s is a known scope.
func ValidScope(s string) bool { _, ok := scopeTable[Scope(s)]; return ok }

// RoleAllows reports whether role r grants p.
func RoleAllows(r models.Role, p Permission) bool {
	for _, x := range roleTable[r] {
		if x == p {
			return true
		}
	}
	return false
}

// PermissionsOf returns the sorted union of the permissions of roles.
func PermissionsOf(roles []models.Role) []Permission {
	seen := map[Permission]bool{}
	for _, r := range roles {
		for _, p := range roleTable[r] {
			seen[p] = true
		}
	}
	out := make([]Permission, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// Actor is who is acting: a signed-in user or an API token. It is passed to
// every service method explicitly.
type Actor struct {
	UserID    string // empty for an API token
	TokenID   string // empty for a user
	Label     string // a user's email or a token's label, for the audit trail
	Roles     []models.Role
	Scopes    []Scope
	RequestID string
}

// System is the actor for work Assure does itself (seed, scheduled jobs).
func System(label string) Actor { return Actor{Label: "system:" + label} }

// IsUser reports whether the actor is a signed-in user.
func (a Actor) IsUser() bool { return a.UserID != "" }

// Can reports whether the actor holds permission p.
func (a Actor) Can(p Permission) bool {
	switch p {
	case Public:
		return true
	case Authenticated:
		return a.UserID != ""
	}
	if a.UserID != "" {
		for _, r := range a.Roles {
			if RoleAllows(r, p) {
				return true
			}
		}
		return false
	}
	if a.TokenID != "" {
		for _, s := range a.Scopes {
			for _, x := range scopeTable[s] {
				if x == p {
					return true
				}
			}
		}
		return false
	}
	// The system actor (no user, no token) acts on Assure's own behalf.
	return a.Label != ""
}

// HasRole reports whether the actor holds role r.
func (a Actor) HasRole(r models.Role) bool {
	for _, x := range a.Roles {
		if x == r {
			return true
		}
	}
	return false
}
