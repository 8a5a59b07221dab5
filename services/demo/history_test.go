package demo

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"assure/internal/app"
	"assure/internal/config"
	"assure/internal/testdb"
	"assure/models"
	"assure/services/access"
	"assure/services/auth"
	"assure/services/compliance"
)

// TestSeedHistory seeds the catalogue and its history twice and checks each
// series shows the behaviour docs/demo-trust.md gives it, once.
func TestSeedHistory(t *testing.T) {
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
	if err := seedCatalogue(ctx, a, &out); err != nil {
		t.Fatal(err)
	}
	if err := seedHistory(ctx, a, &out); err != nil {
		t.Fatal(err)
	}
	var before int64
	db.Gorm.Table("measurements").Count(&before)
	out.Reset()
	if err := seedHistory(ctx, a, &out); err != nil {
		t.Fatal(err)
	}
	var after int64
	db.Gorm.Table("measurements").Count(&after)
	if before == 0 || after != before || !strings.Contains(out.String(), "0 new values") {
		t.Fatalf("seeding twice: %d then %d measurements; %q", before, after, out.String())
	}

	// series returns a standard's organisation values by period start.
	series := func(code string) map[time.Time]float64 {
		t.Helper()
		var rows []models.SeriesValue
		if err := db.Gorm.Raw(`SELECT sv.* FROM series_values sv JOIN standards s ON s.id = sv.standard_id
			WHERE s.code = ? AND sv.system_id IS NULL`, code).Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}
		m := map[time.Time]float64{}
		for _, r := range rows {
			m[compliance.Day(r.PeriodStart)] = r.Value
		}
		return m
	}
	mean := func(m map[time.Time]float64, keep func(time.Time) bool) float64 {
		sum, n := 0.0, 0
		for p, v := range m {
			if keep(p) {
				sum += v
				n++
			}
		}
		if n == 0 {
			t.Fatal("no values to average")
		}
		return sum / float64(n)
	}
	lastWeek := compliance.LastCompletePeriod(models.PeriodWeek, now)
	lastMonth := compliance.LastCompletePeriod(models.PeriodMonth, now)

	for code, want := range map[string]int{"AV-01": 24, "PF-01": 104, "BR-01": 21, "SS-01": 24} {
		if got := len(series(code)); got < want-1 || got > want+1 {
			t.Errorf("%s has %d periods, want about %d", code, got, want)
		}
	}
	for _, code := range []string{"CE-01", "CE-02"} {
		if n := len(series(code)); n != 0 {
			t.Errorf("%s is derived from reports, but history wrote %d values", code, n)
		}
	}
	if _, ok := series("AV-01")[lastMonth]; !ok {
		t.Error("AV-01 does not end with the last complete month")
	}

	change := PF01ChangeWeek(now)
	pf01 := series("PF-01")
	if b, a := mean(pf01, func(p time.Time) bool { return p.Before(change) }), mean(pf01, func(p time.Time) bool { return !p.Before(change) }); b < 20 || b > 24 || a < 9.5 || a > 12.5 {
		t.Errorf("PF-01 means %.1f before and %.1f after the change, want about 22 and 11", b, a)
	}
	if v := pf01[compliance.AddPeriods(models.PeriodWeek, change, -1)]; v < 16 {
		t.Errorf("PF-01 shifts before the change week: %.1f the week before", v)
	}
	if v := pf01[change]; v > 15 {
		t.Errorf("PF-01 has not shifted in the change week: %.1f", v)
	}

	agents := BR02ChangeWeek(now)
	for p, v := range series("BR-02") {
		if !p.Before(agents) && v < 99.5 {
			t.Errorf("BR-02 %s = %.2f, want no dips once the backup agents were replaced", p.Format(time.DateOnly), v)
		}
	}

	for p, v := range series("SE-01") {
		if v >= 95 || v < 80 {
			t.Errorf("SE-01 %s = %.1f, want consistently failing (82-90)", p.Format(time.DateOnly), v)
		}
	}
	br01 := series("BR-01")
	for i := 0; i < 3; i++ {
		if _, ok := br01[lastMonth.AddDate(0, -i, 0)]; ok {
			t.Errorf("BR-01 has a value %d month(s) before the end; the feed is silent for the last 3", i)
		}
	}
	if _, ok := br01[lastMonth.AddDate(0, -3, 0)]; !ok {
		t.Error("BR-01 stops too early")
	}
	rl02 := series("RL-02")
	early := mean(rl02, func(p time.Time) bool { return p.Before(lastWeek.AddDate(0, 0, -7*26)) })
	late := mean(rl02, func(p time.Time) bool { return !p.Before(lastWeek.AddDate(0, 0, -7*4)) })
	if late < early+2.5 || late <= 5 {
		t.Errorf("RL-02 does not worsen at the end: %.1f early, %.1f in the last month", early, late)
	}
	breached := 0
	pf02 := series("PF-02")
	for _, v := range pf02 {
		if v > 3 {
			breached++
		}
	}
	if breached < len(pf02)/5 || breached > len(pf02)*4/5 {
		t.Errorf("PF-02 breaches %d of %d weeks, want hit-and-miss", breached, len(pf02))
	}
}
