// Command dashboard measures GET /api/v1/dashboard under load (issue 8):
//
//  1. a fresh database: the demo trust (`assure seed --demo`), or with
//     -scale 10,000,000 measurements across 200 daily standards and 50
//     systems generated in SQL, series_values filled to match (every system
//     and the roll-up), and a few years of reports, cycles and actions;
//  2. `assure serve` built from ./cmd/assure, started as its own process;
//  3. the first request, which builds the server's summary (reported);
//  4. 50 concurrent clients (-clients) hitting /healthz for a while — the
//     in-run baseline — then the dashboard (mostly unfiltered, some with a
//     site, system or category filter) while one more client keeps hitting
//     /healthz, so the baseline is also measured under the same load;
//  5. optionally (-write-every) the dashboard again while a measurement is
//     recorded through the API every few seconds, each write invalidating
//     the summary;
//  6. p50/p95/p99, requests/s and the ratios to /healthz.
//
// Run from the module root: go run ./bench/dashboard [-scale]
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"assure/bench/benchkit"
	"assure/internal/database"
	"assure/models"
)

func main() {
	scale := flag.Bool("scale", false, "10M measurements across 200 standards and 50 systems instead of the demo trust")
	standards := flag.Int("standards", 200, "with -scale: daily standards")
	systems := flag.Int("systems", 50, "with -scale: systems (every standard applies to every system)")
	days := flag.Int("days", 1000, "with -scale: days of data per standard and system")
	clients := flag.Int("clients", 50, "concurrent clients")
	duration := flag.Duration("duration", 20*time.Second, "how long each load runs")
	writeEvery := flag.Duration("write-every", 5*time.Second, "during a third run, record a measurement this often (0: skip the run)")
	keep := flag.Bool("keep", false, "keep the database")
	reuse := flag.String("db", "", "use this database, made by an earlier run with -keep, instead of a fresh one")
	flag.Parse()
	err := run(context.Background(), options{scale: *scale, standards: *standards, systems: *systems, days: *days,
		clients: *clients, duration: *duration, writeEvery: *writeEvery, keep: *keep, reuse: *reuse})
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench/dashboard:", err)
		os.Exit(1)
	}
}

type options struct {
	scale                bool
	standards, systems   int
	days, clients        int
	duration, writeEvery time.Duration
	keep                 bool
	reuse                string
}

