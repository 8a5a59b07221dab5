package measurements

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// CSVHeader is the header of a measurements CSV, for uploads and exports
// alike, so an export can be uploaded again.
var CSVHeader = []string{"standard", "system", "period_start", "value", "note"}

// CSVError is CSV that cannot be read at all (a stray quote, a header without
// the required columns). Row is the data row it happened in (0: the header).
type CSVError struct {
	Row int
	Err string
}

func (e *CSVError) Error() string {
	if e.Row == 0 {
		return "CSV header: " + e.Err
	}
	return fmt.Sprintf("CSV row %d: %s", e.Row, e.Err)
}

// CSVReader reads measurements from CSV with a header row. Columns may come
// in any order; standard, period_start and value are required, system (empty
// for organisation-wide) and note are optional. Problems with one row's
// values are attached to that row's Input, so a whole file can be checked.
type CSVReader struct {
	r   *csv.Reader
	col [5]int // index of each CSVHeader column in a record, -1 if absent
	row int
}

// NewCSVReader reads the header from r.
func NewCSVReader(r io.Reader) (*CSVReader, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // checked here, so one short row does not stop the file
	cr.ReuseRecord = true
	head, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, &CSVError{Err: "the file is empty; the first line must be " + strings.Join(CSVHeader, ",")}
	}
	if err != nil {
		return nil, csvError(0, err)
	}
	c := &CSVReader{r: cr, col: [5]int{-1, -1, -1, -1, -1}}
	for i, h := range head {
		name := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		j := indexOf(CSVHeader, name)
		switch {
		case j < 0:
			return nil, &CSVError{Err: fmt.Sprintf("unknown column %q; the columns are %s", h, strings.Join(CSVHeader, ","))}
		case c.col[j] >= 0:
			return nil, &CSVError{Err: fmt.Sprintf("column %q appears twice", name)}
		}
		c.col[j] = i
	}
	for _, req := range []int{0, 2, 3} {
		if c.col[req] < 0 {
			return nil, &CSVError{Err: fmt.Sprintf("the %q column is missing; the columns are %s", CSVHeader[req], strings.Join(CSVHeader, ","))}
		}
	}
	return c, nil
}

// Row is the number of the data row last read (1 for the first).
func (c *CSVReader) Row() int { return c.row }

// Read returns the next row, io.EOF after the last, or a *CSVError when the
// CSV itself is broken.
func (c *CSVReader) Read() (Input, error) {
	rec, err := c.r.Read()
	if errors.Is(err, io.EOF) {
		return Input{}, io.EOF
	}
	c.row++
	if err != nil {
		return Input{}, csvError(c.row, err)
	}
	field := func(j int) string {
		if c.col[j] < 0 || c.col[j] >= len(rec) {
			return ""
		}
		return rec[c.col[j]]
	}
	in := Input{
		Standard:    unescapeText(field(0)),
		System:      unescapeText(field(1)),
		PeriodStart: field(2),
		Note:        unescapeText(field(4)),
	}
	if n := c.columns(); len(rec) != n {
		in.Problems = append(in.Problems, Problem{Field: "row", Message: fmt.Sprintf("has %d fields; the header has %d", len(rec), n)})
	}
	if v := strings.TrimSpace(field(3)); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			in.Problems = append(in.Problems, Problem{Field: "value", Message: fmt.Sprintf("must be a number such as 99.5, not %q", truncate(v, 40))})
		} else {
			in.Value = &f // out of range parses as ±Inf, refused as not finite
		}
	}
	return in, nil
}

func (c *CSVReader) columns() int {
	n := 0
	for _, i := range c.col {
		if i >= 0 {
			n++
		}
	}
	return n
}

func csvError(row int, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &CSVError{Row: row, Err: fmt.Sprintf("is not valid CSV (line %d, column %d): %v", pe.Line, pe.Column, pe.Err)}
	}
	return err // e.g. *http.MaxBytesError, which the caller maps
}

// ReadCSV reads every row of r, at most max of them (a batch larger than that
// is refused after reading max+1 rows).
func ReadCSV(r io.Reader, max int) ([]Input, error) {
	cr, err := NewCSVReader(r)
	if err != nil {
		return nil, err
	}
	var out []Input
	for {
		in, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if len(out) == max {
			return nil, batchSizeError(max + 1)
		}
		out = append(out, in)
	}
}

// CSVWriter writes measurements in the upload format.
type CSVWriter struct {
	w *csv.Writer
}

// NewCSVWriter writes the header to w.
func NewCSVWriter(w io.Writer) (*CSVWriter, error) {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return nil, err
	}
	return &CSVWriter{w: cw}, nil
}

// Write writes one row.
func (c *CSVWriter) Write(standard, system, periodStart string, value float64, note string) error {
	return c.w.Write([]string{escapeText(standard), escapeText(system), periodStart,
		strconv.FormatFloat(value, 'f', -1, 64), escapeText(note)})
}

// Flush writes any buffered data.
func (c *CSVWriter) Flush() error {
	c.w.Flush()
	return c.w.Error()
}

// escapeText defuses spreadsheet formulas (OWASP "CSV injection"): a text
// field starting with = + - @ tab or CR gets a leading apostrophe, which
// unescapeText removes again on upload, so an export still round-trips.
func escapeText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func unescapeText(s string) string {
	if len(s) >= 2 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}

func indexOf(xs []string, x string) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
