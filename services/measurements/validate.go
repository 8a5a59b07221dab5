package measurements

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"assure/models"
	"assure/services"
)

// earliestPeriod bounds how far back a measurement may go. Without a bound a
// typo such as 0024-01-01 would create two thousand years of empty partitions.
var earliestPeriod = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// BatchError rejects a whole batch: it lists the invalid rows' fields (the
// first MaxListedErrors of them) and counts them all. It unwraps to the
// *services.ValidationError holding the listed fields.
type BatchError struct {
	Invalid services.ValidationError
	// Total is how many problems were found; more than len(Invalid.Fields)
	// when the list was capped.
	Total int
}

func (e *BatchError) Error() string {
	return fmt.Sprintf("%d problem(s) in the batch; nothing was written: %s", e.Total, e.Invalid.Error())
}

// Unwrap makes errors.As(err, **services.ValidationError) find the fields.
func (e *BatchError) Unwrap() error { return &e.Invalid }

// Detail says in one sentence what happened, for a problem's detail.
func (e *BatchError) Detail() string {
	if e.Total > len(e.Invalid.Fields) {
		return fmt.Sprintf("The batch has %d problems; the first %d are listed. Nothing was written.", e.Total, len(e.Invalid.Fields))
	}
	if e.Total == 1 {
		return "A row of the batch has a problem. Nothing was written."
	}
	return fmt.Sprintf("The batch has %d problems. Nothing was written.", e.Total)
}

func (e *BatchError) add(row int, field, format string, args ...any) {
	e.Total++
	if len(e.Invalid.Fields) < MaxListedErrors {
		e.Invalid.Fields = append(e.Invalid.Fields, services.FieldError{Row: row, Field: field, Message: fmt.Sprintf(format, args...)})
	}
}

func (e *BatchError) err() error {
	if e.Total == 0 {
		return nil
	}
	return e
}

// standardInfo is what validation needs to know of a standard.
type standardInfo struct {
	ID        string
	Code      string
	Unit      string
	Period    models.Period
	revisions []revisionPeriod // oldest first
	systems   map[string]bool
}

type revisionPeriod struct {
	from   time.Time
	period models.Period
}

// periodAt is the period of the revision in force on day (the standard's
// current period when no revision starts on or before it).
func (s *standardInfo) periodAt(day time.Time) models.Period {
	p := s.Period
	for _, r := range s.revisions {
		if r.from.After(day) {
			break
		}
		p = r.period
	}
	return p
}

type systemInfo struct {
	ID   string
	Name string
}

// catalogue holds the standards and systems a batch refers to, keyed by the
// reference as the client wrote it (trimmed).
type catalogue struct {
	standards map[string]*standardInfo
	systems   map[string]*systemInfo
}

