// Package migrations holds Assure's goose SQL migrations, embedded in the
// binary. Files are named NNNNN_description.sql and never edited once landed.
package migrations

import "embed"

// FS is the embedded migration files.
//
//go:embed *.sql
var FS embed.FS
