package main

import (
	"context"
	"fmt"

	"github.com/pressly/goose/v3"

	"assure/internal/database"
)

func runMigrate(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "migrate", "migrate up|down|status\n\n  up      apply every pending migration\n  down    roll back the latest migration\n  status  list migrations and whether each is applied")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return usageError{"say up, down or status"}
	}
	cfg, err := loadConfig(e, false)
	if err != nil {
		return err
	}
	if cfg.Dev {
		if _, err := database.EnsureDatabase(ctx, cfg.DatabaseURL); err != nil {
			return err
		}
	}
	db, err := database.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	p, err := database.Migrator(db.SQL)
	if err != nil {
		return err
	}
	switch fs.Arg(0) {
	case "up":
		res, err := p.Up(ctx)
		for _, r := range res {
			fmt.Fprintf(e.stdout, "applied %s (%s)\n", sourceName(r.Source), r.Duration.Round(1e6))
		}
		if err != nil {
			return err
		}
		if len(res) == 0 {
			fmt.Fprintln(e.stdout, "no pending migrations")
		}
	case "down":
		r, err := p.Down(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "rolled back %s\n", sourceName(r.Source))
	case "status":
		st, err := p.Status(ctx)
		if err != nil {
			return err
		}
		for _, s := range st {
			applied := "pending"
			if !s.AppliedAt.IsZero() {
				applied = "applied " + s.AppliedAt.UTC().Format("2006-01-02 15:04:05Z")
			}
			fmt.Fprintf(e.stdout, "%-50s %s\n", sourceName(s.Source), applied)
		}
	default:
		fs.Usage()
		return usageError{fmt.Sprintf("unknown migrate action %q: say up, down or status", fs.Arg(0))}
	}
	return nil
}

// sourceName names a migration: its file, or for a Go migration its version.
func sourceName(s *goose.Source) string {
	if s.Path != "" {
		return s.Path
	}
	return fmt.Sprintf("%05d (go: River job queue schema)", s.Version)
}
