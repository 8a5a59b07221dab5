package main

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"assure/models"
	"assure/services/access"
	"assure/services/auth"
)

// multiFlag collects a repeatable flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func runUser(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || (args[0] != "create" && !strings.HasPrefix(args[0], "-")) {
		fmt.Fprintln(e.stderr, "Usage: assure user create --email E --name N --role R [--role R2] [--password-stdin]")
		if len(args) == 0 {
			return usageError{"say create"}
		}
		return usageError{fmt.Sprintf("unknown user action %q", args[0])}
	}
	if args[0] != "create" { // --help
		fs := newFlags(e, "user", "user create --email E --name N --role R [--role R2] [--password-stdin]")
		return parseFlags(fs, args)
	}
	fs := newFlags(e, "user create", "user create --email E --name N --role R [--role R2] [--password-stdin]\n\nCreates a user (bootstrap the first admin with --role admin). Without --password-stdin a\npassword is generated and printed once.")
	email := fs.String("email", "", "email address (required)")
	name := fs.String("name", "", "display name (required)")
	var roles multiFlag
	fs.Var(&roles, "role", "role: clinician, improver, board, executive or admin (repeatable)")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"unexpected argument " + fs.Arg(0)}
	}
	if *email == "" || *name == "" || len(roles) == 0 {
		fs.Usage()
		return usageError{"--email, --name and at least one --role are required"}
	}
	pw := ""
	generated := false
	if *fromStdin {
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		if err != nil && line == "" {
			return fmt.Errorf("read password from stdin: %w", err)
		}
		pw = strings.TrimRight(line, "\r\n")
	} else {
		pw = auth.GeneratePassword()
		generated = true
	}
	rs := make([]models.Role, len(roles))
	for i, r := range roles {
		rs[i] = models.Role(strings.TrimSpace(r))
	}
	cfg, err := loadConfig(e, false)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg, newLogger(e.stderr, cfg.LogFormat))
	if err != nil {
		return err
	}
	defer a.DB.Close()
	u, err := a.Auth.CreateUser(ctx, access.System("cli"), auth.NewUser{Email: *email, Name: *name, Roles: rs, Password: pw})
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(e.stdout, "created user %s <%s> with roles %s\n", u.Name, u.Email, strings.Join(u.Roles, ", "))
	if generated {
		fmt.Fprintf(e.stdout, "password (shown once): %s\n", pw)
	}
	return nil
}