// loadCatalogue looks up every standard (by code or id) and system (by name
// or id) the inputs name, in four queries whatever the batch size.
func loadCatalogue(ctx context.Context, db *gorm.DB, inputs []Input) (*catalogue, error) {
	stdRefs := map[string]bool{}
	sysRefs := map[string]bool{}
	for i := range inputs {
		if r := strings.TrimSpace(inputs[i].Standard); r != "" {
			stdRefs[r] = true
		}
		if r := strings.TrimSpace(inputs[i].System); r != "" {
			sysRefs[r] = true
		}
	}
	cat := &catalogue{standards: map[string]*standardInfo{}, systems: map[string]*systemInfo{}}
	if len(stdRefs) > 0 {
		ids, codes := splitRefs(stdRefs, strings.ToUpper)
		var rows []struct {
			ID     string
			Code   string
			Unit   string
			Period models.Period
		}
		err := inChunks(ids, codes, func(ids, codes []string) error {
			var part []struct {
				ID     string
				Code   string
				Unit   string
				Period models.Period
			}
			err := db.WithContext(ctx).Table("standards").Select("id", "code", "unit", "period").
				Where("id IN ? OR code IN ?", ids, codes).Scan(&part).Error
			rows = append(rows, part...)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("look up standards: %w", err)
		}
		byID := map[string]*standardInfo{}
		byCode := map[string]*standardInfo{}
		found := make([]string, 0, len(rows))
		for _, r := range rows {
			s := &standardInfo{ID: r.ID, Code: r.Code, Unit: r.Unit, Period: r.Period, systems: map[string]bool{}}
			byID[r.ID] = s
			byCode[r.Code] = s
			found = append(found, r.ID)
		}
		if len(found) > 0 {
			var scope []models.StandardSystem
			if err := db.WithContext(ctx).Where("standard_id IN ?", found).Find(&scope).Error; err != nil {
				return nil, fmt.Errorf("look up standards' systems: %w", err)
			}
			for _, x := range scope {
				byID[x.StandardID].systems[x.SystemID] = true
			}
			var revs []struct {
				StandardID    string
				EffectiveFrom time.Time
				Period        models.Period
			}
			if err := db.WithContext(ctx).Table("standard_revisions").Select("standard_id", "effective_from", "period").
				Where("standard_id IN ?", found).Order("effective_from").Scan(&revs).Error; err != nil {
				return nil, fmt.Errorf("look up standards' revisions: %w", err)
			}
			for _, r := range revs {
				s := byID[r.StandardID]
				s.revisions = append(s.revisions, revisionPeriod{from: dateOnly(r.EffectiveFrom), period: r.Period})
			}
		}
		for ref := range stdRefs {
			if s, ok := byID[strings.ToLower(ref)]; ok {
				cat.standards[ref] = s
			} else if s, ok := byCode[strings.ToUpper(ref)]; ok {
				cat.standards[ref] = s
			}
		}
	}
	if len(sysRefs) > 0 {
		ids, names := splitRefs(sysRefs, strings.ToLower)
		var rows []systemInfo
		err := inChunks(ids, names, func(ids, names []string) error {
			var part []systemInfo
			err := db.WithContext(ctx).Table("systems").Select("id", "name").
				Where("id IN ? OR lower(name) IN ?", ids, names).Scan(&part).Error
			rows = append(rows, part...)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("look up systems: %w", err)
		}
		byID := map[string]*systemInfo{}
		byName := map[string]*systemInfo{}
		for i := range rows {
			byID[rows[i].ID] = &rows[i]
			byName[strings.ToLower(rows[i].Name)] = &rows[i]
		}
		for ref := range sysRefs {
			if s, ok := byID[strings.ToLower(ref)]; ok {
				cat.systems[ref] = s
			} else if s, ok := byName[strings.ToLower(ref)]; ok {
				cat.systems[ref] = s
			}
		}
	}
	return cat, nil
}

// splitRefs separates references that are UUIDs (normalised to lower case)
// from the rest (normalised by norm). Neither list is ever empty, because
// "IN ()" is not SQL; a sentinel that matches nothing stands in.
func splitRefs(refs map[string]bool, norm func(string) string) (ids, names []string) {
	for r := range refs {
		if u, err := uuid.Parse(r); err == nil {
			ids = append(ids, u.String())
		} else {
			names = append(names, norm(r))
		}
	}
	if len(ids) == 0 {
		ids = []string{uuid.Nil.String()}
	}
	if len(names) == 0 {
		names = []string{""}
	}
	sort.Strings(ids)
	sort.Strings(names)
	return ids, names
}

// lookupChunk bounds the values of one IN list: PostgreSQL takes at most
// 65,535 parameters, and a batch may name 100,000 different (unknown) things.
const lookupChunk = 5000

// inChunks calls f with successive slices of ids and names, each at most
// lookupChunk long and never empty (the sentinel of splitRefs stands in).
func inChunks(ids, names []string, f func(ids, names []string) error) error {
	for i, j := 0, 0; i < len(ids) || j < len(names); i, j = i+lookupChunk, j+lookupChunk {
		a := ids[min(i, len(ids)):min(i+lookupChunk, len(ids))]
		b := names[min(j, len(names)):min(j+lookupChunk, len(names))]
		if len(a) == 0 {
			a = []string{uuid.Nil.String()}
		}
		if len(b) == 0 {
			b = []string{""}
		}
		if err := f(a, b); err != nil {
			return err
		}
	}
	return nil
}

// batchKey identifies a row within one batch (the source is the batch's).
type batchKey struct {
	standard, system string
	day              int64
}

// validated is a batch that passed validation.
type validated struct {
	rows      []Row
	standards map[string]*standardInfo // by id
	from, to  time.Time                // earliest and latest period start
}

// validate resolves and checks every input. Row numbers count from 1. today
// is the last day a period may start on.
func validate(cat *catalogue, inputs []Input, today time.Time) (*validated, error) {
	be := &BatchError{}
	v := &validated{rows: make([]Row, 0, len(inputs)), standards: map[string]*standardInfo{}}
	seen := make(map[batchKey]int, len(inputs))
	for i := range inputs {
		in := &inputs[i]
		n := i + 1
		before := be.Total
		for _, p := range in.Problems {
			be.add(n, p.Field, "%s", p.Message)
		}
		var std *standardInfo
		ref := strings.TrimSpace(in.Standard)
		if ref == "" {
			be.add(n, "standard", "is required")
		} else if std = cat.standards[ref]; std == nil {
			be.add(n, "standard", "no standard has the code or id %q", ref)
		}
		var sys *systemInfo
		if ref := strings.TrimSpace(in.System); ref != "" {
			if sys = cat.systems[ref]; sys == nil {
				be.add(n, "system", "no system has the name or id %q", ref)
			} else if std != nil && !std.systems[sys.ID] {
				be.add(n, "system", "%s is not one of the systems standard %s applies to", sys.Name, std.Code)
			}
		}
		day, ok := parseDay(in.PeriodStart)
		switch {
		case strings.TrimSpace(in.PeriodStart) == "":
			be.add(n, "period_start", "is required")
		case !ok:
			be.add(n, "period_start", "must be a date written YYYY-MM-DD")
		case day.Before(earliestPeriod):
			be.add(n, "period_start", "must be on or after %s", earliestPeriod.Format(time.DateOnly))
		case day.After(today):
			be.add(n, "period_start", "must not be in the future")
		case std != nil:
			if msg := alignment(std.periodAt(day), day); msg != "" {
				be.add(n, "period_start", "%s (standard %s is measured %s)", msg, std.Code, periodly(std.periodAt(day)))
			}
		}
		if in.Value == nil {
			if !hasProblem(in.Problems, "value") {
				be.add(n, "value", "is required")
			}
		} else if msg := checkValue(*in.Value, std); msg != "" {
			be.add(n, "value", "%s", msg)
		}
		if utf8.RuneCountInString(in.Note) > MaxNoteLength {
			be.add(n, "note", "must be at most %d characters", MaxNoteLength)
		}
		if be.Total > before || std == nil {
			continue
		}
		r := Row{StandardID: std.ID, PeriodStart: day, Value: *in.Value, Note: in.Note}
		if sys != nil {
			r.SystemID = sys.ID
		}
		k := batchKey{r.StandardID, r.SystemID, day.Unix()}
		if first, dup := seen[k]; dup {
			be.add(n, "period_start", "repeats the standard, system and period of row %d", first)
			continue
		}
		seen[k] = n
		v.standards[std.ID] = std
		if len(v.rows) == 0 || day.Before(v.from) {
			v.from = day
		}
		if len(v.rows) == 0 || day.After(v.to) {
			v.to = day
		}
		v.rows = append(v.rows, r)
	}
	if err := be.err(); err != nil {
		return nil, err
	}
	return v, nil
}

func hasProblem(ps []Problem, field string) bool {
	for _, p := range ps {
		if p.Field == field {
			return true
		}
	}
	return false
}

// parseDay reads a strict YYYY-MM-DD date.
func parseDay(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) != 10 {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

// alignment says what is wrong with day as the start of a period, or "".
func alignment(p models.Period, day time.Time) string {
	switch p {
	case models.PeriodWeek:
		if day.Weekday() != time.Monday {
			return "must be a Monday"
		}
	case models.PeriodMonth:
		if day.Day() != 1 {
			return "must be the first day of a month"
		}
	}
	return ""
}

func periodly(p models.Period) string {
	switch p {
	case models.PeriodWeek:
		return "weekly"
	case models.PeriodMonth:
		return "monthly"
	default:
		return "daily"
	}
}

// checkValue says what is wrong with v for std's unit, or "".
func checkValue(v float64, std *standardInfo) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "must be a finite number"
	}
	if std == nil {
		return ""
	}
	switch std.Unit {
	case "percent":
		if v < 0 || v > 100 {
			return "must be a percentage between 0 and 100"
		}
	case "count":
		if v < 0 || v != math.Trunc(v) {
			return "must be a whole number of 0 or more (the unit is a count)"
		}
	case "seconds", "minutes", "hours", "days":
		if v < 0 {
			return fmt.Sprintf("must be 0 or more (the unit is %s)", std.Unit)
		}
	}
	return ""
}

func dateOnly(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// batchSizeError refuses an empty or oversized batch as a whole.
func batchSizeError(n int) error {
	switch {
	case n == 0:
		return services.Invalid("measurements", "must hold at least one measurement")
	case n > MaxBatchRows:
		return services.Invalid("measurements", "must hold at most %d measurements (this batch has %d); split it", MaxBatchRows, n)
	}
	return nil
}
