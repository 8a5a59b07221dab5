package reviews

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"assure/models"
	"assure/services"
	"assure/services/access"
	"assure/services/catalogue"
	"assure/services/compliance"
	"assure/services/cycles"
	"assure/services/notify"
)

// Why an item is on the agenda.
const (
	ReasonStudySignOff = "awaiting_study_sign_off"
	ReasonActDecision  = "awaiting_act_decision"
	ReasonBreached     = "newly_breached"
	ReasonConcern      = "special_cause_concern"
	ReasonMissing      = "missing_data"
	ReasonOverdue      = "overdue"
)

// candidate is something that needs the board's decision.
type candidate struct {
	kind     models.ItemKind
	entityID string
	reasons  []string
	title    string
	detail   string
}

// candidates finds what needs a decision now: cycles in Study or Act;
// standards newly breached, showing special-cause concern or missing data in
// their last complete period; overdue actions.
func (s *Service) candidates(ctx context.Context) ([]candidate, error) {
	db := s.db.WithContext(ctx)
	var out []candidate
	var cyc []struct {
		ID, Title, Stage string
		OwnerName        *string
	}
	if err := db.Raw(`SELECT c.id::text AS id, c.title, c.stage, u.name AS owner_name FROM cycles c
		LEFT JOIN users u ON u.id = c.owner_id WHERE c.stage IN ('study', 'act') ORDER BY c.stage DESC, c.id`).Scan(&cyc).Error; err != nil {
		return nil, fmt.Errorf("cycles awaiting the board: %w", err)
	}
	for _, c := range cyc {
		cd := candidate{kind: models.ItemCycle, entityID: c.ID, title: "Cycle: " + c.Title}
		if c.Stage == string(models.StageStudy) {
			cd.reasons = []string{ReasonStudySignOff}
			cd.detail = "In Study: sign off the results against the predictions."
		} else {
			cd.reasons = []string{ReasonActDecision}
			cd.detail = "In Act: agree whether to adopt, adapt or abandon the change."
		}
		if c.OwnerName != nil {
			cd.detail += " Owner: " + *c.OwnerName + "."
		}
		out = append(out, cd)
	}
	found, err := notify.Findings(ctx, s.db, s.comp)
	if err != nil {
		return nil, err
	}
	for _, f := range found {
		cd := candidate{kind: models.ItemStandard, entityID: f.StandardID, title: f.Code + " " + f.Title}
		var parts []string
		period := f.Period.Format(time.DateOnly)
		if f.NewlyBreached {
			cd.reasons = append(cd.reasons, ReasonBreached)
			parts = append(parts, fmt.Sprintf("breached its threshold in the period starting %s (value %s)", period, number(f.Value)))
		}
		if f.Concern {
			cd.reasons = append(cd.reasons, ReasonConcern)
			parts = append(parts, fmt.Sprintf("shows special-cause concern (%s) in the period starting %s", strings.ReplaceAll(f.SpecialCause, "_", " "), period))
		}
		if f.Missing() {
			cd.reasons = append(cd.reasons, ReasonMissing)
			parts = append(parts, "has no data for the period starting "+period)
		}
		if len(cd.reasons) == 0 {
			continue // breached, but not newly: it was for the board before
		}
		cd.detail = strings.ToUpper(parts[0][:1]) + parts[0][1:]
		if len(parts) > 1 {
			cd.detail += "; " + strings.Join(parts[1:], "; ")
		}
		cd.detail += "."
		out = append(out, cd)
	}
	today := compliance.Day(s.now())
	var acts []struct {
		ID, Title, OwnerName string
		DueOn                time.Time
	}
	if err := db.Raw(`SELECT a.id::text AS id, a.title, u.name AS owner_name, a.due_on FROM actions a
		JOIN users u ON u.id = a.owner_id
		WHERE a.status IN ('open', 'in_progress') AND a.due_on < ? ORDER BY a.due_on, a.id`, today).Scan(&acts).Error; err != nil {
		return nil, fmt.Errorf("overdue actions: %w", err)
	}
	for _, a := range acts {
		days := int(today.Sub(a.DueOn).Hours() / 24)
		out = append(out, candidate{kind: models.ItemAction, entityID: a.ID, reasons: []string{ReasonOverdue},
			title:  "Action: " + a.Title,
			detail: fmt.Sprintf("Due on %s, %d days overdue. Owner: %s.", a.DueOn.Format(time.DateOnly), days, a.OwnerName)})
	}
	return out, nil
}

func number(v *float64) string {
	if v == nil {
		return "none"
	}
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", *v), "0"), ".")
}

