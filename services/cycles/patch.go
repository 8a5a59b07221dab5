package cycles

import (
	"slices"

	"gorm.io/gorm"

	"assure/services"
	"assure/services/catalogue"
)

// MaxLinks is how many reports, problems or standards one cycle or action
// may link to.
const MaxLinks = 100

// Patch writes the fields sent for a cycle or an action onto the row being
// changed: each value is checked into V, and Change, told whether it is the
// same as what is there, says whether the field takes it (recording it as
// changed). A cycle's Change refuses fields its stage has locked.
type Patch struct {
	Tx     *gorm.DB
	V      *services.ValidationError
	Change func(field string, same bool) bool
}

// Text sets *dst to the text sent (nil: left out), trimmed, of minLen to
// maxLen characters.
func (p Patch) Text(field string, sent *string, dst *string, minLen, maxLen int) {
	if sent == nil {
		return
	}
	t := catalogue.CheckText(p.V, field, *sent, minLen, maxLen)
	if p.Change(field, t == *dst) {
		*dst = t
	}
}

// Links sets *dst to the ids sent (nil: left out) for links to rows of table,
// unless they are the same set as cur: at most MaxLinks ids of rows that
// exist, duplicates dropped. Too many ids is only an invalid value: Change
// is not asked.
func (p Patch) Links(field, table string, sent *[]string, cur []string, dst *[]string) error {
	if sent == nil {
		return nil
	}
	if len(*sent) > MaxLinks {
		p.V.Add(field, "must have at most %d entries", MaxLinks)
		return nil
	}
	ids := catalogue.UniqueIDs(p.V, field, *sent)
	if err := catalogue.CheckExisting(p.Tx, p.V, field, table, ids); err != nil {
		return err
	}
	a, b := slices.Clone(ids), slices.Clone(cur)
	slices.Sort(a)
	slices.Sort(b)
	if p.Change(field, slices.Equal(a, b)) {
		*dst = ids // UniqueIDs makes a new slice, never nil
	}
	return nil
}
