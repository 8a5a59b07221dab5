package measurements

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// partitionCache remembers the months whose measurement partition is known to
// exist, so a batch asks PostgreSQL only when it reaches a new month.
type partitionCache struct {
	mu     sync.Mutex
	months map[int]bool
}

func newPartitionCache() *partitionCache { return &partitionCache{months: map[int]bool{}} }

func monthIndex(t time.Time) int { return t.Year()*12 + int(t.Month()) - 1 }

// missing reports whether any month from from to to is not known to exist.
func (c *partitionCache) missing(from, to time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	for m := monthIndex(from); m <= monthIndex(to); m++ {
		if !c.months[m] {
			return true
		}
	}
	return false
}

func (c *partitionCache) add(from, to time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for m := monthIndex(from); m <= monthIndex(to); m++ {
		c.months[m] = true
	}
}

// ensurePartitions makes the monthly partitions from from to to in their own
// transaction (autocommit) unless they are known to exist, and returns how
// many it made.
func (s *Service) ensurePartitions(ctx context.Context, from, to time.Time) (int, error) {
	if !s.parts.missing(from, to) {
		return 0, nil
	}
	var made int
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		err = s.db.Pool.QueryRow(ctx, "SELECT ensure_measurement_partitions($1, $2)", from, to).Scan(&made)
		// Two servers creating the same month race on the catalogue; the
		// loser's partition exists by the time it retries.
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && (pgErr.Code == "42P07" || pgErr.Code == "23505" || pgErr.Code == "40P01") {
			continue
		}
		break
	}
	if err != nil {
		return 0, fmt.Errorf("make measurement partitions %s to %s: %w", from.Format(time.DateOnly), to.Format(time.DateOnly), err)
	}
	s.parts.add(from, to)
	return made, nil
}

// EnsureAhead makes sure the measurement partitions for the current month and
// the next months months exist, and returns how many it created. The server
// calls it periodically so that ingest rarely has to create one.
func (s *Service) EnsureAhead(ctx context.Context, months int) (int, error) {
	if months < 0 {
		months = 0
	}
	today := s.today()
	from := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(0, months, 0)
	s.parts.mu.Lock()
	// Forget what was cached for the range, so the database is asked: a
	// partition may have been dropped by hand since.
	for m := monthIndex(from); m <= monthIndex(to); m++ {
		delete(s.parts.months, m)
	}
	s.parts.mu.Unlock()
	return s.ensurePartitions(ctx, from, to)
}
