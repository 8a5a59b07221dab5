package issues

import (
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"assure/models"
	"assure/services"
)

// Limits on what a report holds. The schema checks them too.
const (
	MaxTitle           = 200
	MaxDescription     = 4000
	MaxLocation        = 200
	MaxWorkaround      = 1000
	MaxComment         = 4000
	MaxStaffAffected   = 1000
	MaxMinutesLost     = 10080 // a week, per person
	MaxDurationMinutes = 525600
	// MaxBackdate is how far back a report may say its problem started.
	MaxBackdate = 3 * 366 * 24 * time.Hour
	// clockSkew lets a phone whose clock runs a little fast say "just now".
	clockSkew = 10 * time.Minute
)

// ReportInput is what a reporter says. Only Title, the system (or
// SystemNotSure), SiteID and the two harms are required.
type ReportInput struct {
	Title             string
	Description       string
	SystemID          *string
	SystemNotSure     bool
	SiteID            string
	Location          string
	StartedAt         *time.Time // nil: now
	Ongoing           bool
	DurationMinutes   *int
	StaffAffected     *int // nil: 1
	MinutesLost       *int // per person; nil: 0
	WorkaroundUsed    bool
	Workaround        string
	PhysicalHarm      models.Harm
	PsychologicalHarm models.Harm
	CareDelayed       bool
	CareNotGiven      bool
}

// ReportPatch changes some fields of a report; nil leaves a field as it is.
// SystemNotSure true clears the system; a SystemID sets it.
type ReportPatch struct {
	Title             *string
	Description       *string
	SystemID          *string
	SystemNotSure     *bool
	SiteID            *string
	Location          *string
	StartedAt         *time.Time
	Ongoing           *bool
	DurationMinutes   *int
	ClearDuration     bool // the client sent duration_minutes: null
	StaffAffected     *int
	MinutesLost       *int
	WorkaroundUsed    *bool
	Workaround        *string
	PhysicalHarm      *models.Harm
	PsychologicalHarm *models.Harm
	CareDelayed       *bool
	CareNotGiven      *bool
}

// apply sets the patch's fields on is, noting invalid combinations in v.
func (p ReportPatch) apply(is *models.Issue, v *services.ValidationError) {
	setS := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	setB := func(dst *bool, src *bool) {
		if src != nil {
			*dst = *src
		}
	}
	setI := func(dst *int, src *int) {
		if src != nil {
			*dst = *src
		}
	}
	setS(&is.Title, p.Title)
	setS(&is.Description, p.Description)
	switch {
	case p.SystemID != nil && p.SystemNotSure != nil && *p.SystemNotSure:
		v.Add("system_id", "give a system or say you are not sure, not both")
	case p.SystemID != nil:
		id := *p.SystemID
		is.SystemID = &id
	case p.SystemNotSure != nil && *p.SystemNotSure:
		is.SystemID = nil
	}
	setS(&is.SiteID, p.SiteID)
	setS(&is.Location, p.Location)
	if p.StartedAt != nil {
		is.StartedAt = p.StartedAt.UTC().Truncate(time.Microsecond)
	}
	setB(&is.Ongoing, p.Ongoing)
	switch {
	case p.ClearDuration:
		is.DurationMinutes = nil
	case p.DurationMinutes != nil:
		d := *p.DurationMinutes
		is.DurationMinutes = &d
	case p.Ongoing != nil && *p.Ongoing:
		// Still happening has no duration yet.
		is.DurationMinutes = nil
	}
	setI(&is.StaffAffected, p.StaffAffected)
	setI(&is.MinutesLost, p.MinutesLost)
	setB(&is.WorkaroundUsed, p.WorkaroundUsed)
	setS(&is.Workaround, p.Workaround)
	if p.WorkaroundUsed != nil && !*p.WorkaroundUsed && p.Workaround == nil {
		is.Workaround = ""
	}
	if p.PhysicalHarm != nil {
		is.PhysicalHarm = *p.PhysicalHarm
	}
	if p.PsychologicalHarm != nil {
		is.PsychologicalHarm = *p.PsychologicalHarm
	}
	setB(&is.CareDelayed, p.CareDelayed)
	setB(&is.CareNotGiven, p.CareNotGiven)
}

// toIssue turns input into a new report's fields, noting what is missing in v.
func (in ReportInput) toIssue(now time.Time, v *services.ValidationError) models.Issue {
	is := models.Issue{
		Title:             in.Title,
		Description:       in.Description,
		SiteID:            in.SiteID,
		Location:          in.Location,
		StartedAt:         now,
		Ongoing:           in.Ongoing,
		DurationMinutes:   in.DurationMinutes,
		StaffAffected:     1,
		WorkaroundUsed:    in.WorkaroundUsed,
		Workaround:        in.Workaround,
		PhysicalHarm:      in.PhysicalHarm,
		PsychologicalHarm: in.PsychologicalHarm,
		CareDelayed:       in.CareDelayed,
		CareNotGiven:      in.CareNotGiven,
	}
	switch {
	case in.SystemID != nil && in.SystemNotSure:
		v.Add("system_id", "give a system or say you are not sure, not both")
	case in.SystemID != nil:
		is.SystemID = in.SystemID
	case !in.SystemNotSure:
		v.Add("system_id", "is required: choose the system, or say you are not sure")
	}
	if in.StartedAt != nil {
		is.StartedAt = in.StartedAt.UTC().Truncate(time.Microsecond)
	}
	if in.StaffAffected != nil {
		is.StaffAffected = *in.StaffAffected
	}
	if in.MinutesLost != nil {
		is.MinutesLost = *in.MinutesLost
	}
	if in.PhysicalHarm == "" {
		v.Add("physical_harm", "is required: say what physical harm came to patients (none if none)")
	}
	if in.PsychologicalHarm == "" {
		v.Add("psychological_harm", "is required: say what psychological harm came to patients (none if none)")
	}
	return is
}

