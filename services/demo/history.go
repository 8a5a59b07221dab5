package demo

import (
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"math/rand/v2"
	"time"

	"assure/internal/app"
	"assure/models"
	"assure/services/access"
	"assure/services/compliance"
	"assure/services/measurements"
)

// The measured history of the demo trust: two years of values, ending with
// each standard's last complete period, for every demo standard except CE-01
// and CE-02 (derived from the demo reports). Each series shows the behaviour
// docs/demo-trust.md gives it. Values are a pure function of the standard,
// system and period (math/rand seeded from them), so seeding again on the
// same day writes nothing, and on a later day adds only the new periods.

// historyBehaviour generates one standard's value for a system and period.
// i is the period's index from the start of the history, n the number of
// periods, and change the week an adopted demo change shifts the standard
// (PF-01 and BR-02; zero for the others).
type historyBehaviour struct {
	source models.Source
	value  func(r *rand.Rand, h historyPoint) (float64, bool)
}

type historyPoint struct {
	system string // name; "" organisation-wide
	period time.Time
	i, n   int
	last   time.Time // the last complete period
	change time.Time // the standard's change week, if it has one
}

// monthsBefore is how many whole months p is before last.
func monthsBefore(p, last time.Time) int {
	return (last.Year()-p.Year())*12 + int(last.Month()) - int(p.Month())
}

var historyBehaviours = map[string]historyBehaviour{
	// Noise around 99.93 with a winter dip (December to February).
	"AV-01": {models.SourceAPI, func(r *rand.Rand, h historyPoint) (float64, bool) {
		v := 99.935 + r.NormFloat64()*0.015
		if m := h.period.Month(); m == time.December || m == time.January || m == time.February {
			v -= 0.05 + r.Float64()*0.04
		}
		return math.Min(v, 100), true
	}},
	// Stable, comfortably met.
	"AV-02": {models.SourceAPI, func(r *rand.Rand, h historyPoint) (float64, bool) {
		return math.Min(99.85+r.NormFloat64()*0.06, 100), true
	}},
	// Stable and met, with one outage month of the network core.
	"AV-03": {models.SourceAPI, func(r *rand.Rand, h historyPoint) (float64, bool) {
		if h.system == "Network core" && monthsBefore(h.period, h.last) == 7 {
			return 99.71, true
		}
		return math.Min(99.984+r.NormFloat64()*0.006, 100), true
	}},
	// Around 22 s, then a sustained shift down to about 11 s from the week
	// tap-and-go log-in was adopted.
	"PF-01": {models.SourceAPI, func(r *rand.Rand, h historyPoint) (float64, bool) {
		base := 22.0
		if !h.period.Before(h.change) {
			base = 11.0
		}
		if h.system == "Single sign-on" {
			base -= 1
		}
		return math.Max(base+r.NormFloat64()*base*0.05, 1), true
	}},
	// Hit-and-miss around the 3 s threshold.
	"PF-02": {models.SourceAPI, func(r *rand.Rand, h historyPoint) (float64, bool) {
		return math.Max(2.92+r.NormFloat64()*0.22, 0.5), true
	}},
	// Hit-and-miss: most critical systems restore P1s within 4 hours, one
	// system or another usually does not.
	"RL-01": {models.SourceImport, func(r *rand.Rand, h historyPoint) (float64, bool) {
		if r.Float64() < 0.09 {
			return math.Round((4.3+r.Float64()*3)*10) / 10, true
		}
		return math.Round((0.8+r.Float64()*2.7)*10) / 10, true
	}},
	// Stable around 3, worsening through the last quarter (Eastfield's wards).
	"RL-02": {models.SourceAPI, func(r *rand.Rand, h historyPoint) (float64, bool) {
		v := 3 + r.NormFloat64()*0.9
		if left := h.n - 1 - h.i; left < 13 {
			v += float64(13-left) * 0.45
		}
		return math.Max(math.Round(v), 0), true
	}},
	// Consistently failing: 82–90 %.
	"SE-01": {models.SourceImport, func(r *rand.Rand, h historyPoint) (float64, bool) {
		return math.Round((82+r.Float64()*8)*10) / 10, true
	}},
	// Met, then a silent feed: nothing for the last three months.
	"BR-01": {models.SourceImport, func(r *rand.Rand, h historyPoint) (float64, bool) {
		return 100, monthsBefore(h.period, h.last) >= 3
	}},
	// Met, with occasional dips, until the failing backup agents were
	// replaced: from that week a little higher and no dips.
	"BR-02": {models.SourceAPI, func(r *rand.Rand, h historyPoint) (float64, bool) {
		if !h.period.Before(h.change) {
			return math.Min(math.Round((99.85+r.NormFloat64()*0.07)*100)/100, 100), true
		}
		if r.Float64() < 0.08 {
			return math.Round((97+r.Float64()*1.6)*100) / 100, true
		}
		return math.Min(math.Round((99.6+r.NormFloat64()*0.15)*100)/100, 100), true
	}},
	// Improving slowly, from about 84 % to about 91 %.
	"SS-01": {models.SourceImport, func(r *rand.Rand, h historyPoint) (float64, bool) {
		v := 84 + 7*float64(h.i)/float64(max(h.n-1, 1)) + r.NormFloat64()*1.1
		return math.Round(math.Min(v, 100)*10) / 10, true
	}},
}

// historyPeriods is two years of each kind of period.
var historyPeriods = map[models.Period]int{models.PeriodDay: 730, models.PeriodWeek: 104, models.PeriodMonth: 24}

