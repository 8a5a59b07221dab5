// Package testdb gives each test package a fresh PostgreSQL database cloned
// from a migrated template. The template is migrated once per migration set
// (its name carries a hash of the migration files), shared by every package of
// a `go test ./...` run, and each clone is dropped when the package finishes.
//
// Tests never skip for want of a database: if PostgreSQL cannot be reached they
// fail with a message that says how to start it.
package testdb

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"assure/internal/database"
	"assure/migrations"
)

// DefaultURL is the server used when TEST_DATABASE_URL is not set.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

const howToStart = `PostgreSQL is not reachable for tests.
Start the local server:   pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start
or point the tests at one: export TEST_DATABASE_URL=postgres://user@host:5432/postgres?sslmode=disable`

// lockTemplate serialises template creation and cloning across the test
// processes of one `go test ./...` run.
const lockTemplate int64 = 0x61737375726574 // "assuret"

// ServerURL returns the admin connection URL of the test server.
func ServerURL() string {
	if u := os.Getenv("TEST_DATABASE_URL"); u != "" {
		return u
	}
	return DefaultURL
}

// URLFor returns the server URL with the database name replaced.
func URLFor(name string) string {
	u, err := url.Parse(ServerURL())
	if err != nil {
		panic(fmt.Sprintf("TEST_DATABASE_URL is not a URL: %v", err))
	}
	u.Path = "/" + name
	return u.String()
}

// Clone is one test database.
type Clone struct {
	Name string
	URL  string
	DB   *database.DB
}

// New creates a fresh migrated database for t and drops it when t's cleanup
// runs. Use it in TestMain via Create for one database per package.
func New(t testing.TB) *database.DB {
	t.Helper()
	c, err := Create(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := c.Drop(); err != nil {
			t.Errorf("drop test database: %v", err)
		}
	})
	return c.DB
}

// Create makes a clone of the migrated template and opens it.
func Create(ctx context.Context) (*Clone, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	admin, err := pgx.Connect(ctx, ServerURL())
	if err != nil {
		return nil, fmt.Errorf("%s\n(%v)", howToStart, err)
	}
	defer admin.Close(context.Background())
	if _, err := admin.Exec(ctx, "SELECT pg_advisory_lock($1)", lockTemplate); err != nil {
		return nil, fmt.Errorf("lock template: %w", err)
	}
	defer func() { _, _ = admin.Exec(context.Background(), "SELECT pg_advisory_unlock($1)", lockTemplate) }()

	tmpl, err := templateName()
	if err != nil {
		return nil, err
	}
	if err := ensureTemplate(ctx, admin, tmpl); err != nil {
		return nil, err
	}
	name := "assure_test_" + randomSuffix()
	if _, err := admin.Exec(ctx, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s",
		pgx.Identifier{name}.Sanitize(), pgx.Identifier{tmpl}.Sanitize())); err != nil {
		return nil, fmt.Errorf("clone template: %w", err)
	}
	c := &Clone{Name: name, URL: URLFor(name)}
	if c.DB, err = database.Open(ctx, c.URL); err != nil {
		return nil, err
	}
	return c, nil
}

// Drop closes and drops the clone.
func (c *Clone) Drop() error {
	c.DB.Close()
	return DropDatabase(c.Name)
}

// DropDatabase drops a database by name, disconnecting any session in it.
func DropDatabase(name string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, ServerURL())
	if err != nil {
		return err
	}
	defer admin.Close(context.Background())
	_, err = admin.Exec(ctx, fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", pgx.Identifier{name}.Sanitize()))
	return err
}

// CreateEmpty makes an unmigrated database (for migration tests).
func CreateEmpty(ctx context.Context) (name, dbURL string, err error) {
	admin, err := pgx.Connect(ctx, ServerURL())
	if err != nil {
		return "", "", fmt.Errorf("%s\n(%v)", howToStart, err)
	}
	defer admin.Close(context.Background())
	name = "assure_test_" + randomSuffix()
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", "", err
	}
	return name, URLFor(name), nil
}

func ensureTemplate(ctx context.Context, admin *pgx.Conn, tmpl string) error {
	var exists bool
	if err := admin.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", tmpl).Scan(&exists); err != nil {
		return fmt.Errorf("look for template: %w", err)
	}
	if exists {
		return nil
	}
	// Build under a temporary name and rename when complete, so a crash
	// half-way never leaves a broken template behind.
	building := tmpl + "_build"
	if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{building}.Sanitize()+" WITH (FORCE)"); err != nil {
		return err
	}
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{building}.Sanitize()); err != nil {
		return fmt.Errorf("create template: %w", err)
	}
	db, err := database.Open(ctx, URLFor(building))
	if err != nil {
		return err
	}
	_, merr := db.MigrateUp(ctx)
	db.Close()
	if merr != nil {
		return fmt.Errorf("migrate template: %w", merr)
	}
	if _, err := admin.Exec(ctx, fmt.Sprintf("ALTER DATABASE %s RENAME TO %s",
		pgx.Identifier{building}.Sanitize(), pgx.Identifier{tmpl}.Sanitize())); err != nil {
		return fmt.Errorf("rename template: %w", err)
	}
	// Old templates from earlier migration sets are no longer useful.
	rows, err := admin.Query(ctx, "SELECT datname FROM pg_database WHERE datname LIKE 'assure_tmpl_%' AND datname <> $1", tmpl)
	if err != nil {
		return nil
	}
	var old []string
	for rows.Next() {
		var n string
		if rows.Scan(&n) == nil {
			old = append(old, n)
		}
	}
	rows.Close()
	for _, n := range old {
		// Best effort: another run may still be cloning it.
		_, _ = admin.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{n}.Sanitize())
	}
	return nil
}

// templateName is derived from the migration files' names and contents.
func templateName() (string, error) {
	h := sha256.New()
	entries, err := fs.ReadDir(migrations.FS, ".")
	if err != nil {
		return "", err
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	for _, n := range names {
		b, err := fs.ReadFile(migrations.FS, n)
		if err != nil {
			return "", err
		}
		h.Write([]byte(n))
		h.Write(b)
	}
	fmt.Fprintf(h, "river:%d", migrations.RiverVersion) // Go migrations are versioned by this
	return "assure_tmpl_" + hex.EncodeToString(h.Sum(nil))[:16], nil
}

func randomSuffix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return strings.ToLower(hex.EncodeToString(b))
}