// addCandidates appends the candidates not yet on the agenda and returns how
// many it added.
func addCandidates(tx *gorm.DB, reviewID string, due []candidate) (int, error) {
	if len(due) == 0 {
		return 0, nil
	}
	var have []struct {
		Kind     string
		EntityID string
	}
	if err := tx.Raw("SELECT kind, entity_id::text AS entity_id FROM review_items WHERE review_id = ? AND entity_id IS NOT NULL",
		reviewID).Scan(&have).Error; err != nil {
		return 0, fmt.Errorf("read agenda: %w", err)
	}
	on := map[string]bool{}
	for _, h := range have {
		on[h.Kind+":"+h.EntityID] = true
	}
	pos, err := nextPosition(tx, reviewID)
	if err != nil {
		return 0, err
	}
	added := 0
	for _, c := range due {
		if on[string(c.kind)+":"+c.entityID] {
			continue
		}
		id := c.entityID
		item := models.ReviewItem{ID: uuid.Must(uuid.NewV7()).String(), ReviewID: reviewID, Position: pos, Kind: c.kind,
			EntityID: &id, Reasons: c.reasons, Title: clip(c.title, 300), Detail: clip(c.detail, 4000), Source: models.SourceAgenda}
		if err := tx.Create(&item).Error; err != nil {
			return added, services.DBError("add agenda item", err)
		}
		pos++
		added++
	}
	return added, nil
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func nextPosition(tx *gorm.DB, reviewID string) (int, error) {
	var max int
	if err := tx.Raw("SELECT COALESCE(max(position), 0) FROM review_items WHERE review_id = ?", reviewID).Scan(&max).Error; err != nil {
		return 0, fmt.Errorf("read agenda: %w", err)
	}
	return max + 1, nil
}

// RefreshAgenda adds to an open review's agenda whatever has come to need a
// decision since it was built.
func (s *Service) RefreshAgenda(ctx context.Context, actor access.Actor, id string, ifMatch []int) (Review, error) {
	if err := requireDecide(actor); err != nil {
		return Review{}, err
	}
	due, err := s.candidates(ctx)
	if err != nil {
		return Review{}, err
	}
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r, err := lockOpen(tx, id, ifMatch)
		if err != nil {
			return err
		}
		added, err := addCandidates(tx, id, due)
		if err != nil || added == 0 {
			return err
		}
		if err := s.bump(tx, &r, s.stamp()); err != nil {
			return err
		}
		return s.audit.Record(tx, actor, "review.agenda_refreshed", "review", id, nil, map[string]any{"added_items": added})
	})
	if err != nil {
		return Review{}, err
	}
	return s.Get(ctx, id)
}

// NewItem is an agenda item added by hand: about a cycle, standard or
// action (EntityID), or anything else (kind other, with a title).
type NewItem struct {
	Kind     string
	EntityID string
	Title    string
	Detail   string
}

