// Package app wires Assure's services together from the configuration and the
// database connection. cmd/assure and the test harness both build an App, so
// tests exercise exactly the wiring production uses.
package app

import (
	"log/slog"
	"time"

	"assure/internal/config"
	"assure/internal/database"
	"assure/internal/jobs"
	"assure/services/actions"
	"assure/services/audit"
	"assure/services/auth"
	"assure/services/catalogue"
	"assure/services/compliance"
	"assure/services/cycles"
	"assure/services/dashboard"
	"assure/services/issues"
	"assure/services/measurements"
	"assure/services/notify"
	"assure/services/reviews"
	"assure/services/standards"
)

// App holds every service.
type App struct {
	Config config.Config
	DB     *database.DB
	Log    *slog.Logger
	Now    func() time.Time

	Audit    *audit.Recorder
	AuditLog *audit.Log
	Auth     *auth.Service

	Measurements *measurements.Service

	Issues *issues.Service

	Catalogue  *catalogue.Service
	Standards  *standards.Service
	Compliance *compliance.Service

	// Improvement: PDSA cycles, actions, board reviews, the inbox and the
	// scan that fills it (run by internal/jobs).
	Cycles        *cycles.Service
	Actions       *actions.Service
	Reviews       *reviews.Service
	Notifications *notify.Inbox
	Scanner       *notify.Scanner

	// Dashboard: the executive dashboard, supplier and accountability
	// views and the transparency report, from a summary kept in memory.
	Dashboard *dashboard.Service
}

// New builds the services. now is the clock (nil for time.Now).
func New(cfg config.Config, db *database.DB, log *slog.Logger, now func() time.Time) (*App, error) {
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = slog.Default()
	}
	a := &App{Config: cfg, DB: db, Log: log, Now: now}
	a.Audit = audit.NewRecorder(now)
	a.Auth = auth.NewService(db.Gorm, a.Audit, auth.NewSigner(cfg.JWTSecret, now), auth.NewHasher(4), now)
	a.Auth.SetLogger(log)
	a.AuditLog = audit.NewLog(db.Gorm)
	a.Measurements = measurements.NewService(db, a.Audit, now)
	a.Issues = issues.NewService(db.Gorm, a.Audit, a.Measurements, now)
	a.Catalogue = catalogue.NewService(db.Gorm, a.Audit, now)
	a.Compliance = compliance.NewService(db, now)
	a.Standards = standards.NewService(db.Gorm, a.Audit, a.Compliance, now)
	a.Cycles = cycles.NewService(db, a.Audit, now)
	enqueue, err := jobs.NewEnqueuer(db.SQL)
	if err != nil {
		return nil, err
	}
	a.Cycles.SetScanSoon(enqueue.ScanSoon)
	a.Actions = actions.NewService(db, a.Audit, now)
	a.Compliance.AddAnnotationSource(compliance.AnnotationFunc(a.Actions.Annotations))
	a.Reviews = reviews.NewService(db, a.Audit, a.Compliance, a.Cycles, now)
	a.Notifications = notify.NewInbox(db.Gorm, now)
	a.Scanner = notify.NewScanner(db.Gorm, a.Compliance, now)
	a.Dashboard = dashboard.NewService(db, now)
	return a, nil
}
