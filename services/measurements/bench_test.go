package measurements_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"assure/internal/testapp"
	"assure/models"
	"assure/services/measurements"
)

func benchCSV(code string, systems []models.System, days int) []byte {
	var b bytes.Buffer
	b.WriteString("standard,system,period_start,value,note\n")
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for d := 0; d < days; d++ {
		for i, s := range systems {
			fmt.Fprintf(&b, "%s,%s,%s,%g,\n", code, s.Name, start.AddDate(0, 0, d).Format(time.DateOnly), 95+float64((d+i)%500)/100)
		}
	}
	return b.Bytes()
}

// BenchmarkReadCSV10000 parses a 10,000-row upload.
func BenchmarkReadCSV10000(b *testing.B) {
	systems := make([]models.System, 50)
	for i := range systems {
		systems[i].Name = fmt.Sprintf("Bench system %02d", i)
	}
	body := benchCSV("BI-01", systems, 200)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		rows, err := measurements.ReadCSV(bytes.NewReader(body), measurements.MaxBatchRows)
		if err != nil || len(rows) != 10_000 {
			b.Fatal(err, len(rows))
		}
	}
	b.ReportMetric(float64(10_000*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkRecord10000 records a 10,000-row batch (50 systems x 200 days)
// end to end against PostgreSQL: validation, COPY into staging, upsert,
// series refresh and audit. After the first iteration every row is an update.
func BenchmarkRecord10000(b *testing.B) {
	ta := testapp.New(b)
	systems := make([]models.System, 50)
	for i := range systems {
		systems[i] = models.System{Name: fmt.Sprintf("Bench system %02d %d", i, time.Now().UnixNano()), Criticality: models.CriticalityHigh}
		if err := ta.App.DB.Gorm.Create(&systems[i]).Error; err != nil {
			b.Fatal(err)
		}
	}
	st := models.Standard{Code: "BR-9" + fmt.Sprint(time.Now().UnixNano()%1000), Title: "Bench", Category: "availability", Metric: "m",
		Unit: "percent", Direction: models.HigherIsBetter, Threshold: 99, Period: models.PeriodDay, Rollup: models.RollupMean,
		Status: models.StandardDraft, References: []byte("[]"), Version: 1}
	if err := ta.App.DB.Gorm.Create(&st).Error; err != nil {
		b.Fatal(err)
	}
	for _, s := range systems {
		if err := ta.App.DB.Gorm.Create(&models.StandardSystem{StandardID: st.ID, SystemID: s.ID}).Error; err != nil {
			b.Fatal(err)
		}
	}
	rows, err := measurements.ReadCSV(bytes.NewReader(benchCSV(st.Code, systems, 200)), measurements.MaxBatchRows)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if _, err := ta.App.Measurements.Record(ctx, importer, rows, measurements.Options{Source: models.SourceImport}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(rows)*b.N)/b.Elapsed().Seconds(), "rows/s")
}
