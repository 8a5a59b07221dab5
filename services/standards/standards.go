package standards

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/catalogue"
	"assure/services/compliance"
)

// Filter selects standards to list.
type Filter struct {
	catalogue.ListOptions
	Category string
	Status   string
	OwnerID  string
	SystemID string
	// Compliance keeps active standards whose organisation roll-up has this
	// status (met, breached, excepted, missing) for the last complete period.
	Compliance string
	// Q matches code, title or metric, case-insensitively.
	Q string
}

// List lists standards by code.
func (s *Service) List(ctx context.Context, f Filter) (catalogue.Page[Standard], error) {
	limit, err := services.PageLimit(f.Limit)
	if err != nil {
		return catalogue.Page[Standard]{}, err
	}
	after, err := services.DecodeCursor(f.Cursor, 1)
	if err != nil {
		return catalogue.Page[Standard]{}, err
	}
	v := &services.ValidationError{}
	if f.Category != "" && !slices.Contains(models.Categories, f.Category) {
		v.Add("category", "must be one of %s", joinAllowed(models.Categories))
	}
	if f.Status != "" && !slices.Contains(statuses, models.StandardStatus(f.Status)) {
		v.Add("status", "must be one of %s", joinAllowed(statuses))
	}
	if f.OwnerID != "" && !catalogue.ValidID(f.OwnerID) {
		v.Add("owner_id", "must be a user id")
	}
	if f.SystemID != "" && !catalogue.ValidID(f.SystemID) {
		v.Add("system_id", "must be a system id")
	}
	judged := []compliance.Status{compliance.Met, compliance.Breached, compliance.Excepted, compliance.Missing}
	if f.Compliance != "" && !slices.Contains(judged, compliance.Status(f.Compliance)) {
		v.Add("compliance", "must be one of %s", joinAllowed(judged))
	}
	if err := v.Err(); err != nil {
		return catalogue.Page[Standard]{}, err
	}
	db := s.db.WithContext(ctx)
	q := db.Order("code").Limit(limit + 1)
	if after != nil {
		q = q.Where("code > ?", after[0])
	}
	if f.Category != "" {
		q = q.Where("category = ?", f.Category)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.OwnerID != "" {
		q = q.Where("owner_id = ?", f.OwnerID)
	}
	if f.SystemID != "" {
		q = q.Where("id IN (SELECT standard_id FROM standard_systems WHERE system_id = ?)", f.SystemID)
	}
	if f.Q != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(strings.TrimSpace(f.Q)) + "%"
		q = q.Where("code ILIKE ? OR title ILIKE ? OR metric ILIKE ?", like, like, like)
	}
	if f.Compliance != "" {
		last, err := s.compliance.LastPeriods(ctx, nil)
		if err != nil {
			return catalogue.Page[Standard]{}, err
		}
		ids := []string{}
		for id, lp := range last {
			if string(lp.Status) == f.Compliance {
				ids = append(ids, id)
			}
		}
		if len(ids) == 0 {
			return catalogue.Page[Standard]{Items: []Standard{}}, nil
		}
		q = q.Where("id IN ?", ids)
	}
	var rows []models.Standard
	if err := q.Find(&rows).Error; err != nil {
		return catalogue.Page[Standard]{}, fmt.Errorf("list standards: %w", err)
	}
	page := catalogue.Page[Standard]{}
	if len(rows) > limit {
		rows = rows[:limit]
		page.NextCursor = services.EncodeCursor(rows[limit-1].Code)
	}
	if page.Items, err = withScope(db, rows); err != nil {
		return catalogue.Page[Standard]{}, err
	}
	return page, nil
}

