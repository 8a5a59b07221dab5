package demo

import (
	"context"
	"fmt"
	"io"
	"time"

	"assure/internal/app"
	"assure/models"
	"assure/services/access"
	"assure/services/actions"
	"assure/services/catalogue"
	"assure/services/compliance"
	"assure/services/cycles"
	"assure/services/reviews"
)

// The demo's improvement work, told to agree with docs/demo-trust.md:
//
//   - a ramp of three tap-and-go log-in cycles on PF-01: a ward 7 pilot and a
//     three-ward trial, each adapted, then every ward — adopted, its Do start
//     the PF01ChangeWeek where the catalogue records PF-01's rebase and the
//     measured history shifts from about 22 s to about 11 s. The ramp is
//     linked to the slow log-in reports and their problem, so their
//     reporters (the clinician login among them) see its outcome;
//   - extra Wi-Fi access points at Eastfield (RL-02), in Study, linked to the
//     Ward 7 Wi-Fi problem;
//   - an automated patch window (SE-01), in Act awaiting the decision;
//   - a weekly restore-test rota (BR-01), abandoned;
//   - the failing backup agents replaced (BR-02), adopted four to six weeks
//     ago (backupagents.go), so the dashboard lists a change adopted in the
//     last quarter with its effect;
//   - twenty actions, five of them overdue (two by more than 14 days);
//   - two board reviews: last quarter's, closed with its decisions, and the
//     next one, open, its agenda built from what needs a decision now.
//
// Everything goes through the services with their clocks set to when it
// "happened", so timelines, audit trail and chart annotations are what real
// use would leave behind. Seeding is skipped when the first cycle exists.

const imprFirstCycle = "Tap-and-go log-in: ward 7 pilot"

// imprSeed is the state of one improvement seeding run.
type imprSeed struct {
	ctx    context.Context
	a      *app.App
	ids    CatalogueIDs
	now    time.Time
	change time.Time // PF01ChangeWeek
	sam    access.Actor
	helen  access.Actor
	err    error
}

func imprClock(t time.Time) func() time.Time { return func() time.Time { return t } }

func imprStr(s string) *string { return &s }

func imprDay(t time.Time) *string { return imprStr(t.Format(time.DateOnly)) }

// weeks moves t by n weeks (plus hours, so that things done "the same day"
// keep their order).
func weeks(t time.Time, n int, hours int) time.Time {
	return t.AddDate(0, 0, 7*n).Add(time.Duration(hours) * time.Hour)
}

func (s *imprSeed) user(email string) string {
	u, ok := s.ids.Owners[email]
	if !ok && s.err == nil {
		s.err = fmt.Errorf("seed improvement: demo user %s is missing", email)
	}
	return u.ID
}

func (s *imprSeed) standard(code string) string {
	st, ok := s.ids.Standards[code]
	if !ok && s.err == nil {
		s.err = fmt.Errorf("seed improvement: demo standard %s is missing", code)
	}
	return st.ID
}

func (s *imprSeed) cycles(at time.Time) *cycles.Service { return s.a.Cycles.WithClock(imprClock(at)) }

func (s *imprSeed) actions(at time.Time) *actions.Service {
	return s.a.Actions.WithClock(imprClock(at))
}

func (s *imprSeed) reviews(at time.Time) *reviews.Service {
	return s.a.Reviews.WithClock(imprClock(at))
}

// step runs f unless an earlier step failed.
func (s *imprSeed) step(what string, f func() error) {
	if s.err != nil {
		return
	}
	if err := f(); err != nil {
		s.err = fmt.Errorf("seed improvement: %s: %w", what, err)
	}
}

// imprStage is one stage change of a demo cycle: what to fill in, then
// where to move, at a time.
type imprStage struct {
	at    time.Time
	input cycles.Input
	to    models.Stage
	note  string
}

// walk fills in and moves a cycle through stages.
func (s *imprSeed) walk(id string, stages []imprStage) {
	for _, st := range stages {
		s.step("move cycle to "+string(st.to), func() error {
			svc := s.cycles(st.at)
			if _, err := svc.Update(s.ctx, s.sam, id, st.input, nil); err != nil {
				return err
			}
			if st.to == "" {
				return nil
			}
			_, err := svc.Transition(s.ctx, s.sam, id, string(st.to), st.note, nil)
			return err
		})
	}
}

