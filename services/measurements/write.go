package measurements

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/gorm"

	"assure/models"
	"assure/services"
	"assure/services/access"
)

// Record validates a batch and stores it in one transaction: every row or
// none. A batch with any invalid row fails with a *BatchError listing the
// rows (counted from 1) and nothing is written. The actor must hold
// measurements.write; opt.Source says where the values came from (see
// SourceFor).
func (s *Service) Record(ctx context.Context, actor access.Actor, inputs []Input, opt Options) (Result, error) {
	if !actor.Can(access.MeasurementsWrite) {
		return Result{}, services.ErrForbidden
	}
	if !validSource(opt.Source) {
		return Result{}, fmt.Errorf("record measurements: unknown source %q", opt.Source)
	}
	if err := batchSizeError(len(inputs)); err != nil {
		return Result{}, err
	}
	cat, err := loadCatalogue(ctx, s.db.Gorm, inputs)
	if err != nil {
		return Result{}, err
	}
	v, err := validate(cat, inputs, s.today())
	if err != nil {
		return Result{}, err
	}
	// Partitions are made in their own short transaction: creating one locks
	// the whole measurements table, which must not last as long as a batch.
	if _, err := s.ensurePartitions(ctx, v.from, v.to); err != nil {
		return Result{}, err
	}
	var res Result
	// One connection for the whole transaction, so that pgx's COPY and gorm's
	// statements (the upsert, the series, the audit event) share it.
	err = retryDeadlock(func() error {
		return s.db.Gorm.WithContext(ctx).Connection(func(c *gorm.DB) error {
			conn, _ := c.Statement.ConnPool.(*sql.Conn) // nil: stage without COPY
			return c.Transaction(func(tx *gorm.DB) error {
				// The series refresh sorts the touched rows; keep a 100,000-row
				// batch's sort in memory rather than on disk.
				if err := tx.Exec("SET LOCAL work_mem = '64MB'").Error; err != nil {
					return err
				}
				var err error
				res, err = s.write(ctx, tx, conn, actor, opt, v)
				return err
			})
		})
	})
	if err != nil {
		return Result{}, fmt.Errorf("record measurements: %w", err)
	}
	return res, nil
}

// retryDeadlock runs f again (twice at most) when PostgreSQL chose it as a
// deadlock victim: two batches writing the same series can still meet in
// series_values or the standards they lock for foreign keys.
func retryDeadlock(f func() error) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		err = f()
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || (pgErr.Code != "40P01" && pgErr.Code != "40001") {
			return err
		}
	}
	return err
}

// RecordOne validates and stores a single measurement. Validation errors name
// the field without a row number.
func (s *Service) RecordOne(ctx context.Context, actor access.Actor, in Input, source models.Source) (Result, error) {
	res, err := s.Record(ctx, actor, []Input{in}, Options{Source: source})
	var be *BatchError
	if errors.As(err, &be) {
		fields := be.Invalid.Fields
		for i := range fields {
			fields[i].Row = 0
		}
		return Result{}, &services.ValidationError{Fields: fields}
	}
	return res, err
}

// UpsertInTx stores rows already resolved to IDs inside the caller's
// transaction tx (for derived measurements such as those from clinicians'
// reports, source "issues") and refreshes the series of the touched
// standard-periods. The rows are validated as an upload's would be; the caller
// has already decided that actor may cause this change, and actor is recorded
// in the one audit event.
func (s *Service) UpsertInTx(ctx context.Context, tx *gorm.DB, actor access.Actor, source models.Source, rows []Row) (Result, error) {
	if !validSource(source) {
		return Result{}, fmt.Errorf("upsert measurements: unknown source %q", source)
	}
	if len(rows) == 0 {
		return Result{}, nil
	}
	if err := batchSizeError(len(rows)); err != nil {
		return Result{}, err
	}
	inputs := inputsOf(rows)
	cat, err := loadCatalogue(ctx, tx, inputs)
	if err != nil {
		return Result{}, err
	}
	v, err := validate(cat, inputs, s.today())
	if err != nil {
		return Result{}, err
	}
	// Inside the caller's transaction: partitions made here commit or roll
	// back with it, so they are not remembered as made.
	if s.parts.missing(v.from, v.to) {
		if err := tx.WithContext(ctx).Exec("SELECT ensure_measurement_partitions(?, ?)", v.from, v.to).Error; err != nil {
			return Result{}, fmt.Errorf("make measurement partitions: %w", err)
		}
	}
	res, err := s.write(ctx, tx.WithContext(ctx), nil, actor, Options{Source: source}, v)
	if err != nil {
		return Result{}, fmt.Errorf("upsert measurements: %w", err)
	}
	return res, nil
}

// Key names one stored measurement of a given source.
type Key struct {
	StandardID  string
	SystemID    string // empty: organisation-wide
	PeriodStart time.Time
}

