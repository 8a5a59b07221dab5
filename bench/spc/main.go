// Command spc measures reading a standard's SPC chart under load:
//
//  1. a fresh database with ~10,000,000 measurements: one daily standard with
//     five years (1,826 periods) for 50 systems, and ~200 more standards
//     with ~1,000 days each for the same systems, generated in SQL, with
//     series_values filled to match (every system and the roll-up);
//  2. `assure serve` built from ./cmd/assure, started as its own process;
//  3. a few concurrent clients in this process hitting
//     GET /api/v1/standards/{id}/spc (the whole five years) for a while, then
//     the same load against /healthz as the in-run baseline;
//  4. p50/p95/p99 and requests/s of both.
//
// Run from the module root: go run ./bench/spc
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"assure/bench/benchkit"
	"assure/internal/app"
	"assure/internal/config"
	"assure/models"
	"assure/services/access"
	"assure/services/standards"
)

func main() {
	others := flag.Int("standards", 199, "standards besides the five-year one")
	systems := flag.Int("systems", 50, "systems (each standard has a value per system per day)")
	days := flag.Int("days", 996, "days of data for each of the other standards")
	clients := flag.Int("clients", 4, "concurrent clients")
	duration := flag.Duration("duration", 20*time.Second, "how long each load runs")
	keep := flag.Bool("keep", false, "keep the database")
	flag.Parse()
	if err := run(context.Background(), *others, *systems, *days, *clients, *duration, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "bench/spc:", err)
		os.Exit(1)
	}
}

const fiveYears = 1826

