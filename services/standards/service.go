// Package standards keeps the IT minimum standards catalogue: each standard's
// definition, the revisions of its judged fields (threshold, target,
// direction, period) effective from a date, approved time-limited exceptions,
// and the rebase points an owner records on its SPC chart.
//
// Admins manage standards; the accountable owner of a standard may edit its
// text (title, rationale, metric name, references, review date) and record
// rebases. That resource rule lives here, not in the route table.
package standards

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
	"time"

	"gorm.io/gorm"

	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/audit"
	"assure/services/catalogue"
	"assure/services/compliance"
	"assure/services/spc"
)

// Service manages the standards catalogue.
type Service struct {
	db         *gorm.DB
	audit      *audit.Recorder
	compliance *compliance.Service
	now        func() time.Time
}

// NewService builds the standards service. now is the clock (nil for time.Now).
func NewService(db *gorm.DB, rec *audit.Recorder, comp *compliance.Service, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{db: db, audit: rec, compliance: comp, now: now}
}

func (s *Service) stamp() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

func (s *Service) today() time.Time { return compliance.Day(s.now()) }

// Reference points a standard at an external framework: {scheme: "DSPT",
// id: "7.3.2"}, {scheme: "CAF", id: "B5.c"}, {scheme: "DCB0160", id: "HAZ-012"}.
type Reference struct {
	Scheme string `json:"scheme"`
	ID     string `json:"id"`
}

// Standard is a standard with the systems in its scope and its references.
type Standard struct {
	models.Standard
	SystemIDs []string
	Refs      []Reference
}

// NewStandard is the input for Create. Dates are YYYY-MM-DD.
type NewStandard struct {
	Code               string
	Title              string
	Rationale          string
	Category           string
	Metric             string
	Unit               string
	Direction          string
	Threshold          *float64
	Target             *float64
	Period             string
	Rollup             string
	SystemIDs          []string
	OwnerID            *string
	Status             string // "" is draft
	ReviewDue          *string
	References         []Reference
	BaselinePoints     *int
	ScreenMovingRanges *bool // nil is true
	// EffectiveFrom dates the first revision (default: today).
	EffectiveFrom *string
}

// Change is the input for Update: unset fields are left as they are.
type Change struct {
	Code               *string
	Title              *string
	Rationale          *string
	Category           *string
	Metric             *string
	Unit               *string
	Direction          *string
	Threshold          *float64
	Target             catalogue.Optional[float64]
	Period             *string
	Rollup             *string
	SystemIDs          *[]string
	OwnerID            catalogue.Optional[string]
	Status             *string
	ReviewDue          catalogue.Optional[string]
	References         *[]Reference
	BaselinePoints     catalogue.Optional[int]
	ScreenMovingRanges *bool
	// EffectiveFrom dates the new revision when threshold, target, direction
	// or period changes (default: today); otherwise it is not used.
	EffectiveFrom *string
}

// ownerMayChange reports whether the change touches only what a standard's
// owner may edit without being an admin.
func (c Change) ownerMayChange() bool {
	return c.Code == nil && c.Category == nil && c.Unit == nil && c.Direction == nil && c.Threshold == nil &&
		!c.Target.Set && c.Period == nil && c.Rollup == nil && c.SystemIDs == nil && !c.OwnerID.Set &&
		c.Status == nil && !c.BaselinePoints.Set && c.ScreenMovingRanges == nil && c.EffectiveFrom == nil
}

var codePattern = regexp.MustCompile(`^[A-Z][A-Z0-9]{0,9}-[0-9]{2,4}$`)

// Limits on a standard's fields.
const (
	maxReferences   = 50
	maxRationale    = 10000
	maxReasonLength = 2000
)

func oneOf[T ~string](v *services.ValidationError, field string, value T, allowed []T) {
	if value == "" {
		v.Add(field, "is required: one of %s", joinAllowed(allowed))
		return
	}
	if !slices.Contains(allowed, value) {
		v.Add(field, "must be one of %s", joinAllowed(allowed))
	}
}

func joinAllowed[T ~string](allowed []T) string {
	out := ""
	for i, a := range allowed {
		switch {
		case i == 0:
		case i == len(allowed)-1:
			out += " or "
		default:
			out += ", "
		}
		out += string(a)
	}
	return out
}

var (
	directions = []models.Direction{models.HigherIsBetter, models.LowerIsBetter, models.Neither}
	periods    = []models.Period{models.PeriodDay, models.PeriodWeek, models.PeriodMonth}
	rollups    = []models.Rollup{models.RollupMean, models.RollupSum, models.RollupMin, models.RollupMax}
	statuses   = []models.StandardStatus{models.StandardDraft, models.StandardActive, models.StandardRetired}
)

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// parseDate reads a YYYY-MM-DD field, adding an error if it is not one.
func parseDate(v *services.ValidationError, field, s string) time.Time {
	d, err := spc.ParseDate(s)
	if err != nil {
		v.Add(field, "must be a date in the form YYYY-MM-DD")
		return time.Time{}
	}
	return d.Time()
}

