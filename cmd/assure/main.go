// Command assure is Assure's single binary: the server and its operator
// commands. main parses the command, loads the configuration and wires things
// together; nothing else happens here.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// command is one subcommand.
type command struct {
	summary string
	run     func(ctx context.Context, env *env, args []string) error
}

// env is what a command may touch: its streams and the environment.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

// usageError makes the process exit 2 after printing usage.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func commands() map[string]command {
	return map[string]command{
		"serve":   {"Run the HTTP server (API and web app).", runServe},
		"migrate": {"Apply or inspect database migrations: migrate up|down|status.", runMigrate},
		"seed":    {"Load the demo trust: seed --demo.", runSeed},
		"user":    {"Manage users: user create --email E --name N --role R.", runUser},
		"audit":   {"Check the audit trail: audit verify.", runAudit},
		"import":  {"Import measurements from CSV: import measurements FILE.csv.", runImport},
		"version": {"Print the version.", runVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	code := run(ctx, &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}, os.Args[1:])
	stop()
	os.Exit(code)
}

func run(ctx context.Context, e *env, args []string) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(e.stderr, cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "assure: unknown command %q\n\n", args[0])
		printUsage(e.stderr, cmds)
		return 2
	}
	err := c.run(ctx, e, args[1:])
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "assure %s: %s\n", args[0], ue.msg)
		return 2
	default:
		var ec exitCodeError
		if errors.As(err, &ec) {
			fmt.Fprintf(e.stderr, "assure %s: %s\n", args[0], ec.msg)
			return ec.code
		}
		fmt.Fprintf(e.stderr, "assure %s: %v\n", args[0], err)
		return 1
	}
}

// exitCodeError ends the command with a specific code and message.
type exitCodeError struct {
	code int
	msg  string
}

func (e exitCodeError) Error() string { return e.msg }

func printUsage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "Usage: assure <command> [flags]\n\nCommands:")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'assure <command> --help' for a command's flags. Configuration comes from\nenvironment variables (DATABASE_URL, ASSURE_*); see README.md.")
}

// newFlags makes a FlagSet that reports usage errors instead of exiting.
func newFlags(e *env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet("assure "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: assure %s\n", usage)
		if strings.Contains(usage, "[flags]") || hasFlags(fs) {
			fmt.Fprintln(e.stderr, "\nFlags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// parseFlags parses args; a bad flag is a usage error (exit 2), --help exits 0.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	return nil
}

func runVersion(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "version", "version")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"version takes no arguments"}
	}
	fmt.Fprintf(e.stdout, "assure %s\n", version)
	return nil
}