func imprMeasures(ms ...cycles.MeasureInput) *[]cycles.MeasureInput { return &ms }

func (s *imprSeed) measure(code, role, dir string, size *float64) cycles.MeasureInput {
	return cycles.MeasureInput{StandardID: s.standard(code), Role: role, PredictedDirection: &dir, PredictedChange: size}
}

func imprF(v float64) *float64 { return &v }

func imprOwner(id string) catalogue.Optional[string] {
	return catalogue.Optional[string]{Set: true, Value: &id}
}

// seedImprovement adds the demo's cycles, actions and board reviews.
func seedImprovement(ctx context.Context, a *app.App, out io.Writer) error {
	var n int64
	if err := a.DB.Gorm.WithContext(ctx).Model(&models.Cycle{}).Where("title = ?", imprFirstCycle).Count(&n).Error; err != nil {
		return fmt.Errorf("seed improvement: %w", err)
	}
	if n > 0 {
		fmt.Fprintln(out, "demo: cycles, actions and board reviews already there")
		return nil
	}
	ids, err := LookupCatalogue(ctx, a.DB.Gorm)
	if err != nil {
		return err
	}
	if _, ok := ids.Standards["PF-01"]; !ok {
		fmt.Fprintln(out, "demo: no catalogue, so no cycles, actions or board reviews")
		return nil
	}
	now := a.Now().UTC()
	s := &imprSeed{ctx: ctx, a: a, ids: ids, now: now, change: PF01ChangeWeek(now)}
	s.sam = actorFor(ids.Owners[ownerSam])
	s.helen = actorFor(ids.Owners["board@demo.assure.test"])
	tag3 := s.seedTapAndGo()
	wifi, patching, restore := s.seedOtherCycles()
	agents := s.seedBackupAgents()
	acts := s.seedActions(tag3, wifi, patching, restore, agents)
	s.seedReviews(tag3, acts)
	if s.err != nil {
		return s.err
	}
	fmt.Fprintln(out, "demo: 7 cycles, 20 actions, 2 board reviews")
	return nil
}

// reports returns the ids of the demo reports titled one of titles that are
// in no problem, and of the problem titled problem (none if the reports
// were not seeded), for a cycle's links.
func (s *imprSeed) reports(problem string, titles ...string) (issueIDs, problemIDs *[]string) {
	issueIDs, problemIDs = &[]string{}, &[]string{}
	s.step("find the reports behind a cycle", func() error {
		db := s.a.DB.Gorm.WithContext(s.ctx)
		if len(titles) > 0 {
			if err := db.Model(&models.Issue{}).Where("title IN ? AND problem_id IS NULL", titles).
				Order("started_at").Pluck("id", issueIDs).Error; err != nil {
				return err
			}
		}
		return db.Model(&models.Problem{}).Where("title = ?", problem).Pluck("id", problemIDs).Error
	})
	return issueIDs, problemIDs
}

