package standards

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"assure/services"
	"assure/services/catalogue"
)

// dated describes a list of a standard's rows in the order of a date column,
// earliest first: its revisions, rebases and exceptions.
type dated[T any] struct {
	what   string            // the list, for errors: "revisions"
	column string            // the date column (a constant, never input)
	day    func(T) time.Time // a row's value of column
	// id, when set, breaks ties in column, and the cursor carries it; nil
	// where a standard has at most one row a day.
	id func(T) string
}

// listDated pages the rows of l belonging to standardID (ErrNotFound when
// there is no such standard).
func listDated[T any](ctx context.Context, db *gorm.DB, standardID string, opt catalogue.ListOptions, l dated[T]) (catalogue.Page[T], error) {
	var page catalogue.Page[T]
	limit, err := services.PageLimit(opt.Limit)
	if err != nil {
		return page, err
	}
	parts := 1
	if l.id != nil {
		parts = 2
	}
	after, err := services.DecodeCursor(opt.Cursor, parts)
	if err != nil {
		return page, err
	}
	var afterDay time.Time
	if after != nil {
		v := &services.ValidationError{}
		if afterDay = parseDate(v, "cursor", after[0]); v.Err() != nil || (l.id != nil && !catalogue.ValidID(after[1])) {
			return page, services.Invalid("cursor", "is not a cursor this list gave out; start again without it")
		}
	}
	db = db.WithContext(ctx)
	if _, err := load(db, standardID, false); err != nil {
		return page, err
	}
	q := db.Where("standard_id = ?", standardID)
	if l.id == nil {
		q = q.Order(l.column)
		if after != nil {
			q = q.Where(l.column+" > ?", afterDay)
		}
	} else {
		q = q.Order(l.column + ", id")
		if after != nil {
			q = q.Where("("+l.column+", id) > (?, ?::uuid)", afterDay, after[1])
		}
	}
	if err := q.Limit(limit + 1).Find(&page.Items).Error; err != nil {
		return page, fmt.Errorf("list %s: %w", l.what, err)
	}
	if len(page.Items) > limit {
		page.Items = page.Items[:limit]
		last := page.Items[limit-1]
		key := []string{l.day(last).Format(time.DateOnly)}
		if l.id != nil {
			key = append(key, l.id(last))
		}
		page.NextCursor = services.EncodeCursor(key...)
	}
	return page, nil
}
