package models_test

import (
	"encoding/json"

	"assure/models"
)

// The improvement tables' fixtures (cycles, actions, reviews, their links
// and timeline), after the catalogue's, whose user and standard they use.
func init() {
	fixtures = append(fixtures,
		fixture{"cycles", func(ids map[string]string) any {
			return &models.Cycle{ID: id(ids, "cycle"), RampID: id(ids, "cycle"), Sequence: 1, Title: "Tap-and-go",
				Aim: "Faster log-in", ChangeIdea: "Badges", OwnerID: ptr(id(ids, "user")), Team: models.StringArray{"Jo", id(ids, "user")},
				Plan: "Ward 7", PlannedStart: ptr(day("2025-01-01")), PlannedEnd: ptr(day("2025-03-31")), DoStartedOn: ptr(day("2025-01-06")),
				DoNotes: "n", Observations: "o", StudySummary: "s", Decision: ptr(models.DecisionAdopt), Rationale: "r",
				Stage: models.StageClosed, StageChangedAt: now, CreatedBy: ptr(id(ids, "user")), Version: 1, CreatedAt: now, UpdatedAt: now}
		}, byID},
		fixture{"cycles", func(ids map[string]string) any {
			return &models.Cycle{ID: id(ids, "cycle2"), RampID: id(ids, "cycle"), Sequence: 2, PreviousCycleID: ptr(id(ids, "cycle")),
				Title: "Tap-and-go (cycle 2)", Team: models.StringArray{}, Stage: models.StagePlan, StageChangedAt: now,
				Version: 1, CreatedAt: now, UpdatedAt: now}
		}, byID},
		fixture{"cycle_measures", func(ids map[string]string) any {
			return &models.CycleMeasure{CycleID: id(ids, "cycle"), StandardID: id(ids, "standard"), Position: 1, Role: models.RoleOutcome,
				PredictedDirection: ptr(models.PredictDecrease), PredictedChange: ptr(8.5)}
		}, func(v any) (string, []any) { return "cycle_id = ?", []any{v.(*models.CycleMeasure).CycleID} }},
		fixture{"actions", func(ids map[string]string) any {
			return &models.Action{ID: id(ids, "action"), Title: "Buy readers", Description: "d", OwnerID: id(ids, "user"),
				DueOn: day("2025-02-01"), Status: models.ActionDone, CycleID: ptr(id(ids, "cycle")), ExpectedEffect: "e",
				CompletedOn: ptr(day("2025-01-30")), CreatedBy: ptr(id(ids, "user")), Version: 2, CreatedAt: now, UpdatedAt: now}
		}, byID},
		fixture{"action_standards", func(ids map[string]string) any {
			return &models.ActionStandard{ActionID: id(ids, "action"), StandardID: id(ids, "standard")}
		}, func(v any) (string, []any) { return "action_id = ?", []any{v.(*models.ActionStandard).ActionID} }},
		fixture{"improvement_links", func(ids map[string]string) any {
			return &models.ImprovementLink{EntityType: "cycle", EntityID: id(ids, "cycle"), TargetType: "problem", TargetID: id(ids, "problem-ref")}
		}, func(v any) (string, []any) { return "entity_id = ?", []any{v.(*models.ImprovementLink).EntityID} }},
		fixture{"reviews", func(ids map[string]string) any {
			return &models.Review{ID: id(ids, "review"), Title: "March board", MeetingDate: day("2025-03-12"), Status: models.ReviewClosed,
				Minutes: "m", ClosedAt: ptr(now), ClosedBy: ptr(id(ids, "user")), CreatedBy: ptr(id(ids, "user")), Version: 3,
				CreatedAt: now, UpdatedAt: now}
		}, byID},
		fixture{"review_members", func(ids map[string]string) any {
			return &models.ReviewMember{ReviewID: id(ids, "review"), UserID: id(ids, "user")}
		}, func(v any) (string, []any) { return "review_id = ?", []any{v.(*models.ReviewMember).ReviewID} }},
		fixture{"review_items", func(ids map[string]string) any {
			return &models.ReviewItem{ID: id(ids, "item"), ReviewID: id(ids, "review"), Position: 1, Kind: models.ItemCycle,
				EntityID: ptr(id(ids, "cycle")), Reasons: models.StringArray{"awaiting_act_decision"}, Title: "Cycle: Tap-and-go",
				Detail: "d", Source: models.SourceAgenda, Decision: ptr(models.DecisionApproved), DecisionText: "Adopt it",
				DecidedBy: ptr(id(ids, "user")), DecidedAt: ptr(now)}
		}, byID},
		fixture{"improvement_events", func(ids map[string]string) any {
			return &models.ImprovementEvent{ID: id(ids, "event"), EntityType: "cycle", EntityID: id(ids, "cycle"), At: now,
				ActorID: ptr(id(ids, "user")), Kind: "decision", Summary: "Approved", Detail: json.RawMessage(`{"decision":"approved"}`),
				ReviewID: ptr(id(ids, "review"))}
		}, byID},
		fixture{"notifications", func(ids map[string]string) any {
			return &models.Notification{ID: id(ids, "notification"), UserID: id(ids, "user"), Kind: "assigned", Title: "You own it",
				Body: "b", Link: "/cycles/x", EntityType: "cycle", EntityID: ptr(id(ids, "cycle")), DedupeKey: ptr("assigned:x"),
				CreatedAt: now, ReadAt: ptr(now)}
		}, byID},
	)
}