// seedTapAndGo seeds the PF-01 ramp and returns the adopted cycle's id.
func (s *imprSeed) seedTapAndGo() string {
	w := s.change
	var tag1, tag2, tag3 string
	// Adapting carries the links on to the next cycle of the ramp.
	issueIDs, problemIDs := s.reports(demoProblems["slow-login"].title, slowLoginTitles...)
	s.step("plan the tap-and-go pilot", func() error {
		c, err := s.cycles(weeks(w, -20, 10)).Create(s.ctx, s.sam, cycles.Input{
			IssueIDs: issueIDs, ProblemIDs: problemIDs,
			Title: imprStr(imprFirstCycle),
			Aim:   imprStr("Cut the median clinician log-in time on ward 7 at the Royal from about 22 s to under 15 s within six weeks."),
			ChangeIdea: imprStr("Tap-and-go: clinicians tap their smartcard badge on a reader and resume their own desktop session, " +
				"instead of typing a password on every workstation."),
			Team: &[]string{s.user(ownerRuth), "Lucy Baker, Ward Sister", "KeyPass Identity field engineer"},
			Measures: imprMeasures(s.measure("PF-01", "outcome", "decrease", imprF(3)),
				s.measure("PF-02", "balancing", "no_change", imprF(0.5))),
			Plan: imprStr("Who: IT infrastructure with the ward 7 sister. What: badge readers on ward 7's 14 workstations. " +
				"Where: ward 7, Northshire Royal Infirmary. When: four weeks from the Monday of installation."),
			PlannedStart: catalogue.Optional[string]{Set: true, Value: imprDay(weeks(w, -16, 0))},
			PlannedEnd:   catalogue.Optional[string]{Set: true, Value: imprDay(weeks(w, -12, 0))},
			DoStartedOn:  catalogue.Optional[string]{Set: true, Value: imprDay(weeks(w, -16, 0))},
		})
		tag1 = c.ID
		return err
	})
	s.walk(tag1, []imprStage{
		{at: weeks(w, -16, 9), to: models.StageDo},
		{at: weeks(w, -12, 15), to: models.StageStudy, input: cycles.Input{
			DoNotes:      imprStr("Readers installed on all 14 workstations on the Monday; two needed new USB hubs."),
			Observations: imprStr("Nurses used tap-and-go for almost every log-in. Readers timed out after 20 minutes idle, forcing a full log-in."),
		}},
		{at: weeks(w, -11, 11), to: models.StageAct, input: cycles.Input{
			StudySummary: imprStr("Ward 7's own log-in times fell to about 12 s, but one ward is too small a share to move PF-01 " +
				"trust-wide: no signal on the chart. Response times (PF-02) unchanged, as predicted."),
		}},
		{at: weeks(w, -10, 14), to: models.StageClosed, input: cycles.Input{
			Decision:  catalogue.Optional[string]{Set: true, Value: imprStr("adapt")},
			Rationale: imprStr("It works where it is used. Fix the idle time-out and try three wards, enough to see on PF-01."),
		}},
	})
	s.step("the second tap-and-go cycle", func() error {
		c, err := s.a.Cycles.Get(s.ctx, tag1)
		if err == nil && c.NextCycleID != nil {
			tag2 = *c.NextCycleID
		}
		return err
	})
	s.walk(tag2, []imprStage{
		{at: weeks(w, -9, 10), input: cycles.Input{
			Title:       imprStr("Tap-and-go log-in: three wards (cycle 2)"),
			Aim:         imprStr("Median log-in time on wards 5, 7 and 9 below 15 s, and a first visible fall in PF-01."),
			Measures:    imprMeasures(s.measure("PF-01", "outcome", "decrease", imprF(5)), s.measure("PF-02", "balancing", "no_change", imprF(0.5))),
			DoStartedOn: catalogue.Optional[string]{Set: true, Value: imprDay(weeks(w, -8, 0))},
		}},
		{at: weeks(w, -8, 9), to: models.StageDo},
		{at: weeks(w, -5, 16), to: models.StageStudy, input: cycles.Input{
			DoNotes:      imprStr("Readers on wards 5 and 9; idle time-out raised to 4 hours with screen lock kept at 2 minutes."),
			Observations: imprStr("Roaming between workstations works. Agency staff without badges still type passwords."),
		}},
		{at: weeks(w, -4, 11), to: models.StageAct, input: cycles.Input{
			StudySummary: imprStr("PF-01 dipped a little but shows no special cause yet: three wards of forty. The wards themselves sit at about 11 s."),
		}},
		{at: weeks(w, -3, 10), to: models.StageClosed, input: cycles.Input{
			Decision:  catalogue.Optional[string]{Set: true, Value: imprStr("adapt")},
			Rationale: imprStr("Ready to scale: roll out to every ward, with temporary badges for agency staff."),
		}},
	})
	s.step("the third tap-and-go cycle", func() error {
		c, err := s.a.Cycles.Get(s.ctx, tag2)
		if err == nil && c.NextCycleID != nil {
			tag3 = *c.NextCycleID
		}
		return err
	})
	s.walk(tag3, []imprStage{
		{at: weeks(w, -2, 10), input: cycles.Input{
			Title: imprStr("Tap-and-go log-in on every ward (cycle 3)"),
			Aim:   imprStr("Median clinician log-in time (PF-01) from about 22 s to about 11 s trust-wide within three months, meeting the 15 s threshold."),
			Measures: imprMeasures(s.measure("PF-01", "outcome", "decrease", imprF(10)), s.measure("CE-01", "process", "decrease", imprF(5)),
				s.measure("PF-02", "balancing", "no_change", imprF(0.5))),
			Plan: imprStr("Who: IT infrastructure, ward champions. What: readers on every clinical workstation, temporary badges " +
				"for agency staff. Where: all four sites. When: from the change week, ward by ward over a fortnight."),
			DoStartedOn: catalogue.Optional[string]{Set: true, Value: imprDay(w)},
		}},
		{at: weeks(w, 0, 9), to: models.StageDo},
		{at: weeks(w, 10, 15), to: models.StageStudy, input: cycles.Input{
			DoNotes:      imprStr("All 1,200 clinical workstations live within twelve days; Children's Hospital last."),
			Observations: imprStr("Fewer complaints about log-in at ward rounds; service desk log-in calls halved."),
		}},
		{at: weeks(w, 11, 11), to: models.StageAct, input: cycles.Input{
			StudySummary: imprStr("PF-01 shows a sustained shift down from the change week — a run below the old mean on every week since — " +
				"to about 11 s, as predicted. PF-02 unchanged. Clinician time lost to IT fell too."),
		}},
		{at: weeks(w, 12, 10), to: models.StageClosed, input: cycles.Input{
			Decision:  catalogue.Optional[string]{Set: true, Value: imprStr("adopt")},
			Rationale: imprStr("A sustained shift in the predicted direction and size. The board approved adoption; PF-01's limits are recalculated from the change."),
		}},
	})
	return tag3
}

