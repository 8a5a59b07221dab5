package demo

import (
	"time"

	"assure/models"
	"assure/services/catalogue"
	"assure/services/compliance"
	"assure/services/cycles"
)

// The demo's recent adopted change, so that the dashboard's "changes adopted
// in the last quarter" and their effect have something to show: the failing
// backup agents replaced, its Do start BR02ChangeWeek, where BR-02's measured
// history stops dipping and settles a little higher (history.go). Adopting
// it rebases BR-02 there, as any adopted change does.

const backupAgentsCycle = "Replace the failing backup agents"

// BR02ChangeWeek is the Monday the failing backup agents began to be
// replaced: 12 weeks before BR-02's last complete week, so that the cycle,
// adopted eight weeks later, was adopted four to six weeks before now.
func BR02ChangeWeek(now time.Time) time.Time {
	return compliance.AddPeriods(models.PeriodWeek, compliance.LastCompletePeriod(models.PeriodWeek, now), -12)
}

// seedBackupAgents seeds the backup agents cycle, adopted, and returns its
// id.
func (s *imprSeed) seedBackupAgents() string {
	w := BR02ChangeWeek(s.now)
	var id string
	s.step("plan the backup agents cycle", func() error {
		c, err := s.cycles(weeks(w, -4, 10)).Create(s.ctx, s.sam, cycles.Input{
			Title: imprStr(backupAgentsCycle),
			Aim: imprStr("Backup job success (BR-02) steadily above 99.5 %, with no week below the 99 % threshold, " +
				"within two months."),
			ChangeIdea: imprStr("Replace the old agent release that hangs on large database snapshots with VaultSafe's " +
				"current agent on every server the backup service covers, instead of re-running failed jobs by hand each morning."),
			OwnerID: imprOwner(s.user(ownerRuth)),
			Team:    &[]string{s.user(ownerSam), "VaultSafe Ltd support engineer"},
			Measures: imprMeasures(s.measure("BR-02", "outcome", "increase", imprF(0.3)),
				s.measure("AV-01", "balancing", "no_change", imprF(0.05))),
			Plan: imprStr("Who: the backup team with VaultSafe. What: the current agent on every server, the servers with " +
				"most failed jobs first. Where: both data centres. When: from the Monday of the change, outside the backup window."),
			DoStartedOn: catalogue.Optional[string]{Set: true, Value: imprDay(w)},
		})
		id = c.ID
		return err
	})
	s.walk(id, []imprStage{
		{at: weeks(w, 0, 9), to: models.StageDo},
		{at: weeks(w, 6, 15), to: models.StageStudy, input: cycles.Input{
			DoNotes:      imprStr("New agents on every server within nine days; three needed a reboot outside the backup window."),
			Observations: imprStr("No hung snapshot jobs since the first weekend; the morning re-run list is empty most days."),
		}},
		{at: weeks(w, 7, 11), to: models.StageAct, input: cycles.Input{
			StudySummary: imprStr("BR-02 has been above its old mean every week since the change — seven in a row, a shift — " +
				"at about 99.85 %, up from about 99.4 %, and no week below 99 %. EPR availability (AV-01) unchanged, as predicted."),
		}},
		{at: weeks(w, 8, 10), to: models.StageClosed, input: cycles.Input{
			Decision: catalogue.Optional[string]{Set: true, Value: imprStr("adopt")},
			Rationale: imprStr("A sustained shift in the predicted direction, bigger than the 0.3 points predicted. " +
				"The current agent goes into the backup service's standard build; BR-02's limits are recalculated from the change."),
		}},
	})
	return id
}
