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

// SiteDetail is a site with the systems used there.
type SiteDetail struct {
	models.Site
	Systems []SystemRef
}

// SystemRef names a system.
type SystemRef struct {
	ID          string
	Name        string
	Criticality models.Criticality
}

// NewSite is the input for CreateSite.
type NewSite struct {
	Name        string
	Description string
}

// SiteChange is the input for UpdateSite: nil fields are left as they are.
type SiteChange struct {
	Name        *string
	Description *string
}

func siteAudit(s models.Site) map[string]any {
	return map[string]any{"id": s.ID, "name": s.Name, "description": s.Description, "version": s.Version}
}

func checkSite(name, description string) (string, string, error) {
	v := &services.ValidationError{}
	name = CheckText(v, "name", name, 1, 200)
	description = CheckText(v, "description", description, 0, 2000)
	return name, description, v.Err()
}

// ListSites lists sites by name.
func (s *Service) ListSites(ctx context.Context, opt ListOptions) (Page[models.Site], error) {
	limit, err := services.PageLimit(opt.Limit)
	if err != nil {
		return Page[models.Site]{}, err
	}
	after, err := decodeNameCursor(opt.Cursor)
	if err != nil {
		return Page[models.Site]{}, err
	}
	q := s.db.WithContext(ctx).Order("lower(name), id").Limit(limit + 1)
	if after != nil {
		q = q.Where("(lower(name), id) > (?, ?::uuid)", after[0], after[1])
	}
	var items []models.Site
	if err := q.Find(&items).Error; err != nil {
		return Page[models.Site]{}, fmt.Errorf("list sites: %w", err)
	}
	page := Page[models.Site]{Items: items}
	if len(items) > limit {
		page.Items = items[:limit]
		last := page.Items[limit-1]
		page.NextCursor = services.EncodeCursor(strings.ToLower(last.Name), last.ID)
	}
	return page, nil
}

// GetSite returns a site and the systems used there.
func (s *Service) GetSite(ctx context.Context, id string) (SiteDetail, error) {
	if !ValidID(id) {
		return SiteDetail{}, notFound("site", id)
	}
	db := s.db.WithContext(ctx)
	var d SiteDetail
	if err := db.Where("id = ?", id).Take(&d.Site).Error; err != nil {
		return SiteDetail{}, services.DBError("load site "+id, err)
	}
	err := db.Raw(`SELECT y.id, y.name, y.criticality FROM systems y JOIN system_sites x ON x.system_id = y.id
WHERE x.site_id = ? ORDER BY lower(y.name)`, id).Scan(&d.Systems).Error
	if err != nil {
		return SiteDetail{}, fmt.Errorf("load systems of site %s: %w", id, err)
	}
	return d, nil
}

// CreateSite adds a site. The actor must hold sites.manage.
func (s *Service) CreateSite(ctx context.Context, actor access.Actor, in NewSite) (models.Site, error) {
	if !actor.Can(access.SitesManage) {
		return models.Site{}, services.ErrForbidden
	}
	name, description, err := checkSite(in.Name, in.Description)
	if err != nil {
		return models.Site{}, err
	}
	now := s.stamp()
	site := models.Site{Name: name, Description: description, Version: 1, CreatedAt: now, UpdatedAt: now}
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := s.siteNameFree(tx, name, ""); err != nil {
			return err
		}
		if err := tx.Create(&site).Error; err != nil {
			return services.DBError("create site", err)
		}
		return s.audit.Record(tx, actor, "site.created", "site", site.ID, nil, siteAudit(site))
	})
	return site, err
}

func (s *Service) siteNameFree(tx *gorm.DB, name, except string) error {
	var n int64
	q := tx.Model(&models.Site{}).Where("lower(name) = lower(?)", name)
	if except != "" {
		q = q.Where("id <> ?", except)
	}
	if err := q.Count(&n).Error; err != nil {
		return fmt.Errorf("check site name: %w", err)
	}
	if n > 0 {
		return services.Conflict("a site named %q already exists", name)
	}
	return nil
}

// UpdateSite changes a site. ifMatch is the versions the client's If-Match
// names (nil: none sent).
func (s *Service) UpdateSite(ctx context.Context, actor access.Actor, id string, in SiteChange, ifMatch []int) (models.Site, error) {
	if !actor.Can(access.SitesManage) {
		return models.Site{}, services.ErrForbidden
	}
	if !ValidID(id) {
		return models.Site{}, notFound("site", id)
	}
	var site models.Site
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", id).Take(&site).Error; err != nil {
			return services.DBError("load site "+id, err)
		}
		if err := CheckIfMatch(ifMatch, site.Version); err != nil {
			return err
		}
		before := siteAudit(site)
		name, description := site.Name, site.Description
		if in.Name != nil {
			name = *in.Name
		}
		if in.Description != nil {
			description = *in.Description
		}
		name, description, err := checkSite(name, description)
		if err != nil {
			return err
		}
		if err := s.siteNameFree(tx, name, id); err != nil {
			return err
		}
		site.Name, site.Description = name, description
		site.Version++
		site.UpdatedAt = s.stamp()
		if err := tx.Save(&site).Error; err != nil {
			return services.DBError("update site", err)
		}
		return s.audit.Record(tx, actor, "site.updated", "site", site.ID, before, siteAudit(site))
	})
	return site, err
}

// DeleteSite removes a site that no system uses and no exception names.
func (s *Service) DeleteSite(ctx context.Context, actor access.Actor, id string) error {
	if !actor.Can(access.SitesManage) {
		return services.ErrForbidden
	}
	if !ValidID(id) {
		return notFound("site", id)
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var site models.Site
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", id).Take(&site).Error; err != nil {
			return services.DBError("load site "+id, err)
		}
		var uses struct{ Systems, Exceptions int64 }
		err := tx.Raw(`SELECT (SELECT count(*) FROM system_sites WHERE site_id = @id) AS systems,
       (SELECT count(*) FROM standard_exceptions WHERE site_id = @id) AS exceptions`, map[string]any{"id": id}).
			Scan(&uses).Error
		if err != nil {
			return fmt.Errorf("check uses of site %s: %w", id, err)
		}
		if reason := inUse(map[string]int64{"system": uses.Systems, "standard exception": uses.Exceptions}); reason != "" {
			return services.Conflict("%s is still used by %s; remove those first", site.Name, reason)
		}
		if err := tx.Delete(&models.Site{}, "id = ?", id).Error; err != nil {
			return services.DBError("delete site", err)
		}
		return s.audit.Record(tx, actor, "site.deleted", "site", id, siteAudit(site), nil)
	})
}

// inUse describes the non-zero counts ("2 systems and 1 standard"), or "".
func inUse(counts map[string]int64) string {
	var parts []string
	for _, what := range []string{"system", "dependent system", "standard", "standard exception", "series of measurements"} {
		n, ok := counts[what]
		if !ok || n == 0 {
			continue
		}
		noun := what
		if n != 1 && !strings.HasPrefix(what, "series") {
			noun += "s"
		}
		parts = append(parts, fmt.Sprintf("%d %s", n, noun))
	}
	return strings.Join(parts, " and ")
}
