package measurements

import (
	"fmt"
	"testing"
	"time"

	"assure/models"
)

// BenchmarkValidate10000 checks a 10,000-row batch against an in-memory
// catalogue (the Go side of ingest, without the database).
func BenchmarkValidate10000(b *testing.B) {
	cat := &catalogue{standards: map[string]*standardInfo{}, systems: map[string]*systemInfo{}}
	std := &standardInfo{ID: "0190a8f0-1234-7000-8000-000000000001", Code: "BI-01", Unit: "percent", Period: models.PeriodDay, systems: map[string]bool{}}
	cat.standards["BI-01"] = std
	for y := 0; y < 50; y++ {
		s := &systemInfo{ID: fmt.Sprintf("0190a8f0-1234-7000-8000-%012d", y), Name: fmt.Sprintf("System %02d", y)}
		cat.systems[s.Name] = s
		std.systems[s.ID] = true
	}
	inputs := make([]Input, 0, 10_000)
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for d := 0; d < 200; d++ {
		for y := 0; y < 50; y++ {
			v := 99.5
			inputs = append(inputs, Input{Standard: "BI-01", System: fmt.Sprintf("System %02d", y), PeriodStart: start.AddDate(0, 0, d).Format(time.DateOnly), Value: &v})
		}
	}
	today := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := validate(cat, inputs, today); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(inputs)*b.N)/b.Elapsed().Seconds(), "rows/s")
}
