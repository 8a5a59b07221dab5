package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"assure/internal/testdb"
)

// runCLI runs the command line in-process with env vars and stdin.
func runCLI(t *testing.T, vars map[string]string, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(k string) string { return vars[k] }}
	code = run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

var (
	cliDB  *testdb.Clone
	cliEnv map[string]string
)

func TestMain(m *testing.M) {
	c, err := testdb.Create(context.Background())
	if err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		os.Exit(1)
	}
	cliDB = c
	cliEnv = map[string]string{"DATABASE_URL": c.URL, "ASSURE_LOG_FORMAT": "text"}
	code := m.Run()
	_ = c.Drop()
	os.Exit(code)
}

func TestUsageAndExitCodes(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no command", nil, 2, "Usage: assure <command>"},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"help", []string{"--help"}, 0, "Commands:"},
		{"unknown flag", []string{"serve", "--port=1"}, 2, "flag provided but not defined"},
		{"serve help", []string{"serve", "--help"}, 0, "Usage: assure serve"},
		{"migrate without action", []string{"migrate"}, 2, "say up, down or status"},
		{"migrate unknown action", []string{"migrate", "sideways"}, 2, "unknown migrate action"},
		{"migrate help", []string{"migrate", "--help"}, 0, "Usage: assure migrate"},
		{"seed without --demo", []string{"seed"}, 2, "--demo"},
		{"user without action", []string{"user"}, 2, "user create"},
		{"user unknown action", []string{"user", "delete"}, 2, `unknown user action "delete"`},
		{"user create help", []string{"user", "create", "--help"}, 0, "--password-stdin"},
		{"user create missing flags", []string{"user", "create", "--email", "a@b.test"}, 2, "are required"},
		{"audit without verify", []string{"audit"}, 2, "say verify"},
		{"version extra arg", []string{"version", "x"}, 2, "no arguments"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, cliEnv, "", tc.args...)
			if code != tc.code || !strings.Contains(out+errOut, tc.want) {
				t.Fatalf("exit %d (want %d); output %q lacks %q", code, tc.code, out+errOut, tc.want)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := runCLI(t, cliEnv, "", "version")
	if code != 0 || !strings.HasPrefix(out, "assure ") {
		t.Fatalf("%d %q", code, out)
	}
}

func TestServeRefusesBadConfigWithOneLine(t *testing.T) {
	code, _, errOut := runCLI(t, map[string]string{"ASSURE_JWT_SECRET": "too-short"}, "", "serve")
	if code != 1 || strings.Count(strings.TrimSpace(errOut), "\n") != 0 || !strings.Contains(errOut, "at least 32 bytes") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = runCLI(t, map[string]string{}, "", "serve")
	if code != 1 || !strings.Contains(errOut, "ASSURE_JWT_SECRET is required") {
		t.Fatalf("without a secret: exit %d, stderr %q", code, errOut)
	}
}

func TestMigrateStatusListsApplied(t *testing.T) {
	code, out, errOut := runCLI(t, cliEnv, "", "migrate", "status")
	if code != 0 || !strings.Contains(out, "00001_users_and_audit.sql") || strings.Contains(out, "pending") {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	code, out, _ = runCLI(t, cliEnv, "", "migrate", "up")
	if code != 0 || !strings.Contains(out, "no pending migrations") {
		t.Fatalf("migrate up on a current schema: %d %q", code, out)
	}
}

func TestUserCreateWithPasswordFromStdin(t *testing.T) {
	code, out, errOut := runCLI(t, cliEnv, "a-long-enough-passphrase\n",
		"user", "create", "--email", "First.Admin@trust.test", "--name", "First Admin", "--role", "admin", "--role", "board", "--password-stdin")
	if code != 0 || !strings.Contains(out, "with roles board, admin") || strings.Contains(out, "password (shown once)") {
		t.Fatalf("exit %d: %q %q", code, out, errOut)
	}
	var n int64
	cliDB.DB.Gorm.Raw("SELECT count(*) FROM users WHERE lower(email) = 'first.admin@trust.test' AND password_hash LIKE '$argon2id$%'").Scan(&n)
	if n != 1 {
		t.Fatalf("stored users with an argon2id hash: %d", n)
	}
	// The same email in another case is the same person.
	code, _, errOut = runCLI(t, cliEnv, "another-long-passphrase\n",
		"user", "create", "--email", "first.admin@TRUST.test", "--name", "Again", "--role", "admin", "--password-stdin")
	if code != 1 || !strings.Contains(errOut, "already exists") {
		t.Fatalf("duplicate: exit %d %q", code, errOut)
	}
}

func TestUserCreateGeneratesAndPrintsAPasswordOnce(t *testing.T) {
	code, out, _ := runCLI(t, cliEnv, "", "user", "create", "--email", "gen@trust.test", "--name", "Gen", "--role", "clinician")
	if code != 0 || !strings.Contains(out, "password (shown once): ") {
		t.Fatalf("exit %d: %q", code, out)
	}
}

func TestUserCreateRefusesWeakPasswordAndBadRole(t *testing.T) {
	code, _, errOut := runCLI(t, cliEnv, "short\n", "user", "create", "--email", "w@trust.test", "--name", "W", "--role", "admin", "--password-stdin")
	if code != 1 || !strings.Contains(errOut, "at least 12 characters") {
		t.Fatalf("short password: %d %q", code, errOut)
	}
	code, _, errOut = runCLI(t, cliEnv, "password1234\n", "user", "create", "--email", "w@trust.test", "--name", "W", "--role", "admin", "--password-stdin")
	if code != 1 || !strings.Contains(errOut, "too common") {
		t.Fatalf("common password: %d %q", code, errOut)
	}
	code, _, errOut = runCLI(t, cliEnv, "", "user", "create", "--email", "w@trust.test", "--name", "W", "--role", "wizard")
	if code != 1 || !strings.Contains(errOut, "roles[0]") {
		t.Fatalf("bad role: %d %q", code, errOut)
	}
}
