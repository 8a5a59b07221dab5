// Package measurements records and reads the values of standards' metrics:
// one value per standard, system (or organisation-wide), period and source.
//
// Every write — a single value, a batch of 100,000 rows from an upload or the
// command line, or derived rows from clinicians' reports — goes through one
// path: validate every row (a bad row rejects the whole batch), stage the rows
// in a temporary table, upsert them into the partitioned measurements table in
// one statement, refresh the judged series (series_values) of exactly the
// touched standard-periods, and record one audit event summarising the batch,
// all in one transaction.
package measurements

import (
	"time"

	"assure/internal/database"
	"assure/models"
	"assure/services/access"
	"assure/services/audit"
)

// MaxBatchRows is the most rows one batch may hold.
const MaxBatchRows = 100_000

// MaxNoteLength is the longest note, in characters.
const MaxNoteLength = 1000

// MaxListedErrors caps the errors a rejected batch lists; the total is still
// counted and reported.
const MaxListedErrors = 1000

// Service records and reads measurements.
type Service struct {
	db    *database.DB
	audit *audit.Recorder
	now   func() time.Time
	parts *partitionCache
}

// NewService builds the measurements service. now is the clock (nil for time.Now).
func NewService(db *database.DB, rec *audit.Recorder, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{db: db, audit: rec, now: now, parts: newPartitionCache()}
}

// Input is one measurement as a client sent it: the standard by code or id,
// the system by name or id (empty for an organisation-wide value), the period
// start as YYYY-MM-DD.
type Input struct {
	Standard    string
	System      string
	PeriodStart string
	// Value is nil when the client sent none.
	Value *float64
	Note  string
	// Problems found while decoding the row (a value that is not a number),
	// reported with the row's other problems.
	Problems []Problem
}

// Problem is one decoding problem of an Input's field.
type Problem struct {
	Field   string
	Message string
}

// Row is one measurement resolved to IDs, ready to store.
type Row struct {
	StandardID  string
	SystemID    string // empty: organisation-wide
	PeriodStart time.Time
	Value       float64
	Note        string
}

// Result counts what a write did. Received = Inserted + Updated for a
// successful upsert (re-sending a value replaces it and counts as updated).
type Result struct {
	Received int `json:"received"`
	Inserted int `json:"inserted"`
	Updated  int `json:"updated"`
}

// Options say how a batch is recorded.
type Options struct {
	// Source of every row of the batch.
	Source models.Source
	// Label names where the batch came from for the audit trail (a file
	// name, "upload.csv"); optional.
	Label string
}

// SourceFor decides the source of measurements written by actor: anything an
// API token sends is "api"; a user's single value is "manual"; a user's batch
// (JSON or CSV upload) and the command line's import are "import". Re-sending
// replaces the value for the same standard, system, period and source; values
// from different sources live side by side and the series takes them in the
// order manual > import > api > issues.
func SourceFor(actor access.Actor, batch bool) models.Source {
	switch {
	case actor.TokenID != "":
		return models.SourceAPI
	case actor.UserID != "" && !batch:
		return models.SourceManual
	default:
		return models.SourceImport
	}
}

// precedence is the SQL expression ranking a source (lower wins). It must
// agree with the order of the Source constants in models.
const precedence = `CASE source WHEN 'manual' THEN 1 WHEN 'import' THEN 2 WHEN 'api' THEN 3 ELSE 4 END`

func validSource(s models.Source) bool {
	switch s {
	case models.SourceManual, models.SourceImport, models.SourceAPI, models.SourceIssues:
		return true
	}
	return false
}
