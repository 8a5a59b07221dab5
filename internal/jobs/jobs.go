// Package jobs runs Assure's background work on River, a job queue inside
// the same PostgreSQL (DESIGN.md, Scale): every minute the notification scan
// (services/notify), every hour the series derived from clinicians' reports
// (services/issues), every day the measurement partition upkeep. Periodic
// jobs are enqueued only by the elected leader among the running servers;
// any server may then work them, and the work itself is idempotent (the
// notifications' dedupe keys, CREATE … IF NOT EXISTS partitions, series
// recomputed under an advisory lock), so two instances never notify twice.
package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"assure/services/access"
	"assure/services/issues"
	"assure/services/notify"
)

// How often the periodic jobs run.
const (
	NotifyEvery     = time.Minute
	SeriesEvery     = time.Hour
	PartitionsEvery = 24 * time.Hour
	// PartitionsAhead is how many months of measurement partitions are kept
	// made ahead of the current one.
	PartitionsAhead = 3
)

// NotifyArgs is the periodic notification scan.
type NotifyArgs struct{}

// Kind names the job in River's table.
func (NotifyArgs) Kind() string { return "assure.notify" }

// InsertOpts makes the scan unique per minute: a new leader's RunOnStart
// right after the old leader's tick does not queue a second one.
func (NotifyArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: NotifyEvery}}
}

// PartitionsArgs is the daily measurement partition upkeep.
type PartitionsArgs struct{}

// Kind names the job in River's table.
func (PartitionsArgs) Kind() string { return "assure.partitions" }

// InsertOpts makes the upkeep unique per hour.
func (PartitionsArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: time.Hour}}
}

// SeriesArgs is the hourly refresh of the series derived from reports.
type SeriesArgs struct{}

// Kind names the job in River's table.
func (SeriesArgs) Kind() string { return "assure.issue_series" }

// InsertOpts makes the refresh unique per hour.
func (SeriesArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: SeriesEvery}}
}

// Scanner is what the notification job runs (notify.Scanner).
type Scanner interface {
	Run(ctx context.Context) (int, error)
}

// Partitions is what the upkeep job runs (measurements.Service).
type Partitions interface {
	EnsureAhead(ctx context.Context, months int) (int, error)
}

// Series is what the series job runs (issues.Service).
type Series interface {
	RefreshAllSeries(ctx context.Context, actor access.Actor) error
}

// NotifyWorker works NotifyArgs.
type NotifyWorker struct {
	river.WorkerDefaults[NotifyArgs]
	Scanner Scanner
	Log     *slog.Logger
}

// Work runs one scan.
func (w *NotifyWorker) Work(ctx context.Context, _ *river.Job[NotifyArgs]) error {
	n, err := w.Scanner.Run(ctx)
	if err != nil {
		return fmt.Errorf("notification scan: %w", err)
	}
	if n > 0 && w.Log != nil {
		w.Log.Info("notifications created", "count", n)
	}
	return nil
}

// Timeout bounds one scan well inside its minute.
func (w *NotifyWorker) Timeout(*river.Job[NotifyArgs]) time.Duration { return 50 * time.Second }

// SeriesWorker works SeriesArgs. A report's own changes keep its series
// up to date at once; this carries every series into each new period while
// nobody reports anything, so a quiet week reads as the zero it is rather
// than as missing data, and repairs any series the catalogue's changes left
// behind (a system newly in a derived standard's scope).
type SeriesWorker struct {
	river.WorkerDefaults[SeriesArgs]
	Series Series
}

// Work refreshes every derived series up to the current period.
func (w *SeriesWorker) Work(ctx context.Context, _ *river.Job[SeriesArgs]) error {
	if err := w.Series.RefreshAllSeries(ctx, access.System("jobs")); err != nil {
		return fmt.Errorf("series from reports: %w", err)
	}
	return nil
}

// Timeout bounds one refresh well inside its hour.
func (w *SeriesWorker) Timeout(*river.Job[SeriesArgs]) time.Duration { return 5 * time.Minute }

// PartitionsWorker works PartitionsArgs.
type PartitionsWorker struct {
	river.WorkerDefaults[PartitionsArgs]
	Partitions Partitions
	Log        *slog.Logger
}

// Work makes the coming months' partitions.
func (w *PartitionsWorker) Work(ctx context.Context, _ *river.Job[PartitionsArgs]) error {
	n, err := w.Partitions.EnsureAhead(ctx, PartitionsAhead)
	if err != nil {
		return fmt.Errorf("measurement partitions: %w", err)
	}
	if n > 0 && w.Log != nil {
		w.Log.Info("measurement partitions created", "count", n)
	}
	return nil
}

