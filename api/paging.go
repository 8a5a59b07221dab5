package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"assure/services"
	"assure/services/catalogue"
)

// pageResponse is the body of a paged list: one page of items and the cursor
// of the next page, null on the last.
type pageResponse[R any] struct {
	Items      []R     `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

// writePage answers 200 with one page of a list, each item converted by conv.
func writePage[T, R any](c *gin.Context, items []T, next string, conv func(T) R) {
	out := pageResponse[R]{Items: make([]R, len(items)), NextCursor: nextCursor(next)}
	for i, x := range items {
		out.Items[i] = conv(x)
	}
	c.JSON(http.StatusOK, out)
}

// nextCursor is a page's next_cursor: null on the last page.
func nextCursor(c string) *string {
	if c == "" {
		return nil
	}
	return &c
}

// The lists read ?limit= in three ways, which answer a bad limit with
// different messages; clients may show them, so they stay as they are.

// pageOptions reads ?limit= and ?cursor= of a catalogue or standards list. A
// limit that is not a whole number, or is 0, it answers itself with a
// problem, returning false; the service checks the rest of the range.
func pageOptions(c *gin.Context) (catalogue.ListOptions, bool) {
	var opt catalogue.ListOptions
	v := &services.ValidationError{}
	if s, ok := c.GetQuery("limit"); ok {
		n, err := strconv.Atoi(s)
		if err != nil {
			v.Add("limit", "must be a whole number between 1 and %d", services.MaxLimit)
		} else if n == 0 {
			v.Add("limit", "must be between 1 and %d", services.MaxLimit)
		} else {
			opt.Limit = n
		}
	}
	if err := v.Err(); err != nil {
		writeError(c, err)
		return opt, false
	}
	opt.Cursor = c.Query("cursor")
	return opt, true
}

// improvementListParams reads ?limit= and ?cursor= of a list of cycles,
// actions, reviews or notifications, adding a field error for a limit out of
// range.
func improvementListParams(c *gin.Context, v *services.ValidationError) (int, string) {
	limit := 0
	if s, ok := c.GetQuery("limit"); ok {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > services.MaxLimit {
			v.Add("limit", "must be a whole number between 1 and %d", services.MaxLimit)
		} else {
			limit = n
		}
	}
	return limit, c.Query("cursor")
}

// readListParams reads limit and cursor of a list of users, API tokens or
// audit events, adding a field error for a limit that is not a whole number
// (its range is the service's to check).
func readListParams(c *gin.Context, v *services.ValidationError) (limit int, cursor string) {
	if s, ok := c.GetQuery("limit"); ok {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			v.Add("limit", "must be a whole number between 1 and 500")
		} else {
			limit = n
		}
	}
	return limit, c.Query("cursor")
}
