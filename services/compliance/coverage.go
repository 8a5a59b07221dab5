package compliance

import (
	"time"

	"github.com/jackc/pgx/v5"
)

// coverage says which periods of one series approved exceptions excuse.
//
// An exception names a system, a site or neither (organisation-wide). For one
// system's series, a period is excepted when an exception overlapping it is
// organisation-wide, names the system, or names a site the system is used at.
// For the organisation roll-up, a period is excepted when an
// organisation-wide exception overlaps it, or when every system in the
// standard's scope is excepted for it (a roll-up of excused systems is
// excused). An exception covers a period when their dates overlap at all:
// a three-day planned outage excuses that month's availability.
type coverage struct {
	spans []exceptionSpan
	// systemSites are the sites of the series' system (system series only).
	systemSites map[string]bool
	systemID    *string
	// scope maps each system in the standard's scope to its sites (roll-up only).
	scope map[string]map[string]bool
}

type exceptionSpan struct {
	systemID, siteID *string
	startsOn         time.Time
	expiresOn        time.Time // inclusive
}

const (
	exceptionsSQL = `SELECT system_id::text, site_id::text, starts_on, expires_on FROM standard_exceptions
WHERE standard_id = $1 AND starts_on < $3 AND expires_on >= $2`
	systemSitesSQL = `SELECT site_id::text FROM system_sites WHERE system_id = $1`
	scopeSitesSQL  = `SELECT ss.system_id::text, x.site_id::text
FROM standard_systems ss LEFT JOIN system_sites x ON x.system_id = ss.system_id
WHERE ss.standard_id = $1`
)

// queue adds the queries coverage needs for the window [from, end) to b.
func (c *coverage) queue(b *pgx.Batch, standardID string, systemID *string, from, end time.Time) {
	c.systemID = systemID
	b.Queue(exceptionsSQL, standardID, from, end).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var e exceptionSpan
			if err := rows.Scan(&e.systemID, &e.siteID, &e.startsOn, &e.expiresOn); err != nil {
				return err
			}
			c.spans = append(c.spans, e)
		}
		return rows.Err()
	})
	if systemID != nil {
		c.systemSites = map[string]bool{}
		b.Queue(systemSitesSQL, *systemID).Query(func(rows pgx.Rows) error {
			for rows.Next() {
				var site string
				if err := rows.Scan(&site); err != nil {
					return err
				}
				c.systemSites[site] = true
			}
			return rows.Err()
		})
		return
	}
	c.scope = map[string]map[string]bool{}
	b.Queue(scopeSitesSQL, standardID).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var sys string
			var site *string
			if err := rows.Scan(&sys, &site); err != nil {
				return err
			}
			if c.scope[sys] == nil {
				c.scope[sys] = map[string]bool{}
			}
			if site != nil {
				c.scope[sys][*site] = true
			}
		}
		return rows.Err()
	})
}

func (e exceptionSpan) overlaps(start, end time.Time) bool {
	return e.startsOn.Before(end) && !e.expiresOn.Before(start)
}

func (e exceptionSpan) organisationWide() bool { return e.systemID == nil && e.siteID == nil }

// coversSystem reports whether e names system sys or one of its sites.
func (e exceptionSpan) coversSystem(sys string, sites map[string]bool) bool {
	return (e.systemID != nil && *e.systemID == sys) || (e.siteID != nil && sites[*e.siteID])
}

// excepts reports whether the period [start, end) is excused.
func (c *coverage) excepts(start, end time.Time) bool {
	if c == nil || len(c.spans) == 0 {
		return false
	}
	var live []exceptionSpan
	for _, e := range c.spans {
		if !e.overlaps(start, end) {
			continue
		}
		if e.organisationWide() {
			return true
		}
		if c.systemID != nil && e.coversSystem(*c.systemID, c.systemSites) {
			return true
		}
		live = append(live, e)
	}
	if c.systemID != nil || len(c.scope) == 0 || len(live) == 0 {
		return false
	}
	for sys, sites := range c.scope {
		covered := false
		for _, e := range live {
			if e.coversSystem(sys, sites) {
				covered = true
				break
			}
		}
		if !covered {
			return false
		}
	}
	return true
}
