// Command ingest measures measurement ingest through the real HTTP batch
// endpoint against a plain COPY of the same rows, in one run:
//
//  1. a fresh database; 20 daily standards x 50 systems; partitions made;
//  2. `assure serve` built from ./cmd/assure and started as its own process;
//  3. 1,000,000 rows sent as 100 CSV requests of 10,000 rows to
//     POST /api/v1/measurements/batch (a few at a time), while the server's
//     VmRSS is sampled;
//  4. measurements and series_values truncated, then the same 1,000,000 rows
//     COPYed straight into measurements with pgx (the baseline: no
//     validation, no upsert, no series, no audit).
//
// Run from the module root: go run ./bench/ingest
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"assure/bench/benchkit"
	"assure/models"
)

func main() {
	standards := flag.Int("standards", 20, "standards (each gets rows/standards rows)")
	systems := flag.Int("systems", 50, "systems")
	rows := flag.Int("rows", 1_000_000, "rows in all")
	batch := flag.Int("batch", 10_000, "rows per request")
	clients := flag.Int("clients", 2, "requests in flight at once")
	keep := flag.Bool("keep", false, "keep the database and the server log")
	flag.Parse()
	if err := run(context.Background(), *standards, *systems, *rows, *batch, *clients, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "bench/ingest:", err)
		os.Exit(1)
	}
}

type catalogue struct {
	stdIDs, stdCodes []string
	sysIDs, sysNames []string
	days             int
	start            time.Time
}

func run(ctx context.Context, nStd, nSys, nRows, batch, clients int, keep bool) error {
	if nRows%(nStd*nSys) != 0 || (nRows/nStd)%batch != 0 || batch%nSys != 0 {
		return fmt.Errorf("rows must split evenly: rows/(standards*systems) days, batch a multiple of systems")
	}
	fmt.Printf("bench/ingest: %d rows, %d standards x %d systems, %d rows per request, %d in flight; load average %s\n",
		nRows, nStd, nSys, batch, clients, benchkit.Load())
	db, err := benchkit.FreshDB(ctx, "assure_bench_ingest")
	if err != nil {
		return err
	}
	if !keep {
		defer db.Close()
	}
	cat, err := seed(ctx, db, nStd, nSys, nRows/(nStd*nSys))
	if err != nil {
		return err
	}
	token, err := db.User(ctx, models.RoleImprover)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "assure-bench-")
	if err != nil {
		return err
	}
	if !keep {
		defer os.RemoveAll(dir)
	}
	bin, err := benchkit.Build(ctx, dir)
	if err != nil {
		return err
	}
	srv, err := benchkit.Start(ctx, bin, db.URL, filepath.Join(dir, "server.log"))
	if err != nil {
		return err
	}
	defer srv.Stop()

	bodies := make([][]byte, 0, nRows/batch)
	perStd := nRows / nStd
	for s := 0; s < nStd; s++ {
		for off := 0; off < perStd; off += batch {
			bodies = append(bodies, csvBody(cat, s, off/nSys, batch/nSys))
		}
	}
	if _, err := db.Pool.Exec(ctx, "CHECKPOINT"); err != nil {
		return err
	}
	rss := benchkit.SampleRSS(srv.PID(), 20*time.Millisecond)
	began := time.Now()
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	client := &http.Client{Timeout: 5 * time.Minute}
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(bodies) {
					return
				}
				if err := post(client, srv.URL, token, bodies[i], batch); err != nil {
					errs <- fmt.Errorf("request %d: %w", i, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	httpTime := time.Since(began)
	sampled, hwm := rss.Stop()
	close(errs)
	if err := <-errs; err != nil {
		return err
	}
	var stored, series int64
	if err := db.Pool.QueryRow(ctx, "SELECT (SELECT count(*) FROM measurements), (SELECT count(*) FROM series_values)").Scan(&stored, &series); err != nil {
		return err
	}
	if stored != int64(nRows) {
		return fmt.Errorf("%d measurements stored, want %d", stored, nRows)
	}

	// The baseline: the same rows, COPYed straight into the same table.
	if _, err := db.Pool.Exec(ctx, "TRUNCATE measurements, series_values"); err != nil {
		return err
	}
	if _, err := db.Pool.Exec(ctx, "CHECKPOINT"); err != nil {
		return err
	}
	began = time.Now()
	n, err := db.Pool.CopyFrom(ctx, pgx.Identifier{"measurements"},
		[]string{"standard_id", "system_id", "period_start", "value", "note", "source"}, newCopySource(cat, nStd))
	if err != nil {
		return fmt.Errorf("COPY baseline: %w", err)
	}
	copyTime := time.Since(began)
	if n != int64(nRows) {
		return fmt.Errorf("COPY wrote %d rows, want %d", n, nRows)
	}

	httpRate := float64(nRows) / httpTime.Seconds()
	copyRate := float64(nRows) / copyTime.Seconds()
	fmt.Printf("HTTP batch ingest: %d rows in %v = %.0f rows/s (%d series values maintained)\n", nRows, httpTime.Round(time.Millisecond), httpRate, series)
	fmt.Printf("pgx COPY baseline: %d rows in %v = %.0f rows/s\n", nRows, copyTime.Round(time.Millisecond), copyRate)
	fmt.Printf("ratio HTTP / COPY: %.0f%%   (targets: >= 100000 rows/s and >= 50%%)\n", 100*httpRate/copyRate)
	fmt.Printf("server peak RSS: %.0f MiB sampled, %.0f MiB high-water mark (target < 200 MB)\n", sampled, hwm)
	fmt.Printf("load average after: %s\n", benchkit.Load())
	if keep {
		fmt.Printf("kept database %s and %s\n", db.Name, filepath.Join(dir, "server.log"))
	}
	return nil
}

func seed(ctx context.Context, db *benchkit.DB, nStd, nSys, days int) (*catalogue, error) {
	cat := &catalogue{days: days, start: time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)}
	for i := 0; i < nSys; i++ {
		id, name := uuid.Must(uuid.NewV7()).String(), fmt.Sprintf("Bench system %02d", i+1)
		if _, err := db.Pool.Exec(ctx, "INSERT INTO systems (id, name, criticality) VALUES ($1, $2, 'high')", id, name); err != nil {
			return nil, err
		}
		cat.sysIDs, cat.sysNames = append(cat.sysIDs, id), append(cat.sysNames, name)
	}
	for i := 0; i < nStd; i++ {
		id, code := uuid.Must(uuid.NewV7()).String(), fmt.Sprintf("BI-%02d", i+1)
		if _, err := db.Pool.Exec(ctx, `INSERT INTO standards (id, code, title, category, metric, unit, direction, threshold, period, rollup)
			VALUES ($1, $2, 'Bench ingest', 'availability', 'Availability', 'percent', 'higher_is_better', 99, 'day', 'mean')`, id, code); err != nil {
			return nil, err
		}
		if _, err := db.Pool.Exec(ctx, "INSERT INTO standard_systems (standard_id, system_id) SELECT $1, id FROM systems", id); err != nil {
			return nil, err
		}
		cat.stdIDs, cat.stdCodes = append(cat.stdIDs, id), append(cat.stdCodes, code)
	}
	end := cat.start.AddDate(0, 0, days)
	if _, err := db.Pool.Exec(ctx, "SELECT ensure_measurement_partitions($1, $2)", cat.start, end); err != nil {
		return nil, err
	}
	return cat, nil
}

