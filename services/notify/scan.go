package notify

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"assure/services/compliance"
)

// EscalateAfter is how long an action may be overdue before every executive
// hears of it.
const EscalateAfter = 14 * 24 * time.Hour

// Scanner finds what people must be told and tells them, once. It is run
// every minute by the elected leader's periodic job (internal/jobs), but
// running it anywhere, any number of times, at once, is safe: every note has a
// dedupe key naming the event and its recipient.
type Scanner struct {
	db   *gorm.DB
	comp *compliance.Service
	now  func() time.Time
}

// NewScanner builds a scanner. now is the clock (nil for time.Now).
func NewScanner(db *gorm.DB, comp *compliance.Service, now func() time.Time) *Scanner {
	if now == nil {
		now = time.Now
	}
	return &Scanner{db: db, comp: comp, now: now}
}

// Run scans once and returns how many notifications it created.
func (s *Scanner) Run(ctx context.Context) (int, error) {
	now := s.now()
	var notes []Note
	for _, step := range []func(context.Context, time.Time) ([]Note, error){s.overdueActions, s.standards, s.cyclesAwaitingBoard} {
		more, err := step(ctx, now)
		if err != nil {
			return 0, err
		}
		notes = append(notes, more...)
	}
	return s.insertNew(ctx, notes, now)
}

// insertNew writes the notes whose keys are not yet taken. Looking the keys
// up first spares the database a write per known event every minute; the
// insert still tolerates a concurrent writer through ON CONFLICT.
func (s *Scanner) insertNew(ctx context.Context, notes []Note, now time.Time) (int, error) {
	if len(notes) == 0 {
		return 0, nil
	}
	keys := make([]string, len(notes))
	for i, n := range notes {
		keys[i] = n.DedupeKey
	}
	db := s.db.WithContext(ctx)
	var taken []string
	if err := db.Raw("SELECT dedupe_key FROM notifications WHERE dedupe_key IN ?", keys).Scan(&taken).Error; err != nil {
		return 0, fmt.Errorf("look up notified events: %w", err)
	}
	seen := make(map[string]bool, len(taken))
	for _, k := range taken {
		seen[k] = true
	}
	created := 0
	for _, n := range notes {
		if seen[n.DedupeKey] {
			continue
		}
		seen[n.DedupeKey] = true
		ok, err := Insert(db, n, now)
		if err != nil {
			return created, err
		}
		if ok {
			created++
		}
	}
	return created, nil
}

func day(t time.Time) string { return t.Format(time.DateOnly) }

// usersWithRole lists the active users holding role.
func (s *Scanner) usersWithRole(ctx context.Context, role string) ([]string, error) {
	var ids []string
	err := s.db.WithContext(ctx).Raw("SELECT id::text FROM users WHERE active AND ? = ANY (roles) ORDER BY id", role).Scan(&ids).Error
	if err != nil {
		return nil, fmt.Errorf("list %s users: %w", role, err)
	}
	return ids, nil
}

// overdueActions tells each overdue action's owner, and every executive once
// it is overdue by more than EscalateAfter. The due date is in the key: an
// action given a new date and missing it again is news again.
func (s *Scanner) overdueActions(ctx context.Context, now time.Time) ([]Note, error) {
	today := compliance.Day(now)
	var rows []struct {
		ID        string
		Title     string
		OwnerID   string
		OwnerName string
		DueOn     time.Time
	}
	err := s.db.WithContext(ctx).Raw(`SELECT a.id::text, a.title, a.owner_id::text AS owner_id, u.name AS owner_name, a.due_on
		FROM actions a JOIN users u ON u.id = a.owner_id
		WHERE a.status IN ('open', 'in_progress') AND a.due_on < ? ORDER BY a.due_on, a.id`, today).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("list overdue actions: %w", err)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	var execs []string
	var notes []Note
	for _, a := range rows {
		link := "/actions/" + a.ID
		days := int(today.Sub(a.DueOn).Hours() / 24)
		notes = append(notes, Note{
			UserID: a.OwnerID, Kind: KindActionOverdue, Title: "Your action is overdue: " + a.Title,
			Body: fmt.Sprintf("It was due on %s.", day(a.DueOn)), Link: link, EntityType: "action", EntityID: a.ID,
			DedupeKey: fmt.Sprintf("action_overdue:%s:%s:%s", a.ID, day(a.DueOn), a.OwnerID),
		})
		if today.Sub(a.DueOn) <= EscalateAfter {
			continue
		}
		if execs == nil {
			if execs, err = s.usersWithRole(ctx, "executive"); err != nil {
				return nil, err
			}
		}
		for _, u := range execs {
			notes = append(notes, Note{
				UserID: u, Kind: KindActionEscalated, Title: fmt.Sprintf("Escalated: an action is %d days overdue", days),
				Body: fmt.Sprintf("%q, owned by %s, was due on %s and is not done.", a.Title, a.OwnerName, day(a.DueOn)),
				Link: link, EntityType: "action", EntityID: a.ID,
				DedupeKey: fmt.Sprintf("action_escalated:%s:%s:%s", a.ID, day(a.DueOn), u),
			})
		}
	}
	return notes, nil
}

