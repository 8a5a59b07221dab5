package demo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"gorm.io/gorm"

	"assure/internal/app"
	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/auth"
	"assure/services/catalogue"
	"assure/services/compliance"
	"assure/services/standards"
)

// The demo catalogue of docs/demo-trust.md: four sites, twelve systems with
// their suppliers, owners and dependencies, and thirteen active standards,
// with one approved exception (PACS at Westbrook during a migration) and one
// recorded rebase (PF-01, when tap-and-go log-in was adopted). Measurements
// for the two demo years are seeded after it, by the measurements area.

// CatalogueOwners are the named people the catalogue seed adds so that the
// accountability view has several owners. They have no password: they own
// things, they do not sign in to the demo.
var CatalogueOwners = []User{
	{"ruth.adeyemi@demo.assure.test", "Ruth Adeyemi, Head of Infrastructure", models.RoleImprover},
	{"tom.willis@demo.assure.test", "Tom Willis, EPR Service Owner", models.RoleImprover},
	{"nadia.rahman@demo.assure.test", "Nadia Rahman, Information Security Manager", models.RoleImprover},
	{"mark.osei@demo.assure.test", "Mark Osei, Service Desk Manager", models.RoleImprover},
}

// Owners by the emails of Users and CatalogueOwners.
const (
	ownerSam   = "improver@demo.assure.test"
	ownerDavid = "executive@demo.assure.test"
	ownerRuth  = "ruth.adeyemi@demo.assure.test"
	ownerTom   = "tom.willis@demo.assure.test"
	ownerNadia = "nadia.rahman@demo.assure.test"
	ownerMark  = "mark.osei@demo.assure.test"
)

// Names of the demo catalogue, as docs/demo-trust.md spells them.
const (
	catSiteRoyal     = "Northshire Royal Infirmary"
	catSiteEastfield = "Eastfield General Hospital"
	catSiteWestbrook = "Westbrook Community Hospital"
	catSiteChildrens = "Northshire Children's Hospital"
	catEPR           = "EPR"
	catPACS          = "PACS"
	catEPMA          = "e-Prescribing"
	catLIS           = "Pathology LIS"
	catTheatres      = "Theatres"
	catFlow          = "Patient flow"
	catNetwork       = "Network core"
	catWiFi          = "Wi-Fi"
	catSSO           = "Single sign-on"
	catWorkstations  = "Clinical workstations"
	catServiceDesk   = "Service desk"
	catBackup        = "Backup service"
)

// DemoSite is a site of the demo trust.
type DemoSite struct{ Name, Description string }

// CatalogueSites are the demo trust's sites.
var CatalogueSites = []DemoSite{
	{catSiteRoyal, "The main acute hospital: emergency department, theatres, critical care and the data centre."},
	{catSiteEastfield, "District general hospital: medical and surgical wards, maternity and outpatients."},
	{catSiteWestbrook, "Community hospital: rehabilitation wards, minor injuries and diagnostic imaging."},
	{catSiteChildrens, "Paediatric hospital: children's emergency department, wards and neonatal unit."},
}

// DemoSystem is a system of the demo trust.
type DemoSystem struct {
	Name, Description, Supplier string
	Criticality                 models.Criticality
	Owner                       string   // email
	Sites                       []string // names; nil: every site
	DependsOn                   []string // names, created earlier in CatalogueSystems
}