// value is the same for the HTTP run and the COPY baseline.
func value(s, d, y int) float64 { return 95 + float64((s*7+d*13+y*31)%500)/100 }

func csvBody(cat *catalogue, s, fromDay, nDays int) []byte {
	var b bytes.Buffer
	b.WriteString("standard,system,period_start,value,note\n")
	for d := fromDay; d < fromDay+nDays; d++ {
		day := cat.start.AddDate(0, 0, d).Format(time.DateOnly)
		for y, name := range cat.sysNames {
			fmt.Fprintf(&b, "%s,%s,%s,%g,\n", cat.stdCodes[s], name, day, value(s, d, y))
		}
	}
	return b.Bytes()
}

func post(client *http.Client, base, token string, body []byte, want int) error {
	req, err := http.NewRequest(http.MethodPost, base+"/api/v1/measurements/batch", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "text/csv")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(msg), fmt.Sprintf(`"received":%d`, want)) {
		return fmt.Errorf("status %d: %s", resp.StatusCode, msg)
	}
	return nil
}

// copySource yields the benchmark's rows in the order the requests send them.
type copySource struct {
	cat     *catalogue
	nStd    int
	s, d, y int
	stdIDs  []pgtype.UUID
	sysIDs  []pgtype.UUID
	vals    []any
	started bool
}

func newCopySource(cat *catalogue, nStd int) *copySource {
	c := &copySource{cat: cat, nStd: nStd, vals: make([]any, 6)}
	for _, id := range cat.stdIDs {
		c.stdIDs = append(c.stdIDs, pgtype.UUID{Bytes: uuid.MustParse(id), Valid: true})
	}
	for _, id := range cat.sysIDs {
		c.sysIDs = append(c.sysIDs, pgtype.UUID{Bytes: uuid.MustParse(id), Valid: true})
	}
	return c
}

func (c *copySource) Next() bool {
	if !c.started {
		c.started = true
		return true
	}
	c.y++
	if c.y == len(c.sysIDs) {
		c.y = 0
		c.d++
	}
	if c.d == c.cat.days {
		c.d = 0
		c.s++
	}
	return c.s < c.nStd
}

func (c *copySource) Values() ([]any, error) {
	c.vals[0], c.vals[1] = c.stdIDs[c.s], c.sysIDs[c.y]
	c.vals[2] = pgtype.Date{Time: c.cat.start.AddDate(0, 0, c.d), Valid: true}
	c.vals[3], c.vals[4], c.vals[5] = value(c.s, c.d, c.y), "", string(models.SourceImport)
	return c.vals, nil
}

func (c *copySource) Err() error { return nil }