func run(ctx context.Context, o options) error {
	what := "the demo trust"
	if o.scale {
		what = fmt.Sprintf("%d daily standards x %d systems x %d days", o.standards, o.systems, o.days)
	}
	fmt.Printf("bench/dashboard: %s; %d clients for %v; load average %s\n", what, o.clients, o.duration, benchkit.Load())
	var db *benchkit.DB
	var err error
	if o.reuse != "" {
		db, err = openDB(ctx, o.reuse)
		if err != nil {
			return err
		}
		defer db.DB.Close()
	} else {
		db, err = benchkit.FreshDB(ctx, "assure_bench_dash")
		if err != nil {
			return err
		}
		if o.keep {
			fmt.Println("database (run again with -db):", db.URL)
		} else {
			defer db.Close()
		}
	}
	dir, err := os.MkdirTemp("", "assure-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin, err := benchkit.Build(ctx, dir)
	if err != nil {
		return err
	}

	began := time.Now()
	var writeTo write
	switch {
	case o.reuse != "" && o.scale:
		writeTo = scaleWrite()
	case o.reuse != "":
		writeTo = demoWrite()
	case o.scale:
		writeTo, err = generate(ctx, db, o.standards, o.systems, o.days)
	default:
		writeTo, err = seedDemo(ctx, bin, db)
	}
	if err != nil {
		return err
	}
	var rows, series, reports int64
	if err := db.Pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM measurements), (SELECT count(*) FROM series_values),
		(SELECT count(*) FROM issues)`).Scan(&rows, &series, &reports); err != nil {
		return err
	}
	fmt.Printf("data: %d measurements, %d series values, %d reports (made in %v)\n", rows, series, reports,
		time.Since(began).Round(time.Second))

	exec, err := db.User(ctx, models.RoleExecutive)
	if err != nil {
		return err
	}
	improver, err := db.User(ctx, models.RoleImprover)
	if err != nil {
		return err
	}
	srv, err := benchkit.Start(ctx, bin, db.URL, filepath.Join(dir, "server.log"))
	if err != nil {
		return err
	}
	defer srv.Stop()

	urls, err := dashboardURLs(ctx, db, srv.URL)
	if err != nil {
		return err
	}
	t0 := time.Now()
	d, err := fetch(urls[0], exec)
	if err != nil {
		return err
	}
	fmt.Printf("first request (builds the summary): %v — %d standards x %d systems in the matrix, %d bytes\n",
		time.Since(t0).Round(time.Millisecond), len(d.Matrix.Rows), len(d.Matrix.Systems), d.size)

	health := srv.URL + "/healthz"
	base, _ := benchkit.Hammer(o.clients, o.duration, requestTimeout, func(*rand.Rand) (string, string) { return health, "" }, "")
	dash, beside := benchkit.Hammer(o.clients, o.duration, requestTimeout, func(r *rand.Rand) (string, string) { return urls[r.IntN(len(urls))], exec }, health)
	report("GET /healthz, alone (baseline)", base, o.duration)
	report("GET /api/v1/dashboard", dash, o.duration)
	report("GET /healthz, beside the dashboard", beside, o.duration)
	p := func(r benchkit.Result, q float64) time.Duration { return benchkit.Percentiles(r.Latencies, q)[0] }
	ratio := func(a, b time.Duration) float64 { return float64(a) / float64(max(b, time.Microsecond)) }
	fmt.Printf("dashboard / healthz alone:        p50 x%.1f  p95 x%.1f  p99 x%.1f\n",
		ratio(p(dash, 50), p(base, 50)), ratio(p(dash, 95), p(base, 95)), ratio(p(dash, 99), p(base, 99)))
	fmt.Printf("dashboard / healthz beside it:    p50 x%.1f  p95 x%.1f  p99 x%.1f\n",
		ratio(p(dash, 50), p(beside, 50)), ratio(p(dash, 95), p(beside, 95)), ratio(p(dash, 99), p(beside, 99)))
	target := 50 * time.Millisecond
	if o.scale {
		target = 200 * time.Millisecond
	}
	fmt.Printf("dashboard p95 %v (target < %v)\n", p(dash, 95).Round(10*time.Microsecond), target)
	failed := base.Errors + dash.Errors + beside.Errors

	if o.writeEvery > 0 {
		var writes atomic.Int64
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := time.NewTicker(o.writeEvery)
			defer t.Stop()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				case <-t.C:
				}
				if err := writeTo.record(srv.URL, improver, i); err != nil {
					fmt.Fprintln(os.Stderr, "write:", err)
					continue
				}
				writes.Add(1)
			}
		}()
		busy, _ := benchkit.Hammer(o.clients, o.duration, requestTimeout, func(r *rand.Rand) (string, string) { return urls[r.IntN(len(urls))], exec }, "")
		close(stop)
		wg.Wait()
		report(fmt.Sprintf("GET /api/v1/dashboard, %d writes", writes.Load()), busy, o.duration)
		fmt.Printf("under writes: p95 x%.1f, p99 x%.1f healthz alone\n", ratio(p(busy, 95), p(base, 95)), ratio(p(busy, 99), p(base, 99)))
		failed += busy.Errors
	}
	fmt.Printf("load average after: %s\n", benchkit.Load())
	if failed > 0 {
		return fmt.Errorf("%d requests failed", failed)
	}
	return nil
}

// openDB opens a database an earlier run kept.
func openDB(ctx context.Context, url string) (*benchkit.DB, error) {
	d, err := database.Open(ctx, url)
	if err != nil {
		return nil, err
	}
	return &benchkit.DB{URL: url, DB: d}, nil
}

// seedDemo loads the demo trust with the binary, as `make run` does.
func seedDemo(ctx context.Context, bin string, db *benchkit.DB) (write, error) {
	cmd := exec.CommandContext(ctx, bin, "seed", "--demo")
	cmd.Env = append(os.Environ(), "DATABASE_URL="+db.URL, "ASSURE_JWT_SECRET="+benchkit.Secret, "ASSURE_LOG_FORMAT=json")
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return write{}, fmt.Errorf("seed the demo trust: %w", err)
	}
	return demoWrite(), nil
}

// demoWrite rewrites last month's PACS availability (AV-02, monthly).
func demoWrite() write {
	last := time.Now().UTC().AddDate(0, -1, 0)
	return write{standard: "AV-02", system: "PACS", period: time.Date(last.Year(), last.Month(), 1, 0, 0, 0, 0, time.UTC)}
}

// write is the measurement re-recorded during the third run.
type write struct {
	standard, system string
	period           time.Time
}

func (w write) record(base, token string, i int) error {
	body := fmt.Sprintf(`{"standard":%q,"system":%q,"period_start":%q,"value":%g}`, w.standard, w.system,
		w.period.Format(time.DateOnly), 99.5+float64(i%5)/10)
	req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/measurements", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		b, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("record a measurement: %d %s", resp.StatusCode, b)
	}
	return nil
}

// dashboardURLs is the mix the clients request: mostly the whole
// organisation, sometimes one site, one system or one category.
func dashboardURLs(ctx context.Context, db *benchkit.DB, base string) ([]string, error) {
	var site, system string
	if err := db.Pool.QueryRow(ctx, `SELECT (SELECT id::text FROM sites ORDER BY name LIMIT 1),
		(SELECT id::text FROM systems ORDER BY name LIMIT 1)`).Scan(&site, &system); err != nil {
		return nil, fmt.Errorf("pick filters: %w", err)
	}
	u := base + "/api/v1/dashboard"
	return []string{u, u, u, u, u, u, u + "?site_id=" + site, u + "?system_id=" + system, u + "?category=availability"}, nil
}

type dashboard struct {
	Matrix struct {
		Rows    []json.RawMessage `json:"rows"`
		Systems []json.RawMessage `json:"systems"`
	} `json:"matrix"`
	size int
}

func fetch(url, token string) (dashboard, error) {
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := (&http.Client{Timeout: 5 * time.Minute}).Do(req)
	if err != nil {
		return dashboard{}, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return dashboard{}, fmt.Errorf("dashboard: %d %s", resp.StatusCode, body)
	}
	var d dashboard
	if err := json.Unmarshal(body, &d); err != nil {
		return dashboard{}, fmt.Errorf("dashboard: %w", err)
	}
	d.size = len(body)
	return d, nil
}

// requestTimeout is how long one request of the load may take before it
// counts as failed.
const requestTimeout = 60 * time.Second

func report(name string, r benchkit.Result, d time.Duration) {
	p := benchkit.Percentiles(r.Latencies, 50, 95, 99)
	fmt.Printf("%-40s %7d requests, %6.0f req/s, p50 %9v  p95 %9v  p99 %9v  (%d errors)\n", name, len(r.Latencies),
		float64(len(r.Latencies))/d.Seconds(), p[0].Round(10*time.Microsecond), p[1].Round(10*time.Microsecond),
		p[2].Round(10*time.Microsecond), r.Errors)
}
