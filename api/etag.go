package api

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
)

// Optimistic concurrency (DESIGN.md, Conventions): a single resource's
// response carries an ETag made from its version column, and a PATCH whose
// If-Match names another version gets 412.

// setETag sets the ETag of a resource at version.
func setETag(c *gin.Context, version int) {
	c.Header("ETag", `"`+strconv.Itoa(version)+`"`)
}

// ifMatchVersions reads If-Match as the versions it names, for a service's
// ifMatch parameter: nil when the header is absent or "*" (no precondition);
// otherwise every version listed, which is empty — so it can only fail —
// when it lists none we could have issued. A weak tag (W/"3") is taken as its
// version: proxies that compress responses weaken ETags, and refusing every
// update behind one would help nobody.
func ifMatchVersions(c *gin.Context) []int {
	h := strings.TrimSpace(c.GetHeader("If-Match"))
	if h == "" || h == "*" {
		return nil
	}
	out := []int{}
	for _, tag := range strings.Split(h, ",") {
		tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
		if len(tag) < 2 || tag[0] != '"' || tag[len(tag)-1] != '"' {
			continue
		}
		if n, err := strconv.Atoi(tag[1 : len(tag)-1]); err == nil && n > 0 {
			out = append(out, n)
		}
	}
	return out
}

// optional is a PATCH body field that can be cleared: Set is true when the
// field was present, and Value is nil when it was null. (A plain pointer
// cannot tell "leave it" from "clear it".)
type optional[T any] struct {
	Set   bool
	Value *T
}

// UnmarshalJSON records that the field was sent. A value of the wrong type
// fails as *json.UnmarshalTypeError, which encoding/json names with the
// field's path, so bindJSON answers 422 naming it.
func (o *optional[T]) UnmarshalJSON(b []byte) error {
	o.Set = true
	if string(b) == "null" {
		o.Value = nil
		return nil
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	o.Value = &v
	return nil
}
