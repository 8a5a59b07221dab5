package migrations

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/pressly/goose/v3"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/rivermigrate"
)

// RiverVersion is the River schema version migration 00030 installs. River's
// own SQL is applied through goose, so it runs under the same advisory lock and
// in the same ordered history as ours. Upgrading River to a version with a new
// schema means a new goose migration raising this target, never editing 00030.
const RiverVersion = 8

// riverMigrationVersion is the goose version of the River schema migration.
const riverMigrationVersion = 30

// Go returns the migrations written in Go (River's schema).
func Go() []*goose.Migration {
	return []*goose.Migration{
		goose.NewGoMigration(riverMigrationVersion,
			&goose.GoFunc{RunDB: func(ctx context.Context, db *sql.DB) error { return migrateRiver(ctx, db, RiverVersion) }},
			&goose.GoFunc{RunDB: func(ctx context.Context, db *sql.DB) error { return migrateRiver(ctx, db, -1) }},
		),
	}
}

// migrateRiver runs outside one enclosing transaction: River's migrations add
// enum values that later ones use, which PostgreSQL forbids within a single
// transaction. River records each applied version, so a rerun resumes.
func migrateRiver(ctx context.Context, db *sql.DB, target int) error {
	m, err := rivermigrate.New(riverdatabasesql.New(db), nil)
	if err != nil {
		return fmt.Errorf("river migrator: %w", err)
	}
	dir := rivermigrate.DirectionUp
	if target < 0 {
		dir = rivermigrate.DirectionDown
	}
	if _, err := m.Migrate(ctx, dir, &rivermigrate.MigrateOpts{TargetVersion: target}); err != nil {
		return fmt.Errorf("river schema %s: %w", dir, err)
	}
	return nil
}