// seedOtherCycles seeds the Wi-Fi (Study), patching (Act) and restore-test
// (abandoned) cycles.
func (s *imprSeed) seedOtherCycles() (wifi, patching, restore string) {
	now := s.now
	ruth := s.user(ownerRuth)
	nadia := s.user(ownerNadia)
	_, wifiProblem := s.reports(demoProblems["wifi-ward7"].title)
	s.step("plan the Wi-Fi cycle", func() error {
		c, err := s.cycles(weeks(now, -10, -30)).Create(s.ctx, s.sam, cycles.Input{
			ProblemIDs: wifiProblem,
			Title:      imprStr("Extra access points on Eastfield wards"),
			Aim:        imprStr("Bring Wi-Fi drop-outs per ward per week at Eastfield (RL-02) back under 5 within two months."),
			ChangeIdea: imprStr("Add twelve access points where the heat-map shows weak signal, and move wards 3–9 to the 5 GHz band."),
			OwnerID:    imprOwner(ruth),
			Team:       &[]string{s.user(ownerSam), "AirWard Networks engineer", "Grace Mensah, Staff Nurse"},
			Measures: imprMeasures(s.measure("RL-02", "outcome", "decrease", imprF(3)), s.measure("CE-01", "process", "decrease", imprF(2)),
				s.measure("AV-03", "balancing", "no_change", imprF(0.02))),
			Plan:        imprStr("Survey first, then install overnight, two wards a night, with the site team."),
			DoStartedOn: catalogue.Optional[string]{Set: true, Value: imprDay(compliance.PeriodStart(models.PeriodWeek, weeks(now, -6, 0)))},
		})
		wifi = c.ID
		return err
	})
	s.walk(wifi, []imprStage{
		{at: weeks(now, -6, 0), to: models.StageDo},
		{at: weeks(now, -1, -40), to: models.StageStudy, input: cycles.Input{
			DoNotes:      imprStr("Twelve access points installed over six nights; wards 3–9 moved to 5 GHz."),
			Observations: imprStr("Ward 7 reports fewer drop-outs on the drug round; ward 4 still patchy near the lifts."),
		}},
	})
	s.step("plan the patching cycle", func() error {
		c, err := s.cycles(weeks(now, -26, -30)).Create(s.ctx, s.sam, cycles.Input{
			Title:      imprStr("Automated patch window for critical systems"),
			Aim:        imprStr("Apply 95 % of critical patches within 14 days (SE-01) from the next quarter."),
			ChangeIdea: imprStr("A fixed, automated monthly patch window agreed with each supplier, replacing ad-hoc change requests."),
			OwnerID:    imprOwner(nadia),
			Team:       &[]string{s.user(ownerTom), "Meridian Health Systems account manager"},
			Measures: imprMeasures(s.measure("SE-01", "outcome", "increase", imprF(8)),
				s.measure("AV-01", "balancing", "no_change", imprF(0.05))),
			Plan:        imprStr("Second Sunday of the month, 22:00–02:00, EPR and e-Prescribing first."),
			DoStartedOn: catalogue.Optional[string]{Set: true, Value: imprDay(weeks(now, -20, 0))},
		})
		patching = c.ID
		return err
	})
	s.walk(patching, []imprStage{
		{at: weeks(now, -20, 0), to: models.StageDo},
		{at: weeks(now, -8, 0), to: models.StageStudy, input: cycles.Input{
			DoNotes:      imprStr("Four monthly windows run; the EPR supplier missed one, citing its own release freeze."),
			Observations: imprStr("Infrastructure patches now land within days; supplier-managed systems still lag."),
		}},
		{at: weeks(now, -3, 0), to: models.StageAct, input: cycles.Input{
			StudySummary: imprStr("SE-01 rose a little but still misses 95 %: no special cause. The change works where we control it; " +
				"the gap is the suppliers' release schedules. EPR availability unaffected."),
		}},
	})
	s.step("plan the restore-test cycle", func() error {
		c, err := s.cycles(weeks(now, -16, -30)).Create(s.ctx, s.sam, cycles.Input{
			Title:      imprStr("Weekly restore-test rota"),
			Aim:        imprStr("Every critical system with a passed restore test in the last 90 days (BR-01 at 100 %)."),
			ChangeIdea: imprStr("A weekly rota: one critical system restored to the test environment each Thursday."),
			OwnerID:    imprOwner(ruth),
			Measures:   imprMeasures(s.measure("BR-01", "outcome", "increase", imprF(10))),
			Plan:       imprStr("Backup team, Thursdays, test environment; results logged for the BR-01 evidence feed."),
		})
		restore = c.ID
		return err
	})
	s.walk(restore, []imprStage{
		{at: weeks(now, -6, 0), to: models.StageAbandoned,
			note: "Superseded: VaultSafe's new console runs restore tests itself. The evidence feed is being reconnected instead."},
	})
	return wifi, patching, restore
}

