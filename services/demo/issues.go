package demo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"gorm.io/gorm"

	"assure/internal/app"
	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/auth"
	"assure/services/issues"
)

// The demo's reports: about sixty over the two demo years from several
// clinicians, told to agree with the measured story of docs/demo-trust.md —
// Ward 7 Wi-Fi drop-outs at Eastfield worsening in the last quarter (RL-02)
// and grouped into one problem, the network core's outage month (AV-03), the
// EPR's winter dips (AV-01), slow log-in before "tap-and-go" (PF-01), and a
// scatter of everyday faults. Each is filed, triaged and resolved through the
// issues service at the time it "happened", so the timeline, notifications,
// audit trail and the derived CE-01/CE-02 series are what real use would
// leave behind.

// Reporters are the demo clinicians who file reports; the first is the
// clinician login of Users.
var Reporters = []User{
	{"clinician@demo.assure.test", "Dr Priya Shah", models.RoleClinician},
	{"grace.mensah@demo.assure.test", "Grace Mensah, Staff Nurse", models.RoleClinician},
	{"owen.price@demo.assure.test", "Dr Owen Price", models.RoleClinician},
	{"lucy.baker@demo.assure.test", "Lucy Baker, Ward Sister", models.RoleClinician},
	{"hamid.qureshi@demo.assure.test", "Dr Hamid Qureshi", models.RoleClinician},
	{"ellen.hughes@demo.assure.test", "Ellen Hughes, Midwife", models.RoleClinician},
}

// Site and system names, as the demo catalogue has them.
const (
	siteRoyal     = "Northshire Royal Infirmary"
	siteEastfield = "Eastfield General Hospital"
	siteWestbrook = "Westbrook Community Hospital"
	siteChildrens = "Northshire Children's Hospital"

	sysEPR          = "EPR"
	sysPACS         = "PACS"
	sysEPMA         = "e-Prescribing"
	sysLIS          = "Pathology LIS"
	sysTheatres     = "Theatres"
	sysFlow         = "Patient flow"
	sysNetwork      = "Network core"
	sysWiFi         = "Wi-Fi"
	sysSSO          = "Single sign-on"
	sysWorkstations = "Clinical workstations"
	sysServiceDesk  = "Service desk"
	notSure         = ""
)

// reportedSystems are the systems the demo reports name: the scope of the
// standards derived from reports (CE-01, CE-02, catalogue.go), so that each
// has a series per system beside the organisation-wide one.
var reportedSystems = []string{sysEPR, sysPACS, sysEPMA, sysLIS, sysTheatres, sysFlow, sysNetwork, sysWiFi, sysSSO,
	sysWorkstations, sysServiceDesk}

// demoReport is one report and what happens to it.
type demoReport struct {
	at         time.Time // when the problem started
	reporter   int       // index into Reporters
	system     string    // notSure for "not sure"
	site       string
	location   string
	title      string
	detail     string
	ongoing    bool
	duration   int // minutes, when not ongoing
	staff      int
	minutes    int // per person
	workaround string
	physical   models.Harm
	psych      models.Harm
	delayed    bool
	notGiven   bool
	final      models.IssueStatus // where triage has got to by now
	problem    string             // key into demoProblems
	affected   []demoAffected
	comments   []string // from the improver, in order, after triage
}

type demoAffected struct {
	reporter int
	minutes  int
}

// demoProblem groups reports of one fault.
type demoProblem struct {
	title, description, rootCause, workaround, system string
	resolved                                          bool
}

