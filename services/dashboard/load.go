package dashboard

import (
	"context"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"

	"assure/models"
	"assure/services/compliance"
	"assure/services/spc"
)

// loadData fills d from the database as of now. With prev — a summary of
// the same day whose catalogue has not changed since — it reads again only
// the series of the standards in changed and the small tables (reports,
// problems, improvement work, owners' names), and shares everything else
// with prev; without, it reads everything.
func loadData(ctx context.Context, tx pgx.Tx, d *Data, now time.Time, prev *Data, changed []string) error {
	d.Today = compliance.Day(now)
	var last, orgFrom, sysFrom [3]time.Time
	for i, p := range []models.Period{models.PeriodDay, models.PeriodWeek, models.PeriodMonth} {
		last[i] = compliance.LastCompletePeriod(p, now)
		orgFrom[i] = compliance.AddPeriods(p, last[i], -(spc.MaxPoints - 1))
		sysFrom[i] = compliance.AddPeriods(p, last[i], -compliance.RateWindow)
	}
	d.Reports.Until = compliance.PeriodStart(models.PeriodWeek, now)
	d.Reports.From = d.Reports.Until.AddDate(0, 0, -7*ReportWeeks)

	b := &pgx.Batch{}
	var cat *catalogue
	if prev == nil {
		cat = queueCatalogue(b, d)
	} else if len(changed) == 0 {
		changed = []string{} // read no series at all (NULL would read every one)
	}
	sv := queueSeries(b, last, orgFrom, sysFrom, changed)
	act := queueActivity(b, d)
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return err
	}

	if prev == nil {
		cat.finish(d)
	} else {
		d.Systems, d.systemByID, d.Sites, d.siteByID = prev.Systems, prev.systemByID, prev.Sites, prev.siteByID
	}
	act.finish(d)

	// The standards whose series were read are judged afresh; with prev the
	// others are shared as they are (their catalogue, the day and so their
	// judgements are unchanged).
	var fresh []*Standard
	if prev == nil {
		kept := d.Standards[:0]
		for _, st := range d.Standards {
			if len(st.revisions) == 0 {
				continue // not judgeable; the catalogue never leaves a standard so
			}
			kept = append(kept, st)
		}
		d.Standards, fresh = kept, kept
	} else {
		read := make(map[string]bool, len(changed))
		for _, id := range changed {
			read[id] = true
		}
		d.Standards = make([]*Standard, len(prev.Standards))
		for i, st := range prev.Standards {
			if read[st.ID] {
				c := *st // its catalogue is shared, read-only
				c.Cells = map[string][]Judged{}
				st = &c
				fresh = append(fresh, st)
			}
			d.Standards[i] = st
		}
	}
	if err := sv.judge(ctx, tx, d, fresh, now); err != nil {
		return err
	}
	d.SeriesRead = len(fresh)
	d.standardByID = make(map[string]*Standard, len(d.Standards))
	for _, st := range d.Standards {
		d.standardByID[st.ID] = st
	}
	if prev == nil {
		d.linkSystems()
	}
	return nil
}

// catalogue is what the catalogue queries read, before it is linked up.
type catalogue struct {
	byID   map[string]*Standard
	siteOf map[string][]string
}

// queueCatalogue reads the active standards (with their revisions, rebases,
// exceptions and scope), the systems and the sites.
func queueCatalogue(b *pgx.Batch, d *Data) *catalogue {
	c := &catalogue{byID: map[string]*Standard{}, siteOf: map[string][]string{}}
	b.Queue(standardsSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			st := &Standard{Cells: map[string][]Judged{}}
			if err := rows.Scan(&st.ID, &st.Code, &st.Title, &st.Category, &st.Unit, &st.Period, &st.OwnerID,
				&st.baseline, &st.screen); err != nil {
				return err
			}
			d.Standards = append(d.Standards, st)
			c.byID[st.ID] = st
		}
		return rows.Err()
	})
	b.Queue(revisionsSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var id string
			var r compliance.Revision
			if err := rows.Scan(&id, &r.ID, &r.EffectiveFrom, &r.Direction, &r.Threshold, &r.Target, &r.Period); err != nil {
				return err
			}
			if st := c.byID[id]; st != nil {
				st.revisions = append(st.revisions, r)
			}
		}
		return rows.Err()
	})
	b.Queue(rebasesSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var id string
			var p time.Time
			if err := rows.Scan(&id, &p); err != nil {
				return err
			}
			if st := c.byID[id]; st != nil {
				st.rebases = append(st.rebases, compliance.Day(p))
			}
		}
		return rows.Err()
	})
	b.Queue(exceptionsSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var id string
			var e exceptionSpan
			if err := rows.Scan(&id, &e.systemID, &e.siteID, &e.startsOn, &e.expiresOn); err != nil {
				return err
			}
			if st := c.byID[id]; st != nil {
				st.exceptions = append(st.exceptions, e)
			}
		}
		return rows.Err()
	})
	b.Queue(scopeSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var std, sys string
			if err := rows.Scan(&std, &sys); err != nil {
				return err
			}
			if st := c.byID[std]; st != nil {
				st.SystemIDs = append(st.SystemIDs, sys)
			}
		}
		return rows.Err()
	})
	b.Queue(systemsSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			s := &System{}
			if err := rows.Scan(&s.ID, &s.Name, &s.Supplier, &s.Criticality, &s.OwnerID); err != nil {
				return err
			}
			d.Systems = append(d.Systems, s)
		}
		return rows.Err()
	})
	b.Queue(systemSitesSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var sys, site string
			if err := rows.Scan(&sys, &site); err != nil {
				return err
			}
			c.siteOf[sys] = append(c.siteOf[sys], site)
		}
		return rows.Err()
	})
	b.Queue(sitesSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			s := &Site{}
			if err := rows.Scan(&s.ID, &s.Name); err != nil {
				return err
			}
			d.Sites = append(d.Sites, s)
		}
		return rows.Err()
	})
	return c
}

