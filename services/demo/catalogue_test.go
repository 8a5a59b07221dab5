package demo

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"assure/internal/app"
	"assure/internal/config"
	"assure/internal/testdb"
	"assure/models"
	"assure/services/access"
	"assure/services/auth"
	"assure/services/catalogue"
	"assure/services/compliance"
)

// TestSeedCatalogue seeds the demo catalogue twice and checks it is the one
// docs/demo-trust.md describes, once.
func TestSeedCatalogue(t *testing.T) {
	db := testdb.New(t)
	cfg, err := config.Load(func(k string) string {
		if k == "ASSURE_DEV" {
			return "true"
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 18, 10, 0, 0, 0, time.UTC)
	a, err := app.New(cfg, db, slog.New(slog.NewTextHandler(io.Discard, nil)), func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, u := range Users {
		if _, err := a.Auth.CreateUser(ctx, access.System("test"), auth.NewUser{Email: u.Email, Name: u.Name, Roles: []models.Role{u.Role}}); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	for range 2 {
		if err := seedCatalogue(ctx, a, &out); err != nil {
			t.Fatal(err)
		}
	}
	count := func(table, where string, args ...any) int64 {
		t.Helper()
		var n int64
		q := db.Gorm.Table(table)
		if where != "" {
			q = q.Where(where, args...)
		}
		if err := q.Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	for table, want := range map[string]int64{
		"sites": 4, "systems": 12, "standards": 13, "standard_revisions": 13,
		"standard_exceptions": 1, "standard_rebases": 1, "system_dependencies": 13,
	} {
		if n := count(table, ""); n != want {
			t.Errorf("%d rows in %s, want %d", n, table, want)
		}
	}
	if n := count("standards", "status = 'active' AND owner_id IS NOT NULL AND jsonb_array_length(\"references\") > 0 AND rationale <> ''"); n != 13 {
		t.Errorf("%d standards active with an owner, references and a rationale, want 13", n)
	}
	if n := count("standard_revisions", "effective_from = ?", HistoryStart(now)); n != 13 {
		t.Errorf("%d first revisions from %s", n, HistoryStart(now).Format(time.DateOnly))
	}
	var owners int64
	if err := db.Gorm.Raw("SELECT count(DISTINCT owner_id) FROM standards").Scan(&owners).Error; err != nil || owners < 4 {
		t.Errorf("%d distinct owners of standards (%v), want several", owners, err)
	}

	ids, err := LookupCatalogue(ctx, db.Gorm)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids.Sites) != 4 || len(ids.Systems) != 12 || len(ids.Standards) != 13 {
		t.Fatalf("lookup found %d sites, %d systems, %d standards", len(ids.Sites), len(ids.Systems), len(ids.Standards))
	}
	for _, s := range CatalogueStandards {
		st := ids.Standards[s.Code]
		if st.Threshold != s.Threshold || st.Period != s.Period || st.Rollup != s.Rollup || st.Direction != s.Direction {
			t.Errorf("%s: %+v", s.Code, st)
		}
		if n := count("standard_systems", "standard_id = ?", st.ID); n != int64(len(s.Systems)) {
			t.Errorf("%s has %d systems in scope, want %d", s.Code, n, len(s.Systems))
		}
	}
	epr, err := a.Catalogue.GetSystem(ctx, ids.Systems["EPR"].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(epr.Dependencies) != 3 || len(epr.Dependants) != 3 || len(epr.Sites) != 4 || epr.Supplier != "Meridian Health Systems" {
		t.Errorf("EPR: %d dependencies, %d dependants, %d sites, supplier %q", len(epr.Dependencies), len(epr.Dependants), len(epr.Sites), epr.Supplier)
	}

	exc, err := a.Standards.ListExceptions(ctx, ids.Standards["AV-02"].ID, catalogue.ListOptions{})
	if err != nil || len(exc.Items) != 1 {
		t.Fatalf("AV-02 exceptions %v %v", exc.Items, err)
	}
	e := exc.Items[0]
	if e.SiteID == nil || *e.SiteID != ids.Sites["Westbrook Community Hospital"].ID || e.ApprovedBy != ids.Owners["admin@demo.assure.test"].ID ||
		e.StartsOn.Format(time.DateOnly) != "2026-01-01" || e.ExpiresOn.Format(time.DateOnly) != "2026-02-28" {
		t.Errorf("AV-02 exception %+v", e)
	}
	rb, err := a.Standards.ListRebases(ctx, ids.Standards["PF-01"].ID, catalogue.ListOptions{})
	if err != nil || len(rb.Items) != 1 {
		t.Fatalf("PF-01 rebases %v %v", rb.Items, err)
	}
	// Last complete week starts 2026-03-09; 39 weeks earlier is 2025-06-09.
	if got := rb.Items[0].Period.Format(time.DateOnly); got != "2025-06-09" || got != PF01ChangeWeek(now).Format(time.DateOnly) {
		t.Errorf("PF-01 rebase at %s", got)
	}

	// Before any measurement, every active standard is missing its last
	// period, except AV-02, excused for the migration.
	last, err := a.Compliance.LastPeriods(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range CatalogueStandards {
		want := compliance.Missing
		if s.Code == "AV-02" {
			want = compliance.Excepted
		}
		if lp := last[ids.Standards[s.Code].ID]; lp.Status != want {
			t.Errorf("%s: %s, want %s", s.Code, lp.Status, want)
		}
	}
	// Asked for some standards, it judges just those (ignoring ids that cannot exist).
	some, err := a.Compliance.LastPeriods(ctx, []string{ids.Standards["AV-02"].ID, ids.Standards["PF-01"].ID, "not-an-id"})
	if err != nil {
		t.Fatal(err)
	}
	if len(some) != 2 || some[ids.Standards["PF-01"].ID].PeriodStart.Format(time.DateOnly) != "2026-03-09" ||
		some[ids.Standards["AV-02"].ID].PeriodStart.Format(time.DateOnly) != "2026-02-01" {
		t.Errorf("last periods of AV-02 and PF-01: %+v", some)
	}
	// The AV-02 roll-up is excused for the months of the migration.
	c, err := a.Compliance.Compliance(ctx, ids.Standards["AV-02"].ID, compliance.Query{From: "2025-12-01"})
	if err != nil {
		t.Fatal(err)
	}
	var statuses []compliance.Status
	for _, p := range c.Periods {
		statuses = append(statuses, p.Status)
	}
	if len(statuses) != 3 || statuses[0] != compliance.Missing || statuses[1] != compliance.Excepted || statuses[2] != compliance.Excepted {
		t.Errorf("AV-02 from December: %v", statuses)
	}
}
