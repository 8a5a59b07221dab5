package dashboard

import (
	"fmt"
	"testing"
	"time"

	"assure/models"
)

// The dashboard lists an owner's three most overdue actions and counts the
// rest; owners with most overdue come first.
func TestOverdueActionsAreCountedAndTheWorstListed(t *testing.T) {
	today := time.Date(2026, 3, 18, 0, 0, 0, 0, time.UTC)
	d := &Data{Today: today, Names: map[string]string{"a": "Ann", "b": "Bob"}}
	add := func(owner string, daysLate int) {
		d.Actions = append(d.Actions, &Action{ID: fmt.Sprintf("%s%d", owner, daysLate), OwnerID: owner,
			DueOn: today.AddDate(0, 0, -daysLate), Status: models.ActionOpen})
	}
	// Loaded by due date, as the query orders them: most overdue first.
	for _, late := range []int{40, 30, 20, 10, 5} {
		add("b", late)
	}
	add("a", 3)
	add("a", 0) // due today: not overdue
	im := d.improvement(d.view(Filter{}))
	if len(im.Overdue) != 2 {
		t.Fatalf("owners %+v", im.Overdue)
	}
	bob, ann := im.Overdue[0], im.Overdue[1]
	if bob.Name != "Bob" || bob.Count != 5 || len(bob.Actions) != MaxOverduePerOwner || bob.Actions[0].ID != "b40" {
		t.Errorf("Bob: %d overdue, listed %d starting %s", bob.Count, len(bob.Actions), bob.Actions[0].ID)
	}
	if ann.Name != "Ann" || ann.Count != 1 || len(ann.Actions) != 1 {
		t.Errorf("Ann: %d overdue, listed %d", ann.Count, len(ann.Actions))
	}
}

// A cycle on an open agenda is listed once, as on the agenda; the list is
// capped and the total kept.
func TestAwaitingTheBoardIsListedOnceAndCapped(t *testing.T) {
	d := &Data{Today: time.Date(2026, 3, 18, 0, 0, 0, 0, time.UTC)}
	for i := 0; i < MaxAwaiting+5; i++ {
		d.Cycles = append(d.Cycles, &Cycle{ID: fmt.Sprintf("c%02d", i), Stage: models.StageStudy})
	}
	c0 := "c00"
	d.Agenda = []AgendaItem{{ID: "i", ReviewID: "r", Kind: models.ItemCycle, EntityID: &c0, Title: "Cycle c00"}}
	im := d.improvement(d.view(Filter{}))
	if im.AwaitingTotal != MaxAwaiting+5 || len(im.Awaiting) != MaxAwaiting {
		t.Fatalf("awaiting %d listed of %d", len(im.Awaiting), im.AwaitingTotal)
	}
	if a := im.Awaiting[0]; a.Reason != ReasonOnAgenda || *a.EntityID != "c00" {
		t.Errorf("first %+v, want c00 on the agenda", a)
	}
	for _, a := range im.Awaiting[1:] {
		if *a.EntityID == "c00" {
			t.Error("c00 listed twice")
		}
	}
}
