package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"

	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/measurements"
)

const importUsage = `import measurements [--quiet] [--batch N] FILE.csv

Streams a CSV of measurements (header standard,system,period_start,value,note)
of any size into Assure, in batches of N rows (default 10,000), as source
"import". Each batch is checked and committed on its own, all or none: when a
row is invalid the import stops there with the row's number and exit status 1;
the batches before it stay committed and nothing of the failing batch is
written. Re-running the same file replaces values, never duplicates them, so
after fixing the row just run it again.`

// maxListedProblems is how many of a failing batch's problems are printed.
const maxListedProblems = 10

func runImport(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "measurements" {
		fs := newFlags(e, "import", importUsage)
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
			return parseFlags(fs, args)
		}
		fs.Usage()
		if len(args) == 0 {
			return usageError{"say what to import: import measurements FILE.csv"}
		}
		return usageError{fmt.Sprintf("unknown import %q; only measurements can be imported", args[0])}
	}
	fs := newFlags(e, "import measurements", importUsage)
	quiet := fs.Bool("quiet", false, "print only the summary (and any error)")
	batch := fs.Int("batch", 10_000, "rows per batch (transaction), at most 100,000")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return usageError{"name one CSV file"}
	}
	if *batch < 1 || *batch > measurements.MaxBatchRows {
		return usageError{fmt.Sprintf("--batch must be from 1 to %d", measurements.MaxBatchRows)}
	}
	path := fs.Arg(0)
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	var size int64
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}

	cfg, err := loadConfig(e, false)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg, newLogger(e.stderr, cfg.LogFormat))
	if err != nil {
		return err
	}
	defer a.DB.Close()

	im := &importer{
		record: a.Measurements.Record,
		actor:  access.System("import:" + filepath.Base(path)),
		file:   filepath.Base(path),
		batch:  *batch,
		out:    e.stdout,
	}
	counted := &countingReader{r: f}
	im.progress = newImportProgress(e.stderr, size, *quiet)
	return im.run(ctx, counted)
}

// importer feeds a CSV stream through the measurements service in batches.
type importer struct {
	record   func(context.Context, access.Actor, []measurements.Input, measurements.Options) (measurements.Result, error)
	actor    access.Actor
	file     string
	batch    int
	out      io.Writer
	progress importProgress
}

func (im *importer) run(ctx context.Context, in *countingReader) error {
	began := time.Now()
	cr, err := measurements.NewCSVReader(bufio.NewReaderSize(in, 1<<20))
	if err != nil {
		return im.fail(err, 0, 0)
	}
	var total measurements.Result
	committed, batches := 0, 0
	rows := make([]measurements.Input, 0, im.batch)
	flush := func() error {
		if len(rows) == 0 {
			return nil
		}
		first := committed + 1
		res, err := im.record(ctx, im.actor, rows, measurements.Options{
			Source: models.SourceImport,
			Label:  fmt.Sprintf("%s rows %d-%d", im.file, first, committed+len(rows)),
		})
		if err != nil {
			return im.fail(err, committed, batches)
		}
		total.Received += res.Received
		total.Inserted += res.Inserted
		total.Updated += res.Updated
		committed += len(rows)
		batches++
		rows = rows[:0]
		im.progress.update(committed, in.n, time.Since(began))
		return nil
	}
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return im.fail(err, committed, batches)
		}
		rows = append(rows, row)
		if len(rows) == im.batch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	im.progress.finish()
	elapsed := time.Since(began)
	fmt.Fprintf(im.out, "imported %s: %d rows received, %d inserted, %d updated in %s (%.0f rows/s)\n",
		im.file, total.Received, total.Inserted, total.Updated, elapsed.Round(time.Millisecond), float64(total.Received)/elapsed.Seconds())
	return nil
}

// fail explains a failed import: which rows, why, and what was committed.
func (im *importer) fail(err error, committed, batches int) error {
	im.progress.finish()
	kept := "nothing was committed"
	if committed > 0 {
		kept = fmt.Sprintf("rows 1-%d (%d batch(es)) were committed; nothing after row %d was written", committed, batches, committed)
	}
	var be *measurements.BatchError
	var ce *measurements.CSVError
	var ve *services.ValidationError
	switch {
	case errors.As(err, &be):
		msg := ""
		for i, f := range be.Invalid.Fields {
			if i == maxListedProblems {
				break
			}
			msg += fmt.Sprintf("\n  row %d: %s %s", committed+f.Row, f.Field, f.Message)
		}
		if be.Total > maxListedProblems {
			msg += fmt.Sprintf("\n  … and %d more problem(s) in this batch", be.Total-maxListedProblems)
		}
		return exitCodeError{1, fmt.Sprintf("%s: row %d is not valid; %s.%s", im.file, committed+be.Invalid.Fields[0].Row, kept, msg)}
	case errors.As(err, &ce):
		where := "the header"
		if ce.Row > 0 {
			where = fmt.Sprintf("row %d", ce.Row)
		}
		return exitCodeError{1, fmt.Sprintf("%s: %s cannot be read: %s; %s.", im.file, where, ce.Err, kept)}
	case errors.As(err, &ve):
		return exitCodeError{1, fmt.Sprintf("%s: %v; %s.", im.file, describe(err), kept)}
	default:
		return exitCodeError{1, fmt.Sprintf("%s: %v; %s.", im.file, err, kept)}
	}
}

// countingReader counts the bytes read, for progress.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// importProgress reports how far an import has got.
type importProgress interface {
	update(rows int, bytes int64, elapsed time.Duration)
	finish()
}

// newImportProgress draws a bar on a terminal, prints a line per few
// seconds otherwise, and nothing when quiet.
func newImportProgress(w io.Writer, size int64, quiet bool) importProgress {
	if quiet {
		return silentProgress{}
	}
	if f, ok := w.(*os.File); ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())) && size > 0 {
		return &barProgress{bar: progressbar.NewOptions64(size,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("importing"),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionFullWidth(),
			progressbar.OptionOnCompletion(func() { fmt.Fprintln(w) }),
		)}
	}
	return &lineProgress{w: w, size: size, every: 2 * time.Second}
}

type silentProgress struct{}

func (silentProgress) update(int, int64, time.Duration) {}
func (silentProgress) finish()                          {}

type barProgress struct{ bar *progressbar.ProgressBar }

func (b *barProgress) update(rows int, bytes int64, elapsed time.Duration) {
	b.bar.Describe(fmt.Sprintf("%d rows, %.0f rows/s", rows, float64(rows)/elapsed.Seconds()))
	_ = b.bar.Set64(bytes) // only fails on a closed writer; progress is best effort
}

func (b *barProgress) finish() { _ = b.bar.Finish() }

type lineProgress struct {
	w     io.Writer
	size  int64
	every time.Duration
	last  time.Duration
}

func (l *lineProgress) update(rows int, bytes int64, elapsed time.Duration) {
	if elapsed-l.last < l.every && l.last != 0 {
		return
	}
	l.last = elapsed
	pct := ""
	if l.size > 0 {
		pct = fmt.Sprintf(" (%.0f%% of the file)", 100*float64(bytes)/float64(l.size))
	}
	fmt.Fprintf(l.w, "import: %d rows committed%s, %.0f rows/s\n", rows, pct, float64(rows)/elapsed.Seconds())
}

func (l *lineProgress) finish() {}
