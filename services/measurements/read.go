package measurements

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"

	"assure/models"
	"assure/services"
	"assure/services/access"
)

// Measurement is one stored measurement as read back.
type Measurement struct {
	StandardID      string
	StandardCode    string
	SystemID        *string
	SystemName      string
	PeriodStart     time.Time
	Value           float64
	Note            string
	Source          models.Source
	RecordedByUser  *string
	RecordedByToken *string
	RecordedAt      time.Time
}

// Filter narrows a read of one standard's measurements. Dates are
// YYYY-MM-DD, inclusive; empty fields do not filter.
type Filter struct {
	From, To string
	// SystemID is a system's id, or "none" for organisation-wide values.
	SystemID string
	Source   string
	Limit    string
	Cursor   string
}

// Page is one page of measurements; NextCursor is empty on the last.
type Page struct {
	Items      []Measurement
	NextCursor string
}

// DefaultLimit and MaxLimit bound a page.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// query is a validated Filter.
type query struct {
	standardID, code string
	from, to         *time.Time
	systemID         *string
	orgOnly          bool
	source           *string
	limit            int
	after            *cursor
}

// cursor is the last row of a page, in the order of the listing.
type cursor struct {
	Period string `json:"p"`
	System string `json:"s,omitempty"` // empty: organisation-wide (sorts last)
	Source string `json:"o"`
}

// List returns a page of a standard's raw measurements (every source), in
// period, system, source order. standardRef is the standard's id or code.
func (s *Service) List(ctx context.Context, actor access.Actor, standardRef string, f Filter) (Page, error) {
	q, err := s.parseQuery(ctx, actor, standardRef, f, true)
	if err != nil {
		return Page{}, err
	}
	sql, args := q.sql()
	rows, err := s.db.Pool.Query(ctx, sql, args...)
	if err != nil {
		return Page{}, fmt.Errorf("list measurements: %w", err)
	}
	items, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Measurement, error) { return scanMeasurement(r, q) })
	if err != nil {
		return Page{}, fmt.Errorf("list measurements: %w", err)
	}
	p := Page{Items: items}
	if len(items) > q.limit {
		p.Items = items[:q.limit]
		last := p.Items[q.limit-1]
		c := cursor{Period: last.PeriodStart.Format(time.DateOnly), Source: string(last.Source)}
		if last.SystemID != nil {
			c.System = *last.SystemID
		}
		raw, _ := json.Marshal(c) // a struct of strings always encodes
		p.NextCursor = base64.RawURLEncoding.EncodeToString(raw)
	}
	return p, nil
}

// Export is a prepared CSV export of one standard's measurements.
type Export struct {
	s *Service
	q *query
	// Filename suggests a name for the download.
	Filename string
}

// Export checks the standard and filter and prepares a CSV export in the
// upload format (standard,system,period_start,value,note). Every source's
// rows are included; filter by one source for a file that uploads back as is.
func (s *Service) Export(ctx context.Context, actor access.Actor, standardRef string, f Filter) (*Export, error) {
	f.Cursor, f.Limit = "", ""
	q, err := s.parseQuery(ctx, actor, standardRef, f, false)
	if err != nil {
		return nil, err
	}
	return &Export{s: s, q: q, Filename: strings.ToLower(q.code) + "-measurements.csv"}, nil
}