var demoProblems = map[string]demoProblem{
	"wifi-ward7": {
		title:       "Ward 7 Wi-Fi drop-outs (Eastfield)",
		description: "Workstations on wheels and handheld devices on Ward 7 lose the Wi-Fi several times a shift, mostly during drug rounds and handover.",
		rootCause:   "Two access points cover the whole ward since the bays were reconfigured, and their firmware has a roaming fault under load.",
		workaround:  "Dock the workstation at the nurses' station for drug rounds; use the ward desktop when a device drops.",
		system:      sysWiFi,
	},
	"core-switch": {
		title:       "Core network switch failure",
		description: "A core switch at the Royal's data centre failed; EPR, PACS and the laboratory system were unreachable at every site for most of a morning.",
		rootCause:   "Power supply failure in the primary core switch; the standby did not take over because of a configuration mismatch.",
		workaround:  "Downtime procedures: paper requests and results by phone.",
		system:      sysNetwork,
		resolved:    true,
	},
	"epr-winter": {
		title:       "EPR slow at peak times in winter",
		description: "Screens take many seconds to open during morning board rounds and evening handover when admissions peak.",
		rootCause:   "Database contention from a reporting job scheduled during peak clinical hours.",
		workaround:  "Keep the patient list open rather than reopening it; avoid running ward reports at handover.",
		system:      sysEPR,
		resolved:    true,
	},
	"slow-login": {
		title:       "Clinical log-in takes twenty seconds or more",
		description: "Logging in to a shared workstation takes so long that staff share sessions or walk to another machine.",
		rootCause:   "Full profile load at every log-in on shared workstations.",
		workaround:  "Tap-and-go log-in with smartcards, adopted after a PDSA cycle.",
		system:      sysSSO,
		resolved:    true,
	},
}

// slowLoginTitles are the titles of the slow log-in reports, which the
// tap-and-go cycles (improvement.go) are linked to.
var slowLoginTitles = []string{"Log-in takes over twenty seconds", "Shared workstation log-in very slow"}