// CatalogueSystems are the demo trust's systems, each after those it depends on.
var CatalogueSystems = []DemoSystem{
	{catNetwork, "Core switching and routing between sites and the data centre.", "Northshire IT (in-house)", models.CriticalityCritical, ownerRuth, nil, nil},
	{catWiFi, "Clinical Wi-Fi for workstations on wheels, handhelds and medical devices.", "AirWard Networks", models.CriticalityCritical, ownerRuth, nil, []string{catNetwork}},
	{catSSO, "Single sign-on and tap-and-go smartcard log-in.", "KeyPass Identity", models.CriticalityCritical, ownerRuth, nil, []string{catNetwork}},
	{catEPR, "Electronic patient record: notes, observations, orders and results.", "Meridian Health Systems", models.CriticalityCritical, ownerTom, nil, []string{catNetwork, catWiFi, catSSO}},
	{catPACS, "Picture archiving and communication: radiology images and reports.", "Radiant Imaging Ltd", models.CriticalityCritical, ownerSam, nil, []string{catNetwork}},
	{catEPMA, "Electronic prescribing and medicines administration.", "Meridian Health Systems", models.CriticalityCritical, ownerTom, []string{catSiteRoyal, catSiteEastfield, catSiteChildrens}, []string{catEPR}},
	{catLIS, "Laboratory information system: pathology requests and results.", "LabLink Solutions", models.CriticalityHigh, ownerSam, []string{catSiteRoyal, catSiteEastfield, catSiteChildrens}, []string{catNetwork}},
	{catTheatres, "Theatre scheduling, safety checklist and utilisation.", "OpTrack Software", models.CriticalityHigh, ownerTom, []string{catSiteRoyal, catSiteEastfield, catSiteChildrens}, []string{catEPR}},
	{catFlow, "Bed management and patient flow boards.", "Meridian Health Systems", models.CriticalityHigh, ownerTom, []string{catSiteRoyal, catSiteEastfield, catSiteWestbrook}, []string{catEPR}},
	{catWorkstations, "Ward and clinic desktops, workstations on wheels and their build.", "Northshire IT (in-house)", models.CriticalityHigh, ownerRuth, nil, []string{catNetwork, catSSO}},
	{catBackup, "Off-site backup and restore of clinical systems.", "VaultSafe Ltd", models.CriticalityCritical, ownerRuth, []string{catSiteRoyal}, []string{catNetwork}},
	{catServiceDesk, "IT service desk: calls, tickets and on-site support.", "Northshire IT (in-house)", models.CriticalityStandard, ownerMark, nil, nil},
}

// criticalSystems is "all critical systems" of the demo standards.
var criticalSystems = []string{catEPR, catPACS, catEPMA, catNetwork, catWiFi, catSSO, catBackup}

// DemoStandard is a standard of the demo trust.
type DemoStandard struct {
	Code, Title, Category, Metric, Unit string
	Direction                           models.Direction
	Threshold                           float64
	Target                              *float64
	Period                              models.Period
	Rollup                              models.Rollup
	Systems                             []string // names; nil: organisation-wide
	Owner                               string   // email
	Rationale                           string
	References                          []standards.Reference
}

func f64(v float64) *float64 { return &v }

func refs(pairs ...string) []standards.Reference {
	out := make([]standards.Reference, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, standards.Reference{Scheme: pairs[i], ID: pairs[i+1]})
	}
	return out
}

