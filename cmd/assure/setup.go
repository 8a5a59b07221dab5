package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"

	"assure/internal/app"
	"assure/internal/config"
	"assure/internal/database"
)

// loadConfig reads and validates the configuration. Operator commands other
// than serve sign no tokens, so they do not need ASSURE_JWT_SECRET.
func loadConfig(e *env, needSecret bool) (config.Config, error) {
	getenv := e.getenv
	if !needSecret {
		filler := make([]byte, 32)
		_, _ = rand.Read(filler) // never fails on supported platforms
		getenv = func(k string) string {
			if k == "ASSURE_JWT_SECRET" && e.getenv(k) == "" {
				return hex.EncodeToString(filler)
			}
			return e.getenv(k)
		}
	}
	return config.Load(getenv)
}

func newLogger(w io.Writer, format string) *slog.Logger {
	if format == "text" {
		return slog.New(slog.NewTextHandler(w, nil))
	}
	return slog.New(slog.NewJSONHandler(w, nil))
}

// openApp connects to the database (creating it first in dev mode) and builds
// the services.
func openApp(ctx context.Context, cfg config.Config, log *slog.Logger) (*app.App, error) {
	if cfg.Dev {
		created, err := database.EnsureDatabase(ctx, cfg.DatabaseURL)
		if err != nil {
			log.Warn("dev mode: could not make sure the database exists", "error", err.Error())
		} else if created {
			log.Info("dev mode: created the database")
		}
	}
	db, err := database.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	a, err := app.New(cfg, db, log, nil)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("build services: %w", err)
	}
	return a, nil
}
