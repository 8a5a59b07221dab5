// Package database opens Assure's connection to PostgreSQL: one pgx pool shared
// by gorm (for ordinary CRUD) and by code that needs pgx directly (COPY, River).
package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// DB is the shared connection: Pool for pgx, SQL for database/sql users
// (goose), Gorm for the services. All three use the same pool.
type DB struct {
	Pool *pgxpool.Pool
	SQL  *sql.DB
	Gorm *gorm.DB
}

// Open connects to url. It does not fail when the database is down: the pool
// connects lazily, so the server can start, report not-ready and recover.
func Open(ctx context.Context, url string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("parse DATABASE_URL: %w", err)
	}
	if cfg.MaxConns < 10 {
		cfg.MaxConns = 10
	}
	cfg.MaxConnIdleTime = 5 * time.Minute
	cfg.ConnConfig.RuntimeParams["timezone"] = "UTC"
	cfg.ConnConfig.RuntimeParams["application_name"] = "assure"
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open pool: %w", err)
	}
	sqlDB := stdlib.OpenDBFromPool(pool)
	g, err := gorm.Open(postgres.New(postgres.Config{Conn: sqlDB}), &gorm.Config{
		TranslateError:         true,
		SkipDefaultTransaction: true,
		DisableAutomaticPing:   true, // start even while the database is down; /readyz reports it
		Logger:                 logger.Discard,
		NowFunc:                func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) },
	})
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("open gorm: %w", err)
	}
	if err := g.Callback().Create().Before("gorm:create").Register("assure:uuidv7", assignID); err != nil {
		pool.Close()
		return nil, fmt.Errorf("register id callback: %w", err)
	}
	return &DB{Pool: pool, SQL: sqlDB, Gorm: g}, nil
}

// assignID gives every new row with an empty string ID a UUIDv7, so IDs sort
// by creation time and no service has to remember to set one.
func assignID(db *gorm.DB) {
	if db.Statement.Schema == nil {
		return
	}
	f := db.Statement.Schema.LookUpField("ID")
	if f == nil || f.FieldType.Kind() != reflect.String {
		return
	}
	rv := db.Statement.ReflectValue
	set := func(v reflect.Value) {
		if _, zero := f.ValueOf(db.Statement.Context, v); zero {
			if err := f.Set(db.Statement.Context, v, uuid.Must(uuid.NewV7()).String()); err != nil {
				_ = db.AddError(err)
			}
		}
	}
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		for i := 0; i < rv.Len(); i++ {
			set(reflect.Indirect(rv.Index(i)))
		}
	case reflect.Struct:
		set(rv)
	}
}

// NewID returns a new UUIDv7 string, for code that inserts without gorm.
func NewID() string { return uuid.Must(uuid.NewV7()).String() }

// Close releases every connection.
func (d *DB) Close() {
	_ = d.SQL.Close() // closes nothing of the pool's; the pool is closed next
	d.Pool.Close()
}

// Ping checks that the database answers within ctx.
func (d *DB) Ping(ctx context.Context) error { return d.Pool.Ping(ctx) }

// EnsureDatabase creates the database named in url if it does not exist,
// connecting to the server's "postgres" database to do so. Dev mode only.
func EnsureDatabase(ctx context.Context, url string) (created bool, err error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return false, fmt.Errorf("parse DATABASE_URL: %w", err)
	}
	name := cfg.Database
	if name == "" {
		return false, errors.New("DATABASE_URL names no database")
	}
	cfg.Database = "postgres"
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return false, fmt.Errorf("connect to create database %q: %w", name, err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return false, fmt.Errorf("look for database %q: %w", name, err)
	}
	if exists {
		return false, nil
	}
	_, err = conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "42P04" { // created by a racing instance
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("create database %q: %w", name, err)
	}
	return true, nil
}
