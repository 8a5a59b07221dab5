package deploy_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"assure/internal/config"
)

// root is the repository root, relative to this package's directory (go test
// runs each package's tests in that directory).
const root = "../.."

// The types below decode the parts of the compose specification the tests
// look at, accepting both the short and the long syntax where compose does.

type composeFile struct {
	Services map[string]service `yaml:"services"`
	Volumes  map[string]any     `yaml:"volumes"`
}

type service struct {
	Image       string        `yaml:"image"`
	Build       any           `yaml:"build"`
	Entrypoint  stringOrList  `yaml:"entrypoint"`
	Command     stringOrList  `yaml:"command"`
	Environment environment   `yaml:"environment"`
	DependsOn   dependsOn     `yaml:"depends_on"`
	Healthcheck *healthcheck  `yaml:"healthcheck"`
	Ports       []portMapping `yaml:"ports"`
	Volumes     []volumeMount `yaml:"volumes"`
	Restart     string        `yaml:"restart"`
}

type healthcheck struct {
	Test stringOrList `yaml:"test"`
}

// stringOrList is a command written either as one string or as a list.
type stringOrList []string

func (s *stringOrList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*s = []string{n.Value}
		return nil
	}
	var l []string
	if err := n.Decode(&l); err != nil {
		return err
	}
	*s = l
	return nil
}

// environment is a service's environment, written as a map or as KEY=VALUE items.
type environment map[string]string

func (e *environment) UnmarshalYAML(n *yaml.Node) error {
	out := environment{}
	if n.Kind == yaml.SequenceNode {
		var l []string
		if err := n.Decode(&l); err != nil {
			return err
		}
		for _, kv := range l {
			k, v, _ := strings.Cut(kv, "=")
			out[k] = v
		}
		*e = out
		return nil
	}
	var m map[string]*string
	if err := n.Decode(&m); err != nil {
		return err
	}
	for k, v := range m {
		if v != nil {
			out[k] = *v
		} else {
			out[k] = ""
		}
	}
	*e = out
	return nil
}

// dependsOn maps a dependency to its condition ("" in the list syntax).
type dependsOn map[string]string

func (d *dependsOn) UnmarshalYAML(n *yaml.Node) error {
	out := dependsOn{}
	if n.Kind == yaml.SequenceNode {
		var l []string
		if err := n.Decode(&l); err != nil {
			return err
		}
		for _, s := range l {
			out[s] = ""
		}
		*d = out
		return nil
	}
	var m map[string]struct {
		Condition string `yaml:"condition"`
	}
	if err := n.Decode(&m); err != nil {
		return err
	}
	for k, v := range m {
		out[k] = v.Condition
	}
	*d = out
	return nil
}

type portMapping struct {
	Published string
	Target    string
}

func (p *portMapping) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		// [ip:]published:target[/proto], or just target.
		s, _, _ := strings.Cut(n.Value, "/")
		parts := strings.Split(s, ":")
		p.Target = parts[len(parts)-1]
		if len(parts) > 1 {
			p.Published = parts[len(parts)-2]
		}
		return nil
	}
	var long struct {
		Target    any `yaml:"target"`
		Published any `yaml:"published"`
	}
	if err := n.Decode(&long); err != nil {
		return err
	}
	p.Target, p.Published = fmt.Sprint(long.Target), fmt.Sprint(long.Published)
	return nil
}

type volumeMount struct {
	Source   string
	Target   string
	ReadOnly bool
}

// named reports whether the mount is a named volume rather than a bind mount.
func (v volumeMount) named() bool {
	return v.Source != "" && !strings.ContainsAny(v.Source[:1], "./~$")
}

func (v *volumeMount) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		parts := strings.Split(n.Value, ":")
		switch len(parts) {
		case 1:
			v.Target = parts[0]
		default:
			v.Source, v.Target = parts[0], parts[1]
			if len(parts) > 2 {
				v.ReadOnly = slices.Contains(strings.Split(parts[2], ","), "ro")
			}
		}
		return nil
	}
	var long struct {
		Source   string `yaml:"source"`
		Target   string `yaml:"target"`
		ReadOnly bool   `yaml:"read_only"`
	}
	if err := n.Decode(&long); err != nil {
		return err
	}
	v.Source, v.Target, v.ReadOnly = long.Source, long.Target, long.ReadOnly
	return nil
}

