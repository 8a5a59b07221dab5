package dashboard

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// Every request asks whether its summary is still current, and under load
// most of them ask at the same moment. Rather than one query each, requests
// that arrive while a check is running wait for the next one, which starts
// as soon as the running check ends and answers all of them at once: each
// still gets an answer from a query that began after it arrived — so a
// change committed before a request never goes unseen — but fifty clients
// cost a query per round trip, not fifty.

// checks runs the shared version checks.
type checks struct {
	mu      sync.Mutex
	running bool
	next    *round // the check the requests arriving now will share
}

// round is one check and the requests waiting for it.
type round struct {
	done    chan struct{}
	data    *Data // the summary it was made against
	changed bool
	err     error
	ended   time.Time
}

// stillCurrent reports whether d is still current, sharing the query with the
// other requests asking now. A false answer carries the time the check
// ended, from which a rebuild must start.
func (s *Service) stillCurrent(ctx context.Context, d *Data) (bool, time.Time, error) {
	s.checks.mu.Lock()
	r := s.checks.next
	if r != nil && r.data != d {
		// A round for another summary is queued (the summary was just
		// replaced); ask on our own rather than mix the two.
		s.checks.mu.Unlock()
		return s.checkOne(ctx, d)
	}
	if r == nil {
		r = &round{done: make(chan struct{}), data: d}
		s.checks.next = r
	}
	if !s.checks.running {
		s.checks.running = true
		go s.runChecks()
	}
	s.checks.mu.Unlock()
	select {
	case <-r.done:
		return !r.changed, r.ended, r.err
	case <-ctx.Done():
		return false, time.Time{}, ctx.Err()
	}
}

// runChecks runs queued rounds one after another until none is waiting.
func (s *Service) runChecks() {
	for {
		s.checks.mu.Lock()
		r := s.checks.next
		s.checks.next = nil
		if r == nil {
			s.checks.running = false
			s.checks.mu.Unlock()
			return
		}
		s.checks.mu.Unlock()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		ok, ended, err := s.checkOne(ctx, r.data)
		cancel()
		r.changed, r.ended, r.err = !ok, ended, err
		close(r.done)
	}
}

// checkOne asks the database whether d is still current.
func (s *Service) checkOne(ctx context.Context, d *Data) (bool, time.Time, error) {
	var changed bool
	if err := s.db.Pool.QueryRow(ctx, changedSQL, d.snapshot).Scan(&changed); err != nil {
		return false, time.Time{}, fmt.Errorf("check dashboard data version: %w", err)
	}
	return !changed, time.Now(), nil
}
