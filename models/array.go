package models

import (
	"database/sql/driver"
	"fmt"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5/pgtype"
)

// StringArray maps a PostgreSQL text[] column.
//
// models otherwise imports only gorm and the standard library; pgtype is the
// driver's own array codec, used so that we never parse array literals by hand.
type StringArray []string

// pgtype.Map is not safe for concurrent use; scans are short, so a mutex is enough.
var (
	arrayCodecMu sync.Mutex
	arrayCodec   = pgtype.NewMap()
)

// Scan implements sql.Scanner.
func (a *StringArray) Scan(src any) error {
	if src == nil {
		*a = nil
		return nil
	}
	var out []string
	arrayCodecMu.Lock()
	defer arrayCodecMu.Unlock()
	if err := arrayCodec.SQLScanner(&out).Scan(src); err != nil {
		return fmt.Errorf("scan text[]: %w", err)
	}
	*a = out
	return nil
}

// Value implements driver.Valuer as a quoted array literal.
func (a StringArray) Value() (driver.Value, error) {
	if a == nil {
		return "{}", nil
	}
	var b strings.Builder
	b.WriteByte('{')
	for i, s := range a {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		b.WriteString(strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s))
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String(), nil
}

// GormDataType tells gorm the column type.
func (StringArray) GormDataType() string { return "text[]" }

// Contains reports whether s is in the array.
func (a StringArray) Contains(s string) bool {
	for _, x := range a {
		if x == s {
			return true
		}
	}
	return false
}