// CatalogueStandards are the demo trust's 13 standards (docs/demo-trust.md).
var CatalogueStandards = []DemoStandard{
	{"AV-01", "EPR availability", "availability", "EPR availability in the month, planned maintenance excluded", "percent",
		models.HigherIsBetter, 99.9, f64(99.95), models.PeriodMonth, models.RollupMin, []string{catEPR, catEPMA}, ownerTom,
		"When the EPR is down, clinicians fall back to paper: observations are charted late, results are missed and medicines are given without the electronic allergy check. Each hour of downtime is a patient-safety hazard recorded in the trust's clinical safety case.",
		refs("DSPT", "7.3.2", "CAF", "B5.b", "DCB0160", "HAZ-003")},
	{"AV-02", "PACS availability", "availability", "PACS availability in the month", "percent",
		models.HigherIsBetter, 99.5, nil, models.PeriodMonth, models.RollupMean, []string{catPACS}, ownerSam,
		"Without PACS, emergency and trauma imaging cannot be viewed or reported, delaying diagnosis of strokes, fractures and bleeds while patients wait in the department.",
		refs("CAF", "B5.b", "DCB0160", "HAZ-007")},
	{"AV-03", "Network core availability", "availability", "Core network availability in the month", "percent",
		models.HigherIsBetter, 99.95, nil, models.PeriodMonth, models.RollupMean, []string{catNetwork, catWiFi}, ownerRuth,
		"Every clinical system depends on the core network: an outage takes the EPR, PACS, pathology and prescribing down together at every site, which is when mistakes in downtime procedures happen.",
		refs("CAF", "B5.b", "DSPT", "7.2.1")},
	{"PF-01", "Median clinician log-in time", "performance", "Median time from card tap to a usable desktop", "seconds",
		models.LowerIsBetter, 15, f64(10), models.PeriodWeek, models.RollupMean, []string{catSSO, catWorkstations}, ownerSam,
		"Slow log-in is time taken from patients dozens of times a shift, and it tempts staff to share sessions — which puts entries in the wrong person's name and can open the wrong patient's record.",
		refs("DCB0160", "HAZ-012")},
	{"PF-02", "EPR screen response time (95th percentile)", "performance", "95th percentile time to open a patient's record", "seconds",
		models.LowerIsBetter, 3, nil, models.PeriodWeek, models.RollupMax, []string{catEPR}, ownerTom,
		"When the record is slow to open, clinicians skip reviewing results and allergies during ward rounds and handover; the hazard log links slow screens to missed deterioration.",
		refs("DCB0160", "HAZ-014")},
	{"RL-01", "P1 incident restoration time", "reliability", "Longest time to restore service after a priority 1 incident", "hours",
		models.LowerIsBetter, 4, nil, models.PeriodMonth, models.RollupMax, criticalSystems, ownerRuth,
		"Downtime procedures are safe for hours, not days: beyond four hours, paper records diverge from the EPR and reconciling them afterwards causes omissions in medicines and follow-up.",
		refs("CAF", "D1.a", "DSPT", "6.2.3")},
	{"RL-02", "Wi-Fi drop-outs per ward per week", "reliability", "Wi-Fi disconnections per ward per week", "count",
		models.LowerIsBetter, 5, nil, models.PeriodWeek, models.RollupMean, []string{catWiFi}, ownerRuth,
		"Each drop-out during a drug round interrupts barcode medicines administration and tempts staff to give medicines without the electronic check.",
		refs("DCB0160", "HAZ-009")},
	{"SE-01", "Critical patches applied within 14 days", "security", "Share of critical security patches applied within 14 days of release", "percent",
		models.HigherIsBetter, 95, nil, models.PeriodMonth, models.RollupMean, criticalSystems, ownerNadia,
		"Unpatched clinical systems are how ransomware reaches hospitals; a cyber attack on the trust would stop clinical systems for weeks, as it has elsewhere in the NHS.",
		refs("DSPT", "8.3.5", "CAF", "B4.d")},
	{"BR-01", "Critical systems with verified off-site backup and a passed restore test in the last 90 days", "backup_recovery",
		"Share of critical systems with a verified off-site backup and a restore test passed in the last 90 days", "percent",
		models.HigherIsBetter, 100, nil, models.PeriodMonth, models.RollupMean, nil, ownerRuth,
		"A backup that has never been restored is a hope, not a plan: after ransomware or a failed upgrade, only a tested restore brings patients' records back.",
		refs("DSPT", "7.3.2", "CAF", "B5.c")},
	{"BR-02", "Backup job success rate", "backup_recovery", "Share of scheduled backup jobs completed successfully", "percent",
		models.HigherIsBetter, 99, nil, models.PeriodWeek, models.RollupMean, []string{catBackup}, ownerRuth,
		"Failed backup jobs leave gaps in what could be recovered; a gap in the EPR's backups is a gap in patients' records after an incident.",
		refs("DSPT", "7.3.2", "CAF", "B5.c")},
	{"SS-01", "Service desk P2 tickets resolved within target", "service_support", "Share of priority 2 tickets resolved within eight working hours", "percent",
		models.HigherIsBetter, 90, nil, models.PeriodMonth, models.RollupMean, []string{catServiceDesk}, ownerMark,
		"Priority 2 faults are a ward's broken scanner or a clinic's missing printer: each open day means workarounds, and workarounds are where errors creep in.",
		refs("DSPT", "6.2.1")},
	{"CE-01", "Clinician time lost to IT", "clinician_experience", "Hours of clinicians' time lost to IT problems reported in the week", "hours",
		models.LowerIsBetter, 40, nil, models.PeriodWeek, models.RollupSum, reportedSystems, ownerDavid,
		"Every hour a clinician spends fighting IT is an hour not spent with patients. Measured from clinicians' own reports, beside the machine metrics.",
		refs("DCB0160", "HAZ-001")},
	{"CE-02", "IT problems with moderate or worse patient harm", "clinician_experience", "Reported IT problems with moderate, severe or fatal harm", "count",
		models.LowerIsBetter, 2, nil, models.PeriodMonth, models.RollupSum, reportedSystems, ownerDavid,
		"Harm from IT failures is under-reported; counting it from clinicians' reports in the NHS's LFPSE terms puts it in front of the board every month.",
		refs("DCB0160", "HAZ-001")},
}