// demoReports lays out the reports relative to now. outage is the start of
// the network core's outage month.
func demoReports(now, outage time.Time) []demoReport {
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	ago := func(days, hour, minute int) time.Time {
		return today.AddDate(0, 0, -days).Add(time.Duration(hour)*time.Hour + time.Duration(minute)*time.Minute)
	}
	var out []demoReport

	// Ward 7 Wi-Fi at Eastfield: fourteen reports over the last quarter, one problem.
	wifi := []struct {
		days, hour int
		title      string
		staff, min int
		physical   models.Harm
		final      models.IssueStatus
	}{
		{82, 8, "Wi-Fi dropped during the morning drug round", 3, 20, models.HarmNone, models.IssueInProgress},
		{75, 20, "Lost connection at evening handover", 4, 15, models.HarmNone, models.IssueInProgress},
		{68, 9, "Workstation on wheels keeps disconnecting", 2, 25, models.HarmLow, models.IssueInProgress},
		{61, 14, "Could not record observations at the bedside", 2, 30, models.HarmNone, models.IssueInProgress},
		{54, 8, "Drug round delayed by Wi-Fi drop-outs", 3, 35, models.HarmLow, models.IssueInProgress},
		{47, 21, "Night shift: handheld devices offline for an hour", 2, 45, models.HarmNone, models.IssueInProgress},
		{40, 8, "Wi-Fi drop-outs again on the morning round", 4, 20, models.HarmNone, models.IssueInProgress},
		{33, 10, "Observations chart would not save", 2, 25, models.HarmModerate, models.IssueInProgress},
		{27, 8, "Drug round: lost connection three times", 3, 30, models.HarmLow, models.IssueInProgress},
		{20, 19, "Handover notes would not load in bay 3", 5, 15, models.HarmNone, models.IssueInProgress},
		{14, 8, "Wi-Fi down in bays 2 and 3", 4, 25, models.HarmNone, models.IssueInProgress},
		{9, 9, "Bedside barcode scanning failed, Wi-Fi dropped", 2, 30, models.HarmLow, models.IssueTriaged},
		{4, 8, "Wi-Fi dropped during the drug round again", 3, 25, models.HarmNone, models.IssueNew},
		{1, 20, "Evening handover: devices offline", 4, 20, models.HarmNone, models.IssueNew},
	}
	for i, w := range wifi {
		r := demoReport{at: ago(w.days, w.hour, 10), reporter: []int{1, 3, 1, 0, 3, 1, 4, 3, 1, 0, 3, 1, 4, 3}[i],
			system: sysWiFi, site: siteEastfield, location: "Ward 7", title: w.title,
			duration: 40 + 5*i, staff: w.staff, minutes: w.min, physical: w.physical, psych: models.HarmNone,
			delayed: w.physical != models.HarmNone, final: w.final, problem: "wifi-ward7"}
		if i%3 == 0 {
			r.workaround = "Used the ward desktop instead"
		}
		if i == 5 || i == 10 {
			r.affected = []demoAffected{{0, 20}, {5, 15}}
		}
		if i == 0 {
			r.comments = []string{"Thank you. The network team are surveying the ward's access points this week."}
		}
		if i == 10 {
			r.comments = []string{"New access points are on order; the known workaround is on the problem page."}
		}
		out = append(out, r)
	}

	// The network core's outage month: one morning, every site.
	day := outage.AddDate(0, 0, 9)
	for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
		day = day.AddDate(0, 0, 1)
	}
	at := func(h, m int) time.Time { return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute) }
	core := []demoReport{
		{at: at(8, 5), reporter: 2, system: sysEPR, site: siteRoyal, location: "Emergency department", title: "EPR unavailable across the emergency department",
			detail: "No access to records or results; switched to paper.", duration: 240, staff: 25, minutes: 90,
			workaround: "Paper downtime forms", physical: models.HarmModerate, psych: models.HarmLow, delayed: true},
		{at: at(8, 20), reporter: 4, system: sysPACS, site: siteEastfield, location: "Radiology", title: "Images not loading in radiology",
			duration: 220, staff: 8, minutes: 120, physical: models.HarmLow, psych: models.HarmNone, delayed: true},
		{at: at(8, 40), reporter: 5, system: sysNetwork, site: siteChildrens, location: "Maternity unit", title: "No network on the maternity unit",
			duration: 200, staff: 12, minutes: 60, workaround: "Phoned results through", physical: models.HarmModerate, psych: models.HarmModerate, delayed: true},
		{at: at(9, 0), reporter: 1, system: notSure, site: siteWestbrook, location: "Ward 2", title: "Nothing would load on any computer",
			duration: 180, staff: 6, minutes: 60, physical: models.HarmNone, psych: models.HarmNone},
		{at: at(9, 15), reporter: 3, system: sysLIS, site: siteRoyal, location: "Acute medical unit", title: "Blood results not coming through",
			duration: 190, staff: 10, minutes: 45, workaround: "Called the laboratory for urgent results", physical: models.HarmLow, psych: models.HarmNone, delayed: true},
	}
	for i := range core {
		core[i].final, core[i].problem = models.IssueClosed, "core-switch"
		if i == 0 {
			core[i].comments = []string{"Major incident declared; the network team are replacing the failed switch power supply."}
		}
	}
	out = append(out, core...)

	// EPR in the last two winters (December to February), the latest grouped.
	for _, y := range []int{now.Year() - 2, now.Year() - 1, now.Year()} {
		dates := []struct {
			m     time.Month
			d, h  int
			year  int
			title string
		}{
			{time.December, 9, 8, y, "EPR very slow on the morning board round"},
			{time.January, 13, 18, y + 1, "Handover list took minutes to open"},
			{time.January, 27, 9, y + 1, "EPR froze while prescribing"},
			{time.February, 10, 8, y + 1, "Admissions screen timing out"},
			{time.February, 24, 17, y + 1, "EPR slow all afternoon"},
		}
		for i, d := range dates {
			t := time.Date(d.year, d.m, d.d, d.h, 30, 0, 0, time.UTC)
			if t.After(now.AddDate(0, 0, -3)) || t.Before(now.AddDate(-2, 0, 0)) {
				continue
			}
			r := demoReport{at: t, reporter: []int{2, 0, 4, 2, 0}[i], system: sysEPR, site: siteRoyal,
				location: []string{"Ward 12", "Acute medical unit", "Ward 9", "Emergency department", "Ward 12"}[i],
				title:    d.title, duration: 60 + 30*i, staff: 4 + i, minutes: 20 + 5*i,
				physical: models.HarmNone, psych: models.HarmNone, final: models.IssueClosed}
			if i == 2 {
				r.system, r.physical, r.delayed = sysEPMA, models.HarmModerate, true
				r.detail = "Could not prescribe until the screen came back; an antibiotic dose was given late."
			}
			if i == 3 {
				r.psych = models.HarmModerate
			}
			if y == now.Year()-1 && r.system == sysEPR {
				r.problem = "epr-winter"
			}
			out = append(out, r)
		}
	}

	// Slow log-in until tap-and-go, about nine months before the end.
	for i, days := range []int{690, 640, 600, 555, 505, 450, 390, 320} {
		r := demoReport{at: ago(days, 7+i%3, 45), reporter: i % 5, system: []string{sysSSO, sysWorkstations}[i%2],
			site: []string{siteRoyal, siteEastfield, siteWestbrook, siteChildrens}[i%4], location: "Ward " + fmt.Sprint(3+i),
			title:    slowLoginTitles[i%2],
			detail:   "Every log-in on the ward PCs takes a long time at the start of the shift.",
			duration: 60, staff: 6, minutes: 15, physical: models.HarmNone, psych: models.HarmNone, final: models.IssueClosed}
		if i >= 3 {
			r.problem = "slow-login"
		}
		out = append(out, r)
	}

	// Everyday faults.
	misc := []demoReport{
		{at: ago(700, 14, 0), reporter: 5, system: sysServiceDesk, site: siteChildrens, location: "Maternity unit", title: "Could not get through to the service desk",
			duration: 45, staff: 1, minutes: 40, physical: models.HarmNone, psych: models.HarmNone},
		{at: ago(650, 10, 30), reporter: 1, system: sysWorkstations, site: siteWestbrook, location: "Outpatients", title: "Clinic letters stuck in the print queue",
			duration: 120, staff: 2, minutes: 25, physical: models.HarmNone, psych: models.HarmNone},
		{at: ago(610, 11, 0), reporter: 3, system: sysPACS, site: siteEastfield, location: "Fracture clinic", title: "X-ray images opening slowly",
			duration: 90, staff: 3, minutes: 20, physical: models.HarmNone, psych: models.HarmNone},
		{at: ago(580, 16, 0), reporter: 4, system: sysTheatres, site: siteRoyal, location: "Main theatres", title: "Theatre list not updating",
			duration: 120, staff: 6, minutes: 30, workaround: "Printed list from the coordinator", physical: models.HarmLow, psych: models.HarmNone},
		{at: ago(540, 10, 0), reporter: 0, system: sysLIS, site: siteWestbrook, location: "Outpatients", title: "Pathology results missing from the record",
			detail:   "Results showed in the laboratory system but not in the patient's record for half a day.",
			duration: 300, staff: 2, minutes: 60, physical: models.HarmModerate, psych: models.HarmNone, delayed: true},
		{at: ago(500, 13, 0), reporter: 2, system: sysWorkstations, site: siteRoyal, location: "Ward 12", title: "Ward printer not printing wristbands",
			duration: 180, staff: 3, minutes: 20, workaround: "Printed on the next ward", physical: models.HarmNone, psych: models.HarmNone},
		{at: ago(470, 9, 0), reporter: 1, system: sysServiceDesk, site: siteEastfield, location: "Ward 7", title: "No reply to an urgent service desk call",
			duration: 240, staff: 1, minutes: 30, physical: models.HarmNone, psych: models.HarmLow},
		{at: ago(440, 19, 0), reporter: 5, system: sysEPMA, site: siteChildrens, location: "Children's ward", title: "Dose calculator very slow in e-Prescribing",
			duration: 40, staff: 2, minutes: 15, physical: models.HarmLow, psych: models.HarmNone, delayed: true},
		{at: ago(420, 22, 0), reporter: 5, system: notSure, site: siteChildrens, location: "Neonatal unit", title: "Monitors lost connection to the central station",
			duration: 30, staff: 3, minutes: 25, physical: models.HarmLow, psych: models.HarmModerate},
		{at: ago(365, 15, 0), reporter: 4, system: sysFlow, site: siteRoyal, location: "Bed bureau", title: "Bed state board showing old data",
			duration: 150, staff: 4, minutes: 30, physical: models.HarmNone, psych: models.HarmNone},
		{at: ago(300, 8, 0), reporter: 3, system: sysTheatres, site: siteRoyal, location: "Main theatres", title: "Theatre system down at the start of the list",
			detail:   "The list could not be confirmed and the first case was cancelled.",
			duration: 95, staff: 8, minutes: 45, physical: models.HarmSevere, psych: models.HarmModerate, delayed: true, notGiven: true},
		{at: ago(260, 12, 0), reporter: 0, system: sysWorkstations, site: siteWestbrook, location: "Ward 1", title: "Workstation crashed during discharge letters",
			duration: 30, staff: 1, minutes: 40, physical: models.HarmNone, psych: models.HarmNone},
		{at: ago(240, 6, 30), reporter: 1, system: notSure, site: siteEastfield, location: "Ward 5", title: "Observation devices not sending readings",
			duration: 90, staff: 3, minutes: 20, workaround: "Wrote observations on paper", physical: models.HarmLow, psych: models.HarmNone},
		{at: ago(210, 10, 0), reporter: 2, system: sysPACS, site: siteRoyal, location: "Emergency department", title: "CT images not available to review",
			duration: 75, staff: 2, minutes: 30, physical: models.HarmModerate, psych: models.HarmNone, delayed: true},
		{at: ago(170, 16, 0), reporter: 5, system: sysServiceDesk, site: siteChildrens, location: "Maternity unit", title: "Password reset took most of the shift",
			duration: 200, staff: 1, minutes: 60, physical: models.HarmNone, psych: models.HarmNone},
		{at: ago(130, 11, 0), reporter: 1, system: notSure, site: siteEastfield, location: "Ward 4", title: "Everything very slow after lunch",
			duration: 60, staff: 5, minutes: 15, physical: models.HarmNone, psych: models.HarmNone},
		{at: ago(100, 14, 0), reporter: 4, system: sysFlow, site: siteEastfield, location: "Discharge lounge", title: "Discharge list would not refresh",
			duration: 90, staff: 3, minutes: 20, physical: models.HarmNone, psych: models.HarmLow},
		{at: ago(80, 7, 45), reporter: 4, system: sysTheatres, site: siteRoyal, location: "Day surgery unit", title: "Theatre scheduling screen frozen",
			duration: 50, staff: 4, minutes: 20, physical: models.HarmNone, psych: models.HarmNone},
		{at: ago(60, 9, 0), reporter: 3, system: sysLIS, site: siteRoyal, location: "Acute medical unit", title: "Blood test requests not reaching the laboratory",
			duration: 120, staff: 4, minutes: 30, workaround: "Paper request forms", physical: models.HarmLow, psych: models.HarmNone, delayed: true},
		{at: ago(30, 15, 0), reporter: 0, system: notSure, site: siteRoyal, location: "Ward 12", title: "Screens freezing on the ward computers",
			duration: 45, staff: 3, minutes: 15, physical: models.HarmNone, psych: models.HarmNone},
		{at: ago(6, 10, 0), reporter: 2, system: sysPACS, site: siteWestbrook, location: "Minor injuries unit", title: "PACS viewer will not open on the new PCs",
			ongoing: true, staff: 2, minutes: 30, physical: models.HarmLow, psych: models.HarmNone, delayed: true},
		{at: ago(2, 11, 0), reporter: 0, system: sysEPMA, site: siteRoyal, location: "Ward 12", title: "e-Prescribing error when saving a chart",
			ongoing: true, staff: 2, minutes: 20, workaround: "Senior nurse saved it from another PC", physical: models.HarmNone, psych: models.HarmNone},
		{at: ago(0, 7, 30), reporter: 5, system: notSure, site: siteChildrens, location: "Maternity unit", title: "Printer queue stuck on the unit",
			ongoing: true, staff: 2, minutes: 10, physical: models.HarmNone, psych: models.HarmNone},
	}
	for i := range misc {
		age := now.Sub(misc[i].at)
		switch {
		case age > 45*24*time.Hour:
			misc[i].final = models.IssueClosed
		case age > 20*24*time.Hour:
			misc[i].final = models.IssueResolved
		case age > 4*24*time.Hour:
			misc[i].final = models.IssueTriaged
		default:
			misc[i].final = models.IssueNew
		}
	}
	out = append(out, misc...)
	return out
}

