package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"assure/models"
)

func TestImportMeasurementsCommitsBatchByBatchAndStopsAtABadRow(t *testing.T) {
	db := cliDB.DB.Gorm
	sys := models.System{Name: "Import EPR", Criticality: models.CriticalityCritical}
	if err := db.Create(&sys).Error; err != nil {
		t.Fatal(err)
	}
	st := models.Standard{Code: "IM-01", Title: "Imported", Category: "availability", Metric: "m", Unit: "percent",
		Direction: models.HigherIsBetter, Threshold: 99, Period: models.PeriodDay, Rollup: models.RollupMean,
		Status: models.StandardDraft, References: json.RawMessage("[]"), Version: 1}
	if err := db.Create(&st).Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Create(&models.StandardSystem{StandardID: st.ID, SystemID: sys.ID}).Error; err != nil {
		t.Fatal(err)
	}
	write := func(bad bool) string {
		var b strings.Builder
		b.WriteString("standard,system,period_start,value,note\n")
		for i := 1; i <= 25; i++ {
			v := "99.5"
			if bad && i == 23 {
				v = "150"
			}
			fmt.Fprintf(&b, "IM-01,Import EPR,2025-01-%02d,%s,\n", i, v)
		}
		p := filepath.Join(t.TempDir(), "availability.csv")
		if err := os.WriteFile(p, []byte(b.String()), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	count := func() int64 {
		var n int64
		db.Raw("SELECT count(*) FROM measurements WHERE standard_id = ?", st.ID).Scan(&n)
		return n
	}

	code, out, errOut := runCLI(t, cliEnv, "", "import", "measurements", "--batch", "10", write(true))
	if code != 1 {
		t.Fatalf("exit %d, want 1: %s %s", code, out, errOut)
	}
	for _, want := range []string{"row 23 is not valid", "rows 1-20 (2 batch(es)) were committed", "row 23: value must be a percentage"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if !strings.Contains(errOut, "import: 10 rows committed") {
		t.Errorf("no progress lines on a non-terminal stderr:\n%s", errOut)
	}
	if n := count(); n != 20 {
		t.Fatalf("%d measurements after the failed import, want the 20 of the committed batches", n)
	}
	var events int64
	db.Raw("SELECT count(*) FROM audit_events WHERE action = 'measurements.recorded' AND actor_label = 'system:import:availability.csv'").Scan(&events)
	if events != 2 {
		t.Fatalf("%d audit events, want one per committed batch (2)", events)
	}

	// Fixed and run again: the committed rows are replaced, not duplicated.
	code, out, errOut = runCLI(t, cliEnv, "", "import", "measurements", "--batch", "10", "--quiet", write(false))
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	if !strings.Contains(out, "25 rows received, 5 inserted, 20 updated") || !strings.Contains(out, "rows/s") {
		t.Fatalf("summary: %q", out)
	}
	if errOut != "" {
		t.Fatalf("--quiet printed %q", errOut)
	}
	if n := count(); n != 25 {
		t.Fatalf("%d measurements, want 25", n)
	}
	var series int64
	db.Raw("SELECT count(*) FROM series_values WHERE standard_id = ? AND system_id IS NULL", st.ID).Scan(&series)
	if series != 25 {
		t.Fatalf("%d roll-up values, want 25", series)
	}
}

func TestImportMeasurementsUsage(t *testing.T) {
	if code, _, errOut := runCLI(t, cliEnv, "", "import"); code != 2 || !strings.Contains(errOut, "import measurements") {
		t.Fatalf("exit %d %q", code, errOut)
	}
	if code, _, _ := runCLI(t, cliEnv, "", "import", "standards", "x.csv"); code != 2 {
		t.Fatalf("unknown import: exit %d", code)
	}
	if code, _, errOut := runCLI(t, cliEnv, "", "import", "measurements", filepath.Join(t.TempDir(), "missing.csv")); code != 1 || !strings.Contains(errOut, "missing.csv") {
		t.Fatalf("missing file: exit %d %q", code, errOut)
	}
	p := filepath.Join(t.TempDir(), "bad.csv")
	_ = os.WriteFile(p, []byte("when,what\n"), 0o600)
	if code, _, errOut := runCLI(t, cliEnv, "", "import", "measurements", p); code != 1 || !strings.Contains(errOut, "header") {
		t.Fatalf("bad header: exit %d %q", code, errOut)
	}
}
