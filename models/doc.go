// Package models holds Assure's gorm models and enums: the shape of each table
// as Go sees it. No behaviour beyond small methods on their own fields; the
// schema itself lives in migrations/.
package models