// seedIssues files the demo reports. It is idempotent: a report already
// there (same reporter, title and start) is left alone, and so is a problem
// with the same title.
func seedIssues(ctx context.Context, a *app.App, out io.Writer) error {
	db := a.DB.Gorm.WithContext(ctx)
	sites, err := nameIndex(db.Raw("SELECT id, name FROM sites"))
	if err != nil {
		return err
	}
	systems, err := nameIndex(db.Raw("SELECT id, name FROM systems"))
	if err != nil {
		return err
	}
	if len(sites) == 0 || len(systems) == 0 {
		fmt.Fprintln(out, "demo: no catalogue, so no reports")
		return nil
	}
	sys := access.System("seed")
	var actors []access.Actor
	for _, r := range Reporters {
		_, err := a.Auth.CreateUser(ctx, sys, auth.NewUser{Email: r.Email, Name: r.Name, Roles: []models.Role{r.Role}, Password: Password})
		if err != nil && !errors.Is(err, services.ErrConflict) {
			return fmt.Errorf("seed reporter %s: %w", r.Email, err)
		}
		act, err := userActor(db, r.Email)
		if err != nil {
			return err
		}
		actors = append(actors, act)
	}
	improver, err := userActor(db, "improver@demo.assure.test")
	if err != nil {
		return err
	}
	now := a.Now().UTC()
	outage, err := outageMonth(db, now)
	if err != nil {
		return err
	}
	reports := demoReports(now, outage)
	problemIDs := map[string]string{}
	made, skipped := 0, 0
	for _, r := range reports {
		// A catalogue without this site or system (someone renamed it) skips
		// the report rather than failing the whole seed.
		siteID, ok := sites[strings.ToLower(r.site)]
		if !ok {
			skipped++
			continue
		}
		var systemID *string
		if r.system != notSure {
			id, ok := systems[strings.ToLower(r.system)]
			if !ok {
				skipped++
				continue
			}
			systemID = &id
		}
		reporter := actors[r.reporter]
		var n int64
		if err := db.Model(&models.Issue{}).Where("reporter_id = ? AND title = ? AND started_at = ?", reporter.UserID, r.title, r.at).
			Count(&n).Error; err != nil {
			return fmt.Errorf("seed reports: %w", err)
		}
		if n > 0 {
			continue
		}
		if err := fileDemoReport(ctx, a, db, r, reporter, improver, actors, siteID, systemID, problemIDs, systems, now); err != nil {
			return fmt.Errorf("seed report %q: %w", r.title, err)
		}
		made++
	}
	// Reporters have long since read what happened to their older reports;
	// only the last fortnight's changes wait in their inbox.
	for _, act := range actors {
		var ids []string
		if err := db.Raw(`SELECT id FROM notifications WHERE user_id = ? AND kind = 'issue_status_changed'
			AND read_at IS NULL AND created_at < ?`, act.UserID, now.Add(-14*24*time.Hour)).Scan(&ids).Error; err != nil {
			return fmt.Errorf("seed reports: read notifications: %w", err)
		}
		for _, id := range ids {
			if _, err := a.Notifications.MarkRead(ctx, act, id); err != nil {
				return fmt.Errorf("seed reports: mark notification read: %w", err)
			}
		}
	}
	// Carry every derived series up to the current period.
	if err := a.Issues.RefreshAllSeries(ctx, sys); err != nil {
		return fmt.Errorf("seed reports: derived series: %w", err)
	}
	fmt.Fprintf(out, "demo: %d reports (%d new), %d clinicians reporting\n", len(reports)-skipped, made, len(Reporters))
	if skipped > 0 {
		fmt.Fprintf(out, "demo: %d reports skipped: their site or system is not in the catalogue\n", skipped)
	}
	return nil
}

