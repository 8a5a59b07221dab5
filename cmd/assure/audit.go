package main

import (
	"context"
	"fmt"

	"assure/internal/database"
	"assure/services/audit"
)

func runAudit(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "audit", "audit verify\n\nWalks the audit trail's hash chain. Exits 0 if intact, 1 naming the first event that does not match.")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 || fs.Arg(0) != "verify" {
		fs.Usage()
		return usageError{"say verify"}
	}
	cfg, err := loadConfig(e, false)
	if err != nil {
		return err
	}
	db, err := database.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := audit.Verify(ctx, db.Gorm)
	if audit.IsBroken(err) {
		return exitCodeError{code: 1, msg: fmt.Sprintf("audit trail broken after %d good events: %v", n, err)}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "audit trail intact: %d events verified\n", n)
	return nil
}
