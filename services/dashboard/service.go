// Package dashboard answers "where does the organisation stand?": the
// executive dashboard (headline, compliance matrix with Making Data Count
// icons, clinician experience, improvement), the supplier and accountability
// views, the dashboard as CSV and the quarterly transparency report.
//
// Every view is computed from one Data: a summary of the standards' judged
// series (series_values, never raw measurements), the catalogue, recent
// reports and the improvement work, read in a single read-only snapshot. A
// server keeps its Data until a transaction that changed one of those tables
// commits (migration 00040 logs such transactions), so under load a request
// costs one indexed lookup and a copy of bytes already encoded; the first
// request after a change rebuilds the summary once, whoever else is waiting.
package dashboard

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"assure/internal/database"
	"assure/services/compliance"
)

// MaxAge bounds how long a summary is kept even when nothing changed: the
// change log is trimmed after a day, and "today" moves on.
const MaxAge = 10 * time.Minute

// Service builds and keeps the summary the views are computed from.
type Service struct {
	db  *database.DB
	now func() time.Time

	mu      sync.Mutex
	current *Data
	loading *load // the rebuild in flight, if any

	checks checks
}

// load is one rebuild that concurrent requests wait for together.
type load struct {
	started time.Time // before its snapshot was taken
	done    chan struct{}
	data    *Data
	err     error
}

// NewService builds the dashboard service. now is the clock (nil for time.Now).
func NewService(db *database.DB, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{db: db, now: now}
}

// changedSQL reports whether a transaction not visible in snapshot $1 has
// since committed a change to the data the summary reads.
const changedSQL = `SELECT EXISTS (
    SELECT 1 FROM dashboard_changes
    WHERE xid >= pg_snapshot_xmin($1::pg_snapshot) AND NOT pg_visible_in_snapshot(xid, $1::pg_snapshot))`

// Data returns the current summary, rebuilding it when the data changed
// since it was built, when the day changed, or when it is older than MaxAge.
func (s *Service) Data(ctx context.Context) (*Data, error) {
	s.mu.Lock()
	cur := s.current
	s.mu.Unlock()
	now := s.now()
	if cur != nil && cur.Today.Equal(compliance.Day(now)) && time.Since(cur.started) < MaxAge {
		ok, ended, err := s.stillCurrent(ctx, cur)
		if err != nil {
			return nil, err
		}
		if ok {
			return cur, nil
		}
		return s.rebuild(ctx, ended)
	}
	return s.rebuild(ctx, time.Now())
}

// rebuild returns a summary whose snapshot was taken after since — the
// moment the caller found its summary out of date — so that it holds every
// change the caller could see. Concurrent callers share one build; a caller
// never joins a build that began before it looked, since that build may
// predate the very change it noticed.
func (s *Service) rebuild(ctx context.Context, since time.Time) (*Data, error) {
	for {
		s.mu.Lock()
		if cur := s.current; cur != nil && cur.started.After(since) {
			s.mu.Unlock()
			return cur, nil
		}
		l := s.loading
		if l == nil {
			l = &load{started: time.Now(), done: make(chan struct{})}
			s.loading = l
			go s.runLoad(l)
		}
		s.mu.Unlock()
		select {
		case <-l.done:
			if !l.started.After(since) {
				continue // too old for us; start or join the next one
			}
			return l.data, l.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// runLoad builds a summary detached from any one request, so a client that
// goes away does not fail the others waiting for it.
func (s *Service) runLoad(l *load) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s.mu.Lock()
	prev := s.current
	s.mu.Unlock()
	d, err := s.build(ctx, l.started, prev)
	s.mu.Lock()
	if err == nil && (s.current == nil || s.current.started.Before(d.started)) {
		s.current = d
	}
	s.loading = nil
	s.mu.Unlock()
	l.data, l.err = d, err
	close(l.done)
}

// build reads the summary in one repeatable-read, read-only transaction,
// and remembers its snapshot so that Data can tell when it is out of date.
// When prev is of the same day and only series changed since it was built,
// only those standards' series are read again (see loadData).
func (s *Service) build(ctx context.Context, started time.Time, prev *Data) (*Data, error) {
	tx, err := s.db.Pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, fmt.Errorf("begin dashboard snapshot: %w", err)
	}
	// Read-only: nothing to undo; rolling back just ends the snapshot.
	defer func() { _ = tx.Rollback(context.Background()) }()
	d := &Data{started: started}
	// Many short index scans: compiling them (JIT) costs more than it saves.
	if _, err := tx.Exec(ctx, "SET LOCAL jit = off"); err != nil {
		return nil, fmt.Errorf("begin dashboard snapshot: %w", err)
	}
	if err := tx.QueryRow(ctx, "SELECT pg_current_snapshot()::text").Scan(&d.snapshot); err != nil {
		return nil, fmt.Errorf("read dashboard snapshot: %w", err)
	}
	now := s.now()
	reuse, changed, err := since(ctx, tx, prev, now)
	if err != nil {
		return nil, err
	}
	if err := loadData(ctx, tx, d, now, reuse, changed); err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("build dashboard summary: took too long: %w", err)
		}
		return nil, fmt.Errorf("build dashboard summary: %w", err)
	}
	d.db = s.db
	d.BuiltAt = now
	d.BuildTime = time.Since(started)
	return d, nil
}

// since says what changed since prev, as seen from the build's snapshot:
// prev and the standards whose series changed, when only series did; nil
// when everything must be read (no prev, a new day, a catalogue change, or
// prev older than the change log is kept for).
func since(ctx context.Context, tx pgx.Tx, prev *Data, now time.Time) (*Data, []string, error) {
	if prev == nil || !prev.Today.Equal(compliance.Day(now)) || time.Since(prev.started) >= MaxAge {
		return nil, nil, nil
	}
	var catalogue bool
	if err := tx.QueryRow(ctx, catalogueChangedSQL, prev.snapshot).Scan(&catalogue); err != nil {
		return nil, nil, fmt.Errorf("read dashboard changes: %w", err)
	}
	if catalogue {
		return nil, nil, nil
	}
	rows, err := tx.Query(ctx, seriesChangedSQL, prev.snapshot)
	if err != nil {
		return nil, nil, fmt.Errorf("read dashboard changes: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, nil, fmt.Errorf("read dashboard changes: %w", err)
	}
	return prev, ids, nil
}