func run(ctx context.Context, others, systems, days, clients int, duration time.Duration, keep bool) error {
	fmt.Printf("bench/spc: 1 standard x %d days + %d standards x %d days, %d systems each; %d clients for %v; load average %s\n",
		fiveYears, others, days, systems, clients, duration, benchkit.Load())
	db, err := benchkit.FreshDB(ctx, "assure_bench_spc")
	if err != nil {
		return err
	}
	if !keep {
		defer db.Close()
	}
	began := time.Now()
	target, from, to, err := generate(ctx, db, others, systems, days)
	if err != nil {
		return err
	}
	var rows, series int64
	if err := db.Pool.QueryRow(ctx, "SELECT (SELECT count(*) FROM measurements), (SELECT count(*) FROM series_values)").Scan(&rows, &series); err != nil {
		return err
	}
	fmt.Printf("generated %d measurements and %d series values in %v\n", rows, series, time.Since(began).Round(time.Second))

	token, err := db.User(ctx, models.RoleExecutive)
	if err != nil {
		return err
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
	srv, err := benchkit.Start(ctx, bin, db.URL, filepath.Join(dir, "server.log"))
	if err != nil {
		return err
	}
	defer srv.Stop()

	spcURL := fmt.Sprintf("%s/api/v1/standards/%s/spc?from=%s&to=%s", srv.URL, target, from.Format(time.DateOnly), to.Format(time.DateOnly))
	points, err := checkChart(spcURL, token)
	if err != nil {
		return err
	}
	fmt.Printf("the chart has %d points\n", points)

	healthURL := srv.URL + "/healthz"
	spc, _ := benchkit.Hammer(clients, duration, requestTimeout, func(*rand.Rand) (string, string) { return spcURL, token }, "")
	health, _ := benchkit.Hammer(clients, duration, requestTimeout, func(*rand.Rand) (string, string) { return healthURL, "" }, "")
	report("GET /api/v1/standards/{id}/spc", spc, duration)
	report("GET /healthz (baseline)", health, duration)
	if spc.Errors > 0 || health.Errors > 0 {
		return fmt.Errorf("%d and %d requests failed", spc.Errors, health.Errors)
	}
	p := benchkit.Percentiles(spc.Latencies, 95)[0]
	fmt.Printf("SPC p95 %v (target < 20ms); load average after: %s\n", p.Round(10*time.Microsecond), benchkit.Load())
	return nil
}

// generate creates the catalogue through the standards service (so the
// standards have their first revisions as the server expects) and the data
// in SQL. It returns the five-year standard's id and its first and last day.
func generate(ctx context.Context, db *benchkit.DB, others, systems, days int) (string, time.Time, time.Time, error) {
	cfg, err := config.Load(func(k string) string {
		if k == "ASSURE_JWT_SECRET" {
			return benchkit.Secret
		}
		return ""
	})
	if err != nil {
		return "", time.Time{}, time.Time{}, err
	}
	a, err := app.New(cfg, db.DB, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
	if err != nil {
		return "", time.Time{}, time.Time{}, err
	}
	if _, err := db.Pool.Exec(ctx, `INSERT INTO systems (id, name, criticality)
		SELECT gen_random_uuid(), 'Bench system ' || lpad(i::text, 3, '0'), 'high' FROM generate_series(1, $1) i`, systems); err != nil {
		return "", time.Time{}, time.Time{}, err
	}
	var sysIDs []string
	if err := db.Gorm.Raw("SELECT id FROM systems ORDER BY name").Scan(&sysIDs).Error; err != nil {
		return "", time.Time{}, time.Time{}, err
	}
	to := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, -1)
	from := to.AddDate(0, 0, 1-fiveYears)
	actor := access.System("bench")
	threshold := 99.0
	var target string
	for i := 0; i <= others; i++ {
		eff := from.Format(time.DateOnly)
		st, err := a.Standards.Create(ctx, actor, standards.NewStandard{
			Code: fmt.Sprintf("SP-%03d", i+1), Title: "Bench availability", Category: "availability", Metric: "Availability",
			Unit: "percent", Direction: "higher_is_better", Threshold: &threshold, Period: "day", Rollup: "mean",
			SystemIDs: sysIDs, EffectiveFrom: &eff,
		})
		if err != nil {
			return "", time.Time{}, time.Time{}, fmt.Errorf("create standard: %w", err)
		}
		if i == 0 {
			target = st.ID
		}
	}
	if _, err := db.Pool.Exec(ctx, "SELECT ensure_measurement_partitions($1, $2)", from, to); err != nil {
		return "", time.Time{}, time.Time{}, err
	}
	conn, err := db.Pool.Acquire(ctx)
	if err != nil {
		return "", time.Time{}, time.Time{}, err
	}
	defer conn.Release()
	// A bulk load: skip the per-row foreign-key triggers (every id comes from
	// the tables just filled) and the wait for each commit's flush.
	for _, q := range []string{"SET session_replication_role = replica", "SET synchronous_commit = off", "SET work_mem = '256MB'"} {
		if _, err := conn.Exec(ctx, q); err != nil {
			return "", time.Time{}, time.Time{}, err
		}
	}
	value := `(99 + ((hashint4((d::date - date '2000-01-01') + y.n::int * 7919) & 1023) / 1023.0) - CASE WHEN extract(dow FROM d) = 1 THEN 0.4 ELSE 0 END)`
	fill := func(where string, days int, first time.Time) error {
		_, err := conn.Exec(ctx, fmt.Sprintf(`INSERT INTO measurements (standard_id, system_id, period_start, value, note, source)
			SELECT s.id, y.id, d::date, %s, '', 'api'
			FROM standards s
			CROSS JOIN (SELECT id, row_number() OVER (ORDER BY name) AS n FROM systems) y
			CROSS JOIN generate_series($1::date, $1::date + ($2::int - 1), interval '1 day') d
			WHERE %s`, value, where), first, days)
		return err
	}
	if err := fill("s.id = '"+target+"'", fiveYears, from); err != nil {
		return "", time.Time{}, time.Time{}, fmt.Errorf("fill the five-year standard: %w", err)
	}
	if err := fill("s.id <> '"+target+"'", days, to.AddDate(0, 0, 1-days)); err != nil {
		return "", time.Time{}, time.Time{}, fmt.Errorf("fill the other standards: %w", err)
	}
	for _, q := range []string{
		`INSERT INTO series_values (standard_id, system_id, period_start, value)
		 SELECT standard_id, system_id, period_start, value FROM measurements`,
		`INSERT INTO series_values (standard_id, system_id, period_start, value)
		 SELECT standard_id, NULL, period_start, avg(value) FROM measurements GROUP BY standard_id, period_start`,
		"VACUUM ANALYZE measurements", "VACUUM ANALYZE series_values",
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			return "", time.Time{}, time.Time{}, err
		}
	}
	return target, from, to, nil
}

func checkChart(url, token string) (int, error) {
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("chart: %d %s", resp.StatusCode, body)
	}
	var chart struct {
		Points []json.RawMessage `json:"points"`
	}
	if err := json.Unmarshal(body, &chart); err != nil {
		return 0, fmt.Errorf("chart: %w", err)
	}
	return len(chart.Points), nil
}

// requestTimeout is how long one request of the load may take before it
// counts as failed.
const requestTimeout = 30 * time.Second

func report(name string, r benchkit.Result, d time.Duration) {
	p := benchkit.Percentiles(r.Latencies, 50, 95, 99)
	fmt.Printf("%-32s %7d requests, %7.0f req/s, p50 %8v  p95 %8v  p99 %8v  (%d errors)\n", name, len(r.Latencies),
		float64(len(r.Latencies))/d.Seconds(), p[0].Round(10*time.Microsecond), p[1].Round(10*time.Microsecond), p[2].Round(10*time.Microsecond), r.Errors)
}