// historyOrder is the order standards are seeded in (maps have none).
var historyOrder = []string{"AV-01", "AV-02", "AV-03", "PF-01", "PF-02", "RL-01", "RL-02", "SE-01", "BR-01", "BR-02", "SS-01"}

// seedHistory records the demo standards' two years of measurements through
// the measurements service, one batch per standard.
func seedHistory(ctx context.Context, a *app.App, out io.Writer) error {
	now := a.Now().UTC()
	actor := access.System("seed")
	written, standardsSeeded := 0, 0
	for _, code := range historyOrder {
		b := historyBehaviours[code]
		var st models.Standard
		if err := a.DB.Gorm.WithContext(ctx).Where("code = ?", code).Limit(1).Find(&st).Error; err != nil {
			return fmt.Errorf("seed history: load %s: %w", code, err)
		}
		if st.ID == "" {
			continue // not in this catalogue
		}
		var systems []string
		if err := a.DB.Gorm.WithContext(ctx).Table("systems").Select("systems.name").
			Joins("JOIN standard_systems ss ON ss.system_id = systems.id").
			Where("ss.standard_id = ?", st.ID).Order("systems.name").Scan(&systems).Error; err != nil {
			return fmt.Errorf("seed history: systems of %s: %w", code, err)
		}
		if len(systems) == 0 {
			systems = []string{""} // organisation-wide
		}
		change, err := changeWeek(ctx, a, st, now)
		if err != nil {
			return err
		}
		have, err := existingPeriods(ctx, a, st.ID, b.source)
		if err != nil {
			return err
		}
		last := compliance.LastCompletePeriod(st.Period, now)
		n := historyPeriods[st.Period]
		first := compliance.AddPeriods(st.Period, last, 1-n)
		for first.Before(HistoryStart(now)) { // judged only from the catalogue's first revision
			first = compliance.NextPeriod(st.Period, first)
			n--
		}
		var rows []measurements.Input
		for i, p := 0, first; i < n; i, p = i+1, compliance.NextPeriod(st.Period, p) {
			for _, sys := range systems {
				if have[historyKey(sys, p)] {
					continue
				}
				r := historyRand(code, sys, p)
				v, ok := b.value(r, historyPoint{system: sys, period: p, i: i, n: n, last: last, change: change})
				if !ok {
					continue
				}
				v = math.Round(v*1000) / 1000
				rows = append(rows, measurements.Input{Standard: st.ID, System: sys, PeriodStart: p.Format(time.DateOnly), Value: &v})
			}
		}
		if len(rows) == 0 {
			continue
		}
		if _, err := a.Measurements.Record(ctx, actor, rows, measurements.Options{Source: b.source, Label: "demo history"}); err != nil {
			return fmt.Errorf("seed history of %s: %w", code, err)
		}
		written += len(rows)
		standardsSeeded++
	}
	fmt.Fprintf(out, "demo: measured history, %d new values for %d standards\n", written, standardsSeeded)
	return nil
}

// changeWeek is the week an adopted demo change shifts a standard's values
// (zero for a standard without one): PF-01's latest recorded rebase, or the
// rebase that adopting the backup agents cycle made on BR-02, when there is
// one, so that seeding again on a later day continues the same story;
// otherwise PF01ChangeWeek or BR02ChangeWeek.
func changeWeek(ctx context.Context, a *app.App, st models.Standard, now time.Time) (time.Time, error) {
	var periods []time.Time
	q := a.DB.Gorm.WithContext(ctx).Model(&models.StandardRebase{}).Where("standard_rebases.standard_id = ?", st.ID)
	var fallback time.Time
	switch st.Code {
	case "PF-01":
		fallback = PF01ChangeWeek(now)
	case "BR-02":
		q = q.Joins("JOIN cycles c ON c.id = standard_rebases.cycle_id").Where("c.title = ?", backupAgentsCycle)
		fallback = BR02ChangeWeek(now)
	default:
		return time.Time{}, nil
	}
	if err := q.Order("standard_rebases.period DESC").Limit(1).Pluck("standard_rebases.period", &periods).Error; err != nil {
		return time.Time{}, fmt.Errorf("seed history: %s rebase: %w", st.Code, err)
	}
	if len(periods) == 1 {
		return compliance.Day(periods[0]), nil
	}
	return fallback, nil
}

func historyKey(system string, period time.Time) string {
	return system + "\x00" + period.Format(time.DateOnly)
}

// existingPeriods lists the (system name, period) pairs the standard already
// has from source, so seeding again adds only what is missing.
func existingPeriods(ctx context.Context, a *app.App, standardID string, source models.Source) (map[string]bool, error) {
	var rows []struct {
		Name        string
		PeriodStart time.Time
	}
	if err := a.DB.Gorm.WithContext(ctx).Table("measurements m").
		Select("coalesce(s.name, '') AS name, m.period_start").
		Joins("LEFT JOIN systems s ON s.id = m.system_id").
		Where("m.standard_id = ? AND m.source = ?", standardID, source).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("seed history: existing measurements: %w", err)
	}
	have := make(map[string]bool, len(rows))
	for _, r := range rows {
		have[historyKey(r.Name, compliance.Day(r.PeriodStart))] = true
	}
	return have, nil
}

// historyRand is a generator seeded by the standard, system and period, so a
// point's value never depends on when or in what order it is generated.
func historyRand(code, system string, period time.Time) *rand.Rand {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s|%s|%s", code, system, period.Format(time.DateOnly))
	s := h.Sum64()
	return rand.New(rand.NewPCG(s, s^0x9e3779b97f4a7c15))
}
