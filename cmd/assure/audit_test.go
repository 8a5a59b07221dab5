package main

import (
	"context"
	"strings"
	"testing"

	"assure/internal/app"
	"assure/internal/config"
	"assure/internal/testdb"
	"assure/models"
	"assure/services/access"
	"assure/services/auth"
)

// auditDB gives a test a database of its own, holding a few audit events,
// so that corrupting its chain cannot disturb any other test.
func auditDB(t *testing.T) (*testdb.Clone, map[string]string) {
	t.Helper()
	c, err := testdb.Create(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Drop() })
	a, err := app.New(config.Config{JWTSecret: []byte("0123456789abcdef0123456789abcdef")}, c.DB, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, email := range []string{"one@trust.test", "two@trust.test", "three@trust.test"} {
		if _, err := a.Auth.CreateUser(context.Background(), access.System("test"), auth.NewUser{
			Email: email, Name: "Audited", Roles: []models.Role{models.RoleBoard},
		}); err != nil {
			t.Fatal(err)
		}
	}
	return c, map[string]string{"DATABASE_URL": c.URL, "ASSURE_LOG_FORMAT": "text"}
}

func TestAuditVerifyIntactChain(t *testing.T) {
	_, vars := auditDB(t)
	code, out, errOut := runCLI(t, vars, "", "audit", "verify")
	if code != 0 || !strings.Contains(out, "audit trail intact: 3 events verified") {
		t.Fatalf("exit %d: %q %q", code, out, errOut)
	}
}

func TestAuditVerifyNamesTheCorruptedEvent(t *testing.T) {
	c, vars := auditDB(t)
	db := c.DB.Gorm
	// The trigger refuses the edit...
	if err := db.Exec("UPDATE audit_events SET after = '{\"email\": \"forged@trust.test\"}' WHERE seq = 2").Error; err == nil {
		t.Fatal("the append-only trigger let an UPDATE through")
	}
	// ...so an attacker with the table owner's rights disables it first.
	for _, stmt := range []string{
		"ALTER TABLE audit_events DISABLE TRIGGER USER",
		`UPDATE audit_events SET after = jsonb_set(after, '{email}', '"forged@trust.test"') WHERE seq = 2`,
		"ALTER TABLE audit_events ENABLE TRIGGER USER",
	} {
		if err := db.Exec(stmt).Error; err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	code, out, errOut := runCLI(t, vars, "", "audit", "verify")
	if code != 1 || !strings.Contains(errOut, "audit event 2:") || !strings.Contains(errOut, "after 1 good events") {
		t.Fatalf("exit %d, stdout %q, stderr %q: want exit 1 naming event 2", code, out, errOut)
	}
}

func TestAuditVerifyNamesADeletedEvent(t *testing.T) {
	c, vars := auditDB(t)
	db := c.DB.Gorm
	for _, stmt := range []string{
		"ALTER TABLE audit_events DISABLE TRIGGER USER",
		"DELETE FROM audit_events WHERE seq = 2",
		"ALTER TABLE audit_events ENABLE TRIGGER USER",
	} {
		if err := db.Exec(stmt).Error; err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	code, _, errOut := runCLI(t, vars, "", "audit", "verify")
	if code != 1 || !strings.Contains(errOut, "audit event 2: is missing") {
		t.Fatalf("exit %d, stderr %q: want exit 1 naming the missing event 2", code, errOut)
	}
}

func TestAuditVerifyOnAnUnreachableDatabaseIsNotACorruption(t *testing.T) {
	code, _, errOut := runCLI(t, map[string]string{"DATABASE_URL": "postgres://postgres@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"}, "", "audit", "verify")
	if code != 1 || strings.Contains(errOut, "broken") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}
