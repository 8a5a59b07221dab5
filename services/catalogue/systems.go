package catalogue

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"assure/models"
	"assure/services"
	"assure/services/access"
)

// System is a system with the sites that use it and the systems it depends on.
type System struct {
	models.System
	SiteIDs      []string
	DependsOnIDs []string
}

// SystemDetail is what a system's page shows.
type SystemDetail struct {
	System
	Sites        []SiteRef
	Dependencies []SystemRef
	Dependants   []SystemRef
	Standards    []StandardRef
}

// SiteRef names a site.
type SiteRef struct {
	ID   string
	Name string
}

// StandardRef names a standard.
type StandardRef struct {
	ID     string
	Code   string
	Title  string
	Status models.StandardStatus
}

// NewSystem is the input for CreateSystem.
type NewSystem struct {
	Name         string
	Description  string
	Supplier     string
	Criticality  string
	OwnerID      *string
	SiteIDs      []string
	DependsOnIDs []string
}

// SystemChange is the input for UpdateSystem: unset fields are left as they are.
type SystemChange struct {
	Name         *string
	Description  *string
	Supplier     *string
	Criticality  *string
	OwnerID      Optional[string]
	SiteIDs      *[]string
	DependsOnIDs *[]string
}

// SystemFilter selects systems to list.
type SystemFilter struct {
	ListOptions
	// Q matches name, supplier or description, case-insensitively.
	Q           string
	Criticality string
	SiteID      string
	Supplier    string
}

// ValidCriticality reports whether c is a known criticality.
func ValidCriticality(c string) bool {
	switch models.Criticality(c) {
	case models.CriticalityCritical, models.CriticalityHigh, models.CriticalityStandard:
		return true
	}
	return false
}

func systemAudit(s System) map[string]any {
	return map[string]any{
		"id": s.ID, "name": s.Name, "description": s.Description, "supplier": s.Supplier,
		"criticality": s.Criticality, "owner_id": s.OwnerID, "site_ids": s.SiteIDs,
		"depends_on_ids": s.DependsOnIDs, "version": s.Version,
	}
}

// ListSystems lists systems by name.
func (s *Service) ListSystems(ctx context.Context, f SystemFilter) (Page[System], error) {
	limit, err := services.PageLimit(f.Limit)
	if err != nil {
		return Page[System]{}, err
	}
	v := &services.ValidationError{}
	after, err := decodeNameCursor(f.Cursor)
	if err != nil {
		return Page[System]{}, err
	}
	if f.Criticality != "" && !ValidCriticality(f.Criticality) {
		v.Add("criticality", "must be critical, high or standard")
	}
	if f.SiteID != "" && !ValidID(f.SiteID) {
		v.Add("site_id", "must be a site id")
	}
	if err := v.Err(); err != nil {
		return Page[System]{}, err
	}
	db := s.db.WithContext(ctx)
	q := db.Order("lower(name), id").Limit(limit + 1)
	if after != nil {
		q = q.Where("(lower(name), id) > (?, ?::uuid)", after[0], after[1])
	}
	if f.Q != "" {
		like := "%" + escapeLike(strings.TrimSpace(f.Q)) + "%"
		q = q.Where("name ILIKE ? OR supplier ILIKE ? OR description ILIKE ?", like, like, like)
	}
	if f.Criticality != "" {
		q = q.Where("criticality = ?", f.Criticality)
	}
	if f.Supplier != "" {
		q = q.Where("lower(supplier) = lower(?)", f.Supplier)
	}
	if f.SiteID != "" {
		q = q.Where("id IN (SELECT system_id FROM system_sites WHERE site_id = ?)", f.SiteID)
	}
	var rows []models.System
	if err := q.Find(&rows).Error; err != nil {
		return Page[System]{}, fmt.Errorf("list systems: %w", err)
	}
	page := Page[System]{}
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[limit-1]
		page.NextCursor = services.EncodeCursor(strings.ToLower(last.Name), last.ID)
	}
	if page.Items, err = s.withLinks(db, rows); err != nil {
		return Page[System]{}, err
	}
	return page, nil
}

