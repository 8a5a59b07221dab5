package cycles

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/catalogue"
	"assure/services/notify"
)

// Create starts a cycle in Plan. The title is required; everything else may
// follow. The creator owns it unless the input names another owner.
func (s *Service) Create(ctx context.Context, actor access.Actor, in Input) (Cycle, error) {
	if err := requireManage(actor); err != nil {
		return Cycle{}, err
	}
	if in.Title == nil {
		empty := ""
		in.Title = &empty // CheckText then says it is required
	}
	if !in.OwnerID.Set && actor.UserID != "" {
		in.OwnerID = catalogue.Optional[string]{Set: true, Value: &actor.UserID}
	}
	now := s.stamp()
	id := uuid.Must(uuid.NewV7()).String()
	d := &draft{row: models.Cycle{
		ID: id, RampID: id, Sequence: 1, Team: models.StringArray{}, Stage: models.StagePlan,
		StageChangedAt: now, Version: 1, CreatedAt: now, UpdatedAt: now,
	}}
	if actor.UserID != "" {
		d.row.CreatedBy = &actor.UserID
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := apply(tx, d, Cycle{}, in); err != nil {
			return err
		}
		if err := tx.Create(&d.row).Error; err != nil {
			return services.DBError("create cycle", err)
		}
		if err := saveParts(tx, d); err != nil {
			return err
		}
		after, err := s.expand(tx, []models.Cycle{d.row})
		if err != nil {
			return err
		}
		if err := RecordEvent(tx, actor, Event{EntityType: "cycle", EntityID: id, Kind: "created",
			Summary: "Cycle planned: " + d.row.Title}, now); err != nil {
			return err
		}
		if err := s.notifyOwner(tx, actor, d.row); err != nil {
			return err
		}
		return s.audit.Record(tx, actor, "cycle.created", "cycle", id, nil, cycleAudit(after[0]))
	})
	if err != nil {
		return Cycle{}, err
	}
	return s.Get(ctx, id)
}

func (s *Service) notifyOwner(tx *gorm.DB, actor access.Actor, c models.Cycle) error {
	if c.OwnerID == nil {
		return nil
	}
	return notify.Assigned(tx, actor, *c.OwnerID, "cycle", c.ID, "the cycle "+quote(c.Title), "/cycles/"+c.ID, s.stamp())
}

func quote(s string) string { return "“" + s + "”" }

// Update changes the fields in; ifMatch lists the versions the client may
// have seen (nil: no precondition). Fields outside their stage — the
// predictions once Do has started — are a conflict.
func (s *Service) Update(ctx context.Context, actor access.Actor, id string, in Input, ifMatch []int) (Cycle, error) {
	if err := requireManage(actor); err != nil {
		return Cycle{}, err
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		row, err := lock(tx, id)
		if err != nil {
			return err
		}
		if err := catalogue.CheckIfMatch(ifMatch, row.Version); err != nil {
			return err
		}
		cur, err := s.expand(tx, []models.Cycle{row})
		if err != nil {
			return err
		}
		if !row.Stage.Open() {
			return services.Conflict("the cycle is %s: nothing about it can change", row.Stage)
		}
		d := &draft{row: row}
		if err := apply(tx, d, cur[0], in); err != nil {
			return err
		}
		if len(d.changed) == 0 {
			return nil
		}
		now := s.stamp()
		d.row.Version++
		d.row.UpdatedAt = now
		if err := tx.Save(&d.row).Error; err != nil {
			return services.DBError("update cycle", err)
		}
		if err := saveParts(tx, d); err != nil {
			return err
		}
		after, err := s.expand(tx, []models.Cycle{d.row})
		if err != nil {
			return err
		}
		if err := RecordEvent(tx, actor, Event{EntityType: "cycle", EntityID: id, Kind: "edited",
			Summary: "Changed " + strings.ReplaceAll(strings.Join(d.changed, ", "), "_", " "),
			Detail:  map[string]any{"fields": d.changed}}, now); err != nil {
			return err
		}
		if !samePtr(row.OwnerID, d.row.OwnerID) {
			if err := s.notifyOwner(tx, actor, d.row); err != nil {
				return err
			}
		}
		return s.audit.Record(tx, actor, "cycle.updated", "cycle", id, cycleAudit(cur[0]), cycleAudit(after[0]))
	})
	if err != nil {
		return Cycle{}, err
	}
	return s.Get(ctx, id)
}