// nameIndex maps lower-cased names to ids from a query of (id, name).
func nameIndex(q *gorm.DB) (map[string]string, error) {
	var rows []struct {
		ID   string
		Name string
	}
	if err := q.Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("seed reports: read catalogue: %w", err)
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[strings.ToLower(r.Name)] = r.ID
	}
	return out, nil
}

// userActor is a demo user acting for themselves.
func userActor(db *gorm.DB, email string) (access.Actor, error) {
	var u models.User
	if err := db.Where("lower(email) = lower(?)", email).Take(&u).Error; err != nil {
		return access.Actor{}, fmt.Errorf("seed reports: find %s: %w", email, err)
	}
	return access.Actor{UserID: u.ID, Label: u.Email, Roles: auth.RolesOf(u)}, nil
}

// outageMonth is the network core's worst month of AV-03 in the demo
// measurements (the "one outage month" of docs/demo-trust.md), or fourteen
// months back when there are no measurements to follow.
func outageMonth(db *gorm.DB, now time.Time) (time.Time, error) {
	fallback := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -14, 0)
	var months []time.Time
	err := db.Raw(`SELECT sv.period_start FROM series_values sv
		JOIN standards s ON s.id = sv.standard_id
		JOIN systems y ON y.id = sv.system_id
		WHERE s.code = 'AV-03' AND lower(y.name) = lower(?)
		ORDER BY sv.value, sv.period_start LIMIT 1`, sysNetwork).Scan(&months).Error
	if err != nil {
		return time.Time{}, fmt.Errorf("seed reports: find the outage month: %w", err)
	}
	if len(months) == 0 {
		return fallback, nil
	}
	m := months[0].UTC()
	m = time.Date(m.Year(), m.Month(), 1, 0, 0, 0, 0, time.UTC)
	// The outage morning is the tenth working day or so; it must be over.
	if m.AddDate(0, 0, 14).After(now) || m.Before(now.AddDate(-2, 0, 0)) {
		return fallback, nil
	}
	return m, nil
}

