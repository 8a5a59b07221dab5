package models_test

import (
	"encoding/json"

	"assure/models"
)

// The reports tables' fixtures (problems, reports, "also affected", the
// timeline and links), after the catalogue's, whose user, site and system
// they use.
func init() {
	fixtures = append(fixtures,
		fixture{"problems", func(ids map[string]string) any {
			return &models.Problem{ID: id(ids, "problem"), Title: "Ward 7 Wi-Fi drop-outs", Description: "d", RootCause: "AP firmware",
				KnownWorkaround: "Use the wired PC", SystemID: ptr(id(ids, "system")), Status: models.ProblemOpen,
				CreatedBy: ptr(id(ids, "user")), Version: 1, CreatedAt: now, UpdatedAt: now}
		}, byID},
		fixture{"issues", func(ids map[string]string) any {
			return &models.Issue{ID: id(ids, "issue"), ReporterID: id(ids, "user"), Title: "EPR froze", Description: "d",
				SystemID: ptr(id(ids, "system")), SiteID: id(ids, "site"), Location: "Ward 7", StartedAt: now, DurationMinutes: ptr(45),
				StaffAffected: 3, MinutesLost: 30, WorkaroundUsed: true, Workaround: "paper", PhysicalHarm: models.HarmLow,
				PsychologicalHarm: models.HarmNone, CareDelayed: true, Status: models.IssueResolved, ProblemID: ptr(id(ids, "problem")),
				TotalMinutesLost: 110, AffectedCount: 1, ResolvedAt: ptr(now), Version: 2, CreatedAt: now, UpdatedAt: now}
		}, byID},
		fixture{"issue_affected", func(ids map[string]string) any {
			return &models.IssueAffected{IssueID: id(ids, "issue"), UserID: id(ids, "user"), MinutesLost: 20, CreatedAt: now}
		}, func(v any) (string, []any) { return "issue_id = ?", []any{v.(*models.IssueAffected).IssueID} }},
		fixture{"issue_events", func(ids map[string]string) any {
			from, to := models.IssueNew, models.IssueTriaged
			return &models.IssueEvent{ID: id(ids, "issue_event"), IssueID: id(ids, "issue"), At: now, ActorID: ptr(id(ids, "user")),
				Kind: models.EventStatusChanged, FromStatus: &from, ToStatus: &to, Body: "triaged", Detail: json.RawMessage(`{"note":"x"}`)}
		}, byID},
		fixture{"issue_links", func(ids map[string]string) any {
			return &models.IssueLink{IssueID: id(ids, "issue"), TargetType: models.LinkStandard, TargetID: id(ids, "standard"),
				CreatedBy: ptr(id(ids, "user")), CreatedAt: now}
		}, func(v any) (string, []any) { return "issue_id = ?", []any{v.(*models.IssueLink).IssueID} }},
	)
}
