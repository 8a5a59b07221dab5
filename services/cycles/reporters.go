package cycles

import (
	"fmt"
	"time"

	"gorm.io/gorm"

	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/notify"
)

// The other half of the closed feedback loop (services/issues/cycles.go shows
// the cycles on the report): when a cycle working on reports closes with a
// decision, each of their reporters hears what was decided, once.

// decisionWords is what a reporter reads a decision as.
func decisionWords(d models.Decision) string {
	switch d {
	case models.DecisionAdopt:
		return "change adopted"
	case models.DecisionAdapt:
		return "change adapted, and a further cycle will test it"
	case models.DecisionAbandon:
		return "change abandoned"
	}
	return string(d)
}

// notifyReporters tells the reporter of every report cycle c works on —
// linked to it from either side, or grouped under a problem linked to it —
// that c decided d: one notification per reporter, linking to their oldest
// such report, keyed by cycle and reporter so a retry writes nothing more.
// The actor is not told what they did themselves.
func notifyReporters(tx *gorm.DB, actor access.Actor, c models.Cycle, d models.Decision, now time.Time) error {
	var rows []struct {
		ReporterID string
		IssueID    string
		Title      string
		Reports    int
	}
	// cycle_reports (migration 00044) is the same view of which reports a
	// cycle works on that reporters see on their reports.
	err := tx.Raw(`SELECT DISTINCT ON (i.reporter_id) i.reporter_id::text AS reporter_id, i.id::text AS issue_id, i.title,
			count(*) OVER (PARTITION BY i.reporter_id) AS reports
		FROM issues i
		WHERE i.id IN (SELECT issue_id FROM cycle_reports WHERE cycle_id = ?)
		ORDER BY i.reporter_id, i.created_at, i.id`, c.ID).Scan(&rows).Error
	if err != nil {
		return services.DBError("find the reporters of the cycle's reports", err)
	}
	for _, r := range rows {
		if r.ReporterID == actor.UserID {
			continue
		}
		report := "your report " + quote(r.Title)
		if r.Reports == 2 {
			report += " and one other"
		} else if r.Reports > 2 {
			report += fmt.Sprintf(" and %d others", r.Reports-1)
		}
		body := "The cycle tried: " + c.ChangeIdea
		if c.ChangeIdea == "" {
			body = ""
		}
		if c.Rationale != "" {
			if body != "" {
				body += "\n"
			}
			body += "Why: " + c.Rationale
		}
		if _, err := notify.Insert(tx, notify.Note{
			UserID: r.ReporterID, Kind: notify.KindCycleDecided,
			Title: fmt.Sprintf("The improvement cycle %s working on %s decided: %s", quote(c.Title), report, decisionWords(d)),
			Body:  body, Link: "/reports/" + r.IssueID, EntityType: "issue", EntityID: r.IssueID,
			DedupeKey: "cycle_decided:" + c.ID + ":" + r.ReporterID,
		}, now); err != nil {
			return err
		}
	}
	return nil
}
