package services

import (
	"encoding/base64"
	"encoding/json"
)

// List limits (DESIGN.md, Conventions).
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// PageLimit checks a requested page size; 0 means the default.
func PageLimit(n int) (int, error) {
	switch {
	case n == 0:
		return DefaultLimit, nil
	case n < 1 || n > MaxLimit:
		return 0, Invalid("limit", "must be between 1 and %d", MaxLimit)
	}
	return n, nil
}

// EncodeCursor makes an opaque cursor from the sort key of a page's last item.
func EncodeCursor(parts ...string) string {
	raw, _ := json.Marshal(parts) // a []string always marshals
	return base64.RawURLEncoding.EncodeToString(raw)
}

// DecodeCursor reads a cursor made by EncodeCursor with n parts; "" is the
// first page (nil parts).
func DecodeCursor(c string, n int) ([]string, error) {
	if c == "" {
		return nil, nil
	}
	bad := Invalid("cursor", "is not a cursor this list gave out; start again without it")
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return nil, bad
	}
	var parts []string
	if err := json.Unmarshal(raw, &parts); err != nil || len(parts) != n {
		return nil, bad
	}
	return parts, nil
}