// withScope adds each standard's systems (one query) and references.
func withScope(db *gorm.DB, rows []models.Standard) ([]Standard, error) {
	out := make([]Standard, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	ids := make([]string, len(rows))
	at := map[string]int{}
	for i, r := range rows {
		refs, err := decodeRefs(r.References)
		if err != nil {
			return nil, fmt.Errorf("standard %s: %w", r.ID, err)
		}
		ids[i], at[r.ID] = r.ID, i
		out[i] = Standard{Standard: r, SystemIDs: []string{}, Refs: refs}
	}
	var links []models.StandardSystem
	if err := db.Where("standard_id IN ?", ids).Order("system_id").Find(&links).Error; err != nil {
		return nil, fmt.Errorf("load systems of standards: %w", err)
	}
	for _, l := range links {
		out[at[l.StandardID]].SystemIDs = append(out[at[l.StandardID]].SystemIDs, l.SystemID)
	}
	return out, nil
}

func load(db *gorm.DB, id string, lock bool) (Standard, error) {
	if !catalogue.ValidID(id) {
		return Standard{}, fmt.Errorf("standard %s: %w", id, services.ErrNotFound)
	}
	q := db
	if lock {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var row models.Standard
	if err := q.Where("id = ?", id).Take(&row).Error; err != nil {
		return Standard{}, services.DBError("load standard "+id, err)
	}
	out, err := withScope(db, []models.Standard{row})
	if err != nil {
		return Standard{}, err
	}
	return out[0], nil
}

// Get returns one standard.
func (s *Service) Get(ctx context.Context, id string) (Standard, error) {
	return load(s.db.WithContext(ctx), id, false)
}

// Create adds a standard with its first revision. The actor must hold
// standards.manage.
func (s *Service) Create(ctx context.Context, actor access.Actor, in NewStandard) (Standard, error) {
	if !actor.Can(access.StandardsManage) {
		return Standard{}, services.ErrForbidden
	}
	now := s.stamp()
	st := Standard{
		Standard: models.Standard{
			Code: strings.TrimSpace(in.Code), Title: in.Title, Rationale: in.Rationale, Category: in.Category,
			Metric: in.Metric, Unit: in.Unit, Direction: models.Direction(in.Direction), Target: in.Target,
			Period: models.Period(in.Period), Rollup: models.Rollup(in.Rollup), OwnerID: in.OwnerID,
			Status: models.StandardStatus(in.Status), BaselinePoints: in.BaselinePoints,
			ScreenMovingRanges: in.ScreenMovingRanges == nil || *in.ScreenMovingRanges,
			Version:            1, CreatedAt: now, UpdatedAt: now,
		},
		SystemIDs: in.SystemIDs,
		Refs:      in.References,
	}
	if st.Status == "" {
		st.Status = models.StandardDraft
	}
	if st.Refs == nil {
		st.Refs = []Reference{}
	}
	v := &services.ValidationError{}
	if in.Threshold == nil {
		v.Add("threshold", "is required: the minimum acceptable value")
	} else {
		st.Threshold = *in.Threshold
	}
	if in.ReviewDue != nil {
		d := parseDate(v, "review_due", *in.ReviewDue)
		st.ReviewDue = &d
	}
	effective := s.today()
	if in.EffectiveFrom != nil {
		effective = parseDate(v, "effective_from", *in.EffectiveFrom)
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := check(tx, v, &st, true); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := codeFree(tx, st.Code, ""); err != nil {
			return err
		}
		st.References = encodeRefs(st.Refs)
		if err := tx.Create(&st.Standard).Error; err != nil {
			return services.DBError("create standard", err)
		}
		if err := replaceScope(tx, st); err != nil {
			return err
		}
		rev := revisionOf(st, effective, actor, now)
		if err := tx.Create(&rev).Error; err != nil {
			return services.DBError("create first revision", err)
		}
		return s.audit.Record(tx, actor, "standard.created", "standard", st.ID, nil, standardAudit(st))
	})
	return st, err
}

func codeFree(tx *gorm.DB, code, except string) error {
	var n int64
	q := tx.Model(&models.Standard{}).Where("code = ?", code)
	if except != "" {
		q = q.Where("id <> ?", except)
	}
	if err := q.Count(&n).Error; err != nil {
		return fmt.Errorf("check standard code: %w", err)
	}
	if n > 0 {
		return services.Conflict("a standard with code %s already exists", code)
	}
	return nil
}

func replaceScope(tx *gorm.DB, st Standard) error {
	if err := tx.Where("standard_id = ?", st.ID).Delete(&models.StandardSystem{}).Error; err != nil {
		return services.DBError("replace systems of standard", err)
	}
	if len(st.SystemIDs) == 0 {
		return nil
	}
	links := make([]models.StandardSystem, len(st.SystemIDs))
	for i, id := range st.SystemIDs {
		links[i] = models.StandardSystem{StandardID: st.ID, SystemID: id}
	}
	if err := tx.Create(&links).Error; err != nil {
		return services.DBError("link systems of standard", err)
	}
	return nil
}

// Update changes a standard. Admins may change anything; the standard's
// owner may change only its text (title, rationale, metric, references,
// review_due) — anyone else gets ErrForbidden. A change of threshold, target,
// direction or period is a new revision effective from in.EffectiveFrom
// (default today). ifMatch is the versions the client's If-Match names (nil:
// none sent).
func (s *Service) Update(ctx context.Context, actor access.Actor, id string, in Change, ifMatch []int) (Standard, error) {
	var st Standard
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if st, err = load(tx, id, true); err != nil {
			return err
		}
		if !mayEdit(actor, st, in.ownerMayChange()) {
			return services.ErrForbidden
		}
		if err := catalogue.CheckIfMatch(ifMatch, st.Version); err != nil {
			return err
		}
		before := standardAudit(st)
		oldStatus, oldJudged := st.Status, judgedOf(st)
		v := &services.ValidationError{}
		apply(v, &st, in)
		activating := st.Status == models.StandardActive && oldStatus != models.StandardActive
		if err := check(tx, v, &st, in.OwnerID.Set || activating); err != nil {
			return err
		}
		if oldStatus != models.StandardDraft && st.Status == models.StandardDraft {
			v.Add("status", "a standard that has been %s cannot return to draft", oldStatus)
		}
		var effective time.Time
		revise := judgedOf(st) != oldJudged
		if revise {
			effective = s.today()
			if in.EffectiveFrom != nil {
				effective = parseDate(v, "effective_from", *in.EffectiveFrom)
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := codeFree(tx, st.Code, st.ID); err != nil {
			return err
		}
		if revise {
			if err := s.revise(tx, actor, st, effective); err != nil {
				return err
			}
		}
		st.References = encodeRefs(st.Refs)
		st.Version++
		st.UpdatedAt = s.stamp()
		if err := tx.Save(&st.Standard).Error; err != nil {
			return services.DBError("update standard", err)
		}
		if in.SystemIDs != nil {
			if err := replaceScope(tx, st); err != nil {
				return err
			}
		}
		return s.audit.Record(tx, actor, "standard.updated", "standard", st.ID, before, standardAudit(st))
	})
	return st, err
}

// apply copies the fields a change sets onto st, parsing its dates.
func apply(v *services.ValidationError, st *Standard, in Change) {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	if in.Code != nil {
		st.Code = strings.TrimSpace(*in.Code)
	}
	set(&st.Title, in.Title)
	set(&st.Rationale, in.Rationale)
	set(&st.Category, in.Category)
	set(&st.Metric, in.Metric)
	set(&st.Unit, in.Unit)
	if in.Direction != nil {
		st.Direction = models.Direction(*in.Direction)
	}
	if in.Threshold != nil {
		st.Threshold = *in.Threshold
	}
	if in.Target.Set {
		st.Target = in.Target.Value
	}
	if in.Period != nil {
		st.Period = models.Period(*in.Period)
	}
	if in.Rollup != nil {
		st.Rollup = models.Rollup(*in.Rollup)
	}
	if in.SystemIDs != nil {
		st.SystemIDs = *in.SystemIDs
	}
	if in.OwnerID.Set {
		st.OwnerID = in.OwnerID.Value
	}
	if in.Status != nil {
		st.Status = models.StandardStatus(*in.Status)
	}
	if in.ReviewDue.Set {
		st.ReviewDue = nil
		if in.ReviewDue.Value != nil {
			d := parseDate(v, "review_due", *in.ReviewDue.Value)
			st.ReviewDue = &d
		}
	}
	if in.References != nil {
		st.Refs = *in.References
		if st.Refs == nil {
			st.Refs = []Reference{}
		}
	}
	if in.BaselinePoints.Set {
		st.BaselinePoints = in.BaselinePoints.Value
	}
	if in.ScreenMovingRanges != nil {
		st.ScreenMovingRanges = *in.ScreenMovingRanges
	}
}

// Delete removes a draft standard that has no measurements. An active or
// retired standard is history: retire it instead.
func (s *Service) Delete(ctx context.Context, actor access.Actor, id string) error {
	if !actor.Can(access.StandardsManage) {
		return services.ErrForbidden
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		st, err := load(tx, id, true)
		if err != nil {
			return err
		}
		if st.Status != models.StandardDraft {
			return services.Conflict("%s is %s; only a draft standard can be deleted (retire it instead)", st.Code, st.Status)
		}
		var measured bool
		if err := tx.Raw("SELECT EXISTS (SELECT 1 FROM measurements WHERE standard_id = ?)", st.ID).Scan(&measured).Error; err != nil {
			return fmt.Errorf("check measurements of standard %s: %w", st.ID, err)
		}
		if measured {
			return services.Conflict("%s has measurements; retire it instead of deleting it", st.Code)
		}
		if err := tx.Delete(&models.Standard{}, "id = ?", st.ID).Error; err != nil {
			return services.DBError("delete standard", err)
		}
		return s.audit.Record(tx, actor, "standard.deleted", "standard", st.ID, standardAudit(st), nil)
	})
}
