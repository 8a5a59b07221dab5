package measurements_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"assure/internal/testapp"
	"assure/models"
	"assure/services/measurements"
)

func TestABatchNamingTensOfThousandsOfUnknownThingsIsRefusedNotAFailure(t *testing.T) {
	ta := testapp.New(t)
	in := make([]measurements.Input, 70_000)
	for i := range in {
		in[i] = measurements.Input{Standard: fmt.Sprintf("NO%d-%02d", i/100, i%100), System: fmt.Sprintf("No system %d", i),
			PeriodStart: "2025-01-01", Value: f(1)}
	}
	_, err := ta.App.Measurements.Record(context.Background(), importer, in, measurements.Options{Source: models.SourceImport})
	var be *measurements.BatchError
	if !errors.As(err, &be) {
		t.Fatalf("got %v, want a rejected batch", err)
	}
	if be.Total != 140_000 || len(be.Invalid.Fields) != measurements.MaxListedErrors {
		t.Fatalf("%d problems, %d listed", be.Total, len(be.Invalid.Fields))
	}
	if f := be.Invalid.Fields[0]; f.Row != 1 || f.Field != "standard" {
		t.Fatalf("first problem %+v", f)
	}
}