// saveParts replaces the measures and links the draft changed.
func saveParts(tx *gorm.DB, d *draft) error {
	if d.measures != nil {
		if err := tx.Where("cycle_id = ?", d.row.ID).Delete(&models.CycleMeasure{}).Error; err != nil {
			return fmt.Errorf("replace measures: %w", err)
		}
		if len(d.measures) > 0 {
			if err := tx.Create(&d.measures).Error; err != nil {
				return services.DBError("save measures", err)
			}
		}
	}
	for _, l := range []struct {
		target string
		ids    []string
	}{{"issue", d.issueIDs}, {"problem", d.problemIDs}} {
		if l.ids == nil {
			continue
		}
		if err := ReplaceLinks(tx, "cycle", d.row.ID, l.target, l.ids); err != nil {
			return err
		}
	}
	return nil
}

// ReplaceLinks sets the reports or problems (target) an entity links to.
func ReplaceLinks(tx *gorm.DB, entityType, id, target string, ids []string) error {
	if err := tx.Where("entity_type = ? AND entity_id = ? AND target_type = ?", entityType, id, target).
		Delete(&models.ImprovementLink{}).Error; err != nil {
		return fmt.Errorf("replace %s links: %w", target, err)
	}
	if len(ids) == 0 {
		return nil
	}
	rows := make([]models.ImprovementLink, len(ids))
	for i, t := range ids {
		rows[i] = models.ImprovementLink{EntityType: entityType, EntityID: id, TargetType: target, TargetID: t}
	}
	return services.DBError("save "+target+" links", tx.Create(&rows).Error)
}

// Filter selects cycles. Empty fields do not filter.
type Filter struct {
	Stages     []models.Stage
	OwnerID    string
	RampID     string
	StandardID string
	Limit      int
	Cursor     string
}

// Page is one page of cycles, newest first.
type Page struct {
	Items      []Cycle
	NextCursor string
}

// List returns cycles matching f, newest first.
func (s *Service) List(ctx context.Context, f Filter) (Page, error) {
	var page Page
	v := &services.ValidationError{}
	limit, err := services.PageLimit(f.Limit)
	if err != nil {
		return page, err
	}
	after, err := services.DecodeCursor(f.Cursor, 1)
	if err != nil {
		return page, err
	}
	for _, st := range f.Stages {
		if !st.Valid() {
			v.Add("stage", "must be plan, do, study, act, closed or abandoned")
			break
		}
	}
	for field, id := range map[string]string{"owner_id": f.OwnerID, "ramp_id": f.RampID, "standard_id": f.StandardID} {
		if id != "" && !catalogue.ValidID(id) {
			v.Add(field, "must be an id")
		}
	}
	if after != nil && !catalogue.ValidID(after[0]) {
		v.Add("cursor", "is not a cursor this list gave out; start again without it")
	}
	if err := v.Err(); err != nil {
		return page, err
	}
	db := s.db.WithContext(ctx)
	q := db.Model(&models.Cycle{})
	if len(f.Stages) > 0 {
		q = q.Where("stage IN ?", f.Stages)
	}
	if f.OwnerID != "" {
		q = q.Where("owner_id = ?", f.OwnerID)
	}
	if f.RampID != "" {
		q = q.Where("ramp_id = ?", f.RampID)
	}
	if f.StandardID != "" {
		q = q.Where("id IN (SELECT cycle_id FROM cycle_measures WHERE standard_id = ?)", f.StandardID)
	}
	if after != nil {
		q = q.Where("id < ?", after[0])
	}
	var rows []models.Cycle
	if err := q.Order("id DESC").Limit(limit + 1).Find(&rows).Error; err != nil {
		return page, fmt.Errorf("list cycles: %w", err)
	}
	if len(rows) > limit {
		rows = rows[:limit]
		page.NextCursor = services.EncodeCursor(rows[limit-1].ID)
	}
	page.Items, err = s.expand(db, rows)
	return page, err
}