// HistoryStart is the first day of the demo's history: the first of the month
// two years before the current one. Every demo standard's first revision
// takes effect then, so the whole history is judged.
func HistoryStart(now time.Time) time.Time {
	return compliance.PeriodStart(models.PeriodMonth, now).AddDate(-2, 0, 0)
}

// PF01ChangeWeek is the Monday from which tap-and-go log-in was adopted:
// 39 weeks (about nine months) before PF-01's last complete week. The demo
// records a rebase there, and PF-01's measured history shifts down from it.
func PF01ChangeWeek(now time.Time) time.Time {
	return compliance.AddPeriods(models.PeriodWeek, compliance.LastCompletePeriod(models.PeriodWeek, now), -39)
}

// PACSExceptionMonths is the approved exception for PACS at Westbrook during
// its planned migration: the last two complete months, first and last day.
func PACSExceptionMonths(now time.Time) (startsOn, expiresOn time.Time) {
	last := compliance.LastCompletePeriod(models.PeriodMonth, now)
	return last.AddDate(0, -1, 0), last.AddDate(0, 1, -1)
}

// CatalogueIDs is the seeded demo catalogue, for the areas that seed after it.
type CatalogueIDs struct {
	Sites     map[string]models.Site     // by name
	Systems   map[string]models.System   // by name
	Standards map[string]models.Standard // by code
	Owners    map[string]models.User     // by email
}

// LookupCatalogue reads the demo catalogue back from the database (after
// Seed has created it), by site and system name and standard code.
func LookupCatalogue(ctx context.Context, db *gorm.DB) (CatalogueIDs, error) {
	out := CatalogueIDs{Sites: map[string]models.Site{}, Systems: map[string]models.System{},
		Standards: map[string]models.Standard{}, Owners: map[string]models.User{}}
	db = db.WithContext(ctx)
	var sites []models.Site
	var systems []models.System
	var stds []models.Standard
	var users []models.User
	emails := []string{}
	for _, u := range append(append([]User{}, Users...), CatalogueOwners...) {
		emails = append(emails, u.Email)
	}
	for _, q := range []struct {
		err error
	}{
		{db.Find(&sites).Error}, {db.Find(&systems).Error}, {db.Find(&stds).Error},
		{db.Where("email IN ?", emails).Find(&users).Error},
	} {
		if q.err != nil {
			return out, fmt.Errorf("look up demo catalogue: %w", q.err)
		}
	}
	for _, s := range sites {
		out.Sites[s.Name] = s
	}
	for _, s := range systems {
		out.Systems[s.Name] = s
	}
	for _, s := range stds {
		out.Standards[s.Code] = s
	}
	for _, u := range users {
		out.Owners[u.Email] = u
	}
	return out, nil
}

