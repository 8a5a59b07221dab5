package main

import (
	"context"
	"fmt"
	"net"
	"time"

	"assure/api"
	"assure/internal/jobs"
	"assure/internal/server"
	"assure/web"
)

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", "serve\n\nRuns the HTTP server. Configured by environment variables (see README.md).")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"serve takes no arguments"}
	}
	cfg, err := loadConfig(e, true)
	if err != nil {
		return err
	}
	log := newLogger(e.stderr, cfg.LogFormat)
	if cfg.SecretWasMade {
		log.Warn("dev mode: generated a random JWT secret; sessions end when the server restarts. Set ASSURE_JWT_SECRET to keep them.")
	}
	a, err := openApp(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.DB.Close()

	if cfg.AutoMigrate {
		go migrateUntilDone(ctx, a.DB.MigrateUp, log)
	}
	dist, built := web.Dist()
	opts := api.Options{Version: version}
	if built {
		opts.Web = dist
	} else {
		log.Warn("the web app is not built: / explains how to build it")
	}
	srv, err := api.New(a, opts)
	if err != nil {
		return fmt.Errorf("build router: %w", err)
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	// Background jobs (River) start once the schema is current — River's
	// tables come with the migrations — and stop after the HTTP server.
	runner, err := jobs.New(jobs.Config{Pool: a.DB.Pool, Scanner: a.Scanner, Partitions: a.Measurements, Series: a.Issues, Log: log})
	if err != nil {
		return fmt.Errorf("build background jobs: %w", err)
	}
	go runner.StartWhenReady(ctx, a.DB.SchemaCurrent)
	defer stopJobs(runner, log)
	log.Info("listening", "addr", ln.Addr().String(), "version", version, "dev", cfg.Dev)
	if err := server.Run(ctx, ln, srv.Handler(), log, server.ShutdownGrace); err != nil {
		return err
	}
	log.Info("stopped")
	return nil
}

// migrateUntilDone applies migrations, retrying while the database is down:
// the server keeps serving /healthz (and /readyz says 503) until it succeeds.
func migrateUntilDone(ctx context.Context, up func(context.Context) (int, error), log interface {
	Info(string, ...any)
	Warn(string, ...any)
}) {
	delay := time.Second
	for {
		n, err := up(ctx)
		if err == nil {
			log.Info("migrations applied", "count", n)
			return
		}
		log.Warn("could not apply migrations; retrying", "error", err.Error(), "in", delay.String())
		select {
		case <-ctx.Done():
			return
		case <-time.After(delay):
		}
		if delay < 30*time.Second {
			delay *= 2
		}
	}
}

// stopJobs stops the background jobs gracefully, giving running ones time to
// finish before their contexts are cancelled.
func stopJobs(r *jobs.Runner, log interface{ Warn(string, ...any) }) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := r.Stop(ctx); err != nil {
		log.Warn("background jobs did not stop cleanly", "error", err.Error())
	}
}
