package database

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"assure/migrations"
)

// migrationLockID is the advisory lock two starting servers contend for, so
// only one applies migrations while the other waits.
const migrationLockID int64 = 0x617373757265 // "assure"

// Migrator applies the embedded goose migrations.
func Migrator(db *sql.DB) (*goose.Provider, error) {
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(migrationLockID))
	if err != nil {
		return nil, fmt.Errorf("migration lock: %w", err)
	}
	p, err := goose.NewProvider(goose.DialectPostgres, db, migrations.FS, goose.WithSessionLocker(locker), goose.WithGoMigrations(migrations.Go()...))
	if err != nil {
		return nil, fmt.Errorf("migration provider: %w", err)
	}
	return p, nil
}

// MigrateUp applies every pending migration under the advisory lock and
// returns how many were applied.
func (d *DB) MigrateUp(ctx context.Context) (int, error) {
	p, err := Migrator(d.SQL)
	if err != nil {
		return 0, err
	}
	res, err := p.Up(ctx)
	if err != nil {
		return len(res), fmt.Errorf("apply migrations: %w", err)
	}
	return len(res), nil
}

// SchemaCurrent reports whether the database is at the latest migration.
func (d *DB) SchemaCurrent(ctx context.Context) (bool, error) {
	p, err := Migrator(d.SQL)
	if err != nil {
		return false, err
	}
	current, target, err := p.GetVersions(ctx)
	if err != nil {
		return false, err
	}
	return current == target, nil
}