func loadCompose(t *testing.T) composeFile {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "docker-compose.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var f composeFile
	if err := yaml.Unmarshal(b, &f); err != nil {
		t.Fatalf("parse docker-compose.yml: %v", err)
	}
	for _, name := range []string{"db", "app", "backup"} {
		if _, ok := f.Services[name]; !ok {
			t.Fatalf("docker-compose.yml has no %q service", name)
		}
	}
	return f
}

var interpolation = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}`)

// interpolate expands compose's ${VAR}, ${VAR:-default} and ${VAR:?error}
// forms the way `docker compose` would with the variables in env.
func interpolate(s string, env map[string]string) (string, error) {
	var missing []string
	out := interpolation.ReplaceAllStringFunc(s, func(m string) string {
		g := interpolation.FindStringSubmatch(m)
		name, op, arg := g[1], g[2], g[3]
		v, set := env[name]
		empty := v == ""
		unset := !set || (strings.HasPrefix(op, ":") && empty)
		switch strings.TrimPrefix(op, ":") {
		case "-":
			if unset {
				return arg
			}
		case "?":
			if unset {
				missing = append(missing, name+": "+arg)
			}
		}
		return v
	})
	if len(missing) > 0 {
		return out, errors.New(strings.Join(missing, "; "))
	}
	return out, nil
}

func dataVolume(t *testing.T, f composeFile) string {
	t.Helper()
	for _, v := range f.Services["db"].Volumes {
		if v.Target == "/var/lib/postgresql/data" {
			if !v.named() {
				t.Fatalf("db data at %s is a bind mount, want a named volume", v.Source)
			}
			return v.Source
		}
	}
	t.Fatal("db mounts nothing at /var/lib/postgresql/data, so its data dies with the container")
	return ""
}

func TestComposeDatabase(t *testing.T) {
	f := loadCompose(t)
	db := f.Services["db"]
	if db.Image != "postgres:16" {
		t.Errorf("db image = %q, want postgres:16", db.Image)
	}
	if db.Healthcheck == nil || !strings.Contains(strings.Join(db.Healthcheck.Test, " "), "pg_isready") {
		t.Errorf("db healthcheck must run pg_isready so app and backup wait for a ready database")
	}
	if db.Environment["POSTGRES_DB"] != "assure" {
		t.Errorf("db POSTGRES_DB = %q, want assure", db.Environment["POSTGRES_DB"])
	}
	vol := dataVolume(t, f)
	if _, ok := f.Volumes[vol]; !ok {
		t.Errorf("db volume %q is not declared under the top-level volumes", vol)
	}
}

func TestComposeApp(t *testing.T) {
	f := loadCompose(t)
	app := f.Services["app"]

	if cond := app.DependsOn["db"]; cond != "service_healthy" {
		t.Errorf("app depends_on db condition = %q, want service_healthy", cond)
	}
	published := false
	for _, p := range app.Ports {
		if p.Target == "8080" && p.Published == "8080" {
			published = true
		}
	}
	if !published {
		t.Errorf("app ports = %+v, want 8080 published as 8080", app.Ports)
	}

	known := map[string]bool{}
	for _, v := range config.Vars {
		known[v.Name] = true
	}
	for name := range app.Environment {
		if !known[name] {
			t.Errorf("app sets %s, which the server does not read (not in config.Vars)", name)
		}
	}

	secret := app.Environment["ASSURE_JWT_SECRET"]
	if !regexp.MustCompile(`^\$\{ASSURE_JWT_SECRET:\?[^}]+\}$`).MatchString(secret) {
		t.Errorf("ASSURE_JWT_SECRET = %q, want ${ASSURE_JWT_SECRET:?message} so compose refuses to start without it", secret)
	}
	if _, err := interpolate(secret, nil); err == nil {
		t.Errorf("ASSURE_JWT_SECRET interpolated without error when unset")
	}
	if dev, ok := app.Environment["ASSURE_DEV"]; ok && dev != "false" {
		t.Errorf("app sets ASSURE_DEV=%q; development mode must not be the production default", dev)
	}

	// With only the required secret given, the defaults must make a
	// configuration the server accepts and a database URL that reaches db.
	env := map[string]string{"ASSURE_JWT_SECRET": strings.Repeat("s", config.MinSecretBytes)}
	resolved := map[string]string{}
	for k, v := range app.Environment {
		s, err := interpolate(v, env)
		if err != nil {
			t.Fatalf("interpolate %s: %v", k, err)
		}
		resolved[k] = s
	}
	u, err := url.Parse(resolved["DATABASE_URL"])
	if err != nil {
		t.Fatalf("DATABASE_URL %q: %v", resolved["DATABASE_URL"], err)
	}
	if u.Hostname() != "db" {
		t.Errorf("DATABASE_URL host = %q, want db", u.Hostname())
	}
	if got := strings.TrimPrefix(u.Path, "/"); got != "assure" {
		t.Errorf("DATABASE_URL database = %q, want assure (POSTGRES_DB)", got)
	}
	if _, err := config.Load(func(k string) string { return resolved[k] }); err != nil {
		t.Errorf("the server rejects the compose defaults: %v", err)
	}
}

func TestComposeBackup(t *testing.T) {
	f := loadCompose(t)
	b := f.Services["backup"]

	if cond := b.DependsOn["db"]; cond != "service_healthy" {
		t.Errorf("backup depends_on db condition = %q, want service_healthy", cond)
	}
	if _, ok := b.Environment["BACKUP_KEEP"]; !ok {
		t.Errorf("backup does not set BACKUP_KEEP, so retention is not configurable")
	}
	if b.Restart == "" || b.Restart == "no" {
		t.Errorf("backup restart = %q; a failed dump exits non-zero and must be retried", b.Restart)
	}

	dir := b.Environment["BACKUP_DIR"]
	if dir == "" {
		t.Fatal("backup does not set BACKUP_DIR")
	}
	var out *volumeMount
	for i, v := range b.Volumes {
		if v.Target == dir {
			out = &b.Volumes[i]
		}
	}
	switch {
	case out == nil:
		t.Errorf("backup writes to %s but mounts no volume there, so dumps die with the container", dir)
	case !out.named():
		t.Errorf("backup volume %q is a bind mount, want a named volume", out.Source)
	case out.Source == dataVolume(t, f):
		t.Errorf("backup writes into the database's own volume %q; a lost volume would take the backups with it", out.Source)
	default:
		if _, ok := f.Volumes[out.Source]; !ok {
			t.Errorf("backup volume %q is not declared under the top-level volumes", out.Source)
		}
	}

	// The script is bind-mounted read-only and is what the entrypoint runs.
	var script *volumeMount
	for i, v := range b.Volumes {
		if strings.HasSuffix(v.Source, "deploy/backup.sh") {
			script = &b.Volumes[i]
		}
	}
	if script == nil {
		t.Fatal("backup does not mount deploy/backup.sh")
	}
	if !script.ReadOnly {
		t.Errorf("deploy/backup.sh is mounted writable; mount it :ro")
	}
	if _, err := os.Stat(filepath.Join(root, script.Source)); err != nil {
		t.Errorf("backup mounts %s: %v", script.Source, err)
	}
	if !slices.Contains(append(b.Entrypoint, b.Command...), script.Target) {
		t.Errorf("backup entrypoint %q command %q do not run %s", b.Entrypoint, b.Command, script.Target)
	}
}

// fakeTools puts pg_dump and pg_restore stand-ins first on PATH. pg_dump
// writes its arguments into the -f file (or fails when told to); pg_restore
// accepts anything unless told to fail.
func fakeTools(t *testing.T, dumpFails, restoreFails bool) string {
	t.Helper()
	bin := t.TempDir()
	dump := `#!/bin/sh