// escapeLike makes s match literally inside a LIKE pattern.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// withLinks adds each system's sites and dependencies, two queries for the lot.
func (s *Service) withLinks(db *gorm.DB, rows []models.System) ([]System, error) {
	out := make([]System, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	ids := make([]string, len(rows))
	at := map[string]int{}
	for i, r := range rows {
		ids[i] = r.ID
		at[r.ID] = i
		out[i] = System{System: r, SiteIDs: []string{}, DependsOnIDs: []string{}}
	}
	var sites []models.SystemSite
	if err := db.Where("system_id IN ?", ids).Order("site_id").Find(&sites).Error; err != nil {
		return nil, fmt.Errorf("load sites of systems: %w", err)
	}
	for _, l := range sites {
		out[at[l.SystemID]].SiteIDs = append(out[at[l.SystemID]].SiteIDs, l.SiteID)
	}
	var deps []models.SystemDependency
	if err := db.Where("system_id IN ?", ids).Order("depends_on_id").Find(&deps).Error; err != nil {
		return nil, fmt.Errorf("load dependencies of systems: %w", err)
	}
	for _, d := range deps {
		out[at[d.SystemID]].DependsOnIDs = append(out[at[d.SystemID]].DependsOnIDs, d.DependsOnID)
	}
	return out, nil
}

func (s *Service) loadSystem(db *gorm.DB, id string, lock bool) (System, error) {
	if !ValidID(id) {
		return System{}, notFound("system", id)
	}
	var row models.System
	q := db
	if lock {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	if err := q.Where("id = ?", id).Take(&row).Error; err != nil {
		return System{}, services.DBError("load system "+id, err)
	}
	withLinks, err := s.withLinks(db, []models.System{row})
	if err != nil {
		return System{}, err
	}
	return withLinks[0], nil
}

// GetSystem returns a system's page: its sites, the systems it depends on,
// those that depend on it, and the standards whose scope includes it.
func (s *Service) GetSystem(ctx context.Context, id string) (SystemDetail, error) {
	db := s.db.WithContext(ctx)
	sys, err := s.loadSystem(db, id, false)
	if err != nil {
		return SystemDetail{}, err
	}
	d := SystemDetail{System: sys, Sites: []SiteRef{}, Dependencies: []SystemRef{}, Dependants: []SystemRef{}, Standards: []StandardRef{}}
	queries := []struct {
		sql  string
		dest any
	}{
		{`SELECT s.id, s.name FROM sites s JOIN system_sites x ON x.site_id = s.id WHERE x.system_id = ? ORDER BY lower(s.name)`, &d.Sites},
		{`SELECT y.id, y.name, y.criticality FROM systems y JOIN system_dependencies d ON d.depends_on_id = y.id
WHERE d.system_id = ? ORDER BY lower(y.name)`, &d.Dependencies},
		{`SELECT y.id, y.name, y.criticality FROM systems y JOIN system_dependencies d ON d.system_id = y.id
WHERE d.depends_on_id = ? ORDER BY lower(y.name)`, &d.Dependants},
		{`SELECT s.id, s.code, s.title, s.status FROM standards s JOIN standard_systems x ON x.standard_id = s.id
WHERE x.system_id = ? ORDER BY s.code`, &d.Standards},
	}
	for _, q := range queries {
		if err := db.Raw(q.sql, id).Scan(q.dest).Error; err != nil {
			return SystemDetail{}, fmt.Errorf("load system %s page: %w", id, err)
		}
	}
	return d, nil
}

// checkSystem validates a system's own fields, returning them trimmed. The
// owner is looked up only when checkOwner is set (it is new), so an owner
// deactivated since does not block every other edit of the system.
func checkSystem(tx *gorm.DB, v *services.ValidationError, sys *System, checkOwner bool) error {
	sys.Name = CheckText(v, "name", sys.Name, 1, 200)
	sys.Description = CheckText(v, "description", sys.Description, 0, 2000)
	sys.Supplier = CheckText(v, "supplier", sys.Supplier, 0, 200)
	if sys.Criticality == "" {
		v.Add("criticality", "is required: critical, high or standard")
	} else if !ValidCriticality(string(sys.Criticality)) {
		v.Add("criticality", "must be critical, high or standard")
	}
	if sys.OwnerID != nil && checkOwner {
		if err := CheckOwner(tx, v, "owner_id", *sys.OwnerID); err != nil {
			return err
		}
	}
	sys.SiteIDs = UniqueIDs(v, "site_ids", sys.SiteIDs)
	sys.DependsOnIDs = UniqueIDs(v, "depends_on_ids", sys.DependsOnIDs)
	if err := CheckExisting(tx, v, "site_ids", "sites", sys.SiteIDs); err != nil {
		return err
	}
	return CheckExisting(tx, v, "depends_on_ids", "systems", sys.DependsOnIDs)
}

func (s *Service) systemNameFree(tx *gorm.DB, name, except string) error {
	var n int64
	q := tx.Model(&models.System{}).Where("lower(name) = lower(?)", name)
	if except != "" {
		q = q.Where("id <> ?", except)
	}
	if err := q.Count(&n).Error; err != nil {
		return fmt.Errorf("check system name: %w", err)
	}
	if n > 0 {
		return services.Conflict("a system named %q already exists", name)
	}
	return nil
}

// CreateSystem adds a system. The actor must hold sites.manage.
func (s *Service) CreateSystem(ctx context.Context, actor access.Actor, in NewSystem) (System, error) {
	if !actor.Can(access.SitesManage) {
		return System{}, services.ErrForbidden
	}
	now := s.stamp()
	sys := System{
		System: models.System{
			Name: in.Name, Description: in.Description, Supplier: in.Supplier,
			Criticality: models.Criticality(in.Criticality), OwnerID: in.OwnerID,
			Version: 1, CreatedAt: now, UpdatedAt: now,
		},
		SiteIDs: in.SiteIDs, DependsOnIDs: in.DependsOnIDs,
	}
	if sys.SiteIDs == nil {
		sys.SiteIDs = []string{}
	}
	if sys.DependsOnIDs == nil {
		sys.DependsOnIDs = []string{}
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		v := &services.ValidationError{}
		if err := checkSystem(tx, v, &sys, true); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := s.systemNameFree(tx, sys.Name, ""); err != nil {
			return err
		}
		if err := tx.Create(&sys.System).Error; err != nil {
			return services.DBError("create system", err)
		}
		// A new system has no dependants yet, so its dependencies cannot
		// close a cycle; the lock still orders it before concurrent changes.
		if err := lockDependencies(tx); err != nil {
			return err
		}
		if err := replaceLinks(tx, sys); err != nil {
			return err
		}
		return s.audit.Record(tx, actor, "system.created", "system", sys.ID, nil, systemAudit(sys))
	})
	return sys, err
}

// replaceLinks sets a system's sites and dependencies to exactly sys's.
func replaceLinks(tx *gorm.DB, sys System) error {
	if err := tx.Where("system_id = ?", sys.ID).Delete(&models.SystemSite{}).Error; err != nil {
		return services.DBError("replace sites of system", err)
	}
	if err := tx.Where("system_id = ?", sys.ID).Delete(&models.SystemDependency{}).Error; err != nil {
		return services.DBError("replace dependencies of system", err)
	}
	if len(sys.SiteIDs) > 0 {
		links := make([]models.SystemSite, len(sys.SiteIDs))
		for i, id := range sys.SiteIDs {
			links[i] = models.SystemSite{SystemID: sys.ID, SiteID: id}
		}
		if err := tx.Create(&links).Error; err != nil {
			return services.DBError("link sites of system", err)
		}
	}
	if len(sys.DependsOnIDs) > 0 {
		deps := make([]models.SystemDependency, len(sys.DependsOnIDs))
		for i, id := range sys.DependsOnIDs {
			deps[i] = models.SystemDependency{SystemID: sys.ID, DependsOnID: id}
		}
		if err := tx.Create(&deps).Error; err != nil {
			return services.DBError("link dependencies of system", err)
		}
	}
	return nil
}

// UpdateSystem changes a system. ifMatch is the versions the client's
// If-Match names (nil: none sent). A change of dependencies that would close
// a cycle is refused naming depends_on_ids.
func (s *Service) UpdateSystem(ctx context.Context, actor access.Actor, id string, in SystemChange, ifMatch []int) (System, error) {
	if !actor.Can(access.SitesManage) {
		return System{}, services.ErrForbidden
	}
	var sys System
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if sys, err = s.loadSystem(tx, id, true); err != nil {
			return err
		}
		if err := CheckIfMatch(ifMatch, sys.Version); err != nil {
			return err
		}
		before := systemAudit(sys)
		setIf(&sys.Name, in.Name)
		setIf(&sys.Description, in.Description)
		setIf(&sys.Supplier, in.Supplier)
		if in.Criticality != nil {
			sys.Criticality = models.Criticality(*in.Criticality)
		}
		if in.OwnerID.Set {
			sys.OwnerID = in.OwnerID.Value
		}
		if in.SiteIDs != nil {
			sys.SiteIDs = *in.SiteIDs
		}
		if in.DependsOnIDs != nil {
			sys.DependsOnIDs = *in.DependsOnIDs
		}
		v := &services.ValidationError{}
		if err := checkSystem(tx, v, &sys, in.OwnerID.Set); err != nil {
			return err
		}
		for _, d := range sys.DependsOnIDs {
			if d == strings.ToLower(sys.ID) {
				v.Add("depends_on_ids", "a system cannot depend on itself")
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := s.systemNameFree(tx, sys.Name, sys.ID); err != nil {
			return err
		}
		if in.DependsOnIDs != nil {
			if err := lockDependencies(tx); err != nil {
				return err
			}
			if err := checkNoCycle(tx, sys.ID, sys.DependsOnIDs); err != nil {
				return err
			}
		}
		sys.Version++
		sys.UpdatedAt = s.stamp()
		if err := tx.Save(&sys.System).Error; err != nil {
			return services.DBError("update system", err)
		}
		if err := replaceLinks(tx, sys); err != nil {
			return err
		}
		return s.audit.Record(tx, actor, "system.updated", "system", sys.ID, before, systemAudit(sys))
	})
	return sys, err
}

func setIf(dst *string, src *string) {
	if src != nil {
		*dst = *src
	}
}

// DeleteSystem removes a system nothing refers to: no standard's scope, no
// recorded series, no exception and no system depending on it. History is
// never deleted as a side effect.
func (s *Service) DeleteSystem(ctx context.Context, actor access.Actor, id string) error {
	if !actor.Can(access.SitesManage) {
		return services.ErrForbidden
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		sys, err := s.loadSystem(tx, id, true)
		if err != nil {
			return err
		}
		if err := lockDependencies(tx); err != nil {
			return err
		}
		var uses struct{ Standards, Series, Exceptions, Dependants int64 }
		err = tx.Raw(`SELECT (SELECT count(*) FROM standard_systems WHERE system_id = @id) AS standards,
       (SELECT count(*) FROM standards s WHERE EXISTS (
            SELECT 1 FROM series_values sv WHERE sv.standard_id = s.id AND sv.system_id = @id)) AS series,
       (SELECT count(*) FROM standard_exceptions WHERE system_id = @id) AS exceptions,
       (SELECT count(*) FROM system_dependencies WHERE depends_on_id = @id) AS dependants`,
			map[string]any{"id": sys.ID}).Scan(&uses).Error
		if err != nil {
			return fmt.Errorf("check uses of system %s: %w", id, err)
		}
		reason := inUse(map[string]int64{"standard": uses.Standards, "series of measurements": uses.Series,
			"standard exception": uses.Exceptions, "dependent system": uses.Dependants})
		if reason != "" {
			return services.Conflict("%s is still referred to by %s; remove those first", sys.Name, reason)
		}
		if err := tx.Delete(&models.System{}, "id = ?", sys.ID).Error; err != nil {
			return services.DBError("delete system", err)
		}
		return s.audit.Record(tx, actor, "system.deleted", "system", sys.ID, systemAudit(sys), nil)
	})
}
