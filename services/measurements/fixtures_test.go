package measurements_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"time"

	"assure/internal/testapp"
	"assure/models"
)

func TestMain(m *testing.M) { testapp.Main(m) }

var fixtureSeq atomic.Int64

// newSystem creates a system with a unique name starting with prefix.
func newSystem(t *testing.T, ta *testapp.App, prefix string) models.System {
	t.Helper()
	s := models.System{Name: fmt.Sprintf("%s %d-%d", prefix, fixtureSeq.Add(1), rand.IntN(1e6)), Criticality: models.CriticalityHigh}
	if err := ta.App.DB.Gorm.Create(&s).Error; err != nil {
		t.Fatal(err)
	}
	return s
}

// newStandard creates a draft standard with a unique code, in scope of systems.
func newStandard(t *testing.T, ta *testapp.App, unit string, period models.Period, rollup models.Rollup, systems ...models.System) models.Standard {
	t.Helper()
	n := fixtureSeq.Add(1)
	st := models.Standard{
		Code:  fmt.Sprintf("TS%d-%02d", n/100, n%100),
		Title: "Test standard", Category: "availability", Metric: "metric", Unit: unit,
		Direction: models.HigherIsBetter, Threshold: 1, Period: period, Rollup: rollup,
		Status: models.StandardDraft, References: json.RawMessage("[]"), ScreenMovingRanges: true, Version: 1,
	}
	if err := ta.App.DB.Gorm.Create(&st).Error; err != nil {
		t.Fatal(err)
	}
	for _, sys := range systems {
		if err := ta.App.DB.Gorm.Create(&models.StandardSystem{StandardID: st.ID, SystemID: sys.ID}).Error; err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func f(v float64) *float64 { return &v }