// DeleteInTx removes the measurements of source at keys inside the caller's
// transaction tx (derived rows that no longer apply), refreshes the touched
// series and records one audit event. Keys with no such measurement are
// ignored. It returns how many rows were deleted.
func (s *Service) DeleteInTx(ctx context.Context, tx *gorm.DB, actor access.Actor, source models.Source, keys []Key) (int, error) {
	if !validSource(source) {
		return 0, fmt.Errorf("delete measurements: unknown source %q", source)
	}
	if len(keys) == 0 {
		return 0, nil
	}
	tx = tx.WithContext(ctx)
	rows := make([]Row, len(keys))
	var from, to time.Time
	for i, k := range keys {
		day := dateOnly(k.PeriodStart)
		rows[i] = Row{StandardID: k.StandardID, SystemID: k.SystemID, PeriodStart: day}
		if i == 0 || day.Before(from) {
			from = day
		}
		if i == 0 || day.After(to) {
			to = day
		}
	}
	if err := stage(ctx, tx, nil, rows); err != nil {
		return 0, fmt.Errorf("delete measurements: %w", err)
	}
	var deleted []string
	if err := tx.Raw(`DELETE FROM measurements m USING measurement_stage s
		WHERE m.standard_id = s.standard_id AND m.period_start = s.period_start
		  AND m.system_id IS NOT DISTINCT FROM s.system_id AND m.source = ?
		RETURNING m.standard_id`, source).Scan(&deleted).Error; err != nil {
		return 0, fmt.Errorf("delete measurements: %w", err)
	}
	if len(deleted) == 0 {
		return 0, nil
	}
	if err := refreshSeries(tx, from, to, true); err != nil {
		return 0, err
	}
	var codes []string
	if err := tx.Raw("SELECT code FROM standards WHERE id IN ? ORDER BY code", distinct(deleted)).Scan(&codes).Error; err != nil {
		return 0, fmt.Errorf("delete measurements: name standards: %w", err)
	}
	after := map[string]any{"source": source, "deleted": len(deleted), "standards": codes}
	if err := s.audit.Record(tx, actor, "measurements.deleted", "measurements", singleID(distinct(deleted)), nil, after); err != nil {
		return 0, err
	}
	return len(deleted), nil
}

// write stages the validated rows, upserts them, refreshes the series and
// records the audit event, all inside tx. conn, when not nil, is the
// connection tx runs on, used to stage with COPY.
func (s *Service) write(ctx context.Context, tx *gorm.DB, conn *sql.Conn, actor access.Actor, opt Options, v *validated) (Result, error) {
	if err := stage(ctx, tx, conn, v.rows); err != nil {
		return Result{}, err
	}
	var ins, upd int
	// writes is 1 on a row just inserted and more on one ON CONFLICT updated
	// (the usual "xmax = 0" test cannot be used on a partitioned table).
	err := tx.Raw(`WITH up AS (
		INSERT INTO measurements AS m (standard_id, system_id, period_start, value, note, source,
		                               recorded_by_user, recorded_by_token, recorded_at)
		SELECT standard_id, system_id, period_start, value, note, ?, ?::uuid, ?::uuid, ?
		FROM measurement_stage
		ORDER BY standard_id, period_start, system_id -- one lock order for concurrent batches
		ON CONFLICT (standard_id, period_start, system_id, source) DO UPDATE
		SET value = excluded.value, note = excluded.note, recorded_by_user = excluded.recorded_by_user,
		    recorded_by_token = excluded.recorded_by_token, recorded_at = excluded.recorded_at,
		    writes = m.writes + 1
		RETURNING (m.writes = 1) AS inserted)
		SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up`,
		string(opt.Source), nullable(actor.UserID), nullable(actor.TokenID), s.now().UTC()).Row().Scan(&ins, &upd)
	if err != nil {
		return Result{}, fmt.Errorf("upsert measurements: %w", err)
	}
	if err := refreshSeries(tx, v.from, v.to, false); err != nil {
		return Result{}, err
	}
	res := Result{Received: len(v.rows), Inserted: ins, Updated: upd}
	codes := make([]string, 0, len(v.standards))
	ids := make([]string, 0, len(v.standards))
	for id, st := range v.standards {
		codes = append(codes, st.Code)
		ids = append(ids, id)
	}
	sort.Strings(codes)
	after := map[string]any{
		"source":      opt.Source,
		"received":    res.Received,
		"inserted":    res.Inserted,
		"updated":     res.Updated,
		"standards":   codes,
		"period_from": v.from.Format(time.DateOnly),
		"period_to":   v.to.Format(time.DateOnly),
	}
	if opt.Label != "" {
		after["label"] = opt.Label
	}
	if err := s.audit.Record(tx, actor, "measurements.recorded", "measurements", singleID(ids), nil, after); err != nil {
		return Result{}, err
	}
	return res, nil
}