// AddItem adds an item to an open review's agenda by hand.
func (s *Service) AddItem(ctx context.Context, actor access.Actor, id string, in NewItem, ifMatch []int) (Review, error) {
	if err := requireDecide(actor); err != nil {
		return Review{}, err
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r, err := lockOpen(tx, id, ifMatch)
		if err != nil {
			return err
		}
		v := &services.ValidationError{}
		kind := models.ItemKind(in.Kind)
		if !kind.Valid() {
			v.Add("kind", "must be cycle, standard, action or other")
		}
		title := catalogue.CheckText(v, "title", in.Title, 0, 300)
		detail := catalogue.CheckText(v, "detail", in.Detail, 0, 4000)
		var entity *string
		switch {
		case kind == models.ItemOther:
			if in.EntityID != "" {
				v.Add("entity_id", "must be left out for an item of kind other")
			}
			if title == "" {
				v.Add("title", "is required for an item of kind other")
			}
		case kind.Valid():
			e := strings.ToLower(in.EntityID)
			entity = &e
			name, err := entityTitle(tx, kind, e)
			switch {
			case err != nil:
				return err
			case in.EntityID == "":
				v.Add("entity_id", "is required: the %s the item is about", kind)
			case name == "":
				v.Add("entity_id", "no such %s", kind)
			case title == "":
				title = name
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		if entity != nil {
			var n int64
			if err := tx.Model(&models.ReviewItem{}).Where("review_id = ? AND kind = ? AND entity_id = ?", id, kind, *entity).Count(&n).Error; err != nil {
				return fmt.Errorf("check agenda: %w", err)
			}
			if n > 0 {
				return services.Conflict("this %s is already on the agenda", kind)
			}
		}
		pos, err := nextPosition(tx, id)
		if err != nil {
			return err
		}
		item := models.ReviewItem{ID: uuid.Must(uuid.NewV7()).String(), ReviewID: id, Position: pos, Kind: kind, EntityID: entity,
			Reasons: models.StringArray{}, Title: title, Detail: detail, Source: models.SourceHand}
		if err := tx.Create(&item).Error; err != nil {
			return services.DBError("add agenda item", err)
		}
		if err := s.bump(tx, &r, s.stamp()); err != nil {
			return err
		}
		return s.audit.Record(tx, actor, "review.item_added", "review", id, nil, map[string]any{
			"item_id": item.ID, "kind": kind, "entity_id": entity, "title": title, "detail": detail, "position": pos})
	})
	if err != nil {
		return Review{}, err
	}
	return s.Get(ctx, id)
}

// entityTitle names a cycle, standard or action, or returns "" when there is
// no such thing.
func entityTitle(tx *gorm.DB, kind models.ItemKind, id string) (string, error) {
	if !catalogue.ValidID(id) {
		return "", nil
	}
	var q string
	switch kind {
	case models.ItemCycle:
		q = "SELECT 'Cycle: ' || title FROM cycles WHERE id = ?"
	case models.ItemStandard:
		q = "SELECT code || ' ' || title FROM standards WHERE id = ?"
	default:
		q = "SELECT 'Action: ' || title FROM actions WHERE id = ?"
	}
	var names []string
	if err := tx.Raw(q, id).Scan(&names).Error; err != nil {
		return "", fmt.Errorf("look up %s: %w", kind, err)
	}
	if len(names) == 0 {
		return "", nil
	}
	return names[0], nil
}

// Decision is the board's decision on one agenda item.
type Decision struct {
	Decision string
	Text     string
}

// Decide records (or replaces) the decision on an item of an open review,
// and puts it on the timeline of what the item concerns.
func (s *Service) Decide(ctx context.Context, actor access.Actor, id, itemID string, in Decision, ifMatch []int) (Review, error) {
	if err := requireDecide(actor); err != nil {
		return Review{}, err
	}
	v := &services.ValidationError{}
	dec := models.ReviewDecision(in.Decision)
	switch {
	case in.Decision == "":
		v.Add("decision", "is required: approved, changes_requested, noted or escalated")
	case !dec.Valid():
		v.Add("decision", "must be approved, changes_requested, noted or escalated")
	}
	text := catalogue.CheckText(v, "text", in.Text, 0, 4000)
	if text == "" && (dec == models.DecisionChangesRequested || dec == models.DecisionEscalated) {
		v.Add("text", "is required for %s: say what is asked, and of whom", strings.ReplaceAll(in.Decision, "_", " "))
	}
	if err := v.Err(); err != nil {
		return Review{}, err
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r, err := lockOpen(tx, id, ifMatch)
		if err != nil {
			return err
		}
		var item models.ReviewItem
		if !catalogue.ValidID(itemID) {
			return fmt.Errorf("agenda item %s: %w", itemID, services.ErrNotFound)
		}
		if err := tx.Where("id = ? AND review_id = ?", itemID, id).Take(&item).Error; err != nil {
			return services.DBError("load agenda item "+itemID, err)
		}
		before := map[string]any{"decision": item.Decision, "text": item.DecisionText}
		now := s.stamp()
		item.Decision, item.DecisionText, item.DecidedAt = &dec, text, &now
		item.DecidedBy = nil
		if actor.UserID != "" {
			item.DecidedBy = &actor.UserID
		}
		if err := tx.Save(&item).Error; err != nil {
			return services.DBError("record decision", err)
		}
		if item.EntityID != nil {
			summary := fmt.Sprintf("Board review %q (%s): %s", r.Title, r.MeetingDate.Format(time.DateOnly),
				strings.ReplaceAll(in.Decision, "_", " "))
			if text != "" {
				summary += ". " + text
			}
			if err := cycles.RecordEvent(tx, actor, cycles.Event{EntityType: string(item.Kind), EntityID: *item.EntityID,
				Kind: "decision", Summary: summary, ReviewID: &r.ID,
				Detail: map[string]any{"review_id": r.ID, "item_id": item.ID, "decision": dec, "text": text}}, now); err != nil {
				return err
			}
		}
		if err := s.bump(tx, &r, now); err != nil {
			return err
		}
		return s.audit.Record(tx, actor, "review.item_decided", "review", id, before, map[string]any{
			"item_id": item.ID, "kind": item.Kind, "entity_id": item.EntityID, "decision": dec, "text": text})
	})
	if err != nil {
		return Review{}, err
	}
	return s.Get(ctx, id)
}