// WriteTo streams the CSV to w, row by row as PostgreSQL sends them.
func (e *Export) WriteTo(ctx context.Context, w io.Writer) (int64, error) {
	sql, args := e.q.sql()
	rows, err := e.s.db.Pool.Query(ctx, sql, args...)
	if err != nil {
		return 0, fmt.Errorf("export measurements: %w", err)
	}
	defer rows.Close()
	cw, err := NewCSVWriter(w)
	if err != nil {
		return 0, err
	}
	var n int64
	for rows.Next() {
		m, err := scanMeasurement(rows, e.q)
		if err != nil {
			return n, fmt.Errorf("export measurements: %w", err)
		}
		if err := cw.Write(m.StandardCode, m.SystemName, m.PeriodStart.Format(time.DateOnly), m.Value, m.Note); err != nil {
			return n, err
		}
		n++
		if n%10_000 == 0 {
			if err := cw.Flush(); err != nil {
				return n, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return n, fmt.Errorf("export measurements: %w", err)
	}
	return n, cw.Flush()
}

func (s *Service) parseQuery(ctx context.Context, actor access.Actor, standardRef string, f Filter, paged bool) (*query, error) {
	if !actor.Can(access.StandardsRead) {
		return nil, services.ErrForbidden
	}
	q := &query{limit: DefaultLimit}
	var st struct {
		ID   string
		Code string
	}
	db := s.db.Gorm.WithContext(ctx).Table("standards").Select("id", "code")
	if u, err := uuid.Parse(standardRef); err == nil {
		db = db.Where("id = ?", u.String())
	} else {
		db = db.Where("code = ?", strings.ToUpper(strings.TrimSpace(standardRef)))
	}
	if err := db.Take(&st).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil, fmt.Errorf("standard %q: %w", standardRef, services.ErrNotFound)
		}
		return nil, fmt.Errorf("load standard: %w", err)
	}
	q.standardID, q.code = st.ID, st.Code
	v := &services.ValidationError{}
	if f.From != "" {
		if d, ok := parseDay(f.From); ok {
			q.from = &d
		} else {
			v.Add("from", "must be a date written YYYY-MM-DD")
		}
	}
	if f.To != "" {
		if d, ok := parseDay(f.To); ok {
			q.to = &d
		} else {
			v.Add("to", "must be a date written YYYY-MM-DD")
		}
	}
	if q.from != nil && q.to != nil && q.to.Before(*q.from) {
		v.Add("to", "must not be before from")
	}
	switch f.SystemID {
	case "":
	case "none":
		q.orgOnly = true
	default:
		if u, err := uuid.Parse(f.SystemID); err == nil {
			id := u.String()
			q.systemID = &id
		} else {
			v.Add("system_id", `must be a system's id, or "none" for organisation-wide values`)
		}
	}
	if f.Source != "" {
		if !validSource(models.Source(f.Source)) {
			v.Add("source", "must be one of manual, import, api, issues")
		} else {
			q.source = &f.Source
		}
	}
	if paged {
		if f.Limit != "" {
			n, err := strconv.Atoi(f.Limit)
			if err != nil || n < 1 || n > MaxLimit {
				v.Add("limit", "must be a whole number from 1 to %d", MaxLimit)
			} else {
				q.limit = n
			}
		}
		if f.Cursor != "" {
			var c cursor
			raw, err := base64.RawURLEncoding.DecodeString(f.Cursor)
			if err == nil {
				err = json.Unmarshal(raw, &c)
			}
			_, okDay := parseDay(c.Period)
			okSystem := c.System == ""
			if u, uerr := uuid.Parse(c.System); uerr == nil && u.String() == c.System {
				okSystem = true
			}
			if err != nil || !okDay || !okSystem || !validSource(models.Source(c.Source)) {
				v.Add("cursor", "is not a cursor this listing gave out")
			} else {
				q.after = &c
			}
		}
	} else {
		q.limit = 0
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return q, nil
}

// sql builds the listing query; every value is a parameter.
func (q *query) sql() (string, []any) {
	args := []any{q.standardID}
	arg := func(v any) string { args = append(args, v); return "$" + strconv.Itoa(len(args)) }
	var b strings.Builder
	b.WriteString(`SELECT m.system_id::text, coalesce(y.name, ''), m.period_start, m.value, m.note, m.source,
	       m.recorded_by_user::text, m.recorded_by_token::text, m.recorded_at
	FROM measurements m LEFT JOIN systems y ON y.id = m.system_id
	WHERE m.standard_id = $1`)
	if q.from != nil {
		b.WriteString(" AND m.period_start >= " + arg(*q.from))
	}
	if q.to != nil {
		b.WriteString(" AND m.period_start <= " + arg(*q.to))
	}
	if q.systemID != nil {
		b.WriteString(" AND m.system_id = " + arg(*q.systemID))
	}
	if q.orgOnly {
		b.WriteString(" AND m.system_id IS NULL")
	}
	if q.source != nil {
		b.WriteString(" AND m.source = " + arg(*q.source))
	}
	if c := q.after; c != nil {
		day, _ := parseDay(c.Period)
		p, o := arg(day), arg(c.Source)
		// Keyset after (p, s, o) in the order period, system (NULL last), source.
		if c.System != "" {
			s := arg(c.System)
			fmt.Fprintf(&b, ` AND m.period_start >= %[1]s AND (m.period_start > %[1]s OR m.system_id > %[2]s::uuid
			    OR m.system_id IS NULL OR (m.system_id = %[2]s::uuid AND m.source > %[3]s))`, p, s, o)
		} else {
			fmt.Fprintf(&b, ` AND m.period_start >= %[1]s AND (m.period_start > %[1]s OR (m.system_id IS NULL AND m.source > %[2]s))`, p, o)
		}
	}
	b.WriteString(" ORDER BY m.period_start, m.system_id, m.source")
	if q.limit > 0 {
		b.WriteString(" LIMIT " + arg(q.limit+1))
	}
	return b.String(), args
}

func scanMeasurement(r pgx.Row, q *query) (Measurement, error) {
	m := Measurement{StandardID: q.standardID, StandardCode: q.code}
	var src string
	err := r.Scan(&m.SystemID, &m.SystemName, &m.PeriodStart, &m.Value, &m.Note, &src,
		&m.RecordedByUser, &m.RecordedByToken, &m.RecordedAt)
	m.Source = models.Source(src)
	return m, err
}