// finish links the catalogue up: systems' sites, lookups, each standard's
// systems in name order.
func (c *catalogue) finish(d *Data) {
	d.systemByID = make(map[string]*System, len(d.Systems))
	for _, s := range d.Systems {
		s.SiteIDs = c.siteOf[s.ID]
		sort.Strings(s.SiteIDs)
		d.systemByID[s.ID] = s
	}
	d.siteByID = make(map[string]*Site, len(d.Sites))
	for _, s := range d.Sites {
		d.siteByID[s.ID] = s
	}
	for _, st := range d.Standards {
		sort.SliceStable(st.SystemIDs, func(i, j int) bool {
			return systemName(d, st.SystemIDs[i]) < systemName(d, st.SystemIDs[j])
		})
	}
}

// linkSystems lists on each system the active standards it is in the scope of.
func (d *Data) linkSystems() {
	for _, st := range d.Standards {
		for _, id := range st.SystemIDs {
			if sys := d.systemByID[id]; sys != nil {
				sys.StandardIDs = append(sys.StandardIDs, st.ID)
			}
		}
	}
}

// activity is what the small tables' queries read, before it is linked up.
type activity struct {
	measures map[string][]CycleMeasure
	actStd   map[string][]string
}

// queueActivity reads the recent reports, open problems, cycles, actions
// still to do, undecided agenda items and the owners' names.
func queueActivity(b *pgx.Batch, d *Data) *activity {
	a := &activity{measures: map[string][]CycleMeasure{}, actStd: map[string][]string{}}
	window := []any{d.Reports.From, d.Reports.Until}
	d.Names = map[string]string{}
	b.Queue(namesSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var id, name string
			if err := rows.Scan(&id, &name); err != nil {
				return err
			}
			d.Names[id] = name
		}
		return rows.Err()
	})
	b.Queue(reportWeeksSQL, window...).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var w ReportWeek
			if err := rows.Scan(&w.SystemID, &w.SiteID, &w.Week, &w.MinutesLost, &w.Reports, &w.HarmfulCount); err != nil {
				return err
			}
			d.Reports.Weeks = append(d.Reports.Weeks, w)
		}
		return rows.Err()
	})
	b.Queue(harmfulSQL, window...).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var h HarmReport
			if err := rows.Scan(&h.ID, &h.Title, &h.StartedAt, &h.SystemID, &h.SiteID, &h.PhysicalHarm,
				&h.PsychologicalHarm, &h.CareDelayed, &h.CareNotGiven, &h.Status); err != nil {
				return err
			}
			d.Reports.Harmful = append(d.Reports.Harmful, h)
		}
		return rows.Err()
	})
	b.Queue(problemsSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var p Problem
			if err := rows.Scan(&p.ID, &p.Title, &p.SystemID, &p.CreatedAt, &p.Reports); err != nil {
				return err
			}
			d.Problems = append(d.Problems, p)
		}
		return rows.Err()
	})
	b.Queue(cyclesSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			c := &Cycle{}
			if err := rows.Scan(&c.ID, &c.Title, &c.Stage, &c.OwnerID, &c.Decision, &c.StageChangedAt,
				&c.DoStartedOn, &c.PlannedEnd); err != nil {
				return err
			}
			d.Cycles = append(d.Cycles, c)
		}
		return rows.Err()
	})
	b.Queue(cycleMeasuresSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var cycle string
			var m CycleMeasure
			if err := rows.Scan(&cycle, &m.StandardID, &m.Role); err != nil {
				return err
			}
			a.measures[cycle] = append(a.measures[cycle], m)
		}
		return rows.Err()
	})
	b.Queue(actionsSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			x := &Action{}
			if err := rows.Scan(&x.ID, &x.Title, &x.OwnerID, &x.DueOn, &x.Status, &x.CycleID); err != nil {
				return err
			}
			d.Actions = append(d.Actions, x)
		}
		return rows.Err()
	})
	b.Queue(actionStandardsSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var x, s string
			if err := rows.Scan(&x, &s); err != nil {
				return err
			}
			a.actStd[x] = append(a.actStd[x], s)
		}
		return rows.Err()
	})
	b.Queue(agendaSQL).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var it AgendaItem
			if err := rows.Scan(&it.ID, &it.ReviewID, &it.ReviewTitle, &it.MeetingDate, &it.Kind, &it.EntityID, &it.Title); err != nil {
				return err
			}
			d.Agenda = append(d.Agenda, it)
		}
		return rows.Err()
	})
	return a
}

func (a *activity) finish(d *Data) {
	for _, c := range d.Cycles {
		c.Measures = a.measures[c.ID]
	}
	for _, x := range d.Actions {
		x.StandardIDs = a.actStd[x.ID]
	}
}