// fileDemoReport files one report at its time, then plays out what happened
// to it: people also affected, triage, comments, its problem, resolution.
func fileDemoReport(ctx context.Context, a *app.App, db *gorm.DB, r demoReport, reporter, improver access.Actor, actors []access.Actor,
	siteID string, systemID *string, problemIDs map[string]string, systems map[string]string, now time.Time) error {
	clock := r.at.Add(20 * time.Minute)
	at := func(d time.Duration) *issues.Service {
		t := r.at.Add(d)
		return a.Issues.WithClock(func() time.Time { return t })
	}
	in := issues.ReportInput{
		Title: r.title, Description: r.detail, SystemID: systemID, SystemNotSure: systemID == nil, SiteID: siteID,
		Location: r.location, StartedAt: &r.at, Ongoing: r.ongoing, StaffAffected: &r.staff, MinutesLost: &r.minutes,
		WorkaroundUsed: r.workaround != "", Workaround: r.workaround, PhysicalHarm: r.physical, PsychologicalHarm: r.psych,
		CareDelayed: r.delayed, CareNotGiven: r.notGiven,
	}
	if !r.ongoing && r.duration > 0 {
		d := r.duration
		in.DurationMinutes = &d
	}
	rep, err := a.Issues.WithClock(func() time.Time { return clock }).Create(ctx, reporter, in)
	if err != nil {
		return err
	}
	id := rep.Issue.ID
	for i, af := range r.affected {
		if _, err := at(time.Duration(40+10*i)*time.Minute).AddAffected(ctx, actors[af.reporter], id, af.minutes); err != nil {
			return fmt.Errorf("also affected: %w", err)
		}
	}
	// Triage the next working morning, work a day later, resolve after the
	// problem's length, close two weeks after that — as far as now allows.
	steps := []struct {
		to    models.IssueStatus
		after time.Duration
	}{
		{models.IssueTriaged, 20 * time.Hour},
		{models.IssueInProgress, 44 * time.Hour},
		{models.IssueResolved, 6 * 24 * time.Hour},
		{models.IssueClosed, 21 * 24 * time.Hour},
	}
	if r.final == models.IssueNew && r.problem != "" {
		// Grouped as soon as a triager saw the pattern, before triage proper.
		if err := groupDemoReport(ctx, db, at(2*time.Hour), improver, r.problem, id, problemIDs, systems); err != nil {
			return err
		}
	}
	for i, st := range steps {
		if r.final == models.IssueNew || r.at.Add(st.after).After(now) {
			break
		}
		if _, err := at(st.after).Transition(ctx, improver, id, st.to, ""); err != nil {
			return fmt.Errorf("move to %s: %w", st.to, err)
		}
		if i == 0 {
			for j, c := range r.comments {
				if _, err := at(st.after+time.Duration(j+1)*time.Minute).AddComment(ctx, improver, id, c); err != nil {
					return fmt.Errorf("comment: %w", err)
				}
			}
			if r.problem != "" {
				if err := groupDemoReport(ctx, db, at(st.after+10*time.Minute), improver, r.problem, id, problemIDs, systems); err != nil {
					return err
				}
			}
		}
		if st.to == r.final {
			break
		}
	}
	return nil
}

