package models_test

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"assure/internal/testdb"
	"assure/models"
)

// fixture inserts one valid row of a model and says how to find it again.
type fixture struct {
	table string
	make  func(ids map[string]string) any
	where func(v any) (string, []any)
}

func id(ids map[string]string, name string) string {
	if v, ok := ids[name]; ok {
		return v
	}
	ids[name] = uuid.Must(uuid.NewV7()).String()
	return ids[name]
}

func ptr[T any](v T) *T { return &v }

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func byID(v any) (string, []any) {
	return "id = ?", []any{reflect.Indirect(reflect.ValueOf(v)).FieldByName("ID").Interface()}
}

var hash64 = strings.Repeat("a", 64)

var now = time.Date(2026, 3, 4, 5, 6, 7, 123456000, time.UTC)

// fixtures covers every table of the migrated schema, in insertion order.
var fixtures = []fixture{
	{"users", func(ids map[string]string) any {
		return &models.User{ID: id(ids, "user"), Email: "a@b.test", Name: "A B", PasswordHash: ptr("$argon2id$x"),
			Roles: models.StringArray{"clinician", "admin"}, Active: true, Version: 1, CreatedAt: now, UpdatedAt: now}
	}, byID},
	{"sessions", func(ids map[string]string) any {
		return &models.Session{ID: id(ids, "session"), UserID: id(ids, "user"), CreatedAt: now, ExpiresAt: now.Add(time.Hour),
			LastUsedAt: now, RevokedAt: ptr(now), RevokedReason: "logout", ClientIP: "192.0.2.1", UserAgent: "test"}
	}, byID},
	{"refresh_tokens", func(ids map[string]string) any {
		return &models.RefreshToken{TokenHash: hash64, SessionID: id(ids, "session"), CreatedAt: now, ExpiresAt: now.Add(time.Hour), RotatedAt: ptr(now)}
	}, func(v any) (string, []any) { return "token_hash = ?", []any{hash64} }},
	{"login_failures", func(ids map[string]string) any {
		return &models.LoginFailure{Account: "a@b.test", ClientIP: "192.0.2.1", At: now}
	}, func(v any) (string, []any) { return "account = ?", []any{"a@b.test"} }},
	{"api_tokens", func(ids map[string]string) any {
		return &models.APIToken{ID: id(ids, "token"), Label: "Monitoring", TokenHash: hash64, Scopes: models.StringArray{"measurements:write"},
			CreatedBy: ptr(id(ids, "user")), CreatedAt: now, ExpiresAt: now.Add(24 * time.Hour), LastUsedAt: ptr(now), Version: 1}
	}, byID},
	{"set_password_codes", func(ids map[string]string) any {
		return &models.SetPasswordCode{CodeHash: hash64, UserID: id(ids, "user"), Purpose: "invite", CreatedBy: ptr(id(ids, "user")),
			CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
	}, func(v any) (string, []any) { return "code_hash = ?", []any{hash64} }},
	{"audit_events", func(ids map[string]string) any {
		return &models.AuditEvent{Seq: 1, At: now, ActorUserID: ptr(id(ids, "user")), ActorLabel: "a@b.test", Action: "x.created",
			EntityType: "x", EntityID: "1", Before: json.RawMessage(`{"a":1}`), After: json.RawMessage(`{"b":[1,2]}`),
			RequestID: "r", PrevHash: "p", Hash: "h"}
	}, func(v any) (string, []any) { return "seq = ?", []any{int64(1)} }},
	{"sites", func(ids map[string]string) any {
		return &models.Site{ID: id(ids, "site"), Name: "Royal", Description: "d", Version: 1, CreatedAt: now, UpdatedAt: now}
	}, byID},
	{"systems", func(ids map[string]string) any {
		return &models.System{ID: id(ids, "system"), Name: "EPR", Description: "d", Supplier: "S", Criticality: models.CriticalityCritical,
			OwnerID: ptr(id(ids, "user")), Version: 1, CreatedAt: now, UpdatedAt: now}
	}, byID},
	{"systems", func(ids map[string]string) any {
		return &models.System{ID: id(ids, "system2"), Name: "Network", Criticality: models.CriticalityHigh, Version: 1, CreatedAt: now, UpdatedAt: now}
	}, byID},
	{"system_sites", func(ids map[string]string) any {
		return &models.SystemSite{SystemID: id(ids, "system"), SiteID: id(ids, "site")}
	}, func(v any) (string, []any) { return "system_id = ?", []any{v.(*models.SystemSite).SystemID} }},
	{"system_dependencies", func(ids map[string]string) any {
		return &models.SystemDependency{SystemID: id(ids, "system"), DependsOnID: id(ids, "system2")}
	}, func(v any) (string, []any) { return "system_id = ?", []any{v.(*models.SystemDependency).SystemID} }},
	{"standards", func(ids map[string]string) any {
		return &models.Standard{ID: id(ids, "standard"), Code: "AV-01", Title: "EPR availability", Rationale: "r", Category: "availability",
			Metric: "availability", Unit: "percent", Direction: models.HigherIsBetter, Threshold: 99.9, Target: ptr(99.95),
			Period: models.PeriodMonth, Rollup: models.RollupMin, OwnerID: ptr(id(ids, "user")), Status: models.StandardActive,
			ReviewDue: ptr(day("2027-01-01")), References: json.RawMessage(`[{"id":"7.3.2","scheme":"DSPT"}]`),
			BaselinePoints: ptr(12), ScreenMovingRanges: true, Version: 1, CreatedAt: now, UpdatedAt: now}
	}, byID},
	{"standard_systems", func(ids map[string]string) any {
		return &models.StandardSystem{StandardID: id(ids, "standard"), SystemID: id(ids, "system")}
	}, func(v any) (string, []any) { return "standard_id = ?", []any{v.(*models.StandardSystem).StandardID} }},
	{"standard_revisions", func(ids map[string]string) any {
		return &models.StandardRevision{ID: id(ids, "revision"), StandardID: id(ids, "standard"), EffectiveFrom: day("2025-01-01"),
			Direction: models.HigherIsBetter, Threshold: 99.9, Target: ptr(99.95), Period: models.PeriodMonth, CreatedBy: ptr(id(ids, "user")), CreatedAt: now}
	}, byID},
	{"standard_exceptions", func(ids map[string]string) any {
		return &models.StandardException{ID: id(ids, "exception"), StandardID: id(ids, "standard"), SystemID: ptr(id(ids, "system")),
			Reason: "migration", ApprovedBy: id(ids, "user"), StartsOn: day("2025-02-01"), ExpiresOn: day("2025-03-31"), CreatedAt: now}
	}, byID},
	{"standard_rebases", func(ids map[string]string) any {
		return &models.StandardRebase{ID: id(ids, "rebase"), StandardID: id(ids, "standard"), Period: day("2025-06-01"), Reason: "new SSO",
			Source: models.RebaseRecalculation, CreatedBy: ptr(id(ids, "user")), CreatedAt: now}
	}, byID},
	{"measurements", func(ids map[string]string) any {
		return &models.Measurement{StandardID: id(ids, "standard"), SystemID: ptr(id(ids, "system")), PeriodStart: day("2025-01-01"),
			Value: 99.93, Note: "n", Source: models.SourceAPI, RecordedByUser: ptr(id(ids, "user")), RecordedAt: now}
	}, func(v any) (string, []any) { return "standard_id = ?", []any{v.(*models.Measurement).StandardID} }},
	{"series_values", func(ids map[string]string) any {
		return &models.SeriesValue{StandardID: id(ids, "standard"), PeriodStart: day("2025-01-01"), Value: 99.93, UpdatedAt: now}
	}, func(v any) (string, []any) { return "standard_id = ?", []any{v.(*models.SeriesValue).StandardID} }},
}

// TestModelsMatchSchema inserts each model into a freshly migrated database
// and reads it back unchanged, and fails if a table has no model fixture.
func TestModelsMatchSchema(t *testing.T) {
	db := testdb.New(t).Gorm
	ids := map[string]string{}
	covered := map[string]bool{}
	for _, f := range fixtures {
		covered[f.table] = true
		v := f.make(ids)
		if f.table == "measurements" {
			if err := db.Exec("SELECT ensure_measurement_partitions('2025-01-01', '2025-01-31')").Error; err != nil {
				t.Fatal(err)
			}
		}
		if err := db.Table(f.table).Create(v).Error; err != nil {
			t.Errorf("%s: insert %T: %v", f.table, v, err)
			continue
		}
		got := reflect.New(reflect.TypeOf(v).Elem()).Interface()
		where, args := f.where(v)
		if err := db.Table(f.table).Where(where, args...).Take(got).Error; err != nil {
			t.Errorf("%s: read back: %v", f.table, err)
			continue
		}
		if a, b := normalise(t, v), normalise(t, got); a != b {
			t.Errorf("%s: read back differs\n wrote %s\n  read %s", f.table, a, b)
		}
	}
	for _, table := range tables(t, db) {
		if !covered[table] {
			t.Errorf("table %s has no model fixture in models/models_test.go", table)
		}
	}
}

// normalise encodes v as JSON with times in UTC and JSON documents compacted,
// so a value and its read-back compare equal when the schema matches.
func normalise(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for k, x := range m {
		if s, ok := x.(string); ok {
			if ts, err := time.Parse(time.RFC3339Nano, s); err == nil {
				m[k] = ts.UTC().Format(time.RFC3339Nano)
			}
		}
	}
	out, _ := json.Marshal(m)
	return string(out)
}

func tables(t *testing.T, db *gorm.DB) []string {
	var names []string
	err := db.Raw(`SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
		AND c.relname NOT LIKE 'goose_%' AND c.relname NOT LIKE 'river_%'
		-- written only by triggers (migrations 00040 and 00041), never through a model
		AND c.relname NOT IN ('dashboard_changes', 'dashboard_series_changes')`).Scan(&names).Error
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	var out []string
	for _, n := range names {
		if !strings.HasPrefix(n, "pg_") {
			out = append(out, n)
		}
	}
	return out
}