// imprAction is one demo action: created at created, then moved to status
// at changed (done: the day it was completed).
type imprAction struct {
	key       string
	title     string
	owner     string // email
	due       time.Time
	status    models.ActionStatus
	changed   time.Time
	cycle     string
	standards []string
	effect    string
}

// seedActions seeds the twenty actions and returns their ids by key.
func (s *imprSeed) seedActions(tag3, wifi, patching, restore, agents string) map[string]string {
	now, w, b := compliance.Day(s.now), s.change, BR02ChangeWeek(s.now)
	days := func(n int) time.Time { return now.AddDate(0, 0, n) }
	var tag1, tag2 string
	s.step("look up the tap-and-go ramp", func() error {
		c, err := s.a.Cycles.Get(s.ctx, tag3)
		if err != nil || c.PreviousCycleID == nil {
			return err
		}
		tag2 = *c.PreviousCycleID
		p, err := s.a.Cycles.Get(s.ctx, tag2)
		if err == nil && p.PreviousCycleID != nil {
			tag1 = *p.PreviousCycleID
		}
		return err
	})
	list := []imprAction{
		{"readers", "Order badge readers for ward 7", ownerSam, weeks(w, -17, 0), models.ActionDone, weeks(w, -17, -48), tag1, []string{"PF-01"}, "Readers on site before the pilot."},
		{"roaming", "Configure SSO session roaming for tap-and-go", ownerRuth, weeks(w, -7, 0), models.ActionDone, weeks(w, -8, -20), tag2, []string{"PF-01"}, "Sessions follow the badge between workstations."},
		{"champions", "Train a tap-and-go champion on every ward", ownerSam, weeks(w, 0, 0), models.ActionDone, weeks(w, -1, 0), tag3, []string{"PF-01"}, "Every ward has someone to help on day one."},
		{"rollout", "Install readers on every clinical workstation", ownerRuth, weeks(w, 2, 0), models.ActionDone, weeks(w, 2, -30), tag3, []string{"PF-01", "CE-01"}, "PF-01 falls to about 11 s."},
		{"feedback", "Collect ward feedback on log-in times", "clinician@demo.assure.test", weeks(w, 8, 0), models.ActionDone, weeks(w, 7, 0), tag3, []string{"PF-01"}, "Clinicians' view beside the measured times."},
		{"kiosks", "Decommission password-only kiosks", ownerSam, days(30), models.ActionInProgress, days(-20), "", []string{"PF-01"}, "No workstation left without tap-and-go."},
		{"survey", "Survey Eastfield ward Wi-Fi coverage", ownerRuth, weeks(s.now, -8, 0), models.ActionDone, weeks(s.now, -8, -30), wifi, []string{"RL-02"}, "A heat-map of weak signal."},
		{"aps", "Install twelve access points on Eastfield wards 3–9", ownerRuth, weeks(s.now, -6, 0), models.ActionDone, weeks(s.now, -6, -10), wifi, []string{"RL-02"}, "Drop-outs under 5 per ward per week."},
		{"roam-wifi", "Tune Wi-Fi roaming thresholds on ward 4", ownerRuth, days(-5), models.ActionInProgress, days(-12), wifi, []string{"RL-02"}, "No drop-outs near the lifts."},
		{"windows", "Automate monthly patch deployment windows", ownerNadia, weeks(s.now, -20, 0), models.ActionDone, weeks(s.now, -20, -20), patching, []string{"SE-01"}, "Patches applied on a fixed schedule."},
		{"epr-window", "Agree a patch window with the EPR supplier", ownerTom, days(-21), models.ActionInProgress, days(-40), patching, []string{"SE-01"}, "EPR patches inside 14 days."},
		{"patch-report", "Report unpatched critical systems to the board monthly", ownerNadia, days(14), models.ActionOpen, days(-10), "", []string{"SE-01"}, "The board sees the gap every month."},
		{"br-feed", "Reconnect the BR-01 evidence feed from VaultSafe", ownerRuth, days(-35), models.ActionOpen, days(-60), "", []string{"BR-01"}, "BR-01 has data again."},
		{"rota", "Set up the weekly restore-test rota", ownerRuth, weeks(s.now, -10, 0), models.ActionCancelled, weeks(s.now, -6, 1), restore, []string{"BR-01"}, "A restore test every week."},
		{"epr-restore", "Run a restore test of the EPR backup", ownerRuth, days(10), models.ActionOpen, days(-5), "", []string{"BR-01", "BR-02"}, "Evidence of a passed restore for the EPR."},
		{"agents", "Replace failing backup job agents", ownerRuth, weeks(b, 1, 48), models.ActionDone, weeks(b, 1, 16), agents, []string{"BR-02"}, "Backup job success back above 99 %."},
		{"routing", "Review P2 ticket routing at the service desk", ownerMark, weeks(s.now, -10, 0), models.ActionDone, weeks(s.now, -11, 0), "", []string{"SS-01"}, "More P2 tickets resolved in target."},
		{"script", "Add a service desk triage script for log-in problems", ownerMark, days(-3), models.ActionInProgress, days(-15), "", []string{"SS-01", "PF-01"}, "Log-in calls resolved at first contact."},
		{"winter", "Write the EPR winter capacity plan", ownerTom, days(45), models.ActionOpen, days(-2), "", []string{"AV-01"}, "No winter dip in EPR availability."},
		{"publish", "Publish clinician time lost to IT on the intranet", ownerDavid, days(-10), models.ActionOpen, days(-30), "", []string{"CE-01"}, "Everyone sees what IT costs clinicians."},
	}
	out := map[string]string{}
	for _, x := range list {
		x := x
		s.step("action "+x.key, func() error {
			created := x.changed.AddDate(0, 0, -14)
			if x.status == models.ActionOpen {
				created = x.changed
			}
			stds := make([]string, len(x.standards))
			for i, c := range x.standards {
				stds[i] = s.standard(c)
			}
			in := actions.Input{Title: &x.title, OwnerID: imprStr(s.user(x.owner)), DueOn: imprDay(x.due),
				StandardIDs: &stds, ExpectedEffect: &x.effect, Description: imprStr(imprDescription(x.key))}
			if x.cycle != "" {
				in.CycleID = imprOwner(x.cycle)
			}
			a, err := s.actions(weeks(created, 0, 9)).Create(s.ctx, s.sam, in)
			if err != nil {
				return err
			}
			out[x.key] = a.ID
			if x.status == models.ActionOpen {
				return nil
			}
			st := string(x.status)
			_, err = s.actions(weeks(x.changed, 0, 9)).Update(s.ctx, s.sam, a.ID, actions.Input{Status: &st}, nil)
			return err
		})
	}
	return out
}