// groupDemoReport puts a report under its problem, recording the problem the
// first time it is needed (or finding it from an earlier seed).
func groupDemoReport(ctx context.Context, db *gorm.DB, svc *issues.Service, improver access.Actor, key, issueID string,
	problemIDs map[string]string, systems map[string]string) error {
	p := demoProblems[key]
	if problemIDs[key] == "" {
		var existing []string
		if err := db.Model(&models.Problem{}).Where("title = ?", p.title).Pluck("id", &existing).Error; err != nil {
			return fmt.Errorf("find problem: %w", err)
		}
		if len(existing) > 0 {
			problemIDs[key] = existing[0]
		}
	}
	if id := problemIDs[key]; id != "" {
		if _, err := svc.LinkIssue(ctx, improver, id, issueID); err != nil {
			return fmt.Errorf("group under problem: %w", err)
		}
		return nil
	}
	var systemID *string
	if id, ok := systems[strings.ToLower(p.system)]; ok {
		systemID = &id
	}
	v, err := svc.CreateProblem(ctx, improver, issues.ProblemInput{Title: p.title, Description: p.description,
		RootCause: p.rootCause, KnownWorkaround: p.workaround, SystemID: systemID, IssueIDs: []string{issueID}})
	if err != nil {
		return fmt.Errorf("record problem: %w", err)
	}
	problemIDs[key] = v.Problem.ID
	if p.resolved {
		st := models.ProblemResolved
		if _, err := svc.UpdateProblem(ctx, improver, v.Problem.ID, issues.ProblemPatch{Status: &st}, nil); err != nil {
			return fmt.Errorf("resolve problem: %w", err)
		}
	}
	return nil
}