// Config is what a Runner needs.
type Config struct {
	Pool       *pgxpool.Pool
	Scanner    Scanner
	Partitions Partitions
	Series     Series
	Log        *slog.Logger
	// ID names this instance for River's leader election (default: random).
	ID string
	// PollInterval, if set, replaces River's fetch poll interval (tests).
	PollInterval time.Duration
}

// Runner is this instance's River client.
type Runner struct {
	client *river.Client[pgx.Tx]
	log    *slog.Logger
}

// New builds the River client with its workers and periodic jobs. It does
// not touch the database until Start.
func New(cfg Config) (*Runner, error) {
	log := cfg.Log
	if log == nil {
		log = slog.Default()
	}
	workers := river.NewWorkers()
	if err := river.AddWorkerSafely(workers, &NotifyWorker{Scanner: cfg.Scanner, Log: log}); err != nil {
		return nil, err
	}
	if err := river.AddWorkerSafely(workers, &PartitionsWorker{Partitions: cfg.Partitions, Log: log}); err != nil {
		return nil, err
	}
	if err := river.AddWorkerSafely(workers, &NotifySoonWorker{Scanner: cfg.Scanner}); err != nil {
		return nil, err
	}
	if err := river.AddWorkerSafely(workers, &SeriesWorker{Series: cfg.Series}); err != nil {
		return nil, err
	}
	rc := &river.Config{
		ID:      cfg.ID,
		Logger:  log.With("component", "river"),
		Workers: workers,
		Queues:  map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 2}},
		PeriodicJobs: []*river.PeriodicJob{
			river.NewPeriodicJob(river.PeriodicInterval(NotifyEvery),
				func() (river.JobArgs, *river.InsertOpts) { return NotifyArgs{}, nil },
				&river.PeriodicJobOpts{ID: "notify", RunOnStart: true}),
			river.NewPeriodicJob(river.PeriodicInterval(SeriesEvery),
				func() (river.JobArgs, *river.InsertOpts) { return SeriesArgs{}, nil },
				&river.PeriodicJobOpts{ID: "issue_series", RunOnStart: true}),
			river.NewPeriodicJob(river.PeriodicInterval(PartitionsEvery),
				func() (river.JobArgs, *river.InsertOpts) { return PartitionsArgs{}, nil },
				&river.PeriodicJobOpts{ID: "partitions", RunOnStart: true}),
		},
		// A scan that failed is simply run again at the next tick.
		MaxAttempts:     3,
		SoftStopTimeout: 10 * time.Second,
	}
	if cfg.PollInterval > 0 {
		rc.FetchPollInterval = cfg.PollInterval
		rc.FetchCooldown = cfg.PollInterval / 2
	}
	client, err := river.NewClient(riverpgxv5.New(cfg.Pool), rc)
	if err != nil {
		return nil, fmt.Errorf("river client: %w", err)
	}
	return &Runner{client: client, log: log}, nil
}

// Client is the River client (tests subscribe to its events).
func (r *Runner) Client() *river.Client[pgx.Tx] { return r.client }

// Start starts working jobs and, if elected leader, enqueuing the periodic
// ones. The client runs until Stop, whatever happens to ctx.
func (r *Runner) Start(ctx context.Context) error {
	if err := r.client.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("start river: %w", err)
	}
	return nil
}

// StartWhenReady waits until ready says the schema is current (migrations
// have run, so River's tables exist), then starts. It gives up quietly when
// ctx ends first. Run it in its own goroutine.
func (r *Runner) StartWhenReady(ctx context.Context, ready func(context.Context) (bool, error)) {
	delay := 500 * time.Millisecond
	for {
		ok, err := ready(ctx)
		if ok && ctx.Err() == nil {
			if err := r.Start(ctx); err != nil {
				r.log.Error("background jobs did not start", "error", err.Error())
			} else {
				r.log.Info("background jobs started")
			}
			return
		}
		if err != nil && ctx.Err() == nil {
			r.log.Warn("waiting for the database before starting background jobs", "error", err.Error())
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(delay):
		}
		if delay < 10*time.Second {
			delay *= 2
		}
	}
}

// Stop stops gracefully: running jobs get SoftStopTimeout to finish, then
// their contexts are cancelled. Stopping a client that never started is fine.
func (r *Runner) Stop(ctx context.Context) error {
	err := r.client.Stop(ctx)
	if err == nil || errors.Is(err, context.Canceled) {
		return nil
	}
	return fmt.Errorf("stop river: %w", err)
}

var (
	_ Scanner = (*notify.Scanner)(nil)
	_ Series  = (*issues.Service)(nil)
)
