// Package benchkit is what the benchmark programs under bench/ share: a
// fresh, migrated database, the assure binary built and started as a real
// server process, a signed-in user, concurrent GET loops against it
// (hammer.go), RSS sampling and latency percentiles.
package benchkit

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"assure/internal/database"
	"assure/internal/testdb"
	"assure/models"
	"assure/services/auth"
)

// Secret signs the bench server's access tokens.
const Secret = "bench-secret-bench-secret-bench-secret-01"

// DB is a fresh, migrated database dropped by Close.
type DB struct {
	Name string
	URL  string
	*database.DB
}

// FreshDB creates and migrates a database named after prefix on the server
// of TEST_DATABASE_URL (the local PostgreSQL by default).
func FreshDB(ctx context.Context, prefix string) (*DB, error) {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	name := prefix + "_" + hex.EncodeToString(b)
	admin, err := database.Open(ctx, testdb.ServerURL())
	if err != nil {
		return nil, err
	}
	defer admin.Close()
	if _, err := admin.Pool.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		return nil, fmt.Errorf("create database %s: %w", name, err)
	}
	url := testdb.URLFor(name)
	db, err := database.Open(ctx, url)
	if err != nil {
		return nil, err
	}
	if _, err := db.MigrateUp(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return &DB{Name: name, URL: url, DB: db}, nil
}

// Close drops the database.
func (d *DB) Close() {
	d.DB.Close()
	if err := testdb.DropDatabase(d.Name); err != nil {
		fmt.Fprintln(os.Stderr, "drop bench database:", err)
	}
}

// User creates an active user with role and returns an access token for it.
func (d *DB) User(ctx context.Context, role models.Role) (string, error) {
	u := models.User{Email: fmt.Sprintf("bench-%s-%d@bench.test", role, time.Now().UnixNano()), Name: "Bench " + string(role),
		Roles: models.StringArray{string(role)}, Active: true, Version: 1}
	if err := d.Gorm.WithContext(ctx).Create(&u).Error; err != nil {
		return "", fmt.Errorf("create bench user: %w", err)
	}
	tok, _, err := auth.NewSigner([]byte(Secret), time.Now).Issue(u.ID, []models.Role{role})
	return tok, err
}

// Server is a running `assure serve`.
type Server struct {
	URL string
	cmd *exec.Cmd
	log *os.File
}

// Build compiles ./cmd/assure (run from the module root) into dir.
func Build(ctx context.Context, dir string) (string, error) {
	bin := filepath.Join(dir, "assure")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/assure")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("build assure (run from the module root): %w", err)
	}
	return bin, nil
}

// Start runs bin serve against dbURL on a free port and waits until /readyz
// answers 200. Its log goes to logPath.
func Start(ctx context.Context, bin, dbURL, logPath string) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	_ = ln.Close() // the server binds it next
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "DATABASE_URL="+dbURL, "ASSURE_ADDR="+addr, "ASSURE_JWT_SECRET="+Secret,
		"ASSURE_LOG_FORMAT=json", "ASSURE_AUTO_MIGRATE=false", "ASSURE_DEV=false")
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &Server{URL: "http://" + addr, cmd: cmd, log: logf}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		r, err := http.Get(s.URL + "/readyz")
		if err == nil {
			r.Body.Close()
			if r.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.Stop()
	return nil, fmt.Errorf("server did not become ready; see %s", logPath)
}

// PID is the server's process id.
func (s *Server) PID() int { return s.cmd.Process.Pid }

// Stop ends the server (SIGINT, then waits).
func (s *Server) Stop() {
	_ = s.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		_ = s.cmd.Process.Kill()
		<-done
	}
	s.log.Close()
}

// RSSSampler samples a process's resident set size.
type RSSSampler struct {
	mu   sync.Mutex
	peak int64 // KiB
	stop chan struct{}
	done chan struct{}
	pid  int
}

// SampleRSS samples pid's VmRSS every interval until Stop.
func SampleRSS(pid int, interval time.Duration) *RSSSampler {
	s := &RSSSampler{stop: make(chan struct{}), done: make(chan struct{}), pid: pid}
	go func() {
		defer close(s.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			if kb, ok := procStatus(pid, "VmRSS"); ok {
				s.mu.Lock()
				s.peak = max(s.peak, kb)
				s.mu.Unlock()
			}
			select {
			case <-s.stop:
				return
			case <-t.C:
			}
		}
	}()
	return s
}

// Stop ends sampling and returns the peak sampled VmRSS and the kernel's
// high-water mark VmHWM, in MiB.
func (s *RSSSampler) Stop() (sampledMiB, hwmMiB float64) {
	close(s.stop)
	<-s.done
	hwm, _ := procStatus(s.pid, "VmHWM")
	s.mu.Lock()
	defer s.mu.Unlock()
	return float64(s.peak) / 1024, float64(hwm) / 1024
}

func procStatus(pid int, field string) (int64, bool) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			n, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return n, err == nil
		}
	}
	return 0, false
}

// Percentiles returns the p-th percentiles (0–100) of ds.
func Percentiles(ds []time.Duration, ps ...float64) []time.Duration {
	sorted := append([]time.Duration(nil), ds...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	out := make([]time.Duration, len(ps))
	if len(sorted) == 0 {
		return out
	}
	for i, p := range ps {
		k := int(float64(len(sorted)-1) * p / 100)
		out[i] = sorted[k]
	}
	return out
}

// Load reports the machine's load average, to read a run's figures by.
func Load() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}