args="$*"
out=""
while [ $# -gt 0 ]; do
	case "$1" in -f) out=$2; shift ;; esac
	shift
done
[ -n "$out" ] || { echo "fake pg_dump: no -f" >&2; exit 2; }
echo "fake dump $args" >"$out"
`
	if dumpFails {
		dump += "echo 'pg_dump: error: connection to server failed' >&2\nexit 1\n"
	}
	restore := "#!/bin/sh\nexit 0\n"
	if restoreFails {
		restore = "#!/bin/sh\necho 'pg_restore: error: input file does not appear to be a valid archive' >&2\nexit 1\n"
	}
	for name, body := range map[string]string{"pg_dump": dump, "pg_restore": restore} {
		if err := os.WriteFile(filepath.Join(bin, name), []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return bin + string(os.PathListSeparator) + os.Getenv("PATH")
}

// runBackup runs deploy/backup.sh once and returns its combined output.
func runBackup(t *testing.T, path, dir string, extra ...string) (string, error) {
	t.Helper()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not installed")
	}
	script, err := filepath.Abs(filepath.Join(root, "deploy", "backup.sh"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bash, script)
	cmd.Env = append([]string{
		"PATH=" + path,
		"BACKUP_DIR=" + dir,
		"BACKUP_ONCE=1",
		"BACKUP_KEEP=3",
	}, extra...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	return out.String(), err
}

// seedDumps creates dumps named for the given UTC timestamps.
func seedDumps(t *testing.T, dir string, stamps ...string) {
	t.Helper()
	for _, s := range stamps {
		if err := os.WriteFile(filepath.Join(dir, "assure-"+s+".dump"), []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

var dumpName = regexp.MustCompile(`^assure-\d{8}T\d{6}Z\.dump$`)

func TestBackupKeepsNewestDumps(t *testing.T) {
	dir := t.TempDir()
	// Four earlier dumps plus the one this run makes: five, keep three.
	seedDumps(t, dir, "20010101T020000Z", "20010102T020000Z", "20010103T020000Z", "20010104T020000Z")
	// Files that are not dumps are never pruned; a stale partial dump is removed.
	for _, name := range []string{"notes.txt", "other.dump", "assure-20230101T000000Z.dump.partial"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}

	out, err := runBackup(t, fakeTools(t, false, false), dir)
	if err != nil {
		t.Fatalf("backup.sh: %v\n%s", err, out)
	}

	var fresh string
	for _, name := range listDir(t, dir) {
		if dumpName.MatchString(name) && !strings.HasPrefix(name, "assure-2001") {
			fresh = name
		}
	}
	if fresh == "" {
		t.Fatalf("no new dump in %v\n%s", listDir(t, dir), out)
	}
	want := []string{"assure-20010103T020000Z.dump", "assure-20010104T020000Z.dump", fresh, "notes.txt", "other.dump"}
	sort.Strings(want)
	if got := listDir(t, dir); !slices.Equal(got, want) {
		t.Errorf("after one run with BACKUP_KEEP=3 the directory holds\n%v\nwant\n%v\n%s", got, want, out)
	}

	body, err := os.ReadFile(filepath.Join(dir, fresh))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(body), "-Fc") {
		t.Errorf("pg_dump was called as %q, want the custom format (-Fc)", strings.TrimSpace(string(body)))
	}
	if info, err := os.Stat(filepath.Join(dir, fresh)); err != nil {
		t.Fatal(err)
	} else if perm := info.Mode().Perm(); perm&0o077 != 0 {
		t.Errorf("dump mode = %v; dumps hold personal data and must be private to their owner", perm)
	}
	size := strconv.Itoa(len(body)) + " bytes"
	if !strings.Contains(out, fresh) || !strings.Contains(out, size) {
		t.Errorf("log does not name the dump and its size (%s):\n%s", size, out)
	}
	for _, gone := range []string{"20010101", "20010102"} {
		if !strings.Contains(out, "deleted "+dir+"/assure-"+gone) {
			t.Errorf("log does not report deleting the %s dump:\n%s", gone, out)
		}
	}
}

func TestBackupFailureKeepsExistingDumps(t *testing.T) {
	tests := []struct {
		name                    string
		dumpFails, restoreFails bool
		wantLog                 string
	}{
		{"pg_dump failing exits non-zero", true, false, "pg_dump"},
		{"unreadable dump exits non-zero", false, true, "pg_restore"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			old := []string{"20010101T020000Z", "20010102T020000Z", "20010103T020000Z", "20010104T020000Z"}
			seedDumps(t, dir, old...)

			out, err := runBackup(t, fakeTools(t, tc.dumpFails, tc.restoreFails), dir, "BACKUP_KEEP=1")
			var exit *exec.ExitError
			if !errors.As(err, &exit) {
				t.Fatalf("backup.sh err = %v, want a non-zero exit so the container restarts\n%s", err, out)
			}
			if !strings.Contains(out, "ERROR") || !strings.Contains(out, tc.wantLog) {
				t.Errorf("log does not explain the failure (want ERROR and %q):\n%s", tc.wantLog, out)
			}
			var want []string
			for _, s := range old {
				want = append(want, "assure-"+s+".dump")
			}
			if got := listDir(t, dir); !slices.Equal(got, want) {
				t.Errorf("after a failed dump the directory holds %v, want the old dumps untouched: %v", got, want)
			}
		})
	}
}

func TestBackupRejectsBadSettings(t *testing.T) {
	for _, setting := range []string{"BACKUP_KEEP=0", "BACKUP_KEEP=two", "BACKUP_INTERVAL_SECONDS=-5"} {
		t.Run(setting, func(t *testing.T) {
			dir := t.TempDir()
			seedDumps(t, dir, "20010101T020000Z")
			out, err := runBackup(t, fakeTools(t, false, false), dir, setting)
			if err == nil {
				t.Fatalf("backup.sh accepted %s:\n%s", setting, out)
			}
			if name, _, _ := strings.Cut(setting, "="); !strings.Contains(out, name) {
				t.Errorf("error does not name %s:\n%s", name, out)
			}
			if got := listDir(t, dir); len(got) != 1 {
				t.Errorf("directory holds %v, want it untouched", got)
			}
		})
	}
}

// instruction is one Dockerfile instruction with continuation lines joined.
type instruction struct {
	Cmd  string // upper case: FROM, COPY, RUN…
	Args string
	Line int
}

func parseDockerfile(t *testing.T) [][]instruction {
	t.Helper()
	fh, err := os.Open(filepath.Join(root, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var stages [][]instruction
	var cur strings.Builder
	start, n := 0, 0
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "#") || (line == "" && cur.Len() == 0) {
			continue
		}
		if cur.Len() == 0 {
			start = n
		}
		if cont, ok := strings.CutSuffix(line, `\`); ok {
			cur.WriteString(cont + " ")
			continue
		}
		cur.WriteString(line)
		cmd, args, _ := strings.Cut(strings.TrimSpace(cur.String()), " ")
		cur.Reset()
		in := instruction{Cmd: strings.ToUpper(cmd), Args: strings.TrimSpace(args), Line: start}
		if in.Cmd == "FROM" {
			stages = append(stages, nil)
		}
		if len(stages) == 0 {
			continue // ARG before the first FROM
		}
		stages[len(stages)-1] = append(stages[len(stages)-1], in)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(stages) < 2 {
		t.Fatalf("Dockerfile has %d stages, want a multi-stage build", len(stages))
	}
	return stages
}

func TestDockerfileRunsAsNonRoot(t *testing.T) {
	stages := parseDockerfile(t)
	final := stages[len(stages)-1]
	user := ""
	for _, in := range final {
		if in.Cmd == "USER" {
			user = in.Args
		}
	}
	name, _, _ := strings.Cut(user, ":")
	if name == "" || name == "root" || name == "0" {
		t.Errorf("final stage USER = %q, want a non-root user", user)
	}
	want := map[string]string{"ENTRYPOINT": `["/assure"]`, "EXPOSE": "8080"}
	for _, in := range final {
		if w, ok := want[in.Cmd]; ok && in.Args == w {
			delete(want, in.Cmd)
		}
	}
	for cmd, w := range want {
		t.Errorf("final stage lacks %s %s", cmd, w)
	}
}

func TestDockerfileEmbedsFreshWebBuild(t *testing.T) {
	stages := parseDockerfile(t)
	webBuilt := false
	for _, stage := range stages {
		for _, in := range stage {
			if in.Cmd == "RUN" && strings.Contains(in.Args, "npm run build") {
				webBuilt = true
			}
		}
	}
	if !webBuilt {
		t.Error("no stage runs npm run build")
	}

	found := false
	for _, stage := range stages {
		copiedDist := false
		for _, in := range stage {
			if in.Cmd == "COPY" && strings.Contains(in.Args, "--from=") && strings.Contains(in.Args, "web/dist") {
				copiedDist = true
			}
			if in.Cmd == "RUN" && strings.Contains(in.Args, "go build") {
				found = true
				if !copiedDist {
					t.Errorf("line %d runs go build before web/dist is copied in from the web stage", in.Line)
				}
				for _, flag := range []string{"CGO_ENABLED=0", "-trimpath", "-X main.version="} {
					if !strings.Contains(in.Args, flag) {
						t.Errorf("line %d: go build lacks %s", in.Line, flag)
					}
				}
			}
		}
	}
	if !found {
		t.Error("no stage runs go build")
	}

	// A stale local web/dist must not reach the image through the build context.
	b, err := os.ReadFile(filepath.Join(root, ".dockerignore"))
	if err != nil {
		t.Fatal(err)
	}
	ignored := strings.Fields(string(b))
	for _, want := range []string{"web/dist", ".git", ".data"} {
		if !slices.Contains(ignored, want) {
			t.Errorf(".dockerignore does not exclude %s", want)
		}
	}
	if !slices.Contains(ignored, "node_modules") && !slices.Contains(ignored, "**/node_modules") {
		t.Error(".dockerignore does not exclude node_modules")
	}
}