func imprDescription(key string) string {
	switch key {
	case "br-feed":
		return "VaultSafe's console upgrade broke the nightly export that feeds BR-01: no value for three months."
	case "epr-window":
		return "Meridian's release freeze blocks our patch window; agree a standing slot in the contract."
	case "publish":
		return "A monthly page from CE-01 so wards see the hours lost and what is being done."
	case "roam-wifi":
		return "Drop-outs persist near the ward 4 lifts after the new access points."
	case "script":
		return "Most P2 log-in calls are agency staff without badges; a script resolves them at first contact."
	}
	return "Part of the improvement programme agreed by the IT governance board."
}

// seedReviews seeds last quarter's closed review and the next, open one.
func (s *imprSeed) seedReviews(tag3 string, acts map[string]string) {
	w := s.change
	meeting := weeks(w, 11, 0).AddDate(0, 0, 2) // the Wednesday after tap-and-go reached Act
	members := []string{s.user("board@demo.assure.test"), s.user(ownerDavid)}
	var closed string
	s.step("last quarter's board review", func() error {
		svc := s.reviews(weeks(meeting, -1, 9))
		r, err := svc.Create(s.ctx, s.helen, reviews.NewReview{
			Title: "IT governance board — " + meeting.Format("January 2006"), MeetingDate: meeting.Format(time.DateOnly),
			MemberIDs: members, BuildAgenda: new(bool),
		})
		if err != nil {
			return err
		}
		closed = r.ID
		for _, it := range []reviews.NewItem{
			{Kind: "cycle", EntityID: tag3, Detail: "In Act: agree whether to adopt tap-and-go trust-wide."},
			{Kind: "standard", EntityID: s.standard("SE-01"), Detail: "Critical patches within 14 days: below 95 % every month this year."},
			{Kind: "action", EntityID: acts["rollout"], Detail: "Readers on every clinical workstation: done ahead of plan."},
			{Kind: "other", Title: "Cyber security briefing", Detail: "The information security manager's quarterly briefing."},
		} {
			if _, err := svc.AddItem(s.ctx, s.helen, closed, it, nil); err != nil {
				return err
			}
		}
		return nil
	})
	s.step("decide last quarter's review", func() error {
		svc := s.reviews(weeks(meeting, 0, 11))
		r, err := svc.Get(s.ctx, closed)
		if err != nil {
			return err
		}
		decisions := []reviews.Decision{
			{Decision: "approved", Text: "Adopt tap-and-go on every ward. Recalculate PF-01's limits from the change week."},
			{Decision: "escalated", Text: "To the Chief Information Officer: supplier release freezes keep SE-01 below 95 %. Contract change needed."},
			{Decision: "noted", Text: "Thanks to the infrastructure team."},
			{Decision: "noted", Text: "No incidents to report; phishing exercise planned."},
		}
		for i, it := range r.Items {
			if _, err := svc.Decide(s.ctx, s.helen, closed, it.ID, decisions[i], nil); err != nil {
				return err
			}
		}
		if _, err := svc.Update(s.ctx, s.helen, closed, reviews.Change{Minutes: imprStr(
			"Present: Helen Marsh (chair), David Chen.\n" +
				"1. Tap-and-go (cycle 3): the study shows a sustained shift in PF-01 to about 11 s. Approved for adoption.\n" +
				"2. SE-01: escalated to the CIO; supplier contracts to be reviewed.\n" +
				"3. Reader roll-out noted with thanks.\n" +
				"4. Cyber security briefing noted.")}, nil); err != nil {
			return err
		}
		_, err = svc.Close(s.ctx, s.helen, closed, nil)
		return err
	})
	next := compliance.Day(s.now).AddDate(0, 0, 9)
	s.step("the next board review", func() error {
		svc := s.reviews(s.now.Add(-2 * time.Hour))
		_, err := svc.Create(s.ctx, s.helen, reviews.NewReview{
			Title: "IT governance board — " + next.Format("January 2006"), MeetingDate: next.Format(time.DateOnly), MemberIDs: members,
		})
		return err
	})
}
