// Package demo loads the demo trust: one user per role, and (as each area
// adds its part) sites, systems, standards, measurements, reports, cycles,
// actions and board reviews consistent with each other. Seeding is idempotent:
// running it twice leaves one copy.
package demo

import (
	"context"
	"errors"
	"fmt"
	"io"

	"assure/internal/app"
	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/auth"
)

// Password is every demo user's password. Printed by `make run`.
const Password = "assure-demo-2026"

// User is one demo login.
type User struct {
	Email string
	Name  string
	Role  models.Role
}

// Users are the demo logins, one per role.
var Users = []User{
	{"clinician@demo.assure.test", "Dr Priya Shah", models.RoleClinician},
	{"improver@demo.assure.test", "Sam Okafor", models.RoleImprover},
	{"board@demo.assure.test", "Helen Marsh", models.RoleBoard},
	{"executive@demo.assure.test", "David Chen", models.RoleExecutive},
	{"admin@demo.assure.test", "Alex Morgan", models.RoleAdmin},
}

// Seed loads the demo trust. out receives one line per step.
func Seed(ctx context.Context, a *app.App, out io.Writer) error {
	sys := access.System("seed")
	for _, u := range Users {
		_, err := a.Auth.CreateUser(ctx, sys, auth.NewUser{Email: u.Email, Name: u.Name, Roles: []models.Role{u.Role}, Password: Password})
		if errors.Is(err, services.ErrConflict) {
			continue // already seeded
		}
		if err != nil {
			return fmt.Errorf("seed user %s: %w", u.Email, err)
		}
	}
	fmt.Fprintf(out, "demo: %d users (password %q)\n", len(Users), Password)
	// The catalogue comes before the measured history, which needs its ids.
	if err := seedCatalogue(ctx, a, out); err != nil {
		return err
	}
	if err := seedHistory(ctx, a, out); err != nil {
		return err
	}
	// Reports come last: they follow the catalogue and its measured history.
	if err := seedIssues(ctx, a, out); err != nil {
		return err
	}
	// Improvement work follows the reports that motivated some of it.
	if err := seedImprovement(ctx, a, out); err != nil {
		return err
	}
	return nil
}