// check validates a standard's own fields (trimming its text) and the
// references to users and systems; v collects the problems. The owner is
// looked up only when checkOwner is set (it is new, or the standard is being
// activated), so that an owner deactivated since does not block every other
// edit of their standard — reassigning it is a separate decision.
func check(tx *gorm.DB, v *services.ValidationError, st *Standard, checkOwner bool) error {
	if !codePattern.MatchString(st.Code) {
		v.Add("code", "must look like AV-01: capital letters or digits starting with a letter, a hyphen, then 2 to 4 digits")
	}
	st.Title = catalogue.CheckText(v, "title", st.Title, 1, 300)
	st.Rationale = catalogue.CheckText(v, "rationale", st.Rationale, 0, maxRationale)
	st.Metric = catalogue.CheckText(v, "metric", st.Metric, 1, 200)
	oneOf(v, "category", st.Category, models.Categories)
	oneOf(v, "unit", st.Unit, models.Units)
	oneOf(v, "direction", st.Direction, directions)
	oneOf(v, "period", st.Period, periods)
	oneOf(v, "rollup", st.Rollup, rollups)
	oneOf(v, "status", st.Status, statuses)
	if !finite(st.Threshold) {
		v.Add("threshold", "must be a finite number")
	}
	if st.Target != nil && !finite(*st.Target) {
		v.Add("target", "must be a finite number")
	}
	if st.BaselinePoints != nil && (*st.BaselinePoints < spc.MinBaselinePoints || *st.BaselinePoints > spc.MaxPoints) {
		v.Add("baseline_points", "must be null or between %d and %d", spc.MinBaselinePoints, spc.MaxPoints)
	}
	if len(st.Refs) > maxReferences {
		v.Add("references", "must hold at most %d references", maxReferences)
	}
	for i := range st.Refs {
		r := &st.Refs[i]
		r.Scheme = catalogue.CheckText(v, fmt.Sprintf("references[%d].scheme", i), r.Scheme, 1, 40)
		r.ID = catalogue.CheckText(v, fmt.Sprintf("references[%d].id", i), r.ID, 1, 100)
	}
	if st.OwnerID != nil {
		if checkOwner {
			if err := catalogue.CheckOwner(tx, v, "owner_id", *st.OwnerID); err != nil {
				return err
			}
		}
	} else if st.Status == models.StandardActive {
		v.Add("owner_id", "is required to make a standard active: every active standard has an accountable owner")
	}
	st.SystemIDs = catalogue.UniqueIDs(v, "system_ids", st.SystemIDs)
	return catalogue.CheckExisting(tx, v, "system_ids", "systems", st.SystemIDs)
}

// encodeRefs stores references as the jsonb column holds them.
func encodeRefs(refs []Reference) json.RawMessage {
	if refs == nil {
		refs = []Reference{}
	}
	raw, _ := json.Marshal(refs) // a slice of string pairs always marshals
	return raw
}

func decodeRefs(raw json.RawMessage) ([]Reference, error) {
	refs := []Reference{}
	if len(raw) == 0 {
		return refs, nil
	}
	if err := json.Unmarshal(raw, &refs); err != nil {
		return nil, fmt.Errorf("decode references: %w", err)
	}
	return refs, nil
}

func dateString(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := t.Format(time.DateOnly)
	return &s
}

func standardAudit(st Standard) map[string]any {
	return map[string]any{
		"id": st.ID, "code": st.Code, "title": st.Title, "rationale": st.Rationale, "category": st.Category,
		"metric": st.Metric, "unit": st.Unit, "direction": st.Direction, "threshold": st.Threshold,
		"target": st.Target, "period": st.Period, "rollup": st.Rollup, "system_ids": st.SystemIDs,
		"owner_id": st.OwnerID, "status": st.Status, "review_due": dateString(st.ReviewDue),
		"references": st.Refs, "baseline_points": st.BaselinePoints,
		"screen_moving_ranges": st.ScreenMovingRanges, "version": st.Version,
	}
}

// mayEdit reports whether actor may change standard st: admins anything,
// its owner only when the change is textOnly.
func mayEdit(actor access.Actor, st Standard, textOnly bool) bool {
	if actor.Can(access.StandardsManage) {
		return true
	}
	return textOnly && isOwner(actor, st)
}

func isOwner(actor access.Actor, st Standard) bool {
	return actor.UserID != "" && st.OwnerID != nil && *st.OwnerID == actor.UserID
}
