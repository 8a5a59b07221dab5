package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"gorm.io/gorm"
)

// NotifySoonArgs asks for a notification scan now rather than at the next
// minute: a cycle has just come to await the board. It is enqueued in the
// transition's own transaction, so it exists exactly when the transition
// commits. Unlike the periodic scan it is not unique: one per event.
type NotifySoonArgs struct {
	CycleID string `json:"cycle_id"`
}

// Kind names the job in River's table.
func (NotifySoonArgs) Kind() string { return "assure.notify_soon" }

// NotifySoonWorker works NotifySoonArgs with the same, idempotent scan.
type NotifySoonWorker struct {
	river.WorkerDefaults[NotifySoonArgs]
	Scanner Scanner
}

// Work runs one scan.
func (w *NotifySoonWorker) Work(ctx context.Context, _ *river.Job[NotifySoonArgs]) error {
	if _, err := w.Scanner.Run(ctx); err != nil {
		return fmt.Errorf("notification scan: %w", err)
	}
	return nil
}

// Enqueuer inserts jobs inside a service's transaction. Services write
// through gorm over database/sql, so this is an insert-only River client on
// River's database/sql driver, given the gorm transaction's *sql.Tx.
type Enqueuer struct {
	client *river.Client[*sql.Tx]
}

// NewEnqueuer builds the insert-only client. It works no jobs (the Runner
// does) and touches the database only when inserting.
func NewEnqueuer(db *sql.DB) (*Enqueuer, error) {
	c, err := river.NewClient(riverdatabasesql.New(db), &river.Config{})
	if err != nil {
		return nil, fmt.Errorf("river insert client: %w", err)
	}
	return &Enqueuer{client: c}, nil
}

// ScanSoon enqueues a notification scan in tx for cycle cycleID.
func (e *Enqueuer) ScanSoon(ctx context.Context, tx *gorm.DB, cycleID string) error {
	sqlTx, ok := tx.Statement.ConnPool.(*sql.Tx)
	if !ok {
		return errors.New("jobs: ScanSoon must be called inside a transaction")
	}
	if _, err := e.client.InsertTx(ctx, sqlTx, NotifySoonArgs{CycleID: cycleID}, nil); err != nil {
		return fmt.Errorf("enqueue notification scan: %w", err)
	}
	return nil
}