var stageColumns = []string{"standard_id", "system_id", "period_start", "value", "note"}

// stage (re)creates the transaction's staging table and fills it with rows:
// with COPY when conn (the connection under tx) is known, otherwise with one
// INSERT of arrays, which works in any caller's transaction.
func stage(ctx context.Context, tx *gorm.DB, conn *sql.Conn, rows []Row) error {
	// IF NOT EXISTS + TRUNCATE: a caller's transaction may stage twice.
	if err := tx.Exec(`CREATE TEMP TABLE IF NOT EXISTS measurement_stage (
		standard_id uuid NOT NULL, system_id uuid, period_start date NOT NULL,
		value double precision NOT NULL, note text NOT NULL) ON COMMIT DROP`).Error; err != nil {
		return fmt.Errorf("create staging table: %w", err)
	}
	if err := tx.Exec("TRUNCATE measurement_stage").Error; err != nil {
		return fmt.Errorf("empty staging table: %w", err)
	}
	if conn != nil {
		err := conn.Raw(func(dc any) error {
			pc, ok := dc.(*stdlib.Conn)
			if !ok {
				return fmt.Errorf("driver connection is %T, not pgx", dc)
			}
			_, err := pc.Conn().CopyFrom(ctx, pgx.Identifier{"measurement_stage"}, stageColumns, newRowSource(rows))
			return err
		})
		if err != nil {
			return fmt.Errorf("copy into staging table: %w", err)
		}
		return nil
	}
	std := make([]string, len(rows))
	sys := make([]*string, len(rows))
	days := make([]string, len(rows))
	vals := make([]float64, len(rows))
	notes := make([]string, len(rows))
	for i, r := range rows {
		std[i] = r.StandardID
		if r.SystemID != "" {
			id := r.SystemID
			sys[i] = &id
		}
		days[i] = r.PeriodStart.Format(time.DateOnly)
		vals[i] = r.Value
		notes[i] = r.Note
	}
	// Straight to database/sql: gorm would expand the slices into lists.
	_, err := tx.Statement.ConnPool.ExecContext(ctx, `INSERT INTO measurement_stage (standard_id, system_id, period_start, value, note)
		SELECT a::uuid, b::uuid, c::date, d, e FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::text[]) AS u(a, b, c, d, e)`,
		std, sys, days, vals, notes)
	if err != nil {
		return fmt.Errorf("fill staging table: %w", err)
	}
	return nil
}

// rowSource feeds rows to CopyFrom, parsing each distinct ID once.
type rowSource struct {
	rows []Row
	i    int
	ids  map[string]pgtype.UUID
	vals []any
	err  error
}

func newRowSource(rows []Row) *rowSource {
	return &rowSource{rows: rows, i: -1, ids: map[string]pgtype.UUID{"": {}}, vals: make([]any, 5)}
}

func (r *rowSource) Next() bool {
	r.i++
	return r.err == nil && r.i < len(r.rows)
}

func (r *rowSource) Values() ([]any, error) {
	row := &r.rows[r.i]
	std, err := r.id(row.StandardID)
	if err != nil {
		return nil, err
	}
	sys, err := r.id(row.SystemID)
	if err != nil {
		return nil, err
	}
	r.vals[0], r.vals[1], r.vals[2], r.vals[3], r.vals[4] = std, sys,
		pgtype.Date{Time: row.PeriodStart, Valid: true}, row.Value, row.Note
	return r.vals, nil
}

func (r *rowSource) id(s string) (pgtype.UUID, error) {
	if u, ok := r.ids[s]; ok {
		return u, nil
	}
	u, err := uuid.Parse(s)
	if err != nil {
		r.err = fmt.Errorf("id %q: %w", s, err)
		return pgtype.UUID{}, r.err
	}
	v := pgtype.UUID{Bytes: u, Valid: true}
	r.ids[s] = v
	return v, nil
}

func (r *rowSource) Err() error { return r.err }

// inputsOf turns resolved rows back into inputs, so they are validated by
// the same rules as an upload's.
func inputsOf(rows []Row) []Input {
	out := make([]Input, len(rows))
	for i, r := range rows {
		v := r.Value
		out[i] = Input{Standard: r.StandardID, System: r.SystemID, PeriodStart: r.PeriodStart.Format(time.DateOnly), Value: &v, Note: r.Note}
	}
	return out
}

func (s *Service) today() time.Time { return dateOnly(s.now().UTC()) }

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func distinct(xs []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	sort.Strings(out)
	return out
}

// singleID is the audit event's entity id: the standard's when the batch
// touched exactly one, empty otherwise (the event lists the codes).
func singleID(ids []string) string {
	if len(ids) == 1 {
		return ids[0]
	}
	return ""
}