// normalise trims free text so that "  " counts as empty.
func normalise(is *models.Issue) {
	is.Title = strings.TrimSpace(is.Title)
	is.Description = strings.TrimSpace(is.Description)
	is.Location = strings.TrimSpace(is.Location)
	is.Workaround = strings.TrimSpace(is.Workaround)
}

// checkText validates one free-text field: length and patient identifiers.
func checkText(v *services.ValidationError, field, text string, required bool, max int) {
	n := utf8.RuneCountInString(text)
	switch {
	case required && n == 0:
		v.Add(field, "is required")
		return
	case n > max:
		v.Add(field, "must be at most %d characters (it has %d)", max, n)
		return
	case !utf8.ValidString(text) || strings.ContainsRune(text, 0):
		v.Add(field, "must be plain text")
		return
	}
	if why := PatientIdentifier(text); why != "" {
		v.Add(field, "%s", why)
	}
}

// validateIssue checks a report as it would be stored, against now and the
// catalogue, adding every problem to v.
func validateIssue(tx *gorm.DB, is models.Issue, now time.Time, v *services.ValidationError) error {
	checkText(v, "title", is.Title, true, MaxTitle)
	checkText(v, "description", is.Description, false, MaxDescription)
	checkText(v, "location", is.Location, false, MaxLocation)
	checkText(v, "workaround", is.Workaround, false, MaxWorkaround)
	if is.Workaround != "" && !is.WorkaroundUsed {
		v.Add("workaround", "describe a workaround only when one was used (set workaround_used)")
	}
	if is.StartedAt.After(now.Add(clockSkew)) {
		v.Add("started_at", "must not be in the future")
	} else if is.StartedAt.Before(now.Add(-MaxBackdate)) {
		v.Add("started_at", "must be within the last three years")
	}
	if is.Ongoing && is.DurationMinutes != nil {
		v.Add("duration_minutes", "leave this out while the problem is still happening (ongoing)")
	} else if d := is.DurationMinutes; d != nil && (*d < 0 || *d > MaxDurationMinutes) {
		v.Add("duration_minutes", "must be between 0 and %d", MaxDurationMinutes)
	}
	if is.StaffAffected < 1 || is.StaffAffected > MaxStaffAffected {
		v.Add("staff_affected", "must be between 1 and %d", MaxStaffAffected)
	}
	if is.MinutesLost < 0 || is.MinutesLost > MaxMinutesLost {
		v.Add("minutes_lost", "must be between 0 and %d (minutes per person)", MaxMinutesLost)
	}
	checkHarm(v, "physical_harm", is.PhysicalHarm)
	checkHarm(v, "psychological_harm", is.PsychologicalHarm)
	if is.SystemID != nil {
		if ok, err := exists(tx, "systems", *is.SystemID); err != nil {
			return err
		} else if !ok {
			v.Add("system_id", "is not a system in the catalogue")
		}
	}
	if is.SiteID == "" {
		v.Add("site_id", "is required: choose the site")
	} else if ok, err := exists(tx, "sites", is.SiteID); err != nil {
		return err
	} else if !ok {
		v.Add("site_id", "is not a site in the catalogue")
	}
	return nil
}

func checkHarm(v *services.ValidationError, field string, h models.Harm) {
	if h != "" && !h.Valid() {
		v.Add(field, "must be one of none, low, moderate, severe, fatal")
	}
}

// exists reports whether table (one of a fixed set, never input) has a row
// with id.
func exists(tx *gorm.DB, table, id string) (bool, error) {
	if !isUUID(id) {
		return false, nil
	}
	var ok bool
	var q string
	switch table {
	case "systems":
		q = "SELECT EXISTS (SELECT 1 FROM systems WHERE id = ?)"
	case "sites":
		q = "SELECT EXISTS (SELECT 1 FROM sites WHERE id = ?)"
	case "standards":
		q = "SELECT EXISTS (SELECT 1 FROM standards WHERE id = ?)"
	case "users":
		q = "SELECT EXISTS (SELECT 1 FROM users WHERE id = ?)"
	default:
		panic("issues: exists on unexpected table " + table)
	}
	if err := tx.Raw(q, id).Scan(&ok).Error; err != nil {
		return false, services.DBError("look up "+table, err)
	}
	return ok, nil
}

// ownMinutes is the report's own time lost: minutes per person × staff
// affected. "Also affected" entries add theirs to make total_minutes_lost.
func ownMinutes(is models.Issue) int64 { return int64(is.MinutesLost) * int64(is.StaffAffected) }