// standards tells each active standard's owner about a breach, special-cause
// concern or missing data in its last complete period, once per period.
func (s *Scanner) standards(ctx context.Context, _ time.Time) ([]Note, error) {
	found, err := Findings(ctx, s.db, s.comp)
	if err != nil {
		return nil, err
	}
	var notes []Note
	for _, f := range found {
		if f.OwnerID == nil {
			continue
		}
		link := "/standards/" + f.StandardID
		note := func(kind, title, body string) Note {
			return Note{UserID: *f.OwnerID, Kind: kind, Title: title, Body: body, Link: link,
				EntityType: "standard", EntityID: f.StandardID,
				DedupeKey: fmt.Sprintf("%s:%s:%s:%s", kind, f.StandardID, day(f.Period), *f.OwnerID)}
		}
		if f.Breached() {
			notes = append(notes, note(KindStandardBreached, f.Code+" breached its threshold",
				fmt.Sprintf("%s (%s) breached its threshold in the period starting %s.", f.Code, f.Title, day(f.Period))))
		}
		if f.Missing() {
			notes = append(notes, note(KindStandardMissing, f.Code+" has no data",
				fmt.Sprintf("No value was recorded for %s (%s) in the period starting %s. Missing data is a finding.", f.Code, f.Title, day(f.Period))))
		}
		if f.Concern {
			notes = append(notes, note(KindStandardConcern, f.Code+" shows special-cause concern",
				fmt.Sprintf("The SPC chart of %s (%s) shows a special cause of concern (%s) in the period starting %s.",
					f.Code, f.Title, f.SpecialCause, day(f.Period))))
		}
	}
	return notes, nil
}

// cyclesAwaitingBoard tells every board member about each cycle awaiting
// Study sign-off or an Act decision, once per stage.
func (s *Scanner) cyclesAwaitingBoard(ctx context.Context, _ time.Time) ([]Note, error) {
	var cycles []struct {
		ID    string
		Title string
		Stage string
	}
	err := s.db.WithContext(ctx).Raw("SELECT id::text, title, stage FROM cycles WHERE stage IN ('study', 'act') ORDER BY id").Scan(&cycles).Error
	if err != nil {
		return nil, fmt.Errorf("list cycles awaiting the board: %w", err)
	}
	if len(cycles) == 0 {
		return nil, nil
	}
	board, err := s.usersWithRole(ctx, "board")
	if err != nil {
		return nil, err
	}
	var notes []Note
	for _, c := range cycles {
		what := "Study sign-off"
		if c.Stage == "act" {
			what = "an Act decision"
		}
		for _, u := range board {
			notes = append(notes, Note{
				UserID: u, Kind: KindCycleAwaitingBoard, Title: "A cycle awaits the board: " + c.Title,
				Body: fmt.Sprintf("%q is in %s and awaits %s.", c.Title, c.Stage, what),
				Link: "/cycles/" + c.ID, EntityType: "cycle", EntityID: c.ID,
				DedupeKey: fmt.Sprintf("cycle_awaiting_board:%s:%s:%s", c.ID, c.Stage, u),
			})
		}
	}
	return notes, nil
}