// seedCatalogue creates whatever of the demo catalogue is not there yet.
func seedCatalogue(ctx context.Context, a *app.App, out io.Writer) error {
	now := a.Now()
	sys := access.System("seed")
	for _, u := range CatalogueOwners {
		_, err := a.Auth.CreateUser(ctx, sys, auth.NewUser{Email: u.Email, Name: u.Name, Roles: []models.Role{u.Role}})
		if err != nil && !errors.Is(err, services.ErrConflict) {
			return fmt.Errorf("seed owner %s: %w", u.Email, err)
		}
	}
	ids, err := LookupCatalogue(ctx, a.DB.Gorm)
	if err != nil {
		return err
	}
	ownerID := func(email string) (*string, error) {
		u, ok := ids.Owners[email]
		if !ok {
			return nil, fmt.Errorf("demo owner %s is missing", email)
		}
		return &u.ID, nil
	}
	for _, s := range CatalogueSites {
		if _, ok := ids.Sites[s.Name]; ok {
			continue
		}
		site, err := a.Catalogue.CreateSite(ctx, sys, catalogue.NewSite{Name: s.Name, Description: s.Description})
		if err != nil {
			return fmt.Errorf("seed site %s: %w", s.Name, err)
		}
		ids.Sites[s.Name] = site
	}
	for _, s := range CatalogueSystems {
		if _, ok := ids.Systems[s.Name]; ok {
			continue
		}
		owner, err := ownerID(s.Owner)
		if err != nil {
			return err
		}
		in := catalogue.NewSystem{Name: s.Name, Description: s.Description, Supplier: s.Supplier,
			Criticality: string(s.Criticality), OwnerID: owner}
		siteNames := s.Sites
		if siteNames == nil {
			for _, site := range CatalogueSites {
				siteNames = append(siteNames, site.Name)
			}
		}
		for _, n := range siteNames {
			in.SiteIDs = append(in.SiteIDs, ids.Sites[n].ID)
		}
		for _, n := range s.DependsOn {
			in.DependsOnIDs = append(in.DependsOnIDs, ids.Systems[n].ID)
		}
		created, err := a.Catalogue.CreateSystem(ctx, sys, in)
		if err != nil {
			return fmt.Errorf("seed system %s: %w", s.Name, err)
		}
		ids.Systems[s.Name] = created.System
	}
	from := HistoryStart(now).Format(time.DateOnly)
	review := compliance.PeriodStart(models.PeriodMonth, now).AddDate(0, 9, 0).Format(time.DateOnly)
	for _, s := range CatalogueStandards {
		if _, ok := ids.Standards[s.Code]; ok {
			continue
		}
		owner, err := ownerID(s.Owner)
		if err != nil {
			return err
		}
		in := standards.NewStandard{
			Code: s.Code, Title: s.Title, Rationale: s.Rationale, Category: s.Category, Metric: s.Metric,
			Unit: s.Unit, Direction: string(s.Direction), Threshold: f64(s.Threshold), Target: s.Target,
			Period: string(s.Period), Rollup: string(s.Rollup), OwnerID: owner, Status: string(models.StandardActive),
			ReviewDue: &review, References: s.References, EffectiveFrom: &from, SystemIDs: []string{},
		}
		for _, n := range s.Systems {
			in.SystemIDs = append(in.SystemIDs, ids.Systems[n].ID)
		}
		created, err := a.Standards.Create(ctx, sys, in)
		if err != nil {
			return fmt.Errorf("seed standard %s: %w", s.Code, err)
		}
		ids.Standards[s.Code] = created.Standard
	}
	if err := seedPACSException(ctx, a, ids, now); err != nil {
		return err
	}
	if err := seedPF01Rebase(ctx, a, ids, now); err != nil {
		return err
	}
	fmt.Fprintf(out, "demo: %d sites, %d systems, %d standards\n", len(CatalogueSites), len(CatalogueSystems), len(CatalogueStandards))
	return nil
}

// actorFor acts as a demo user (exceptions are approved by a person, and a
// rebase is recorded by the standard's owner).
func actorFor(u models.User) access.Actor {
	return access.Actor{UserID: u.ID, Label: u.Email, Roles: auth.RolesOf(u)}
}

func seedPACSException(ctx context.Context, a *app.App, ids CatalogueIDs, now time.Time) error {
	av02 := ids.Standards["AV-02"]
	existing, err := a.Standards.ListExceptions(ctx, av02.ID, catalogue.ListOptions{})
	if err != nil || len(existing.Items) > 0 {
		return err
	}
	admin, ok := ids.Owners["admin@demo.assure.test"]
	if !ok {
		return errors.New("demo admin is missing")
	}
	site := ids.Sites[catSiteWestbrook].ID
	starts, expires := PACSExceptionMonths(now)
	_, err = a.Standards.CreateException(ctx, actorFor(admin), av02.ID, standards.NewException{
		Reason: "Planned migration to the new PACS image archive at Westbrook Community Hospital. " +
			"Imaging at Westbrook runs on the legacy viewer during cut-over; downtime procedures agreed with radiology.",
		SiteID: &site, StartsOn: starts.Format(time.DateOnly), ExpiresOn: expires.Format(time.DateOnly),
	})
	if err != nil {
		return fmt.Errorf("seed AV-02 exception: %w", err)
	}
	return nil
}

func seedPF01Rebase(ctx context.Context, a *app.App, ids CatalogueIDs, now time.Time) error {
	pf01 := ids.Standards["PF-01"]
	existing, err := a.Standards.ListRebases(ctx, pf01.ID, catalogue.ListOptions{})
	if err != nil || len(existing.Items) > 0 {
		return err
	}
	owner, ok := ids.Owners[ownerSam]
	if !ok {
		return errors.New("demo improver is missing")
	}
	_, err = a.Standards.CreateRebase(ctx, actorFor(owner), pf01.ID, standards.NewRebase{
		Period: PF01ChangeWeek(now).Format(time.DateOnly),
		Reason: "Tap-and-go log-in adopted on every ward (PDSA cycle 3): limits recalculated from the change.",
	})
	if err != nil {
		return fmt.Errorf("seed PF-01 rebase: %w", err)
	}
	return nil
}
